/** What the backend asks of WeChat's open API: mini-program codes and subscription messages. */
export interface MiniProgramCodes {
  /**
   * A PNG mini-program code (wxacode.getUnlimited) that opens `page` with `scene`; `page` has
   * no leading slash, `scene` at most 32 characters. Rejects with the platform's error.
   */
  unlimited(request: {
    scene: string;
    page: string;
    envVersion: 'release' | 'trial' | 'develop';
  }): Promise<{ contentType: string; bytes: Buffer }>;
}

/** Which build a subscription message opens (WeChat's own names for the three). */
export type MiniProgramState = 'formal' | 'trial' | 'developer';

/**
 * One subscription message (subscribeMessage.send). `data` maps the template's field keys
 * (`thing1`, `date2`, ...) to their values; `page` has no leading slash.
 */
export interface SubscriptionMessage {
  /** The member's OPENID for this mini-program. */
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  miniprogramState: MiniProgramState;
}

/** Sends subscription messages; rejects with `SubscriptionMessageError` when WeChat refuses. */
export interface SubscriptionMessages {
  send(message: SubscriptionMessage): Promise<void>;
}

/** WeChat refused a send; `errCode` is the platform's (43101: no acceptance left). */
export class SubscriptionMessageError extends Error {
  constructor(
    readonly errCode: string,
    message: string,
  ) {
    super(`subscribeMessage.send failed (${errCode}): ${message}`);
    this.name = 'SubscriptionMessageError';
  }
}
