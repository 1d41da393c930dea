/** @jest-environment node */
import ExcelJS from 'exceljs';
import type {
  AdminNotice,
  NoticeDetail,
  NoticeReaderRow,
  NoticeSummary,
  Page,
} from '../../typings';
import { yearTotal } from '../../backend/domain/points/ledger';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';
import { duesAdmin, duesMember, type DuesAdmin, type DuesMember } from '../helpers/dues';
import { PDF_BYTES } from '../helpers/files';
import { auditEntries } from '../helpers/members';

let t: TestBackend;
let me: DuesMember;
let secretariat: DuesAdmin;
beforeEach(async () => {
  t = createTestBackend({ now: '2026-06-15T04:00:00Z' });
  t.deps.config.portalUrl = 'http://127.0.0.1:8787';
  me = await duesMember(t, { phone: '13800000001', name: '张明' });
  secretariat = await duesAdmin(t, 'secretariat');
});
afterEach(() => t.close());

const CHOICE = { kind: 'choice', options: ['参加', '不参加'], deadline: '2026-06-20T10:00:00Z' };
let requests = 0;

async function published(overrides: Record<string, unknown> = {}): Promise<AdminNotice> {
  const draft = dataOf<AdminNotice>(
    await secretariat.call('admin.notices.save', {
      title: '关于召开2026年学术年会的通知',
      html: '<p>各位会员：年会定于<strong>7月</strong>召开。</p>',
      attachmentFileIds: [],
      reply: CHOICE,
      requestId: `notice-req-${(requests += 1)}`,
      ...overrides,
    }),
  );
  return dataOf<AdminNotice>(
    await secretariat.call('admin.notices.publish', { noticeId: draft.id }),
  );
}

const list = async () =>
  dataOf<Page<NoticeSummary> & { unread: number }>(await me.call('notices.list', {}));
const view = async (noticeId: string) =>
  dataOf<NoticeDetail>(await me.call('notices.view', { noticeId }));
const points = () => yearTotal(t.deps, me.id, 2026);

describe('writing and publishing', () => {
  it('sanitises the text on the way in: no script, no handler, no javascript: link', async () => {
    const notice = dataOf<AdminNotice>(
      await secretariat.call('admin.notices.save', {
        title: '通知',
        html: '<p onclick="steal()">正文<script>alert(1)</script><a href="javascript:alert(1)">链接</a><img src=x onerror=alert(1)></p>',
        attachmentFileIds: [],
        reply: { kind: 'none', options: [], deadline: null },
        requestId: 'notice-req-xss',
      }),
    );

    expect(notice.html).toBe('<p>正文<a target="_blank" rel="noopener noreferrer">链接</a></p>');
    const stored = await t.store.find(COLLECTIONS.notices);
    expect(JSON.stringify(stored)).not.toMatch(/script|onclick|onerror|javascript:/);
  });

  it('creates one draft for one requestId, even five at once, and members see no draft', async () => {
    const request = {
      title: '草稿',
      html: '<p>正文</p>',
      attachmentFileIds: [],
      reply: { kind: 'none', options: [], deadline: null },
      requestId: 'notice-req-same',
    };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => secretariat.call('admin.notices.save', request)),
    );

    const ids = new Set(results.map((r) => dataOf<AdminNotice>(r).id));
    expect(ids.size).toBe(1);
    expect(await t.store.count(COLLECTIONS.notices)).toBe(1);
    expect((await list()).total).toBe(0);
    expect(await me.call('notices.view', { noticeId: [...ids][0] })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });

  it.each([
    ['an empty text', { html: '<p> </p>' }, 'html'],
    ['a one-character title', { title: '通' }, 'title'],
    ['a choice with one option', { reply: { ...CHOICE, options: ['参加'] } }, 'reply'],
    ['repeated options', { reply: { ...CHOICE, options: ['参加', '参加'] } }, 'reply'],
  ])('refuses %s and stores nothing', async (_case, overrides, field) => {
    const result = await secretariat.call('admin.notices.save', {
      title: '通知标题',
      html: '<p>正文</p>',
      attachmentFileIds: [],
      reply: CHOICE,
      requestId: 'notice-req-bad',
      ...overrides,
    });

    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT', field });
    expect(await t.store.count(COLLECTIONS.notices)).toBe(0);
  });

  it('refuses to publish a notice whose reply deadline has passed', async () => {
    const draft = dataOf<AdminNotice>(
      await secretariat.call('admin.notices.save', {
        title: '过期的通知',
        html: '<p>正文</p>',
        attachmentFileIds: [],
        reply: { ...CHOICE, deadline: '2026-06-01T00:00:00Z' },
        requestId: 'notice-req-late',
      }),
    );

    const result = await secretariat.call('admin.notices.publish', { noticeId: draft.id });

    expect(result).toMatchObject({ ok: false, code: 'CONFLICT', field: 'reply' });
    expect((await list()).total).toBe(0);
  });

  it('is for the secretariat and the super-admin; every step is audited', async () => {
    const finance = await duesAdmin(t, 'finance');
    expect(await finance.call('admin.notices.list', {})).toMatchObject({ code: 'FORBIDDEN' });
    expect(await me.call('admin.notices.list', {})).toMatchObject({ code: 'UNAUTHENTICATED' });

    await published();

    const actions = (await auditEntries(t)).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['admin.notices.create', 'admin.notices.publish']),
    );
  });
});

