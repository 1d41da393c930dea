import { z } from 'zod';
import type { ActionContext } from '../../core/context';
import { AppError, DEFAULT_MESSAGES } from '../../core/errors';
import { defineAction } from '../../core/registry';
import { authorizeGrantUpload, isUploadGrant } from '../applications/upload-grant';
import { authorizeUpload, storeUpload, type UploadOwner } from './uploads';

/**
 * A cloud storage fileID under `incoming/`, as wx.cloud.uploadFile answers it:
 * `cloud://<env>.<bucket>/incoming/<random>.<ext>`. Anything else (another folder, a path
 * with `..`, an https link) is refused before storage is asked.
 */
const INCOMING_FILE_ID =
  /^cloud:\/\/[A-Za-z0-9-]{1,64}\.[A-Za-z0-9-]{1,128}\/incoming\/[A-Za-z0-9_-]{8,64}\.[A-Za-z0-9]{1,8}$/;

const BAD_ID = '上传的文件无效，请重新上传';
const GONE = '文件不存在或已过期，请重新上传';
const BAD_GRANT = '上传凭证已失效，请重新打开入会申请页面后上传';

const claimInput = z.strictObject({
  cloudFileId: z.string({ error: BAD_ID }).max(300, BAD_ID).regex(INCOMING_FILE_ID, BAD_ID),
  /** An 入会申请 upload grant, for an applicant, who has no session. */
  uploadGrant: z.string({ error: BAD_GRANT }).max(64, BAD_GRANT).optional(),
});

/**
 * Takes over a file the mini-program put in cloud storage itself: the same gate (a member's
 * session or an applicant's upload grant, their limits) and the same checks and storing as
 * an HTTP upload; then the incoming copy goes, whether it was accepted or not. Incoming
 * paths are random: the client picks them and nothing lists them, so only their uploader
 * knows one.
 */
async function claimCloudUpload(
  ctx: ActionContext,
  cloudFileId: string,
  uploadGrant: string | undefined,
): Promise<{ fileId: string }> {
  // Only the mini-program uploads to cloud storage; over HTTP the upload route is the way.
  if (ctx.caller.transport !== 'callFunction') {
    throw new AppError('FORBIDDEN', '只能在小程序中使用此方式上传', {
      detail: { transport: ctx.caller.transport },
    });
  }

  // Someone with neither a session nor a grant is refused before storage is touched.
  if (ctx.principal.kind !== 'member' && uploadGrant === undefined) {
    throw new AppError('UNAUTHENTICATED', DEFAULT_MESSAGES.UNAUTHENTICATED);
  }

  try {
    const owner = await authorizeClaim(ctx, uploadGrant);
    const bytes = await ctx.deps.files.get(cloudFileId);
    if (!bytes) throw new AppError('NOT_FOUND', GONE);

    const name = cloudFileId.slice(cloudFileId.lastIndexOf('/') + 1);
    return await storeUpload(ctx.deps, owner, { name, bytes }, ctx.now);
  } finally {
    // Refused or not, nothing waits under incoming/: the client uploads afresh each time.
    await removeIncoming(ctx, cloudFileId);
  }
}

/**
 * With a grant, the upload is the applicant's, whoever else is logged in on the phone (the
 * application takes only the grant's files); without one, a member's own.
 */
function authorizeClaim(ctx: ActionContext, uploadGrant: string | undefined): Promise<UploadOwner> {
  if (uploadGrant !== undefined) {
    if (!isUploadGrant(uploadGrant)) throw new AppError('UNAUTHENTICATED', BAD_GRANT);
    return authorizeGrantUpload(ctx.deps, uploadGrant, ctx.now, ctx.caller.clientIp);
  }
  if (ctx.principal.kind === 'member') return authorizeUpload(ctx.deps, ctx.principal, ctx.now);
  throw new AppError('UNAUTHENTICATED', DEFAULT_MESSAGES.UNAUTHENTICATED);
}

/** A copy left behind is only clutter under `incoming/`: logged, not the uploader's failure. */
async function removeIncoming(ctx: ActionContext, cloudFileId: string) {
  try {
    await ctx.deps.files.remove(cloudFileId);
  } catch (error) {
    ctx.deps.logger.log('warn', 'upload', {
      transport: ctx.caller.transport,
      requestId: ctx.caller.requestId,
      step: 'removeIncoming',
      reason: error instanceof Error ? error.message : String(error),
    });
  }
}

// Members and applicants (authorizeClaim): the console uploads over HTTP, and nothing of
// an admin's comes this way.
const claim = defineAction({
  name: 'files.claimCloudUpload',
  access: 'public',
  input: claimInput,
  handler: (input, ctx) => claimCloudUpload(ctx, input.cloudFileId, input.uploadGrant),
});

export const fileActions = [claim];
