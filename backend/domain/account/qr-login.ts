import { randomBytes, randomInt } from 'node:crypto';
import QRCode from 'qrcode';
import type { LoginResult, QrLoginRequest, QrLoginStatus, QrLoginTicket } from '../../../typings';
import type { ActionContext } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Doc } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { memberLoginResult } from '../auth/credentials';
import { assertRateLimit } from '../auth/guards';
import { closeSession, hashToken, openSession } from '../auth/sessions';
import type { AccountDoc, MemberDoc } from '../members/model';
import type { WechatBindingDoc } from './wechat';

/** How long a 扫码登录 code can be scanned, confirmed and collected, in milliseconds. */
export const QR_LOGIN_TTL_MS = 3 * 60_000;
/** Codes one address may ask for per minute (a portal polls, it does not start, every 2 s). */
export const QR_LOGIN_STARTS_PER_MINUTE = 20;
/** The mini-program page a mini-program code opens, without a leading slash. */
export const QR_LOGIN_PAGE = 'pages/qr-login/index';

/** The statuses a document stores; `expired` is never stored, it is read off `expiresAt`. */
export type StoredQrLoginStatus = Exclude<QrLoginStatus, 'expired'>;

/**
 * One 扫码登录 request. `_id` is the code's scene, which anyone who sees the screen can read;
 * collecting the session needs the poll token, of which only the hash is kept. The member
 * who scanned is recorded at the scan, the hash of the confirming OPENID at the confirm.
 */
export interface QrLoginDoc extends Doc {
  pollTokenHash: string;
  status: StoredQrLoginStatus;
  createdAt: string;
  expiresAt: string;
  /** The PC's address, masked before it is stored. */
  fromAddressMasked: string | null;
  memberId: string | null;
  openidHash: string | null;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 22 base62 characters: about 131 random bits, within the scene's 32-character limit. */
const LOGIN_ID_LENGTH = 22;
/** What the id may look like when it comes back: anything else is nobody's code. */
export const LOGIN_ID_PATTERN = /^[0-9A-Za-z]{22}$/;

const UPSTREAM_MESSAGE = '暂时无法生成登录二维码，请稍后刷新重试';
const NO_PORTAL = '扫码登录尚未配置门户地址，请使用密码登录';
const NOT_FOUND = '登录二维码无效，请刷新后重试';

/** A random scene id; `randomInt` draws each character without modulo bias. */
export function newLoginId(): string {
  let id = '';
  for (let i = 0; i < LOGIN_ID_LENGTH; i += 1) id += BASE62[randomInt(BASE62.length)];
  return id;
}

/**
 * An address as a member may see it: the first half of an IPv4 address (171.88.*.*), the
 * first two groups of an IPv6 one. The full address is never stored.
 */
export function maskAddress(address: string | null): string | null {
  if (!address) return null;
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/i.exec(address);
  if (v4) return `${v4[1]}.${v4[2]}.*.*`;
  if (address.includes(':')) {
    const groups = address.split(':').filter(Boolean).slice(0, 2);
    return groups.length === 2 ? `${groups.join(':')}:*` : null;
  }
  return null;
}

/** The status a member or the PC sees: anything not finished is expired past `expiresAt`. */
export function effectiveStatus(doc: QrLoginDoc, now: Date): QrLoginStatus {
  const open = doc.status === 'pending' || doc.status === 'scanned' || doc.status === 'confirmed';
  return open && doc.expiresAt <= now.toISOString() ? 'expired' : doc.status;
}

/** The request as the mini-program shows it. */
export function requestOf(doc: QrLoginDoc, now: Date): QrLoginRequest {
  return {
    loginId: doc._id,
    status: effectiveStatus(doc, now),
    expiresAt: doc.expiresAt,
    fromAddressMasked: doc.fromAddressMasked,
    requestedAt: doc.createdAt,
  };
}

/** The code to show: a mini-program code in the cloud, a QR code of the confirm URL locally. */
async function codeFor(
  ctx: ActionContext,
  loginId: string,
): Promise<Pick<QrLoginTicket, 'codeKind' | 'image' | 'confirmUrl'>> {
  const { deps } = ctx;
  if (deps.miniProgramCodes) {
    try {
      const code = await deps.miniProgramCodes.unlimited({
        scene: loginId,
        page: QR_LOGIN_PAGE,
        envVersion: deps.config.miniProgramEnvVersion,
      });
      const type = code.contentType.startsWith('image/') ? code.contentType : 'image/png';
      const image = `data:${type};base64,${code.bytes.toString('base64')}`;
      return { codeKind: 'miniProgramCode', image, confirmUrl: null };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new AppError('UPSTREAM', UPSTREAM_MESSAGE, { detail: { wxacode: detail } });
    }
  }

  if (!deps.config.portalUrl) throw new AppError('NOT_CONFIGURED', NO_PORTAL);
  const confirmUrl = `${deps.config.portalUrl}/qr-login/${loginId}`;
  const image = await QRCode.toDataURL(confirmUrl, { errorCorrectionLevel: 'M', margin: 1 });
  return { codeKind: 'qrCode', image, confirmUrl };
}

/**
 * 扫码登录, PC side: a fresh one-time code. The code is drawn before the document is stored,
 * so a platform failure leaves nothing behind.
 */
export async function startQrLogin(ctx: ActionContext): Promise<QrLoginTicket> {
  const { deps, caller, now } = ctx;
  await assertRateLimit(deps, 'qrLogin', caller.clientIp, QR_LOGIN_STARTS_PER_MINUTE, now);

  const loginId = newLoginId();
  const code = await codeFor(ctx, loginId);
  const pollToken = randomBytes(32).toString('base64url');
  const doc: QrLoginDoc = {
    _id: loginId,
    pollTokenHash: hashToken(pollToken),
    status: 'pending',
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + QR_LOGIN_TTL_MS).toISOString(),
    fromAddressMasked: maskAddress(caller.clientIp),
    memberId: null,
    openidHash: null,
  };
  await deps.store.insert(COLLECTIONS.qrLogins, doc);
  return { loginId, pollToken, expiresAt: doc.expiresAt, ...code };
}

