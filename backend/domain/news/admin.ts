import { findPage, NEWEST_FIRST } from '../../core/paging';
import { randomUUID } from 'node:crypto';
import type { AdminNews, ContentFile, ContentStatus, Page } from '../../../typings';
import type { ActionContext, AdminPrincipal, BackendDeps } from '../../core/context';
import { AppError } from '../../core/errors';
import { StoreConflictError, type Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import { changeContentStatus, type ContentKind } from '../content/status';
import { sanitizeRichText } from '../content/rich-text';
import {
  prepareAttachment,
  readAttachedFile,
  removeStoredFiles,
  type PreparedAttachment,
} from '../files/attachments';
import { toAdminNews, type NewsDoc } from './model';

const NOT_FOUND = '动态不存在';
const COVER_TYPES = '封面只能是 JPG 或 PNG 图片';
const CHANGED = '该动态刚被其他管理员修改，请刷新后重试';

export interface NewsInput {
  newsId?: string;
  title: string;
  html: string;
  coverFileId: string | null;
  requestId: string;
}

async function load(deps: BackendDeps, newsId: string): Promise<NewsDoc> {
  const doc = await deps.store.get<NewsDoc>(COLLECTIONS.news, newsId);
  if (!doc) throw new AppError('NOT_FOUND', NOT_FOUND);
  return doc;
}

async function findByRequest(deps: BackendDeps, requestKey: string) {
  const [found] = await deps.store.find<NewsDoc>(COLLECTIONS.news, { where: { requestKey } });
  return found ?? null;
}

/** Drafts, published and withdrawn items, newest first. */
export async function listAdminNews(
  deps: BackendDeps,
  input: { status?: ContentStatus; page?: number; pageSize?: number },
): Promise<Page<AdminNews>> {
  const filter = input.status ? { where: { status: input.status } } : {};
  const { docs, ...paging } = await findPage<NewsDoc>(
    deps.store,
    COLLECTIONS.news,
    filter,
    NEWEST_FIRST,
    input,
  );
  return { items: docs.map(toAdminNews), ...paging };
}

export async function getAdminNews(deps: BackendDeps, newsId: string): Promise<AdminNews> {
  return toAdminNews(await load(deps, newsId));
}

/**
 * Saves a draft (once per `requestId`), or edits an item in any state. A new cover is one of
 * the admin's own uploads, a JPEG or PNG, moved under the item; the cover it replaces is
 * deleted once the save is stored. An edit is guarded on the version it read, so of two
 * editors saving at once the second is told to look again.
 */
export async function saveNews(
  ctx: ActionContext<AdminPrincipal>,
  input: NewsInput,
): Promise<AdminNews> {
  const { deps, principal, now } = ctx;
  const requestKey = `${principal.adminId}:${input.requestId}`;
  const current = input.newsId ? await load(deps, input.newsId) : null;
  if (!current) {
    const repeat = await findByRequest(deps, requestKey);
    if (repeat) return toAdminNews(repeat);
  }
  const html = sanitizeRichText(input.html, 'html');

  // The cover: kept, replaced by a fresh upload, or taken away.
  const id = current?._id ?? randomUUID();
  const keep = input.coverFileId !== null && input.coverFileId === current?.cover?.fileId;
  const prepared: PreparedAttachment | null =
    input.coverFileId === null || keep
      ? null
      : await prepareAttachment(
          deps,
          principal,
          input.coverFileId,
          { folder: 'news', newsId: id },
          COVER_TYPES,
          'coverFileId',
        );
  const cover: ContentFile | null = keep ? current!.cover : (prepared?.file ?? null);
  const dropped =
    current?.cover && !keep ? await readAttachedFile(deps, current.cover.fileId) : null;

  const at = now.toISOString();
  const fields = { title: input.title, html, cover, updatedAt: at };
  const writes: Write[] = [
    current
      ? {
          op: 'update',
          collection: COLLECTIONS.news,
          id,
          patch: { set: fields, inc: { version: 1 } },
          expect: { version: current.version },
        }
      : {
          op: 'insert',
          collection: COLLECTIONS.news,
          doc: {
            _id: id,
            requestKey,
            ...fields,
            status: 'draft',
            createdAt: at,
            createdBy: principal.adminId,
            publishedAt: null,
            viewers: 0,
            version: 1,
          } satisfies NewsDoc,
        },
    ...(prepared ? [prepared.write] : []),
    ...(dropped ? [{ op: 'remove', collection: COLLECTIONS.files, id: dropped._id } as const] : []),
    auditWrite(principal, now, current ? 'admin.news.edit' : 'admin.news.create', id, {
      fields: ['title', 'html', 'cover'],
      summary: { title: input.title, cover: cover !== null },
    }),
  ];
  try {
    await deps.store.batch(writes);
  } catch (error) {
    await removeStoredFiles(deps, prepared ? [prepared.copy] : []);
    if (!(error instanceof StoreConflictError)) throw error;
    // The same request won elsewhere, the upload went to another item, or an edit raced.
    const winner = current ? null : await findByRequest(deps, requestKey);
    if (winner) return toAdminNews(winner);
    if (error.collection === COLLECTIONS.files) {
      throw new AppError('CONFLICT', '封面图片已用于另一条动态，请重新上传', {
        field: 'coverFileId',
      });
    }
    throw new AppError('CONFLICT', CHANGED);
  }
  await removeStoredFiles(deps, [
    ...(prepared ? [prepared.original] : []),
    ...(dropped ? [dropped.storedFileId] : []),
  ]);
  return getAdminNews(deps, id);
}

const NEWS_KIND: ContentKind = {
  collection: COLLECTIONS.news,
  actions: 'admin.news',
  noun: '动态',
  patch: { inc: { version: 1 } },
};

/**
 * draft → published (everyone sees it, newest first), published → withdrawn (nobody but the
 * console does; points already given stay); each once.
 */
export async function changeNewsStatus(
  ctx: ActionContext<AdminPrincipal>,
  newsId: string,
  to: 'published' | 'withdrawn',
): Promise<AdminNews> {
  const doc = await load(ctx.deps, newsId);
  await changeContentStatus(ctx, NEWS_KIND, doc, to);
  return getAdminNews(ctx.deps, newsId);
}