describe('reading', () => {
  it('shows unread on the list until opened; opening awards 查看通知 once, fifty taps or not', async () => {
    const notice = await published();
    expect(await list()).toMatchObject({ unread: 1, items: [{ id: notice.id, read: false }] });

    await Promise.all(
      Array.from({ length: 50 }, () => me.call('notices.view', { noticeId: notice.id })),
    );

    expect(await points()).toBe(1);
    expect(await list()).toMatchObject({ unread: 0, items: [{ read: true }] });
    const stats = dataOf<AdminNotice>(
      await secretariat.call('admin.notices.get', { noticeId: notice.id }),
    ).stats;
    expect(stats.readers).toBe(1);
  });

  it('awards one point for each of fifty notices opened at once', async () => {
    const notices = [];
    for (let i = 0; i < 50; i += 1) notices.push(await published({ title: `通知第${i + 1}号` }));

    await Promise.all(notices.map((n) => me.call('notices.view', { noticeId: n.id })));

    expect(await points()).toBe(50);
    expect((await list()).unread).toBe(0);
  });

  it('withdrawn, a notice is gone for members; the points it gave stay', async () => {
    const notice = await published();
    await view(notice.id);

    await secretariat.call('admin.notices.withdraw', { noticeId: notice.id });

    expect((await list()).total).toBe(0);
    expect(await me.call('notices.view', { noticeId: notice.id })).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await points()).toBe(1);
    expect(await secretariat.call('admin.notices.withdraw', { noticeId: notice.id })).toMatchObject(
      { ok: false, code: 'CONFLICT' },
    );
  });

  it('hands members a published notice’s attachment, and nothing of a draft', async () => {
    const fileId = await secretariat.upload(PDF_BYTES, '会议日程.pdf');
    const draft = dataOf<AdminNotice>(
      await secretariat.call('admin.notices.save', {
        title: '带附件的通知',
        html: '<p>见附件。</p>',
        attachmentFileIds: [fileId],
        reply: { kind: 'none', options: [], deadline: null },
        requestId: 'notice-req-files',
      }),
    );
    expect(draft.attachments).toEqual([
      { fileId, name: '会议日程.pdf', contentType: 'application/pdf', size: PDF_BYTES.length },
    ]);
    expect(await me.call('files.link', { fileId })).toMatchObject({ ok: false, code: 'NOT_FOUND' });

    await secretariat.call('admin.notices.publish', { noticeId: draft.id });

    expect(await me.call('files.link', { fileId })).toMatchObject({ ok: true });
  });
});