/**
 * 扫码登录, PC side: how the code is doing. A confirmed request is moved to `used` by one
 * guarded update, so of two polls exactly one opens the session. The session is the portal's
 * own (no OPENID on it), and it stands only while the confirming WeChat still names the member.
 */
export async function pollQrLogin(
  ctx: ActionContext,
  loginId: string,
  pollToken: string,
): Promise<{ status: QrLoginStatus; login: LoginResult | null }> {
  const { deps, caller, now } = ctx;

  // 1. The request; an unknown id and a wrong token get the same answer.
  const doc = LOGIN_ID_PATTERN.test(loginId)
    ? await deps.store.get<QrLoginDoc>(COLLECTIONS.qrLogins, loginId)
    : null;
  if (!doc || doc.pollTokenHash !== hashToken(pollToken)) {
    throw new AppError('NOT_FOUND', NOT_FOUND);
  }
  const status = effectiveStatus(doc, now);
  if (status !== 'confirmed' || !doc.memberId || !doc.openidHash) return { status, login: null };

  // 2. Collect it, once.
  const won = await deps.store.update(
    COLLECTIONS.qrLogins,
    loginId,
    { set: { status: 'used', usedAt: now.toISOString() } },
    { status: 'confirmed', expiresAt: { gt: now.toISOString() } },
  );
  if (!won) {
    const after = await deps.store.get<QrLoginDoc>(COLLECTIONS.qrLogins, loginId);
    return { status: after ? effectiveStatus(after, now) : 'expired', login: null };
  }

  // 3. The session, then the binding again: an unbind that ran meanwhile wins.
  const member = await deps.store.get<MemberDoc>(COLLECTIONS.members, doc.memberId);
  const account = member
    ? await deps.store.get<AccountDoc>(COLLECTIONS.accounts, member._id)
    : null;
  const mustChangePassword = !account?.passwordHash || account.mustChangePassword;
  const session = member
    ? await openSession(deps, { ...caller, openid: null }, now, {
        subjectKind: 'member',
        subjectId: member._id,
        mustChangePassword,
      })
    : null;
  const binding = await deps.store.get<WechatBindingDoc>(
    COLLECTIONS.wechatBindings,
    doc.openidHash,
  );
  if (!member || !session || binding?.memberId !== member._id) {
    if (session) await closeSession(deps, session.sessionId);
    await deps.store.update(COLLECTIONS.qrLogins, loginId, { set: { status: 'cancelled' } });
    return { status: 'cancelled', login: null };
  }
  return { status: 'confirmed', login: memberLoginResult(session, mustChangePassword, member) };
}
