import { z } from 'zod';
import { ANY_ADMIN, defineAction } from '../../core/registry';
import { societyProfileInput, updateSociety } from './profile';
import { readSociety } from './settings';

const info = defineAction({
  name: 'society.info',
  access: 'public',
  input: z.strictObject({}),
  handler: (_input, { deps }) => readSociety(deps),
});

const adminGet = defineAction({
  name: 'admin.society.get',
  access: 'admin',
  roles: ANY_ADMIN,
  input: z.strictObject({}),
  handler: (_input, { deps }) => readSociety(deps),
});

// The profile is what every member sees on the landing pages: the super-admin's to change.
const adminUpdate = defineAction({
  name: 'admin.society.update',
  access: 'admin',
  roles: ['superAdmin'],
  input: societyProfileInput,
  handler: (input, ctx) => updateSociety(ctx, input),
});

export const societyActions = [info, adminGet, adminUpdate];
