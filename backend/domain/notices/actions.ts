import { z } from 'zod';
import { defineAction } from '../../core/registry';
import { pagingInput, requestIdInput } from '../../core/validation';
import { htmlInput, idInput, statusFilter, titleInput } from '../content/input';
import {
  changeStatus,
  exportNotice,
  getAdminNotice,
  listAdminNotices,
  noticeReaders,
  saveNotice,
} from './admin';
import { listNotices, replyToNotice, viewNotice } from './member';

// 通知: members read and answer published notices; the secretariat and the super-admin write,
// publish and withdraw them, see who read and replied, and export the replies.

const EDITORS = ['superAdmin', 'secretariat'] as const;
const noticeId = idInput('通知不存在');

const option = z
  .string({ error: '选项的格式不正确' })
  .trim()
  .min(1, '选项不能为空')
  .max(20, '每个选项不能超过20个字');

/** The reply form: choices need 2-6 distinct options; others none. */
const replyForm = z
  .strictObject({
    kind: z.enum(['none', 'choice', 'text'], { error: '请选择反馈方式' }),
    options: z.array(option).max(6, '选项最多6个'),
    deadline: z.iso.datetime({ error: '截止时间的格式不正确', offset: true }).nullable(),
  })
  .refine((form) => form.kind !== 'choice' || form.options.length >= 2, {
    message: '选择题至少需要2个选项',
    path: ['options'],
  })
  .refine((form) => new Set(form.options).size === form.options.length, {
    message: '选项不能重复',
    path: ['options'],
  })
  .transform((form) => ({
    ...form,
    options: form.kind === 'choice' ? form.options : [],
    deadline:
      form.kind === 'none' || form.deadline === null ? null : new Date(form.deadline).toISOString(),
  }));

const saveInput = z.strictObject({
  noticeId: noticeId.optional(),
  title: titleInput,
  html: htmlInput(),
  attachmentFileIds: z
    .array(z.string().min(1).max(64), { error: '附件的格式不正确' })
    .max(9, '附件最多9个')
    .refine((ids) => new Set(ids).size === ids.length, '同一个附件不能重复添加'),
  reply: replyForm,
  requestId: requestIdInput,
});

export const noticeActions = [
  defineAction({
    name: 'notices.list',
    access: 'member',
    input: z.strictObject(pagingInput),
    handler: (input, ctx) => listNotices(ctx, input),
  }),
  defineAction({
    name: 'notices.view',
    access: 'member',
    input: z.strictObject({ noticeId }),
    handler: (input, ctx) => viewNotice(ctx, input.noticeId),
  }),
  defineAction({
    name: 'notices.feedback',
    access: 'member',
    input: z.strictObject({
      noticeId,
      choice: z.string().max(20).optional(),
      text: z.string().max(2000, '反馈内容不能超过500个字').optional(),
    }),
    handler: (input, ctx) => replyToNotice(ctx, input),
  }),
  defineAction({
    name: 'admin.notices.list',
    access: 'admin',
    roles: EDITORS,
    input: z.strictObject({ status: statusFilter, ...pagingInput }),
    handler: (input, ctx) => listAdminNotices(ctx.deps, input),
  }),
  defineAction({
    name: 'admin.notices.get',
    access: 'admin',
    roles: EDITORS,
    input: z.strictObject({ noticeId }),
    handler: (input, ctx) => getAdminNotice(ctx.deps, input.noticeId),
  }),
  defineAction({
    name: 'admin.notices.save',
    access: 'admin',
    roles: EDITORS,
    input: saveInput,
    handler: (input, ctx) => saveNotice(ctx, input),
  }),
  defineAction({
    name: 'admin.notices.publish',
    access: 'admin',
    roles: EDITORS,
    input: z.strictObject({ noticeId }),
    handler: (input, ctx) => changeStatus(ctx, input.noticeId, 'published'),
  }),
  defineAction({
    name: 'admin.notices.withdraw',
    access: 'admin',
    roles: EDITORS,
    input: z.strictObject({ noticeId }),
    handler: (input, ctx) => changeStatus(ctx, input.noticeId, 'withdrawn'),
  }),
  defineAction({
    name: 'admin.notices.readers',
    access: 'admin',
    roles: EDITORS,
    input: z.strictObject({ noticeId, repliedOnly: z.boolean().optional(), ...pagingInput }),
    handler: (input, ctx) => noticeReaders(ctx.deps, input),
  }),
  defineAction({
    name: 'admin.notices.export',
    access: 'admin',
    roles: EDITORS,
    input: z.strictObject({ noticeId }),
    handler: (input, ctx) => exportNotice(ctx, input.noticeId),
  }),
];
