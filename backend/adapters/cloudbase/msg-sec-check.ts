/**
 * WeChat's content check over `cloud.openapi.security.msgSecCheck` of wx-server-sdk, version
 * 2: `{ openid, scene, version: 2, content }` in, a verdict `result: { suggest, label }` out
 * (`label` a number, 100 for normal text). As with the other open APIs (WECHAT-FACTS.md,
 * "Open APIs"), a failure arrives thrown as `{ errCode, errMsg }` or answered with a non-zero
 * `errCode` (or `errcode`), and the payload may sit under a further `result`: all are read
 * here. Neither the OPENID nor the text goes into an error, since errors reach the log.
 */
import {
  ContentCheckError,
  type ContentSecurity,
  type ContentSuggestion,
} from '../../ports/wechat';

/** The part of wx-server-sdk's `cloud` this adapter uses; results are narrowed here. */
export interface CloudSecurityApi {
  openapi: {
    security: { msgSecCheck(request: Record<string, unknown>): Promise<unknown> };
  };
}

type Loose = Record<string, unknown>;

const SUGGESTIONS: readonly ContentSuggestion[] = ['pass', 'review', 'risky'];
/** The first version's answer to a risky text, which some SDK builds still give. */
const RISKY_CODE = '87014';

const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null;

/** The answer's own fields, wherever the SDK put them. */
function unwrap(answer: unknown): Loose {
  if (!isObject(answer)) return {};
  const inner = answer.result;
  return isObject(inner) && ('errCode' in inner || 'errcode' in inner) ? inner : answer;
}

function errorCodeOf(fields: Loose): string | null {
  const code = fields.errCode ?? fields.errcode;
  if (code === undefined || code === null || code === 0 || code === '0') return null;
  return String(code);
}

function errorMessageOf(fields: Loose): string {
  const message = fields.errMsg ?? fields.errmsg ?? fields.message;
  return typeof message === 'string' ? message : 'no message';
}

/** The combined verdict `result: { suggest, label }`; null when the answer holds none. */
function verdictOf(fields: Loose): { suggest: ContentSuggestion; label: string | null } | null {
  const outer = fields.result;
  const result = isObject(outer) && isObject(outer.result) ? outer.result : outer;
  if (!isObject(result)) return null;
  const suggest = SUGGESTIONS.find((s) => s === result.suggest);
  if (!suggest) return null;
  const label = result.label;
  return {
    suggest,
    label: typeof label === 'number' || typeof label === 'string' ? String(label) : null,
  };
}

/** `ContentSecurity` over the cloud's open API (the function's config.json grants it). */
export function createCloudContentSecurity(cloud: CloudSecurityApi): ContentSecurity {
  return {
    async checkText({ openid, scene, content }) {
      // What WeChat says back is the platform's, but keep the caller's own words out of it.
      const scrub = (message: string) =>
        message.split(openid).join('[openid]').split(content).join('[content]');
      let answer: unknown;
      try {
        answer = await cloud.openapi.security.msgSecCheck({ openid, scene, version: 2, content });
      } catch (error) {
        const fields = isObject(error) ? error : {};
        const code = errorCodeOf(fields);
        if (code === RISKY_CODE) return { suggest: 'risky', label: null };
        throw new ContentCheckError(code ?? 'thrown', scrub(errorMessageOf(fields)));
      }

      const fields = unwrap(answer);
      const code = errorCodeOf(fields);
      if (code === RISKY_CODE) return { suggest: 'risky', label: null };
      if (code !== null) throw new ContentCheckError(code, scrub(errorMessageOf(fields)));
      const verdict = verdictOf(fields);
      if (!verdict) throw new ContentCheckError('no-result', 'the answer holds no verdict');
      return verdict;
    },
  };
}
