import type { AdminNotice, NoticeReplyForm } from '../../typings';
import { replyToNotice, viewNotice } from '../../miniprogram/services/notices';
import { richTextHtml } from '../../miniprogram/utils/content-view';
import { attachmentOpening, fileSizeText, unreadBadge } from '../../miniprogram/utils/notice-view';
import { dataOf } from '../helpers/backend';
import type { DuesAdmin } from '../helpers/dues';
import { PDF_BYTES } from '../helpers/files';
import type { ConnectedBackend } from './support/backend';
import { comeBack, countPullDownStops, pullDown, whileOffline } from './support/lists';
import { memberAndSecretariat } from './support/members';
import {
  find,
  renderPage,
  tapAndSettle,
  tapButton,
  texts,
  textOf,
  type Rendered,
} from './support/pages';
import { wxFake } from './support/wx-fake';

/** Noon in Beijing on 15 June 2026. */
const NOW = '2026-06-15T04:00:00Z';
const MINUTE = 60 * 1000;

const CHOICE: NoticeReplyForm = {
  kind: 'choice',
  options: ['参加', '不参加'],
  deadline: '2026-06-20T10:00:00Z',
};
const TEXT: NoticeReplyForm = { kind: 'text', options: [], deadline: null };
const NONE: NoticeReplyForm = { kind: 'none', options: [], deadline: null };

