import { z } from 'zod';
import { defineAction } from '../../core/registry';
import { fields } from '../../core/validation';
import { listOutbox } from './outbox';
import { acceptReminder, reminderStatus } from './subscriptions';

/** The secretariat answers members' questions about reminders; the super-admin sees all. */
const OUTBOX_ROLES = ['superAdmin', 'secretariat'] as const;

const accept = defineAction({
  name: 'dues.reminders.accept',
  access: 'member',
  input: z.strictObject({ templateId: z.string().trim().min(1).max(128) }),
  handler: (input, ctx) => acceptReminder(ctx, input.templateId),
});

const status = defineAction({
  name: 'dues.reminders.status',
  access: 'member',
  input: z.strictObject({}),
  handler: (_input, ctx) => reminderStatus(ctx),
});

const outbox = defineAction({
  name: 'admin.reminders.outbox',
  access: 'admin',
  roles: OUTBOX_ROLES,
  input: z.strictObject({
    page: fields.page,
    pageSize: fields.pageSize,
  }),
  handler: (input, { deps }) => listOutbox(deps, input.page ?? 1, input.pageSize ?? 20),
});

export const reminderActions = [accept, status, outbox];
