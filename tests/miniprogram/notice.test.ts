import type { AdminNotice, NoticeReplyForm } from '../../typings';
import type { MemberDoc } from '../../backend/domain/members/model';
import { yearTotal } from '../../backend/domain/points/ledger';
import { COLLECTIONS } from '../../backend/schema/collections';
import { listNotices, replyToNotice } from '../../miniprogram/services/notices';
import { dataOf } from '../helpers/backend';
import { duesAdmin, type DuesAdmin } from '../helpers/dues';
import { JPEG_BYTES, PDF_BYTES, zipBuffer } from '../helpers/files';
import { xlsxBuffer } from '../helpers/xlsx';
import { connectBackend, type ConnectedBackend } from './support/backend';
import { loggedInMember } from './support/members';
import { find, renderPage, tapButton, textOf, type Rendered } from './support/pages';
import { wxFake } from './support/wx-fake';

/** Noon in Beijing on 15 June 2026. */
const NOW = '2026-06-15T04:00:00Z';
/** 18:00 in Beijing on 20 June 2026: replies are taken until then. */
const DEADLINE = '2026-06-20T10:00:00Z';
const HOUR = 60 * 60 * 1000;

const CHOICE: NoticeReplyForm = { kind: 'choice', options: ['参加', '不参加'], deadline: DEADLINE };
const TEXT: NoticeReplyForm = { kind: 'text', options: [], deadline: null };
const NONE: NoticeReplyForm = { kind: 'none', options: [], deadline: null };

type Callbacks<T> = { success?: (result: T) => void; fail?: (error: { errMsg: string }) => void };
const globals = globalThis as unknown as { wx: Record<string, unknown> };

/** What the page asked of WeChat's file APIs. */
const seen = {
  downloads: [] as string[],
  documents: [] as { filePath: string; fileType?: string; showMenu?: boolean }[],
  previews: [] as string[][],
};
let downloadStatus = 200;

globals.wx.downloadFile = (options: { url: string } & Callbacks<unknown>) => {
  seen.downloads.push(options.url);
  const tempFilePath = `wxfile://tmp_download_${seen.downloads.length}`;
  const statusCode = downloadStatus;
  void Promise.resolve().then(() => options.success?.({ statusCode, tempFilePath }));
};
globals.wx.openDocument = (
  options: { filePath: string; fileType?: string; showMenu?: boolean } & Callbacks<unknown>,
) => {
  const { filePath, fileType, showMenu } = options;
  seen.documents.push({ filePath, fileType, showMenu });
  void Promise.resolve().then(() => options.success?.({ errMsg: 'openDocument:ok' }));
};
globals.wx.previewImage = (options: { urls: string[] } & Callbacks<unknown>) => {
  seen.previews.push(options.urls);
  void Promise.resolve().then(() => options.success?.({ errMsg: 'previewImage:ok' }));
};

