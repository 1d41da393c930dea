import type { AdminRole } from '../../typings';
import type { DocumentStore } from '../ports/store';
import type { FileStore } from '../ports/files';
import type { ContentSecurity, MiniProgramCodes, SubscriptionMessages } from '../ports/wechat';
import type { Clock } from './clock';
import type { Logger } from './logger';

/** How a call reached the backend. */
export type TransportKind = 'callFunction' | 'http' | 'timer' | 'inProcess';

/**
 * What a transport knows about the caller. `openid` comes only from WeChat's own context
 * (or, locally, from the simulation header when SIMULATE_WECHAT=1), never from the body.
 */
export interface Caller {
  transport: TransportKind;
  openid: string | null;
  token: string | null;
  /** The caller's address, for rate limits; null where the platform does not say. */
  clientIp: string | null;
  requestId: string;
}

export interface AnonymousPrincipal {
  kind: 'anonymous';
}

export interface MemberPrincipal {
  kind: 'member';
  memberId: string;
  sessionId: string;
  mustChangePassword: boolean;
}

export interface AdminPrincipal {
  kind: 'admin';
  adminId: string;
  username: string;
  role: AdminRole;
  sessionId: string;
  mustChangePassword: boolean;
}

export type Principal = AnonymousPrincipal | MemberPrincipal | AdminPrincipal;

/** Limits and switches that differ between deployments. */
export interface BackendConfig {
  /** How long a session lives, in hours. */
  sessionTtlHours: number;
  /** Failed logins on one account within the window that lock it. */
  lockoutThreshold: number;
  lockoutWindowMinutes: number;
  lockoutMinutes: number;
  /** Login attempts allowed from one address per minute (a hospital's staff share one). */
  loginAttemptsPerMinutePerAddress: number;
  /**
   * The PC portal's public address (e.g. https://member.example.org.cn), without a trailing
   * slash: certificates' verification links and local 扫码登录 codes point into it. Null
   * where none is configured; the features that need it then refuse with NOT_CONFIGURED.
   */
  portalUrl: string | null;
  /** Which mini-program version a 扫码登录 code opens (wxacode `envVersion`). */
  miniProgramEnvVersion: 'release' | 'trial' | 'develop';
  /** The subscription message template of 会费到期提醒 (公众平台 → 订阅消息); null: none. */
  reminderTemplateId: string | null;
  /** The subscription message template of 入会审核结果; null: applicants are not asked. */
  applicationResultTemplateId: string | null;
}

export const DEFAULT_CONFIG: BackendConfig = {
  sessionTtlHours: 24 * 7,
  lockoutThreshold: 5,
  lockoutWindowMinutes: 15,
  lockoutMinutes: 15,
  loginAttemptsPerMinutePerAddress: 120,
  portalUrl: null,
  miniProgramEnvVersion: 'release',
  reminderTemplateId: null,
  applicationResultTemplateId: null,
};

/** Everything the domain needs from the outside world: the ports and the config. */
export interface BackendDeps {
  store: DocumentStore;
  files: FileStore;
  clock: Clock;
  logger: Logger;
  config: BackendConfig;
  /** WeChat's mini-program codes; absent off WeChat Cloud, where a plain QR code stands in. */
  miniProgramCodes?: MiniProgramCodes;
  /** WeChat's subscription messages; absent off WeChat Cloud, where reminders stay unsent. */
  subscriptionMessages?: SubscriptionMessages;
  /** WeChat's content check of members' texts; absent off WeChat Cloud: texts go unchecked. */
  contentSecurity?: ContentSecurity;
}

/** What an action handler is given. `now` is read once per call so one call sees one time. */
export interface ActionContext<P extends Principal = Principal> {
  deps: BackendDeps;
  caller: Caller;
  principal: P;
  now: Date;
}
