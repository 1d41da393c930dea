import { z } from 'zod';
import type { ActionContext, MemberPrincipal } from '../../core/context';
import { AppError } from '../../core/errors';
import { defineAction } from '../../core/registry';
import { authorizeUpload, storeUpload } from './uploads';

/**
 * A cloud storage fileID under `incoming/`, as wx.cloud.uploadFile answers it:
 * `cloud://<env>.<bucket>/incoming/<random>.<ext>`. Anything else (another folder, a path
 * with `..`, an https link) is refused before storage is asked.
 */
const INCOMING_FILE_ID =
  /^cloud:\/\/[A-Za-z0-9-]{1,64}\.[A-Za-z0-9-]{1,128}\/incoming\/[A-Za-z0-9_-]{8,64}\.[A-Za-z0-9]{1,8}$/;

const BAD_ID = '上传的文件无效，请重新上传';
const GONE = '文件不存在或已过期，请重新上传';

const claimInput = z.strictObject({
  cloudFileId: z.string({ error: BAD_ID }).max(300, BAD_ID).regex(INCOMING_FILE_ID, BAD_ID),
});

/**
 * Takes over a file the mini-program put in cloud storage itself: the same gate (session,
 * hourly limit) and the same checks and storing as an HTTP upload; then the incoming copy
 * goes, whether it was accepted or not. Incoming paths are random: the client picks them
 * and nothing lists them, so only their uploader knows one.
 */
async function claimCloudUpload(
  ctx: ActionContext<MemberPrincipal>,
  cloudFileId: string,
): Promise<{ fileId: string }> {
  // Only the mini-program uploads to cloud storage; over HTTP the upload route is the way.
  if (ctx.caller.transport !== 'callFunction') {
    throw new AppError('FORBIDDEN', '只能在小程序中使用此方式上传', {
      detail: { transport: ctx.caller.transport },
    });
  }

  try {
    await authorizeUpload(ctx.deps, ctx.principal, ctx.now);
    const bytes = await ctx.deps.files.get(cloudFileId);
    if (!bytes) throw new AppError('NOT_FOUND', GONE);

    const name = cloudFileId.slice(cloudFileId.lastIndexOf('/') + 1);
    return await storeUpload(ctx.deps, ctx.principal, { name, bytes }, ctx.now);
  } finally {
    // Refused or not, nothing waits under incoming/: the client uploads afresh each time.
    await removeIncoming(ctx, cloudFileId);
  }
}

/** A copy left behind is only clutter under `incoming/`: logged, not the member's failure. */
async function removeIncoming(ctx: ActionContext<MemberPrincipal>, cloudFileId: string) {
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

// Members only: the console uploads over HTTP, and nothing of an admin's comes this way.
const claim = defineAction({
  name: 'files.claimCloudUpload',
  access: 'member',
  input: claimInput,
  handler: (input, ctx) => claimCloudUpload(ctx, input.cloudFileId),
});

export const fileActions = [claim];
