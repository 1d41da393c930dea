import { z } from 'zod';
import { SERVICE_APPLICATION_STATUSES } from '../../../typings';
import { charCount, hasControl, hasLoneSurrogate, visibleCount } from '../../core/text';
import { pagingInput, requestIdInput } from '../../core/validation';

// The run-time checks of 服务's requests. Texts are plain text, counted as members count
// characters (an emoji is one), and never silently cut.

export const MAX_ATTACHMENTS = 9;

/**
 * A plain text of `min`-`max` characters, trimmed. `lines: 'one'` (a name) refuses every
 * control character; `'many'` (a description, a reply) allows line breaks and tabs only.
 */
function plainText(label: string, min: number, max: number, lines: 'one' | 'many') {
  const range = min > 0 ? `${label}应为${min}-${max}个字` : `${label}不能超过${max}个字`;
  return (
    z
      .string({ error: min > 0 ? `请填写${label}` : `${label}的格式不正确` })
      .trim()
      .refine((t) => min === 0 || visibleCount(t) > 0, `请填写${label}`)
      // At least `min` characters one can see: zero-width ones do not make an application.
      .refine((t) => t === '' || (visibleCount(t) >= min && charCount(t) <= max), range)
      .refine(
        (t) => !hasControl(t, lines) && !hasLoneSurrogate(t),
        lines === 'one'
          ? `${label}只能是一行文字，不能包含无法显示的字符`
          : `${label}不能包含无法显示的字符`,
      )
  );
}

const id = (message: string) => z.string({ error: message }).min(1, message).max(64, message);
export const serviceId = id('该服务不存在或已停止受理');
export const applicationId = id('未找到该服务申请');

export const listInput = z.strictObject({});

export const applyInput = z.strictObject({
  serviceId,
  text: plainText('申请内容', 5, 1000, 'many'),
  attachmentFileIds: z
    .array(z.string({ error: '附件的格式不正确' }).min(1).max(64), { error: '附件的格式不正确' })
    .max(MAX_ATTACHMENTS, `附件最多${MAX_ATTACHMENTS}个`)
    .refine((ids) => new Set(ids).size === ids.length, '同一个附件不能重复添加'),
  requestId: requestIdInput,
});

export const ownApplicationsInput = z.strictObject(pagingInput);

export const saveServiceInput = z.strictObject({
  serviceId: serviceId.optional(),
  name: plainText('服务名称', 2, 50, 'one'),
  description: plainText('服务说明', 0, 1000, 'many'),
  requirements: plainText('申请要求', 0, 500, 'many'),
  active: z.boolean({ error: '请选择是否受理申请' }),
  requestId: requestIdInput,
});

export const adminApplicationsInput = z.strictObject({
  status: z.enum(SERVICE_APPLICATION_STATUSES, { error: '申请状态无效' }).optional(),
  serviceId: serviceId.optional(),
  ...pagingInput,
});

/**
 * 处理: a reply (2-500 characters) is required to complete or reject; `invalid` goes with a
 * rejection only. Each refusal names its field.
 */
export const processInput = z
  .strictObject({
    applicationId,
    status: z.enum(['accepted', 'completed', 'rejected'], { error: '请选择处理结果' }),
    reply: plainText('回复内容', 2, 500, 'many').optional(),
    invalid: z.boolean({ error: '是否无效申请的格式不正确' }).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.status !== 'accepted' && input.reply === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['reply'],
        message: input.status === 'completed' ? '办结时请填写回复' : '驳回时请填写驳回理由',
      });
    }
    if (input.invalid === true && input.status !== 'rejected') {
      ctx.addIssue({ code: 'custom', path: ['invalid'], message: '只有驳回时才能标记为无效申请' });
    }
  });
