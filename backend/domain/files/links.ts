import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Instant } from '../../../typings';
import type { ActionContext, BackendDeps, Principal } from '../../core/context';
import { AppError, DEFAULT_MESSAGES } from '../../core/errors';
import { defineAction } from '../../core/registry';
import type { Doc } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { readAttachedFile, type AttachedFileDoc } from './attachments';

/** How long a link works, in seconds: long enough to open a preview, too short to share. */
export const LINK_TTL_SECONDS = 300;

/** Admin roles that see every order's files (finance's queue, the super-admin). */
const FILE_READING_ROLES = ['finance', 'superAdmin'];
/** Admin roles that review 入会申请 and edit notices, and so read their files. */
const APPLICATION_READING_ROLES = ['secretariat', 'superAdmin'];

const NOT_FOUND = '文件不存在或无权查看';

/**
 * A one-time download of the local server. `_id` is the SHA-256 of the token the URL
 * carries, so the store never holds a usable link; the purge job removes expired ones.
 */
export interface DownloadTicketDoc extends Doc {
  fileId: string;
  contentType: string;
  name: string;
  expiresAt: Instant;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * May this caller read the file? Only through what keeps it: an order (its member, finance,
 * the super-admin) or an application (its reviewers).
 */
function mayRead(principal: Principal, file: AttachedFileDoc): boolean {
  if (file.attachedAs === 'noticeAttachment') {
    // Every member reads a published notice's attachments; its editors read them always.
    if (principal.kind === 'member') return true;
    return principal.kind === 'admin' && APPLICATION_READING_ROLES.includes(principal.role);
  }
  if (file.attachedAs === 'applicationForm') {
    return principal.kind === 'admin' && APPLICATION_READING_ROLES.includes(principal.role);
  }
  if (file.attachedAs === 'newsCover') {
    // Public on a published item (news.list links it for visitors); its editors always.
    if (principal.kind === 'member') return true;
    return principal.kind === 'admin' && APPLICATION_READING_ROLES.includes(principal.role);
  }
  if (file.attachedAs === 'feedbackPicture') {
    // The member who wrote the suggestion, and the secretariat that answers it.
    if (principal.kind === 'member') return file.feedbackMemberId === principal.memberId;
    return principal.kind === 'admin' && APPLICATION_READING_ROLES.includes(principal.role);
  }
  if (file.attachedAs === 'serviceAttachment') {
    // The member who applied, and the secretariat that handles the application.
    if (principal.kind === 'member') return file.serviceMemberId === principal.memberId;
    return principal.kind === 'admin' && APPLICATION_READING_ROLES.includes(principal.role);
  }
  if (!file.orderId) return false;
  if (principal.kind === 'member') return file.orderMemberId === principal.memberId;
  if (principal.kind === 'admin') return FILE_READING_ROLES.includes(principal.role);
  return false;
}

/** Does the keeper still list the file (a replaced one is gone with its record)? */
async function keeperHolds(
  deps: BackendDeps,
  file: AttachedFileDoc,
  principal: Principal,
): Promise<boolean> {
  if (file.attachedAs === 'noticeAttachment') {
    const notice = await deps.store.get<
      Doc & { status?: string; attachments?: { fileId: string }[] }
    >(COLLECTIONS.notices, file.noticeId!);
    if (!(notice?.attachments ?? []).some((f) => f.fileId === file._id)) return false;
    return principal.kind === 'admin' || notice?.status === 'published';
  }
  if (file.attachedAs === 'newsCover') {
    const news = await deps.store.get<Doc & { status?: string; cover?: { fileId: string } | null }>(
      COLLECTIONS.news,
      file.newsId!,
    );
    if (news?.cover?.fileId !== file._id) return false;
    return principal.kind === 'admin' || news.status === 'published';
  }
  if (file.attachedAs === 'feedbackPicture') {
    const feedback = await deps.store.get<Doc & { pictures?: { fileId: string }[] }>(
      COLLECTIONS.feedback,
      file.feedbackId!,
    );
    return (feedback?.pictures ?? []).some((f) => f.fileId === file._id);
  }
  if (file.attachedAs === 'serviceAttachment') {
    const application = await deps.store.get<Doc & { attachments?: { fileId: string }[] }>(
      COLLECTIONS.serviceApplications,
      file.serviceApplicationId!,
    );
    return (application?.attachments ?? []).some((f) => f.fileId === file._id);
  }
  if (file.attachedAs === 'applicationForm') {
    const application = await deps.store.get<Doc & { files?: { fileId: string }[] }>(
      COLLECTIONS.applications,
      file.applicationId!,
    );
    return (application?.files ?? []).some((f) => f.fileId === file._id);
  }
  const order = await deps.store.get<Doc & { vouchers?: { fileId: string }[] }>(
    COLLECTIONS.duesOrders,
    file.orderId!,
  );
  if (!order) return false;
  const invoice = order.invoice as { file?: { fileId: string } | null } | null | undefined;
  return (
    (order.vouchers ?? []).some((v) => v.fileId === file._id) || invoice?.file?.fileId === file._id
  );
}

/**
 * A short-lived link to a kept file the caller may see. In the cloud, storage's own
 * temporary URL; locally a one-time ticket of the local server at `portalUrl`. Anything the
 * caller may not read is as missing as a file that never existed.
 */
export async function fileLink(
  ctx: ActionContext<Principal>,
  fileId: string,
): Promise<{ url: string; expiresAt: Instant }> {
  const { deps, principal, now } = ctx;
  if (principal.kind === 'anonymous') {
    throw new AppError('UNAUTHENTICATED', DEFAULT_MESSAGES.UNAUTHENTICATED);
  }
  if (principal.mustChangePassword) {
    throw new AppError('PASSWORD_CHANGE_REQUIRED', DEFAULT_MESSAGES.PASSWORD_CHANGE_REQUIRED);
  }
  const file = await readAttachedFile(deps, fileId);
  if (!file || !mayRead(principal, file) || !(await keeperHolds(deps, file, principal))) {
    throw new AppError('NOT_FOUND', NOT_FOUND);
  }
  return linkTo(deps, file, now);
}

/**
 * A short-lived link to a kept file, for a caller already allowed to read it: storage's
 * temporary URL in the cloud, a one-time ticket of the local server otherwise.
 */
export async function linkTo(
  deps: BackendDeps,
  file: AttachedFileDoc,
  now: Date,
): Promise<{ url: string; expiresAt: Instant }> {
  const expiresAt = new Date(now.getTime() + LINK_TTL_SECONDS * 1000).toISOString();
  if (deps.files.temporaryUrl) {
    return { url: await deps.files.temporaryUrl(file.storedFileId, LINK_TTL_SECONDS), expiresAt };
  }
  if (!deps.config.portalUrl) {
    throw new AppError('NOT_CONFIGURED', '尚未配置门户地址，暂时无法查看文件');
  }
  const token = randomBytes(32).toString('base64url');
  const ticket: DownloadTicketDoc = {
    _id: hashToken(token),
    fileId: file._id,
    contentType: file.contentType,
    name: file.name,
    expiresAt,
  };
  await deps.store.insert(COLLECTIONS.downloadTickets, ticket);
  return { url: `${deps.config.portalUrl}/api/files/${token}`, expiresAt };
}

/**
 * Redeems a ticket once: the remove that finds it is the one that may download. Answers
 * null for an unknown, used or expired ticket, or a file gone since the link was made.
 */
export async function redeemTicket(
  deps: BackendDeps,
  token: string,
): Promise<{ bytes: Buffer; contentType: string; name: string } | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const id = hashToken(token);
  const ticket = await deps.store.get<DownloadTicketDoc>(COLLECTIONS.downloadTickets, id);
  if (!ticket || !(await deps.store.remove(COLLECTIONS.downloadTickets, id))) return null;
  if (ticket.expiresAt <= deps.clock.now().toISOString()) return null;

  const file = await readAttachedFile(deps, ticket.fileId);
  if (!file) return null;
  const bytes = await deps.files.get(file.storedFileId);
  return bytes ? { bytes, contentType: ticket.contentType, name: ticket.name } : null;
}

// Members and admins alike: the access rule is the order's (see fileLink), so the action is
// open at the door and decides inside.
const link = defineAction({
  name: 'files.link',
  access: 'public',
  input: z.strictObject({ fileId: z.string({ error: NOT_FOUND }).min(1, NOT_FOUND).max(64) }),
  handler: (input, ctx) => fileLink(ctx, input.fileId),
});

export const fileLinkActions = [link];
