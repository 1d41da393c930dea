import { findPage, NEWEST_FIRST } from '../../core/paging';
import { randomUUID } from 'node:crypto';
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
import { AppError } from '../../core/errors';
import { maskPhone } from '../../core/mask';
import { StoreConflictError, type Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import { sanitizeRichText } from '../content/rich-text';
import { changeContentStatus, type ContentKind } from '../content/status';
import {
  prepareAttachments,
  readAttachedFile,
  removeStoredFiles,
  type PreparedAttachment,
} from '../files/attachments';
import type { MemberDoc } from '../members/model';
import { toAdminNotice, type NoticeDoc, type NoticeReadDoc } from './model';
import { findByIds } from '../../core/find-by-ids';

const NOT_FOUND = '通知不存在';
const ATTACHMENT_TYPES = '附件只能是 PDF、Word、Excel 或图片（JPG/PNG）文件';

export interface NoticeInput {
  noticeId?: string;
  title: string;
  html: string;
  attachmentFileIds: string[];
  reply: NoticeReplyForm;
  requestId: string;
}

async function load(deps: BackendDeps, noticeId: string): Promise<NoticeDoc> {
  const doc = await deps.store.get<NoticeDoc>(COLLECTIONS.notices, noticeId);
  if (!doc) throw new AppError('NOT_FOUND', NOT_FOUND);
  return doc;
}

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
  const filter = input.status ? { where: { status: input.status } } : {};
  const { docs, ...paging } = await findPage<NoticeDoc>(
    deps.store,
    COLLECTIONS.notices,
    filter,
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
  const requestKey = `${principal.adminId}:${input.requestId}`;
  const html = sanitizeRichText(input.html, 'html');
  const current = input.noticeId ? await load(deps, input.noticeId) : null;
  if (!current) {
    const [repeat] = await deps.store.find<NoticeDoc>(COLLECTIONS.notices, {
      where: { requestKey },
    });
    if (repeat) return adminNotice(deps, repeat);
  }
  if (current && current.replies > 0 && formChanged(current.reply, input.reply)) {
    throw new AppError('CONFLICT', '已有会员反馈，不能再修改反馈方式和选项（截止时间可以修改）', {
      field: 'reply',
    });
  }

  const id = current?._id ?? randomUUID();
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

  const droppedRecords = await Promise.all(dropped.map((f) => readAttachedFile(deps, f.fileId)));
  const writes: Write[] = [
    current
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
        },
    ...prepared.map((p) => p.write),
    ...dropped.map((f): Write => ({ op: 'remove', collection: COLLECTIONS.files, id: f.fileId })),
    auditWrite(principal, now, current ? 'admin.notices.edit' : 'admin.notices.create', id, {
      fields: ['title', 'html', 'attachments', 'reply'],
      summary: { title: input.title, attachments: attachments.length },
    }),
  ];
  try {
    await deps.store.batch(writes);
  } catch (error) {
    await removeStoredFiles(
      deps,
      prepared.map((p) => p.copy),
    );
    if (!(error instanceof StoreConflictError)) throw error;
    if (!current) {
      const [winner] = await deps.store.find<NoticeDoc>(COLLECTIONS.notices, {
        where: { requestKey },
      });
      if (winner) return adminNotice(deps, winner);
    }
    throw new AppError('CONFLICT', '通知刚被其他管理员修改，请刷新后重试');
  }
  await removeStoredFiles(deps, [
    ...prepared.map((p: PreparedAttachment) => p.original),
    ...droppedRecords.flatMap((r) => (r ? [r.storedFileId] : [])),
  ]);
  return getAdminNotice(deps, id);
}

function formChanged(before: NoticeReplyForm, after: NoticeReplyForm): boolean {
  return before.kind !== after.kind || before.options.join('\n') !== after.options.join('\n');
}

const NOTICE_KIND: ContentKind = {
  collection: COLLECTIONS.notices,
  actions: 'admin.notices',
  noun: '通知',
};

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
  const byId = await findByIds<MemberDoc>(
    deps.store,
    COLLECTIONS.members,
    reads.map((r) => r.memberId),
  );
  return reads.map((r) => {
    const member = byId.get(r.memberId);
    return {
      memberId: r.memberId,
      name: member?.name ?? '（已删除的会员）',
      memberNo: member?.memberNo ?? null,
      phoneMasked: member ? maskPhone(member.phone) : '',
      readAt: r.readAt,
      reply: r.reply,
    };
  });
}

/** Readers read for the workbook per query (the cloud database answers at most 1000). */
const EXPORT_PAGE = 500;

/** 导出: every reader and reply as a workbook, for the secretariat's own lists. */
export async function exportNotice(
  ctx: ActionContext<AdminPrincipal>,
  noticeId: string,
): Promise<{ fileName: string; contentBase64: string }> {
  const doc = await load(ctx.deps, noticeId);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('阅读与反馈');
  sheet.columns = [
    { header: '姓名', key: 'name', width: 12 },
    { header: '会员编号', key: 'memberNo', width: 14 },
    { header: '手机号', key: 'phone', width: 14 },
    { header: '阅读时间', key: 'readAt', width: 20 },
    { header: '反馈', key: 'reply', width: 40 },
    { header: '反馈时间', key: 'repliedAt', width: 20 },
  ];
  for (let skip = 0; ; skip += EXPORT_PAGE) {
    const reads = await ctx.deps.store.find<NoticeReadDoc>(
      COLLECTIONS.noticeReads,
      { where: { noticeId } },
      {
        orderBy: [
          { field: 'readAt', direction: 'asc' },
          { field: '_id', direction: 'asc' },
        ],
        skip,
        limit: EXPORT_PAGE,
      },
    );
    for (const row of await readerRows(ctx.deps, reads)) {
      sheet.addRow({
        name: row.name,
        memberNo: row.memberNo ?? '',
        phone: row.phoneMasked,
        readAt: chinaTime(row.readAt),
        reply: row.reply ? (row.reply.choice ?? row.reply.text ?? '') : '',
        repliedAt: row.reply ? chinaTime(row.reply.updatedAt) : '',
      });
    }
    if (reads.length < EXPORT_PAGE) break;
  }
  sheet.getRow(1).font = { bold: true };
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `${safeName(doc.title)}-反馈.xlsx`, contentBase64: bytes.toString('base64') };
}

/** 2026-06-15 12:00, China time. */
function chinaTime(at: string): string {
  return new Date(at)
    .toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false })
    .slice(0, 16);
}

/** A title as a file name: no path or reserved characters, at most 40 characters. */
function safeName(title: string): string {
  return (
    Array.from(title.replace(/[\\/:*?"<>|\s]+/g, '_'))
      .slice(0, 40)
      .join('') || '通知'
  );
}