describe('通知详情', () => {
  let backend: ConnectedBackend;
  let secretariat: DuesAdmin;
  let memberId: string;
  let requests = 0;
  beforeEach(async () => {
    backend = connectBackend({ now: NOW });
    // Local links are tickets of the local server at the portal's address.
    backend.deps.config.portalUrl = 'http://127.0.0.1:8787';
    await loggedInMember(backend);
    const [member] = await backend.store.find<MemberDoc>(COLLECTIONS.members);
    memberId = member!._id;
    secretariat = await duesAdmin(backend, 'secretariat');
    Object.values(seen).forEach((list) => (list.length = 0));
    downloadStatus = 200;
  });
  afterEach(() => backend.close());

  /** A notice the secretariat saved and published in the console. */
  async function published(
    fields: { title?: string; html?: string; reply?: NoticeReplyForm; fileIds?: string[] } = {},
  ): Promise<AdminNotice> {
    const draft = dataOf<AdminNotice>(
      await secretariat.call('admin.notices.save', {
        title: fields.title ?? '关于召开2026年学术年会的通知',
        html: fields.html ?? '<p>各位会员：年会定于<strong>7月</strong>在成都召开。</p>',
        attachmentFileIds: fields.fileIds ?? [],
        reply: fields.reply ?? CHOICE,
        requestId: `notice-page-${(requests += 1)}`,
      }),
    );
    return dataOf<AdminNotice>(
      await secretariat.call('admin.notices.publish', { noticeId: draft.id }),
    );
  }

  async function openNotice(noticeId: string): Promise<Rendered> {
    const page = renderPage('notice');
    (page.instance as unknown as { onLoad(o: Record<string, string>): void }).onLoad({
      id: noticeId,
    });
    await backend.settle();
    return page;
  }

  /** This year's points beyond the first login's. */
  const noticePoints = async () => (await yearTotal(backend.deps, memberId, 2026)) - 1;

  function choose(page: Rendered, value: string): void {
    find(page, '.choices').dispatchEvent('change', { detail: { value } });
  }

  function typeReply(page: Rendered, value: string): void {
    find(page, '.reply-text').dispatchEvent('input', { detail: { value } });
  }

  async function submit(page: Rendered): Promise<void> {
    tapButton(page, '.submit');
    await backend.settle();
  }

  const texts = (page: Rendered, selector: string) =>
    page.querySelectorAll(selector).map((node) => node.dom?.textContent?.trim());

  it('shows the title, the date in Beijing time and the text', async () => {
    const notice = await published();

    const page = await openNotice(notice.id);

    expect(textOf(page, '.title')).toBe('关于召开2026年学术年会的通知');
    expect(textOf(page, '.published-at')).toBe('2026-06-15 12:00');
    const html = (page.data as { notice: { html: string } }).notice.html;
    expect(html).toBe('<p>各位会员：年会定于<strong>7月</strong>在成都召开。</p>');
    expect(find(page, '.content')).toBeTruthy();
    expect(page.querySelector('.attachments')).toBeFalsy();
  });

  it('never hands a script, a handler or a javascript: link of the HTML to rich-text', async () => {
    const notice = await published({
      html:
        '<p onclick="steal()">日程<script>alert(1)</script></p>' +
        '<img src="https://example.cn/a.png" onerror="alert(2)" width="1200">' +
        '<a href="javascript:alert(3)">报名</a><iframe src="https://example.cn"></iframe>',
    });

    const page = await openNotice(notice.id);

    const html = (page.data as { notice: { html: string } }).notice.html;
    expect(html).not.toMatch(/script|onclick|onerror|javascript:|iframe|alert/i);
    expect(html).toContain('日程');
    // No picture from another site reaches the page: it would learn who read the notice.
    expect(html).not.toContain('<img');
  });

  it('counts as read, and earns 查看通知 once however often it is opened', async () => {
    const notice = await published();

    await openNotice(notice.id);
    await openNotice(notice.id);
    await openNotice(notice.id);

    expect(await noticePoints()).toBe(1);
    expect(await listNotices(1)).toMatchObject({ unread: 0, items: [{ read: true }] });
    const readers = dataOf<{ total: number }>(
      await secretariat.call('admin.notices.readers', { noticeId: notice.id }),
    );
    expect(readers.total).toBe(1);
  });

  describe('a choice', () => {
    it('takes 参加, shows it, and changes to 不参加 before the deadline, awarding once', async () => {
      const notice = await published();
      const page = await openNotice(notice.id);

      expect(textOf(page, '.reply-deadline')).toBe('反馈截止时间：2026-06-20 18:00');
      expect(texts(page, '.choice__label')).toEqual(['参加', '不参加']);
      expect(textOf(page, '.submit >>> .t-button')).toBe('提交反馈');
      expect(page.querySelector('.my-reply')).toBeFalsy();

      choose(page, '参加');
      await submit(page);

      expect(wxFake.toasts).toEqual(['反馈已提交']);
      expect(textOf(page, '.my-reply__value')).toBe('参加');
      expect(textOf(page, '.my-reply__at')).toBe('提交于 2026-06-15 12:00');
      expect(textOf(page, '.submit >>> .t-button')).toBe('修改反馈');
      expect(await noticePoints()).toBe(2);

      backend.clock.advance(HOUR);
      choose(page, '不参加');
      await submit(page);

      expect(wxFake.toasts).toEqual(['反馈已提交', '反馈已修改']);
      expect(textOf(page, '.my-reply__value')).toBe('不参加');
      expect(textOf(page, '.my-reply__at')).toBe('提交于 2026-06-15 13:00');
      expect(await noticePoints()).toBe(2);
      const stats = dataOf<AdminNotice>(
        await secretariat.call('admin.notices.get', { noticeId: notice.id }),
      ).stats;
      expect(stats.byChoice).toEqual([
        { choice: '参加', count: 0 },
        { choice: '不参加', count: 1 },
      ]);
    });

    it('starts from the current reply when the notice is opened again', async () => {
      const notice = await published();
      await replyToNotice(notice.id, { choice: '不参加' });

      const page = await openNotice(notice.id);

      expect((page.data as { choice: string }).choice).toBe('不参加');
      expect(textOf(page, '.my-reply__value')).toBe('不参加');
      expect(textOf(page, '.submit >>> .t-button')).toBe('修改反馈');
    });

    it('asks for a choice before sending anything', async () => {
      const notice = await published();
      const page = await openNotice(notice.id);

      await submit(page);

      expect(textOf(page, '.choice-error')).toBe('请选择一项');
      expect(backend.sent).not.toContain('notices.feedback');
      choose(page, '参加');
      await backend.settle();
      expect(page.querySelector('.choice-error')).toBeFalsy();
    });

    it("shows the backend's refusal on the choice when the options changed meanwhile", async () => {
      const notice = await published();
      const page = await openNotice(notice.id);
      const edited = await secretariat.call('admin.notices.save', {
        noticeId: notice.id,
        title: notice.title,
        html: notice.html,
        attachmentFileIds: [],
        reply: { ...CHOICE, options: ['现场参加', '线上参加'] },
        requestId: 'notice-page-edit',
      });
      expect(edited.ok).toBe(true);

      choose(page, '参加');
      await submit(page);

      expect(textOf(page, '.choice-error')).toBe('请选择一项');
      expect(page.querySelector('.reply-error')).toBeFalsy();
      expect(await noticePoints()).toBe(1);
    });
  });

  describe('a text', () => {
    it('counts the characters, checks the length and takes 1-500 characters', async () => {
      const notice = await published({ reply: TEXT });
      const page = await openNotice(notice.id);

      expect(textOf(page, '.counter')).toBe('0/500');
      expect(page.querySelector('.reply-deadline')).toBeFalsy();
      await submit(page);
      expect(textOf(page, '.text-error')).toBe('请填写反馈内容');

      typeReply(page, '意'.repeat(501));
      await backend.settle();
      expect(page.querySelector('.text-error')).toBeFalsy();
      expect(textOf(page, '.counter')).toBe('501/500');
      await submit(page);
      expect(textOf(page, '.text-error')).toBe('反馈内容不能超过500个字');
      expect(find(page, '.reply-text--error')).toBeTruthy();
      expect(backend.sent).not.toContain('notices.feedback');

      typeReply(page, '  张明，携学生一名参加。  ');
      await backend.settle();
      await submit(page);

      expect(wxFake.toasts).toEqual(['反馈已提交']);
      expect(textOf(page, '.my-reply__value')).toBe('张明，携学生一名参加。');
      expect((page.data as { text: string }).text).toBe('张明，携学生一名参加。');
      expect(textOf(page, '.counter')).toBe('11/500');
      expect(textOf(page, '.submit >>> .t-button')).toBe('修改反馈');
      expect(page.querySelector('.text-error')).toBeFalsy();
      expect(await noticePoints()).toBe(2);
    });
  });

  describe('after the deadline', () => {
    it('shows the reply read-only with 反馈已截止', async () => {
      const notice = await published();
      const page = await openNotice(notice.id);
      choose(page, '参加');
      await submit(page);

      backend.clock.set(DEADLINE);
      const later = await openNotice(notice.id);

      expect(textOf(later, '.closed')).toBe('反馈已截止');
      expect(textOf(later, '.my-reply__value')).toBe('参加');
      expect(later.querySelector('.choices')).toBeFalsy();
      expect(later.querySelector('.submit')).toBeFalsy();
      expect(later.querySelector('.not-replied')).toBeFalsy();
    });

    it('says so to a member who never replied', async () => {
      const notice = await published({ reply: { ...TEXT, deadline: DEADLINE } });
      backend.clock.set('2026-06-21T00:00:00Z');

      const page = await openNotice(notice.id);

      expect(textOf(page, '.closed')).toBe('反馈已截止');
      expect(textOf(page, '.not-replied')).toBe('您未提交反馈');
      expect(page.querySelector('.reply-text')).toBeFalsy();
    });

    it('refuses a change sent after the deadline passed with the page open', async () => {
      const notice = await published();
      const page = await openNotice(notice.id);
      choose(page, '参加');
      await submit(page);

      backend.clock.set(DEADLINE);
      choose(page, '不参加');
      await submit(page);

      expect(textOf(page, '.reply-error')).toBe('反馈已截止，不能再提交或修改');
      expect(textOf(page, '.closed')).toBe('反馈已截止');
      expect(textOf(page, '.my-reply__value')).toBe('参加');
      expect(page.querySelector('.submit')).toBeFalsy();
      expect(await noticePoints()).toBe(2);
    });
  });

  it('shows no reply section when none is asked', async () => {
    const notice = await published({ reply: NONE });

    const page = await openNotice(notice.id);

    expect(page.querySelector('.reply')).toBeFalsy();
    expect(page.querySelector('.reply-deadline')).toBeFalsy();
  });

  describe('attachments', () => {
    const docx = zipBuffer([
      { name: '[Content_Types].xml', content: '<Types/>' },
      { name: 'word/document.xml', content: '<w:document/>' },
    ]);

    async function withAttachments(): Promise<Rendered> {
      const fileIds = [
        await secretariat.upload(PDF_BYTES, '会议日程.pdf'),
        await secretariat.upload(docx, '回执.docx'),
        await secretariat.upload(await xlsxBuffer([{ rows: [['姓名']] }]), '名单.xlsx'),
        await secretariat.upload(JPEG_BYTES, '会场地图.jpg'),
      ];
      const notice = await published({ reply: NONE, fileIds });
      return openNotice(notice.id);
    }

    async function tapAttachment(page: Rendered, index: number): Promise<void> {
      find(page, `.attachment-${index}`).dispatchEvent('tap');
      await backend.settle();
    }

    it('lists them with their names and sizes', async () => {
      const page = await withAttachments();

      expect(texts(page, '.attachment__name')).toEqual([
        '会议日程.pdf',
        '回执.docx',
        '名单.xlsx',
        '会场地图.jpg',
      ]);
      expect(textOf(page, '.attachment-0 .attachment__size')).toBe('1 KB');
      expect(textOf(page, '.attachment-0 .attachment__action')).toBe('查看');
    });

    it('opens documents in the viewer with its menu, by their type', async () => {
      const page = await withAttachments();

      await tapAttachment(page, 0);
      await tapAttachment(page, 1);
      await tapAttachment(page, 2);

      expect(backend.sent.filter((action) => action === 'files.link')).toHaveLength(3);
      expect(seen.downloads).toEqual(
        Array(3).fill(expect.stringMatching(/^http:\/\/127\.0\.0\.1:8787\/api\/files\/[\w-]+$/)),
      );
      expect(seen.documents).toEqual([
        { filePath: 'wxfile://tmp_download_1', fileType: 'pdf', showMenu: true },
        { filePath: 'wxfile://tmp_download_2', fileType: 'docx', showMenu: true },
        { filePath: 'wxfile://tmp_download_3', fileType: 'xlsx', showMenu: true },
      ]);
      expect(seen.previews).toEqual([]);
    });

    it('shows a picture in the previewer', async () => {
      const page = await withAttachments();

      await tapAttachment(page, 3);

      expect(seen.previews).toEqual([['wxfile://tmp_download_1']]);
      expect(seen.documents).toEqual([]);
    });

    it('says so when the download fails, and opens nothing', async () => {
      const page = await withAttachments();
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);

      downloadStatus = 404;
      await tapAttachment(page, 0);
      warn.mockRestore();

      expect(wxFake.toasts).toEqual(['附件下载失败，请稍后重试']);
      expect(seen.documents).toEqual([]);
      expect(textOf(page, '.attachment-0 .attachment__action')).toBe('查看');
    });
  });

  it('says a withdrawn notice is gone', async () => {
    const notice = await published();
    await secretariat.call('admin.notices.withdraw', { noticeId: notice.id });

    const page = await openNotice(notice.id);

    expect(textOf(page, '.load-error')).toBe('通知不存在或已撤回');
    expect(await noticePoints()).toBe(0);
  });

  it('says a link without the notice is broken, asking nothing of the backend', async () => {
    const page = renderPage('notice');
    (page.instance as unknown as { onLoad(o: Record<string, string>): void }).onLoad({});
    await backend.settle();

    expect(textOf(page, '.load-error')).toBe('通知不存在或已撤回');
    expect(page.querySelector('.retry')).toBeFalsy();
    expect(backend.sent).not.toContain('notices.view');
  });

  it('says why it could not load and loads on 重新加载', async () => {
    const notice = await published();
    backend.setOffline(true);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);

    const page = await openNotice(notice.id);
    warn.mockRestore();

    expect(textOf(page, '.load-error')).toBe('网络异常，请检查网络后重试');
    backend.setOffline(false);
    tapButton(page, '.retry');
    await backend.settle();

    expect(textOf(page, '.title')).toBe('关于召开2026年学术年会的通知');
    expect(await noticePoints()).toBe(1);
  });

  it('sends a visitor whose session is gone to login', async () => {
    const notice = await published();
    wxFake.api.setStorageSync('session.token', 'a-token-the-backend-never-issued');

    await openNotice(notice.id);

    expect(wxFake.lastNavigation()).toEqual({ kind: 'reLaunch', url: '/pages/login/index' });
  });
});
