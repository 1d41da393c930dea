import type { ActionContext } from '../../core/context';
import { AppError } from '../../core/errors';
import type { FeedbackDoc } from './model';

/** msgSecCheck's scene for what a user writes for others to read: 2, 评论. */
const COMMENT_SCENE = 2;
export const RISKY_TEXT = '内容可能含有不当信息，请修改后再提交';

/**
 * WeChat's content check of a suggestion, where one can run: in the cloud, with the writer's
 * OPENID (a call from the mini-program). A risky text is refused on `text`; a text WeChat
 * wants a person to see is kept as `review`. Where no check can run, or the check itself
 * fails, the text is kept `unchecked` (the member's words are not lost to an outage) and the
 * failure goes to the log: never the text, never the OPENID.
 */
export async function checkFeedbackText(
  ctx: ActionContext,
  text: string,
): Promise<{ check: FeedbackDoc['check']; label: string | null }> {
  const port = ctx.deps.contentSecurity;
  const openid = ctx.caller.openid;
  if (!port || !openid) return { check: 'unchecked', label: null };

  let verdict: Awaited<ReturnType<typeof port.checkText>>;
  try {
    verdict = await port.checkText({ openid, scene: COMMENT_SCENE, content: text });
  } catch (error) {
    const scrub = (value: string) =>
      value.split(openid).join('[openid]').split(text).join('[text]');
    ctx.deps.logger.log('warn', 'feedback_check_failed', {
      requestId: ctx.caller.requestId,
      error:
        error instanceof Error ? { name: error.name, message: scrub(error.message) } : 'thrown',
    });
    return { check: 'unchecked', label: null };
  }

  if (verdict.suggest === 'risky') {
    throw new AppError('INVALID_INPUT', RISKY_TEXT, {
      field: 'text',
      detail: { label: verdict.label },
    });
  }
  return verdict.suggest === 'review'
    ? { check: 'review', label: verdict.label }
    : { check: 'passed', label: null };
}
