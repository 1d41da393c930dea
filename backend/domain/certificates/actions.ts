import { z } from 'zod';
import { defineAction } from '../../core/registry';
import { normalizeVerifyCode, VERIFY_CODE_PATTERN } from './codes';
import { ownCertificate } from './issue';
import { readSealImage, setSeal } from './seal';
import { verifyCertificate } from './verify';

/** The seal belongs to the society's profile, which only the super-admin edits. */
const SEAL_ROLES = ['superAdmin'] as const;

// The member's own certificate only: the input takes no id, and a strict input refuses one.
const certificate = defineAction({
  name: 'member.certificate',
  access: 'member',
  input: z.strictObject({}),
  handler: (_input, ctx) => ownCertificate(ctx),
});

const verify = defineAction({
  name: 'cert.verify',
  access: 'public',
  input: z.strictObject({
    code: z
      .string()
      .max(64, '验证码格式不正确')
      .transform(normalizeVerifyCode)
      .pipe(z.string().regex(VERIFY_CODE_PATTERN, '验证码格式不正确，请核对二维码')),
  }),
  handler: (input, ctx) => verifyCertificate(ctx, input.code),
});

const setSealAction = defineAction({
  name: 'admin.society.setSeal',
  access: 'admin',
  roles: SEAL_ROLES,
  input: z.strictObject({ fileId: z.string().min(1).max(64).nullable() }),
  handler: (input, ctx) => setSeal(ctx, input.fileId),
});

const seal = defineAction({
  name: 'admin.society.seal',
  access: 'admin',
  roles: SEAL_ROLES,
  input: z.strictObject({}),
  handler: async (_input, { deps }) => {
    const sealImage = await readSealImage(deps);
    return { hasSeal: sealImage !== null, sealImage };
  },
});

export const certificateActions = [certificate, verify, setSealAction, seal];
