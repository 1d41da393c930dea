import { z } from 'zod';
import { defineAction } from '../../core/registry';
import { pagingInput, requestIdInput } from '../../core/validation';
import { listAdminFeedback, replyToFeedback } from './admin';
import { listOwnFeedback, viewOwnFeedback } from './member';
import { submitFeedback } from './submit';
import { charCount, hasLoneSurrogate, visibleCount } from '../../core/text';

// 客服中心 → 意见建议: members write suggestions and read the replies to their own; the
// secretariat and the super-admin read them all and reply.

const HANDLERS = ['superAdmin', 'secretariat'] as const;
const MIN_TEXT = 5;
const MAX_TEXT = 500;
const MAX_PICTURES = 3;

const feedbackId = z.string({ error: '未找到该条意见建议' }).min(1).max(64);

const submitInput = z.strictObject({
  text: z
    .string({ error: '请填写意见建议' })
    .trim()
    .refine((t) => visibleCount(t) > 0, '请填写意见建议')
    .refine((t) => visibleCount(t) >= MIN_TEXT, `意见建议至少需要${MIN_TEXT}个字`)
    .refine((t) => charCount(t) <= MAX_TEXT, `意见建议不能超过${MAX_TEXT}个字`)
    .refine((t) => !hasLoneSurrogate(t), '意见建议不能包含无法显示的字符'),
  pictureFileIds: z
    .array(z.string().min(1).max(64), { error: '图片的格式不正确' })
    .max(MAX_PICTURES, `最多上传${MAX_PICTURES}张图片`)
    .refine((ids) => new Set(ids).size === ids.length, '同一张图片不能重复添加'),
  contact: z
    .string({ error: '联系方式的格式不正确' })
    .trim()
    .max(50, '联系方式不能超过50个字')
    .nullable()
    .optional()
    .transform((c) => (c ? c : null)),
  requestId: requestIdInput,
});

export const feedbackActions = [
  defineAction({
    name: 'feedback.submit',
    access: 'member',
    input: submitInput,
    handler: (input, ctx) => submitFeedback(ctx, input),
  }),
  defineAction({
    name: 'feedback.list',
    access: 'member',
    input: z.strictObject(pagingInput),
    handler: (input, ctx) => listOwnFeedback(ctx, input),
  }),
  defineAction({
    name: 'feedback.view',
    access: 'member',
    input: z.strictObject({ feedbackId }),
    handler: (input, ctx) => viewOwnFeedback(ctx, input.feedbackId),
  }),
  defineAction({
    name: 'admin.feedback.list',
    access: 'admin',
    roles: HANDLERS,
    input: z.strictObject({ replied: z.boolean().optional(), ...pagingInput }),
    handler: (input, ctx) => listAdminFeedback(ctx.deps, input),
  }),
  defineAction({
    name: 'admin.feedback.reply',
    access: 'admin',
    roles: HANDLERS,
    input: z.strictObject({
      feedbackId,
      reply: z
        .string({ error: '请填写回复内容' })
        .trim()
        .min(2, '回复内容应为2-500个字')
        .refine((t) => charCount(t) <= MAX_TEXT, '回复内容应为2-500个字'),
    }),
    handler: (input, ctx) => replyToFeedback(ctx, input),
  }),
];