describe('通知', () => {
  let backend: ConnectedBackend;
  let secretariat: DuesAdmin;
  let requests = 0;
  const pullDownStops = countPullDownStops();
  beforeEach(async () => {
    ({ backend, secretariat } = await memberAndSecretariat(NOW));
  });
  afterEach(() => backend.close());

  /**
   * A notice the secretariat saved and published in the console, a minute after the one
   * before it, so that newest first is a fixed order.
   */
  async function published(
    fields: { title?: string; reply?: NoticeReplyForm; fileIds?: string[] } = {},
  ): Promise<AdminNotice> {
    backend.clock.advance(MINUTE);
    const draft = dataOf<AdminNotice>(
      await secretariat.call('admin.notices.save', {
        title: fields.title ?? '关于召开2026年学术年会的通知',
        html: '<p>各位会员：年会定于7月在成都召开。</p>',
        attachmentFileIds: fields.fileIds ?? [],
        reply: fields.reply ?? NONE,
        requestId: `notice-list-${(requests += 1)}`,
      }),
    );
    return dataOf<AdminNotice>(
      await secretariat.call('admin.notices.publish', { noticeId: draft.id }),
    );
  }

  /** `count` notices 通知第1号 … 第N号, the last one newest. */
  async function manyNotices(count: number): Promise<void> {
    for (let index = 1; index <= count; index += 1) {
      await published({ title: `通知第${index}号` });
    }
  }

  async function openList(): Promise<Rendered> {
    const page = renderPage('notices');
    await backend.settle();
    return page;
  }

  it('says so before any notice is published', async () => {
    const page = await openList();

    expect(textOf(page, '.empty__title')).toBe('暂无通知');
    expect(page.querySelector('.item')).toBeFalsy();
    expect(page.querySelector('.load-more')).toBeFalsy();
    expect(page.querySelector('.no-more')).toBeFalsy();
  });

  it('lists notices newest first with the unread dot, the reply asked and its deadline', async () => {
    const fileId = await secretariat.upload(PDF_BYTES, '会议日程.pdf');
    await published({ title: '2026年会费缴纳说明', fileIds: [fileId] });
    const meeting = await published({ title: '学术年会报名', reply: CHOICE });
    await published({ title: '会员信息征集', reply: TEXT });
    await replyToNotice(meeting.id, { choice: '参加' });

    const page = await openList();

    expect(texts(page, '.item__title')).toEqual([
      '会员信息征集',
      '学术年会报名',
      '2026年会费缴纳说明',
    ]);
    // Replying opened it: only the other two are unread.
    expect(page.querySelector('.item-0 .unread-dot')).toBeTruthy();
    expect(page.querySelector('.item-1 .unread-dot')).toBeFalsy();
    expect(page.querySelector('.item-2 .unread-dot')).toBeTruthy();
    expect(textOf(page, '.item-0 .item__date')).toBe('2026-06-15');
    expect(textOf(page, '.item-0 .item__tag >>> .t-tag')).toBe('需反馈');
    expect(find(page, '.item-0 .item__tag >>> .t-tag--warning')).toBeTruthy();
    expect(page.querySelector('.item-0 .item__deadline')).toBeFalsy();
    expect(textOf(page, '.item-1 .item__tag >>> .t-tag')).toBe('已反馈');
    expect(find(page, '.item-1 .item__tag >>> .t-tag--success')).toBeTruthy();
    expect(textOf(page, '.item-1 .item__deadline')).toBe('截止 2026-06-20 18:00');
    expect(page.querySelector('.item-2 .item__reply')).toBeFalsy();
    expect(textOf(page, '.item-2 .item__files')).toBe('1个附件');
    expect(page.querySelector('.item-0 .item__files')).toBeFalsy();
    expect(textOf(page, '.no-more')).toBe('没有更多了');
  });

  it('opens a notice on tap, and shows it read on coming back', async () => {
    const notice = await published();
    const page = await openList();
    expect(page.querySelector('.item-0 .unread-dot')).toBeTruthy();

    find(page, '.item-0').dispatchEvent('tap');
    await backend.settle();
    expect(wxFake.lastNavigation()).toEqual({
      kind: 'navigateTo',
      url: `/pages/notice/index?id=${notice.id}`,
    });
    // What the notice page does on opening.
    await viewNotice(notice.id);
    await comeBack(page, backend);

    expect(page.querySelector('.item-0 .unread-dot')).toBeFalsy();
  });

  it('pages the list with 加载更多', async () => {
    await manyNotices(25);

    const page = await openList();

    expect(page.querySelectorAll('.item')).toHaveLength(20);
    expect(textOf(page, '.item-0 .item__title')).toBe('通知第25号');
    expect(textOf(page, '.load-more >>> .t-button')).toBe('加载更多');
    expect(page.querySelector('.no-more')).toBeFalsy();

    tapButton(page, '.load-more');
    await backend.settle();

    expect(page.querySelectorAll('.item')).toHaveLength(25);
    expect(textOf(page, '.item-24 .item__title')).toBe('通知第1号');
    expect(page.querySelector('.load-more')).toBeFalsy();
    expect(textOf(page, '.no-more')).toBe('没有更多了');
  });

  it('shows a notice once when one published meanwhile pushed it onto the next page', async () => {
    await manyNotices(21);
    const page = await openList();

    await published({ title: '临时通知' });
    tapButton(page, '.load-more');
    await backend.settle();

    const titles = texts(page, '.item__title');
    expect(titles).toHaveLength(21);
    expect(new Set(titles).size).toBe(21);
    expect(titles.slice(-2)).toEqual(['通知第2号', '通知第1号']);
    expect(page.querySelector('.load-more')).toBeFalsy();
  });

  it('keeps every page shown when coming back, with the opened notice read', async () => {
    await manyNotices(25);
    const page = await openList();
    tapButton(page, '.load-more');
    await backend.settle();
    const [oldest] = dataOf<{ items: { id: string }[] }>(
      await secretariat.call('admin.notices.list', { page: 2, pageSize: 20 }),
    ).items.slice(-1);

    await viewNotice(oldest!.id);
    await comeBack(page, backend);

    expect(page.querySelectorAll('.item')).toHaveLength(25);
    expect(page.querySelector('.item-24 .unread-dot')).toBeFalsy();
    expect(page.querySelectorAll('.unread-dot')).toHaveLength(24);
  });

  it('reads the first page again on 下拉刷新', async () => {
    await published({ title: '通知第1号' });
    const page = await openList();
    await published({ title: '通知第2号' });

    await pullDown(page, backend);

    expect(texts(page, '.item__title')).toEqual(['通知第2号', '通知第1号']);
    expect(pullDownStops.count).toBe(1);
  });

  it('keeps what it shows when 下拉刷新 fails, and says why', async () => {
    await published({ title: '通知第1号' });
    const page = await openList();
    await whileOffline(backend, () => pullDown(page, backend));

    expect(texts(page, '.item__title')).toEqual(['通知第1号']);
    expect(wxFake.toasts).toEqual(['网络异常，请检查网络后重试']);
    expect(pullDownStops.count).toBe(1);
  });

  it('says why it could not load and loads on 重新加载', async () => {
    await published();
    const page = await whileOffline(backend, openList);

    expect(textOf(page, '.load-error')).toBe('网络异常，请检查网络后重试');
    expect(page.querySelector('.item')).toBeFalsy();
    expect(page.querySelector('.empty')).toBeFalsy();

    tapButton(page, '.retry');
    await backend.settle();

    expect(page.querySelector('.load-error')).toBeFalsy();
    expect(page.querySelectorAll('.item')).toHaveLength(1);
  });

  it('loads from the error state on 下拉刷新 as well', async () => {
    await published();
    const page = await whileOffline(backend, openList);

    await pullDown(page, backend);

    expect(page.querySelector('.load-error')).toBeFalsy();
    expect(page.querySelectorAll('.item')).toHaveLength(1);
    expect(pullDownStops.count).toBe(1);
  });

  it('keeps the notices shown when 加载更多 fails, and says why', async () => {
    await manyNotices(21);
    const page = await openList();
    await whileOffline(backend, () => tapAndSettle(page, '.load-more', backend));

    expect(wxFake.toasts).toEqual(['网络异常，请检查网络后重试']);
    expect(page.querySelectorAll('.item')).toHaveLength(20);
    expect(textOf(page, '.load-more >>> .t-button')).toBe('加载更多');
  });

  it('no longer lists a withdrawn notice', async () => {
    const withdrawn = await published({ title: '已撤回的通知' });
    await published({ title: '有效的通知' });
    const page = await openList();

    await secretariat.call('admin.notices.withdraw', { noticeId: withdrawn.id });
    await pullDown(page, backend);

    expect(texts(page, '.item__title')).toEqual(['有效的通知']);
  });

  it('sends a visitor whose session is gone to login', async () => {
    wxFake.api.setStorageSync('session.token', 'a-token-the-backend-never-issued');

    await openList();

    expect(wxFake.lastNavigation()).toEqual({ kind: 'reLaunch', url: '/pages/login/index' });
  });
});

