import { createHash, randomBytes } from 'node:crypto';
import type { Instant } from '../../../typings';
import type { ActionContext, BackendDeps } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Doc } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { assertUploadRate } from '../files/rate';
import type { UploadOwner } from '../files/uploads';
import { limitApplicantRate } from './rate';

/**
 * An applicant has no session, yet must upload the signed form before submitting it. An
 * upload grant stands in: a random token, good for a few files within two hours, and only
 * for uploads (the upload route and the cloud claim accept it; no action does). Its uploads
 * belong to the grant, so `application.submit` takes only files uploaded with the grant it
 * is sent with.
 *
 * `_id` is the SHA-256 of the token: the store never holds a usable grant.
 */
export interface UploadGrantDoc extends Doc {
  /** Uploads started with the grant so far. */
  uploads: number;
  createdAt: Instant;
  expiresAt: Instant;
}

/** `ug_` and 43 base64url characters (32 random bytes); the prefix tells it from a session. */
const GRANT_PATTERN = /^ug_[A-Za-z0-9_-]{43}$/;
export const GRANT_TTL_MS = 2 * 3_600_000;
/** A signed form is a PDF or up to 9 photos; some are retaken. */
export const UPLOADS_PER_GRANT = 20;
/**
 * Applicants' uploads from one address per hour, whatever the grant: a society's office or
 * a meeting's Wi-Fi may see a few dozen applicants in an hour; anyone else is held to it, so
 * anonymous uploads cannot fill the disk.
 */
export const APPLICANT_UPLOADS_PER_HOUR_PER_ADDRESS = 100;

const EXPIRED = '上传凭证已失效，请重新打开入会申请页面后上传';

export const isUploadGrant = (token: string | null): token is string =>
  token !== null && GRANT_PATTERN.test(token);

const grantIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** `application.uploadGrant`: a fresh grant, limited per address as submits are. */
export async function issueUploadGrant(
  ctx: ActionContext,
): Promise<{ uploadGrant: string; expiresAt: Instant }> {
  await limitApplicantRate(ctx, 'applicationUploadGrant');
  const uploadGrant = `ug_${randomBytes(32).toString('base64url')}`;
  const doc: UploadGrantDoc = {
    _id: grantIdOf(uploadGrant),
    uploads: 0,
    createdAt: ctx.now.toISOString(),
    expiresAt: new Date(ctx.now.getTime() + GRANT_TTL_MS).toISOString(),
  };
  await ctx.deps.store.insert(COLLECTIONS.uploadGrants, doc);
  return { uploadGrant, expiresAt: doc.expiresAt };
}

/** The owner the grant's uploads belong to, whether or not it may upload any more. */
export function grantOwner(token: string): UploadOwner {
  return { kind: 'applicant', id: grantIdOf(token) };
}

/**
 * May one more file be uploaded with this grant? Counts the upload (an atomic increment, so
 * parallel uploads cannot slip past the limit) and answers the owner to store it under.
 */
export async function authorizeGrantUpload(
  deps: BackendDeps,
  token: string,
  now: Date,
  clientIp: string | null,
): Promise<UploadOwner> {
  const owner = grantOwner(token);
  const live = await deps.store.update(
    COLLECTIONS.uploadGrants,
    owner.id,
    { inc: { uploads: 1 } },
    { expiresAt: { gt: now.toISOString() } },
  );
  if (!live) throw new AppError('UNAUTHENTICATED', EXPIRED);
  const grant = await deps.store.get<UploadGrantDoc>(COLLECTIONS.uploadGrants, owner.id);
  if (!grant || grant.uploads > UPLOADS_PER_GRANT) {
    throw new AppError(
      'RATE_LIMITED',
      `每份申请最多上传 ${UPLOADS_PER_GRANT} 个文件，请重新打开入会申请页面后上传`,
      { detail: { uploads: grant?.uploads ?? null } },
    );
  }
  if (clientIp) {
    const address = createHash('sha256').update(clientIp).digest('hex').slice(0, 32);
    await assertUploadRate(
      deps,
      owner,
      now,
      APPLICANT_UPLOADS_PER_HOUR_PER_ADDRESS,
      `applicantAddress:${address}`,
    );
  }
  return owner;
}
