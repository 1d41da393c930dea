import type { AdminFeedback, FeedbackItem } from '../../typings';
import { listFeedback, submitFeedback } from '../../miniprogram/services/feedback';
import { dataOf } from '../helpers/backend';
import type { DuesAdmin } from '../helpers/dues';
import { JPEG_BYTES, PNG_BYTES } from '../helpers/files';
import type { ConnectedBackend } from './support/backend';
import { uploadBytes } from './support/dues';
import { comeBack, whileOffline } from './support/lists';
import { memberAndSecretariat } from './support/members';
import { find, renderPage, tapButton, texts, textOf, type Rendered } from './support/pages';
import { wxFake } from './support/wx-fake';

/** Noon in Beijing on 15 June 2026. */
const NOW = '2026-06-15T04:00:00Z';
const MINUTE = 60 * 1000;
const TEXT = '建议学会在官网增加继续教育学分的查询功能，方便会员核对。';
const REPLY = '感谢建议，秘书处已转交信息部门，下月上线。';

type Callbacks<T> = { success?: (result: T) => void; fail?: (error: { errMsg: string }) => void };
const globals = globalThis as unknown as { wx: Record<string, unknown> };

/** What the page asked of WeChat's file APIs. */
const seen = { downloads: [] as string[], previews: [] as string[][] };
let downloadStatus = 200;

globals.wx.downloadFile = (options: { url: string } & Callbacks<unknown>) => {
  seen.downloads.push(options.url);
  const tempFilePath = `wxfile://tmp_picture_${seen.downloads.length}`;
  const statusCode = downloadStatus;
  void Promise.resolve().then(() => options.success?.({ statusCode, tempFilePath }));
};
globals.wx.previewImage = (options: { urls: string[] } & Callbacks<unknown>) => {
  seen.previews.push(options.urls);
  void Promise.resolve().then(() => options.success?.({ errMsg: 'previewImage:ok' }));
};

