/**
 * Mini-program codes over `cloud.openapi.wxacode.getUnlimited` of wx-server-sdk. The cloud
 * call takes the HTTPS API's parameters in camelCase (`checkPath`, `envVersion`). Sources
 * disagree on the answer (WECHAT-FACTS.md, "Open APIs"): `{ buffer, contentType, errCode }`
 * directly, or the same under `result`; an error is thrown as `{ errCode, errMsg }` or, from
 * some versions, answered with a non-zero `errCode` (or `errcode`). All of these are read here.
 */
import type { MiniProgramCodes } from '../../ports/wechat';

/** The part of wx-server-sdk's `cloud` this adapter uses; results are narrowed here. */
export interface CloudOpenApi {
  openapi: {
    wxacode: { getUnlimited(request: Record<string, unknown>): Promise<unknown> };
  };
}

/** The platform's refusal, with its code kept for the log. */
export class WxacodeError extends Error {
  constructor(
    readonly errCode: number | string,
    message: string,
  ) {
    super(`wxacode.getUnlimited failed (${String(errCode)}): ${message}`);
    this.name = 'WxacodeError';
  }
}

type Loose = Record<string, unknown>;

const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null;

/** The answer's own fields, wherever the SDK put them. */
function unwrap(answer: unknown): Loose {
  if (!isObject(answer)) return {};
  const inner = answer.result;
  return isObject(inner) && ('buffer' in inner || 'errCode' in inner || 'errcode' in inner)
    ? inner
    : answer;
}

function errorCodeOf(fields: Loose): number | string | null {
  const code = fields.errCode ?? fields.errcode;
  if (code === undefined || code === null || code === 0 || code === '0') return null;
  return typeof code === 'number' || typeof code === 'string' ? code : String(code);
}

function errorMessageOf(fields: Loose): string {
  const message = fields.errMsg ?? fields.errmsg ?? fields.message;
  return typeof message === 'string' ? message : 'no message';
}

/** `MiniProgramCodes` over the cloud's open API (the function's config.json grants it). */
export function createCloudMiniProgramCodes(cloud: CloudOpenApi): MiniProgramCodes {
  return {
    async unlimited({ scene, page, envVersion }) {
      let answer: unknown;
      try {
        answer = await cloud.openapi.wxacode.getUnlimited({
          scene,
          page,
          envVersion,
          // Trial and develop builds open pages the release does not have yet.
          checkPath: envVersion === 'release',
        });
      } catch (error) {
        const fields = isObject(error) ? error : {};
        throw new WxacodeError(errorCodeOf(fields) ?? 'thrown', errorMessageOf(fields));
      }

      const fields = unwrap(answer);
      const code = errorCodeOf(fields);
      if (code !== null) throw new WxacodeError(code, errorMessageOf(fields));
      const buffer = fields.buffer;
      if (!(buffer instanceof Uint8Array) || buffer.length === 0) {
        throw new WxacodeError('no-buffer', 'the answer holds no image');
      }
      const contentType = typeof fields.contentType === 'string' ? fields.contentType : '';
      return { contentType: contentType || 'image/png', bytes: Buffer.from(buffer) };
    },
  };
}
