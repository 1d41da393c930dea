import { allPages, findPage, NEWEST_FIRST } from '../../core/paging';
import ExcelJS from 'exceljs';
import type {
  AdminNotice,
  ContentFile,
  ContentStatus,
  NoticeReaderRow,
  NoticeReplyForm,
  Page,
} from '../../../typings';
import type { ActionContext, AdminPrincipal, BackendDeps } from '../../core/context';
import { chinaDateTime } from '../../core/dates';
import { AppError } from '../../core/errors';
import type { Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { findContentPage, loadContent, type ContentKind } from '../content/kind';
import { peopleByIds } from '../content/people';
import { sanitizeRichText } from '../content/rich-text';
import { saveContent } from '../content/save';
import { changeContentStatus } from '../content/status';
import {
  PERSON_COLUMNS,
  personCells,
  titleForFile,
  workbookFile,
  type WorkbookFile,
} from '../content/workbook';
import { prepareAttachments, readAttachedFile } from '../files/attachments';
import { toAdminNotice, type NoticeDoc, type NoticeReadDoc } from './model';

const ATTACHMENT_TYPES = '附件只能是 PDF、Word、Excel 或图片（JPG/PNG）文件';

const NOTICE_KIND: ContentKind = {
  collection: COLLECTIONS.notices,
  actions: 'admin.notices',
  noun: '通知',
  notFound: '通知不存在',
  changed: '通知刚被其他管理员修改，请刷新后重试',
};

export interface NoticeInput {
  noticeId?: string;
  title: string;
  html: string;
  attachmentFileIds: string[];
  reply: NoticeReplyForm;
  requestId: string;
}

const load = (deps: BackendDeps, noticeId: string) =>
  loadContent<NoticeDoc>(deps, NOTICE_KIND, noticeId);

/** The count of each option among the replies, in the options' order. */
async function choiceCounts(deps: BackendDeps, doc: NoticeDoc) {
  if (doc.reply.kind !== 'choice') return [];
  return Promise.all(
    doc.reply.options.map(async (choice) => ({
      choice,
      count: await deps.store.count(COLLECTIONS.noticeReads, {
        where: { noticeId: doc._id, 'reply.choice': choice },
      }),
    })),
  );
}

export async function adminNotice(deps: BackendDeps, doc: NoticeDoc): Promise<AdminNotice> {
  return toAdminNotice(doc, await choiceCounts(deps, doc));
}

export async function listAdminNotices(
  deps: BackendDeps,
  input: { status?: ContentStatus; page?: number; pageSize?: number },
): Promise<Page<AdminNotice>> {
  const { docs, ...paging } = await findContentPage<NoticeDoc>(
    deps,
    NOTICE_KIND,
    NEWEST_FIRST,
    input,
  );
  return { items: await Promise.all(docs.map((d) => adminNotice(deps, d))), ...paging };
}

export async function getAdminNotice(deps: BackendDeps, noticeId: string) {
  return adminNotice(deps, await load(deps, noticeId));
}

/**
 * Saves a draft, or edits a notice. New attachments are the admin's own uploads, moved under
 * the notice; earlier ones listed are kept, the others removed once the save is stored. Once
 * replies exist the form's kind and options stay: a reply must keep meaning what it said.
 */
export async function saveNotice(
  ctx: ActionContext<AdminPrincipal>,
  input: NoticeInput,
): Promise<AdminNotice> {
  const { deps, principal, now } = ctx;
  const html = sanitizeRichText(input.html, 'html');
  return saveContent<NoticeDoc, AdminNotice>(ctx, NOTICE_KIND, {
    id: input.noticeId,
    requestId: input.requestId,
    present: (doc) => adminNotice(deps, doc),
    prepare: async (current, id, requestKey) => {
      if (current && current.replies > 0 && formChanged(current.reply, input.reply)) {
        throw new AppError(
          'CONFLICT',
          '已有会员反馈，不能再修改反馈方式和选项（截止时间可以修改）',
          { field: 'reply' },
        );
      }
      const earlier = new Map((current?.attachments ?? []).map((f) => [f.fileId, f]));
      const fresh = input.attachmentFileIds.filter((fileId) => !earlier.has(fileId));
      const dropped = (current?.attachments ?? []).filter(
        (f) => !input.attachmentFileIds.includes(f.fileId),
      );
      const prepared = await prepareAttachments(
        deps,
        principal,
        fresh,
        { folder: 'notices', noticeId: id },
        ATTACHMENT_TYPES,
        'attachmentFileIds',
      );
      const byId = new Map<string, ContentFile>([
        ...earlier,
        ...prepared.map((p) => [p.file.fileId, p.file] as const),
      ]);
      const attachments = input.attachmentFileIds.map((fileId) => byId.get(fileId)!);
      const at = now.toISOString();
      const fields = { title: input.title, html, attachments, reply: input.reply, updatedAt: at };

      const droppedRecords = await Promise.all(
        dropped.map((f) => readAttachedFile(deps, f.fileId)),
      );
      const record: Write = current
        ? {
            op: 'update',
            collection: COLLECTIONS.notices,
            id,
            patch: { set: fields },
            expect: { updatedAt: current.updatedAt },
          }
        : {
            op: 'insert',
            collection: COLLECTIONS.notices,
            doc: {
              _id: id,
              requestKey,
              ...fields,
              status: 'draft',
              createdAt: at,
              createdBy: principal.adminId,
              publishedAt: null,
              readers: 0,
              replies: 0,
            } satisfies NoticeDoc,
          };
      return {
        writes: [
          record,
          ...prepared.map((p) => p.write),
          ...dropped.map((f): Write => ({
            op: 'remove',
            collection: COLLECTIONS.files,
            id: f.fileId,
          })),
        ],
        audit: {
          fields: ['title', 'html', 'attachments', 'reply'],
          summary: { title: input.title, attachments: attachments.length },
        },
        copies: prepared.map((p) => p.copy),
        leftovers: [
          ...prepared.map((p) => p.original),
          ...droppedRecords.flatMap((r) => (r ? [r.storedFileId] : [])),
        ],
      };
    },
  });
}

function formChanged(before: NoticeReplyForm, after: NoticeReplyForm): boolean {
  return before.kind !== after.kind || before.options.join('\n') !== after.options.join('\n');
}

/** draft → published (members see it), published → withdrawn (they no longer do); once. */
export async function changeStatus(
  ctx: ActionContext<AdminPrincipal>,
  noticeId: string,
  to: 'published' | 'withdrawn',
): Promise<AdminNotice> {
  const doc = await load(ctx.deps, noticeId);
  const { deadline } = doc.reply;
  if (to === 'published' && doc.reply.kind !== 'none' && deadline !== null) {
    if (deadline <= ctx.now.toISOString()) {
      throw new AppError('CONFLICT', '反馈截止时间已过，请修改截止时间后再发布', {
        field: 'reply',
      });
    }
  }
  await changeContentStatus(ctx, NOTICE_KIND, doc, to);
  return getAdminNotice(ctx.deps, noticeId);
}

/** Who read it and what they replied, newest first; phones masked. */
export async function noticeReaders(
  deps: BackendDeps,
  input: { noticeId: string; repliedOnly?: boolean; page?: number; pageSize?: number },
): Promise<Page<NoticeReaderRow>> {
  await load(deps, input.noticeId);
  const filter = {
    where: { noticeId: input.noticeId, ...(input.repliedOnly ? { replied: true } : {}) },
  };
  const { docs, ...paging } = await findPage<NoticeReadDoc>(
    deps.store,
    COLLECTIONS.noticeReads,
    filter,
    [
      { field: 'readAt', direction: 'desc' },
      { field: '_id', direction: 'asc' },
    ],
    input,
  );
  return { items: await readerRows(deps, docs), ...paging };
}

async function readerRows(deps: BackendDeps, reads: NoticeReadDoc[]): Promise<NoticeReaderRow[]> {
  const person = await peopleByIds(
    deps,
    reads.map((r) => r.memberId),
  );
  return reads.map((r) => ({ ...person(r.memberId), readAt: r.readAt, reply: r.reply }));
}

/** 导出: every reader and reply as a workbook, for the secretariat's own lists. */
export async function exportNotice(
  ctx: ActionContext<AdminPrincipal>,
  noticeId: string,
): Promise<WorkbookFile> {
  const doc = await load(ctx.deps, noticeId);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('阅读与反馈');
  sheet.columns = [
    ...PERSON_COLUMNS,
    { header: '阅读时间', key: 'readAt', width: 20 },
    { header: '反馈', key: 'reply', width: 40 },
    { header: '反馈时间', key: 'repliedAt', width: 20 },
  ];
  const pages = allPages<NoticeReadDoc>(
    ctx.deps.store,
    COLLECTIONS.noticeReads,
    { where: { noticeId } },
    [
      { field: 'readAt', direction: 'asc' },
      { field: '_id', direction: 'asc' },
    ],
  );
  for await (const reads of pages) {
    for (const row of await readerRows(ctx.deps, reads)) {
      sheet.addRow({
        ...personCells(row),
        readAt: chinaDateTime(row.readAt),
        reply: row.reply ? (row.reply.choice ?? row.reply.text ?? '') : '',
        repliedAt: row.reply ? chinaDateTime(row.reply.updatedAt) : '',
      });
    }
  }
  return workbookFile(workbook, `${titleForFile(doc.title, '通知')}-反馈.xlsx`);
}
