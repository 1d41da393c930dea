import { z } from 'zod';
import { defineAction } from '../../core/registry';
import { fields } from '../../core/validation';
import { changeMemberPassword, loginMember } from './member-login';
import { closeSession } from './sessions';

const login = defineAction({
  name: 'auth.login',
  access: 'public',
  input: z.strictObject({ phone: fields.phoneInput, password: fields.password }),
  handler: (input, ctx) => loginMember(ctx, input.phone, input.password),
});

const changePassword = defineAction({
  name: 'auth.changePassword',
  access: 'member',
  allowPendingPasswordChange: true,
  input: z.strictObject({ currentPassword: fields.password, newPassword: fields.password }),
  handler: (input, ctx) => changeMemberPassword(ctx, input.currentPassword, input.newPassword),
});

const logout = defineAction({
  name: 'auth.logout',
  access: 'member',
  allowPendingPasswordChange: true,
  input: z.strictObject({}),
  handler: async (_input, ctx) => {
    await closeSession(ctx.deps, ctx.principal.sessionId);
    return { loggedOut: true as const };
  },
});

export const authActions = [login, changePassword, logout];
