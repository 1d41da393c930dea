import { NEWEST_FIRST } from '../../core/paging';
import type { AdminNews, ContentFile, ContentStatus, Page } from '../../../typings';
import type { ActionContext, AdminPrincipal, BackendDeps } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { findContentPage, loadContent, type ContentKind } from '../content/kind';
import { sanitizeRichText } from '../content/rich-text';
import { saveContent } from '../content/save';
import { changeContentStatus } from '../content/status';
import { prepareAttachment, readAttachedFile } from '../files/attachments';
import { toAdminNews, type NewsDoc } from './model';

const COVER_TYPES = '封面只能是 JPG 或 PNG 图片';

const NEWS_KIND: ContentKind = {
  collection: COLLECTIONS.news,
  actions: 'admin.news',
  noun: '动态',
  notFound: '动态不存在',
  changed: '该动态刚被其他管理员修改，请刷新后重试',
  patch: { inc: { version: 1 } },
};

export interface NewsInput {
  newsId?: string;
  title: string;
  html: string;
  coverFileId: string | null;
  requestId: string;
}

const load = (deps: BackendDeps, newsId: string) => loadContent<NewsDoc>(deps, NEWS_KIND, newsId);

/** Drafts, published and withdrawn items, newest first. */
export async function listAdminNews(
  deps: BackendDeps,
  input: { status?: ContentStatus; page?: number; pageSize?: number },
): Promise<Page<AdminNews>> {
  const { docs, ...paging } = await findContentPage<NewsDoc>(deps, NEWS_KIND, NEWEST_FIRST, input);
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
  return saveContent<NewsDoc, AdminNews>(ctx, NEWS_KIND, {
    id: input.newsId,
    requestId: input.requestId,
    present: toAdminNews,
    prepare: async (current, id, requestKey) => {
      const html = sanitizeRichText(input.html, 'html');
      // The cover: kept, replaced by a fresh upload, or taken away.
      const keep = input.coverFileId !== null && input.coverFileId === current?.cover?.fileId;
      const prepared =
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
        ...(dropped
          ? [{ op: 'remove', collection: COLLECTIONS.files, id: dropped._id } as const]
          : []),
      ];
      return {
        writes,
        audit: {
          fields: ['title', 'html', 'cover'],
          summary: { title: input.title, cover: cover !== null },
        },
        copies: prepared ? [prepared.copy] : [],
        leftovers: [
          ...(prepared ? [prepared.original] : []),
          ...(dropped ? [dropped.storedFileId] : []),
        ],
      };
    },
    // The upload went to another item meanwhile.
    onConflict: async (error) => {
      if (error.collection === COLLECTIONS.files) {
        throw new AppError('CONFLICT', '封面图片已用于另一条动态，请重新上传', {
          field: 'coverFileId',
        });
      }
    },
  });
}

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
