import { z } from 'zod';
import { defineAction } from '../../core/registry';
import { cancelQrLogin, confirmQrLogin, scanQrLogin } from './qr-login-member';
import { pollQrLogin, startQrLogin } from './qr-login';

// Ids and tokens are checked for shape only here; an unknown one is answered by the domain
// exactly as a wrong one is, so the schema's own message never tells the two apart.
const loginId = z.string().min(1).max(64);
const pollToken = z.string().min(1).max(128);

const start = defineAction({
  name: 'auth.qrLogin.start',
  access: 'public',
  input: z.strictObject({}),
  handler: (_input, ctx) => startQrLogin(ctx),
});

const poll = defineAction({
  name: 'auth.qrLogin.poll',
  access: 'public',
  input: z.strictObject({ loginId, pollToken }),
  handler: (input, ctx) => pollQrLogin(ctx, input.loginId, input.pollToken),
});

// The member's side: the OPENID comes from the call's context and must be bound to them.
const scan = defineAction({
  name: 'account.qrLogin.scan',
  access: 'member',
  input: z.strictObject({ loginId }),
  handler: (input, ctx) => scanQrLogin(ctx, input.loginId),
});

const confirm = defineAction({
  name: 'account.qrLogin.confirm',
  access: 'member',
  input: z.strictObject({ loginId }),
  handler: (input, ctx) => confirmQrLogin(ctx, input.loginId),
});

const cancel = defineAction({
  name: 'account.qrLogin.cancel',
  access: 'member',
  input: z.strictObject({ loginId }),
  handler: (input, ctx) => cancelQrLogin(ctx, input.loginId),
});

export const qrLoginActions = [start, poll, scan, confirm, cancel];