describe('意见建议', () => {
  let backend: ConnectedBackend;
  let secretariat: DuesAdmin;
  let requests = 0;
  beforeEach(async () => {
    ({ backend, secretariat } = await memberAndSecretariat(NOW));
    // Picture links are tickets of the local server at the portal's address.
    backend.deps.config.portalUrl = 'http://127.0.0.1:8787';
    seen.downloads.length = 0;
    seen.previews.length = 0;
    downloadStatus = 200;
  });
  afterEach(() => backend.close());

  /**
   * A suggestion the member wrote, a minute after the one before it: newest first is a fixed
   * order, and five a minute is as many as the backend takes.
   */
  async function written(
    fields: { text?: string; pictureFileIds?: string[]; contact?: string | null } = {},
  ): Promise<FeedbackItem> {
    backend.clock.advance(MINUTE);
    return submitFeedback({
      text: fields.text ?? TEXT,
      pictureFileIds: fields.pictureFileIds ?? [],
      contact: fields.contact ?? null,
      requestId: `feedback-list-${(requests += 1)}`,
    });
  }

  async function replied(feedbackId: string, reply = REPLY): Promise<AdminFeedback> {
    return dataOf<AdminFeedback>(
      await secretariat.call('admin.feedback.reply', { feedbackId, reply }),
    );
  }

  async function openList(): Promise<Rendered> {
    const page = renderPage('feedback');
    await backend.settle();
    return page;
  }

  async function tapItem(page: Rendered, index: number): Promise<void> {
    find(page, `.item-${index} .item__summary`).dispatchEvent('tap');
    await backend.settle();
  }

  const unreadReplies = async () => (await listFeedback(1)).unreadReplies;

  it('says there is none yet and opens 写建议', async () => {
    const page = await openList();

    expect(textOf(page, '.empty__title')).toBe('还没有提交过意见建议');
    expect(page.querySelector('.no-more')).toBeFalsy();
    tapButton(page, '.write');
    await backend.settle();

    expect(wxFake.lastNavigation()).toEqual({
      kind: 'navigateTo',
      url: '/pages/feedback-new/index',
    });
  });

  it('lists the suggestions newest first, 待回复, with the time in Beijing', async () => {
    const picture = await uploadBytes(backend, JPEG_BYTES);
    await written({ text: '第一条建议：会员证书增加英文版。', pictureFileIds: [picture] });
    await written({ text: '第二条建议：年会资料提前发到小程序。' });

    const page = await openList();

    expect(texts(page, '.item__text')).toEqual([
      '第二条建议：年会资料提前发到小程序。',
      '第一条建议：会员证书增加英文版。',
    ]);
    expect(textOf(page, '.item-0 .item__date')).toBe('2026-06-15 12:02');
    expect(textOf(page, '.item-0 .item__status >>> .t-tag')).toBe('待回复');
    expect(textOf(page, '.item-1 .item__meta')).toBe('1张图片');
    expect(page.querySelector('.new-reply')).toBeFalsy();
    expect(page.querySelector('.reply')).toBeFalsy();
    expect(textOf(page, '.no-more')).toBe('没有更多了');
  });

  it('marks a new reply until the suggestion is opened, and opening it reads it', async () => {
    const item = await written({ contact: '微信 zm2026' });
    backend.clock.advance(60 * MINUTE);
    await replied(item.id);
    expect(await unreadReplies()).toBe(1);

    const page = await openList();

    expect(textOf(page, '.item-0 .item__status >>> .t-tag')).toBe('已回复');
    expect(textOf(page, '.item-0 .new-reply__text')).toBe('新回复');
    expect(page.querySelector('.reply')).toBeFalsy();

    await tapItem(page, 0);

    expect(textOf(page, '.item-0 .reply__text')).toBe(REPLY);
    expect(textOf(page, '.item-0 .reply__at')).toBe('回复于 2026-06-15 13:01');
    expect(textOf(page, '.item-0 .contact__value')).toBe('微信 zm2026');
    expect(page.querySelector('.new-reply')).toBeFalsy();
    expect(await unreadReplies()).toBe(0);

    // Closed and opened again: nothing more to tell the backend.
    await tapItem(page, 0);
    expect(page.querySelector('.reply')).toBeFalsy();
    await tapItem(page, 0);
    expect(textOf(page, '.item-0 .reply__text')).toBe(REPLY);
    expect(backend.sent.filter((action) => action === 'feedback.view')).toHaveLength(1);
  });

  it('opens one without a reply in place, telling the backend nothing', async () => {
    await written();
    const page = await openList();

    await tapItem(page, 0);

    expect(find(page, '.item-0.item--open')).toBeTruthy();
    expect(page.querySelector('.reply')).toBeFalsy();
    expect(backend.sent).not.toContain('feedback.view');
  });

  it('keeps the mark when the backend cannot be told, and tries again at the next opening', async () => {
    const item = await written();
    await replied(item.id);
    const page = await openList();

    await whileOffline(backend, () => tapItem(page, 0));

    expect(textOf(page, '.item-0 .reply__text')).toBe(REPLY);
    expect(textOf(page, '.item-0 .new-reply__text')).toBe('新回复');
    expect(wxFake.toasts).toEqual(['网络异常，请检查网络后重试']);
    await tapItem(page, 0);
    await tapItem(page, 0);

    expect(page.querySelector('.new-reply')).toBeFalsy();
    expect(await unreadReplies()).toBe(0);
  });

  it('shows the pictures in the previewer, each fetched through a fresh link', async () => {
    const pictures = [
      await uploadBytes(backend, JPEG_BYTES),
      await uploadBytes(backend, PNG_BYTES),
    ];
    await written({ pictureFileIds: pictures });
    const page = await openList();
    await tapItem(page, 0);

    expect(textOf(page, '.item-0 .pictures .detail-row__label')).toBe('2张图片');
    find(page, '.item-0 .view-pictures').dispatchEvent('tap');
    await backend.settle();

    expect(backend.sent.filter((action) => action === 'files.link')).toHaveLength(2);
    expect(seen.downloads).toEqual(
      Array(2).fill(expect.stringMatching(/^http:\/\/127\.0\.0\.1:8787\/api\/files\/[\w-]+$/)),
    );
    expect(seen.previews).toEqual([['wxfile://tmp_picture_1', 'wxfile://tmp_picture_2']]);
    expect(textOf(page, '.item-0 .view-pictures')).toBe('查看图片');
  });

  it('says so when a picture cannot be downloaded, and previews nothing', async () => {
    await written({ pictureFileIds: [await uploadBytes(backend, PNG_BYTES)] });
    const page = await openList();
    await tapItem(page, 0);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);

    downloadStatus = 404;
    find(page, '.item-0 .view-pictures').dispatchEvent('tap');
    await backend.settle();
    warn.mockRestore();

    expect(wxFake.toasts).toEqual(['图片加载失败，请稍后重试']);
    expect(seen.previews).toEqual([]);
  });

  it('loads 20 at a time with 加载更多, without repeating one a new suggestion pushed down', async () => {
    for (let index = 1; index <= 21; index += 1) await written({ text: `第${index}条意见建议` });
    const page = await openList();

    expect(page.querySelectorAll('.item')).toHaveLength(20);
    expect(textOf(page, '.item-0 .item__text')).toBe('第21条意见建议');
    expect(page.querySelector('.no-more')).toBeFalsy();

    await written({ text: '新写的一条意见建议' });
    tapButton(page, '.load-more');
    await backend.settle();

    expect(texts(page, '.item__text').slice(-2)).toEqual(['第2条意见建议', '第1条意见建议']);
    expect(page.querySelectorAll('.item')).toHaveLength(21);
    expect(page.querySelector('.load-more')).toBeFalsy();
    expect(textOf(page, '.no-more')).toBe('没有更多了');
  });

  it('shows the new suggestion on top when the member comes back from 写建议', async () => {
    await written({ text: '早先写的一条意见建议' });
    const page = await openList();

    await written({ text: '刚刚写好的意见建议' });
    await comeBack(page, backend);

    expect(texts(page, '.item__text')).toEqual(['刚刚写好的意见建议', '早先写的一条意见建议']);
  });

  it('says why it could not load and loads on 重新加载', async () => {
    await written();
    const page = await whileOffline(backend, openList);

    expect(textOf(page, '.load-error')).toBe('网络异常，请检查网络后重试');
    tapButton(page, '.retry');
    await backend.settle();

    expect(texts(page, '.item__text')).toEqual([TEXT]);
  });

  it('sends a visitor whose session is gone to login', async () => {
    wxFake.api.setStorageSync('session.token', 'a-token-the-backend-never-issued');

    await openList();

    expect(wxFake.lastNavigation()).toEqual({ kind: 'reLaunch', url: '/pages/login/index' });
  });
});