describe('replying', () => {
  it('takes a choice, awards 反馈通知 once, and may be changed before the deadline', async () => {
    const notice = await published();
    await view(notice.id);

    const first = dataOf<NoticeDetail>(
      await me.call('notices.feedback', { noticeId: notice.id, choice: '参加' }),
    );
    t.clock.advance(3_600_000);
    const changed = dataOf<NoticeDetail>(
      await me.call('notices.feedback', { noticeId: notice.id, choice: '不参加' }),
    );

    expect(first.myReply).toMatchObject({ choice: '参加', text: null });
    expect(changed.myReply).toMatchObject({
      choice: '不参加',
      repliedAt: '2026-06-15T04:00:00.000Z',
      updatedAt: '2026-06-15T05:00:00.000Z',
    });
    expect(await points()).toBe(2);
    const admin = dataOf<AdminNotice>(
      await secretariat.call('admin.notices.get', { noticeId: notice.id }),
    );
    expect(admin.stats).toEqual({
      readers: 1,
      replies: 1,
      byChoice: [
        { choice: '参加', count: 0 },
        { choice: '不参加', count: 1 },
      ],
    });
  });

  it('counts one reply and one award when ten replies arrive at once', async () => {
    const notice = await published();

    await Promise.all(
      Array.from({ length: 10 }, (_v, i) =>
        me.call('notices.feedback', { noticeId: notice.id, choice: i % 2 ? '参加' : '不参加' }),
      ),
    );

    expect(await points()).toBe(1);
    const admin = dataOf<AdminNotice>(
      await secretariat.call('admin.notices.get', { noticeId: notice.id }),
    );
    expect(admin.stats.replies).toBe(1);
    expect(admin.stats.byChoice.reduce((sum, c) => sum + c.count, 0)).toBe(1);
  });

  it('refuses a reply after the deadline, and changes nothing', async () => {
    const notice = await published();
    await me.call('notices.feedback', { noticeId: notice.id, choice: '参加' });
    t.clock.set('2026-06-20T10:00:00Z');

    const late = await me.call('notices.feedback', { noticeId: notice.id, choice: '不参加' });

    expect(late).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '反馈已截止，不能再提交或修改',
    });
    expect((await view(notice.id)).myReply?.choice).toBe('参加');
    expect((await view(notice.id)).canReply).toBe(false);
  });

  it.each([
    [
      'a notice that asks for no reply',
      { kind: 'none', options: [], deadline: null },
      { text: '收到' },
      'CONFLICT',
    ],
    ['a choice not offered', CHOICE, { choice: '也许' }, 'INVALID_INPUT'],
    [
      'an empty text',
      { kind: 'text', options: [], deadline: null },
      { text: '  ' },
      'INVALID_INPUT',
    ],
    [
      'a text over 500 characters',
      { kind: 'text', options: [], deadline: null },
      { text: '意'.repeat(501) },
      'INVALID_INPUT',
    ],
  ])('refuses %s and awards nothing', async (_case, reply, answer, code) => {
    const notice = await published({ reply });

    const result = await me.call('notices.feedback', { noticeId: notice.id, ...answer });

    expect(result).toMatchObject({ ok: false, code });
    expect(await points()).toBe(0);
  });

  it('keeps the form once replies exist, except its deadline', async () => {
    const notice = await published();
    await me.call('notices.feedback', { noticeId: notice.id, choice: '参加' });
    const edit = (reply: unknown) =>
      secretariat.call('admin.notices.save', {
        noticeId: notice.id,
        title: notice.title,
        html: notice.html,
        attachmentFileIds: [],
        reply,
        requestId: 'notice-req-edit',
      });

    expect(await edit({ ...CHOICE, options: ['参加', '不参加', '待定'] })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      field: 'reply',
    });
    const later = dataOf<AdminNotice>(await edit({ ...CHOICE, deadline: '2026-06-25T10:00:00Z' }));
    expect(later.reply.deadline).toBe('2026-06-25T10:00:00.000Z');
  });
});

describe('who read and replied', () => {
  it('lists readers with their replies, phones masked, and exports them to Excel', async () => {
    const notice = await published();
    const other = await duesMember(t, { phone: '13800000002', name: '李华' });
    await view(notice.id);
    t.clock.advance(60_000);
    await other.call('notices.view', { noticeId: notice.id });
    await other.call('notices.feedback', { noticeId: notice.id, choice: '参加' });

    const readers = dataOf<Page<NoticeReaderRow>>(
      await secretariat.call('admin.notices.readers', { noticeId: notice.id }),
    );
    const replied = dataOf<Page<NoticeReaderRow>>(
      await secretariat.call('admin.notices.readers', { noticeId: notice.id, repliedOnly: true }),
    );
    expect(readers.items.map((r) => [r.name, r.phoneMasked, r.reply?.choice ?? null])).toEqual([
      ['李华', '138****0002', '参加'],
      ['张明', '138****0001', null],
    ]);
    expect(replied.items.map((r) => r.name)).toEqual(['李华']);

    const exported = dataOf<{ fileName: string; contentBase64: string }>(
      await secretariat.call('admin.notices.export', { noticeId: notice.id }),
    );
    expect(exported.fileName).toBe('关于召开2026年学术年会的通知-反馈.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      Buffer.from(exported.contentBase64, 'base64') as unknown as ArrayBuffer,
    );
    const rows = workbook.worksheets[0]!.getSheetValues().slice(1) as unknown[][];
    expect(rows.map((r) => r.slice(1))).toEqual([
      ['姓名', '会员编号', '手机号', '阅读时间', '反馈', '反馈时间'],
      ['张明', 'M0001', '138****0001', '2026-06-15 12:00', '', ''],
      ['李华', 'M0002', '138****0002', '2026-06-15 12:01', '参加', '2026-06-15 12:01'],
    ]);
  });
});
