/**
 * What the backend asks of WeChat's open API: mini-program codes, subscription messages and
 * the content check of what members write.
 */
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

/** WeChat's verdict on a text (msgSecCheck version 2): fine, a person should look, refused. */
export type ContentSuggestion = 'pass' | 'review' | 'risky';

/** msgSecCheck's scenes: 1 资料, 2 评论, 3 论坛, 4 社交日志. */
export type ContentScene = 1 | 2 | 3 | 4;

/**
 * WeChat's content check (security.msgSecCheck, version 2). `openid` is the writer's, who
 * must have used the mini-program within two hours; `content` at most 2500 characters.
 * Rejects with `ContentCheckError` when the check itself fails (a verdict is no failure).
 */
export interface ContentSecurity {
  checkText(request: {
    openid: string;
    scene: ContentScene;
    content: string;
  }): Promise<{ suggest: ContentSuggestion; label: string | null }>;
}

/** The check could not be made; `errCode` is the platform's (40003: an unknown OPENID). */
export class ContentCheckError extends Error {
  constructor(
    readonly errCode: string,
    message: string,
  ) {
    super(`security.msgSecCheck failed (${errCode}): ${message}`);
    this.name = 'ContentCheckError';
  }
}
