/**
 * Subscription messages over `cloud.openapi.subscribeMessage.send` of wx-server-sdk. The cloud
 * call takes camelCase parameters (`templateId`, `miniprogramState`). A refusal arrives in one
 * of two shapes (WECHAT-FACTS.md, "Open APIs"): thrown as `{ errCode, errMsg }`, or answered
 * with a non-zero `errCode` (or `errcode`), directly or under `result`. Both are read here and
 * become a `SubscriptionMessageError`. The OPENID goes to WeChat only, never into an error.
 */
import { SubscriptionMessageError, type SubscriptionMessages } from '../../ports/wechat';

/** The part of wx-server-sdk's `cloud` this adapter uses; results are narrowed here. */
export interface CloudSubscribeApi {
  openapi: {
    subscribeMessage: { send(request: Record<string, unknown>): Promise<unknown> };
  };
}

type Loose = Record<string, unknown>;

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

/** `SubscriptionMessages` over the cloud's open API (the function's config.json grants it). */
export function createCloudSubscriptionMessages(cloud: CloudSubscribeApi): SubscriptionMessages {
  return {
    async send({ touser, templateId, page, data, miniprogramState }) {
      let answer: unknown;
      try {
        answer = await cloud.openapi.subscribeMessage.send({
          touser,
          templateId,
          page,
          data,
          miniprogramState,
          lang: 'zh_CN',
        });
      } catch (error) {
        const fields = isObject(error) ? error : {};
        throw new SubscriptionMessageError(errorCodeOf(fields) ?? 'thrown', errorMessageOf(fields));
      }
      const code = errorCodeOf(unwrap(answer));
      if (code !== null) throw new SubscriptionMessageError(code, errorMessageOf(unwrap(answer)));
    },
  };
}