describe('notice view helpers', () => {
  it('badges the unread count, at most 99+, and hides it at 0', () => {
    expect(unreadBadge(0)).toBe('');
    expect(unreadBadge(7)).toBe('7');
    expect(unreadBadge(99)).toBe('99');
    expect(unreadBadge(100)).toBe('99+');
  });

  it('opens documents by their type and pictures in the previewer', () => {
    expect(attachmentOpening('application/pdf')).toEqual({ kind: 'document', fileType: 'pdf' });
    expect(attachmentOpening('image/png')).toEqual({ kind: 'image' });
    expect(attachmentOpening('application/octet-stream')).toEqual({
      kind: 'document',
      fileType: null,
    });
  });

  it('gives sizes in KB below 1 MB and in MB above', () => {
    expect(fileSizeText(36)).toBe('1 KB');
    expect(fileSizeText(356 * 1024)).toBe('356 KB');
    expect(fileSizeText(1.25 * 1024 * 1024)).toBe('1.3 MB');
  });

  it('borders tables, leaving text that only reads like a tag alone', () => {
    expect(richTextHtml('<p>&lt;img src=x&gt;</p><table><tr><td>1</td></tr></table>')).toBe(
      '<p>&lt;img src=x&gt;</p><table style="width:100%;border-collapse:collapse;"><tr>' +
        '<td style="border:1px solid #e7e7e7;padding:4px 8px;">1</td></tr></table>',
    );
  });
});
