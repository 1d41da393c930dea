import { z } from 'zod';
import { ADMIN_ROLES } from '../../../typings';
import { ANY_ADMIN, defineAction } from '../../core/registry';
import { fields } from '../../core/validation';
import {
  changeAdminPassword,
  createAdmin,
  currentAdmin,
  listAdmins,
  loginAdmin,
  logoutAdmin,
  resetAdminPassword,
  setAdminDisabled,
} from './accounts';

const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, '账号名为3-32位字母、数字、下划线，以字母开头')
  .transform((name) => name.toLowerCase());

const SUPER = ['superAdmin'] as const;

export const adminActions = [
  defineAction({
    name: 'admin.login',
    access: 'public',
    input: z.strictObject({
      username: z.string().trim().min(1).max(32).toLowerCase(),
      password: fields.password,
    }),
    handler: (input, ctx) => loginAdmin(ctx, input.username, input.password),
  }),
  defineAction({
    name: 'admin.logout',
    access: 'admin',
    roles: ANY_ADMIN,
    allowPendingPasswordChange: true,
    input: z.strictObject({}),
    handler: (_input, ctx) => logoutAdmin(ctx),
  }),
  defineAction({
    name: 'admin.me',
    access: 'admin',
    roles: ANY_ADMIN,
    allowPendingPasswordChange: true,
    input: z.strictObject({}),
    handler: (_input, ctx) => currentAdmin(ctx),
  }),
  defineAction({
    name: 'admin.changePassword',
    access: 'admin',
    roles: ANY_ADMIN,
    allowPendingPasswordChange: true,
    input: z.strictObject({ currentPassword: fields.password, newPassword: fields.password }),
    handler: (input, ctx) => changeAdminPassword(ctx, input.currentPassword, input.newPassword),
  }),
  defineAction({
    name: 'admin.accounts.list',
    access: 'admin',
    roles: SUPER,
    input: z.strictObject({}),
    handler: (_input, ctx) => listAdmins(ctx.deps),
  }),
  defineAction({
    name: 'admin.accounts.create',
    access: 'admin',
    roles: SUPER,
    input: z.strictObject({
      username,
      displayName: z.string().trim().min(1, '请输入姓名').max(30, '姓名不能超过30个字'),
      role: z.enum(ADMIN_ROLES),
    }),
    handler: (input, ctx) => createAdmin(ctx, input),
  }),
  defineAction({
    name: 'admin.accounts.setDisabled',
    access: 'admin',
    roles: SUPER,
    input: z.strictObject({ username, disabled: z.boolean() }),
    handler: (input, ctx) => setAdminDisabled(ctx, input.username, input.disabled),
  }),
  defineAction({
    name: 'admin.accounts.resetPassword',
    access: 'admin',
    roles: SUPER,
    input: z.strictObject({ username }),
    handler: (input, ctx) => resetAdminPassword(ctx, input.username),
  }),
];
