import { z } from 'zod';
import { defineAction } from '../../core/registry';
import { fields } from '../../core/validation';
import { resetPasswordByWechat } from './forgot-password';
import { bindWechat, unbindWechat, wechatLogin, wechatStatus } from './wechat';

// Every input is an empty strict object: the OPENID comes from the call's context, and a
// body that tries to name one is refused rather than silently ignored.
const bind = defineAction({
  name: 'account.bindWechat',
  access: 'member',
  input: z.strictObject({}),
  handler: (_input, ctx) => bindWechat(ctx),
});

const unbind = defineAction({
  name: 'account.unbindWechat',
  access: 'member',
  input: z.strictObject({}),
  handler: (_input, ctx) => unbindWechat(ctx),
});

const status = defineAction({
  name: 'account.wechatStatus',
  access: 'member',
  input: z.strictObject({}),
  handler: (_input, ctx) => wechatStatus(ctx),
});

const login = defineAction({
  name: 'auth.wechatLogin',
  access: 'public',
  input: z.strictObject({}),
  handler: (_input, ctx) => wechatLogin(ctx),
});

// 忘记密码: public, since the member is logged out; the OPENID's binding is the identity.
const forgot = defineAction({
  name: 'auth.resetPasswordByWechat',
  access: 'public',
  input: z.strictObject({ newPassword: fields.password }),
  handler: (input, ctx) => resetPasswordByWechat(ctx, input.newPassword),
});

export const accountActions = [bind, unbind, status, login, forgot];
