import type { FeedbackDoc } from '../../backend/domain/feedback/model';
import { COLLECTIONS } from '../../backend/schema/collections';
import { submitFeedback } from '../../miniprogram/services/feedback';
import { setUploader } from '../../miniprogram/services/upload';
import { feedbackFieldOf, feedbackProblem } from '../../miniprogram/utils/feedback-view';
import { JPEG_BYTES, PDF_BYTES, PNG_BYTES } from '../helpers/files';
import { connectBackend, type ConnectedBackend } from './support/backend';
import { installDuesWx, wxDues } from './support/dues';
import { holdUploads, openedFrom, typeText, type HeldUploads } from './support/forms';
import { loggedInMember } from './support/members';
import {
  find,
  renderPage,
  tapAndSettle,
  tapButton,
  textOf,
  typeInto,
  type Rendered,
} from './support/pages';
import { wxFake } from './support/wx-fake';

/** Noon in Beijing on 15 June 2026. */
const NOW = '2026-06-15T04:00:00Z';
const TEXT = '建议学会在官网增加继续教育学分的查询功能，方便会员核对。';

/** The bytes behind each temporary path the fake picker hands out. */
const TEMP_FILES: Record<string, Buffer> = {
  'wxfile://tmp_screen.jpg': JPEG_BYTES,
  'wxfile://tmp_photo.png': PNG_BYTES,
  'wxfile://tmp_third.jpg': JPEG_BYTES,
  'wxfile://tmp_scan.pdf': PDF_BYTES,
};

type Callbacks<T> = { success?: (result: T) => void; fail?: (error: object) => void };
type PrivacyListener = (resolve: (answer: object) => void, info: { referrer: string }) => void;
const globals = globalThis as unknown as { wx: Record<string, unknown> };

describe('写建议', () => {
  let backend: ConnectedBackend;
  let uploads: HeldUploads;
  /** The sources each wx.chooseMedia asked for. */
  let sourceTypes: string[][];
  /** What the next wx.chooseMedia fails with, instead of handing out wxDues.media. */
  let chooseFailure: { errMsg: string; errno?: number } | null;
  let privacyListeners: PrivacyListener[];

  beforeEach(async () => {
    openedFrom('feedback', 'feedback-new');
    backend = connectBackend({ now: NOW });
    await loggedInMember(backend);
    installDuesWx();
    uploads = holdUploads(backend, TEMP_FILES);
    sourceTypes = [];
    chooseFailure = null;
    const handOut = globals.wx.chooseMedia as (options: object) => void;
    globals.wx.chooseMedia = (options: { sourceType: string[] } & Callbacks<unknown>) => {
      sourceTypes.push(options.sourceType);
      const failure = chooseFailure;
      if (failure) void Promise.resolve().then(() => options.fail?.(failure));
      else handOut(options);
    };
    privacyListeners = [];
    globals.wx.onNeedPrivacyAuthorization = (listener: PrivacyListener) =>
      privacyListeners.push(listener);
  });
  afterEach(() => {
    setUploader(null);
    delete globals.wx.onNeedPrivacyAuthorization;
    backend.close();
  });

  async function openForm(): Promise<Rendered> {
    const page = renderPage('feedback-new');
    await backend.settle();
    return page;
  }

  const tap = (page: Rendered, button: string) => tapAndSettle(page, button, backend);

  /** 添加图片 → 从相册选择 (or the row given) → the pictures in `paths`. */
  async function addPictures(page: Rendered, paths: string[], row = 0): Promise<void> {
    wxDues.sheetTap = row;
    wxDues.media = paths;
    await tap(page, '.add-picture');
  }

  const stored = () => backend.store.find<FeedbackDoc>(COLLECTIONS.feedback);
  const submits = () => backend.sent.filter((action) => action === 'feedback.submit');

  it('counts the characters and checks the text before sending anything', async () => {
    const page = await openForm();

    expect(textOf(page, '.counter')).toBe('0/500');
    await tap(page, '.submit');
    expect(textOf(page, '.text-error')).toBe('请填写意见建议');

    typeText(page, '建议改进');
    await backend.settle();
    expect(page.querySelector('.text-error')).toBeFalsy();
    expect(textOf(page, '.counter')).toBe('4/500');
    await tap(page, '.submit');
    expect(textOf(page, '.text-error')).toBe('意见建议至少需要5个字');
    expect(find(page, '.text--error')).toBeTruthy();

    typeText(page, '议'.repeat(501));
    await backend.settle();
    expect(textOf(page, '.counter')).toBe('501/500');
    expect(find(page, '.counter--over')).toBeTruthy();
    await tap(page, '.submit');
    expect(textOf(page, '.text-error')).toBe('意见建议不能超过500个字');

    // Counted as the backend counts: five emoji are five characters, enough.
    typeText(page, '👍👍👍👍👍');
    await backend.settle();
    expect(textOf(page, '.counter')).toBe('5/500');
    expect(submits()).toEqual([]);
  });

  it('takes a contact of at most 50 characters', async () => {
    const page = await openForm();
    typeText(page, TEXT);
    typeInto(page, '.field-contact', '1'.repeat(51));
    await backend.settle();

    await tap(page, '.submit');

    expect((await stored())[0]?.contact).toBe('1'.repeat(50));
  });

  it('checks a contact over 50 characters before sending, as the backend counts them', () => {
    const form = { text: TEXT, pictures: [], contact: `${'1'.repeat(50)}  ` };
    expect(feedbackProblem(form)).toBeNull();
    expect(feedbackProblem({ ...form, contact: '😀'.repeat(26) })).toEqual({
      field: 'contact',
      message: '联系方式不能超过50个字',
    });
    expect(feedbackFieldOf('contact')).toBe('contact');
    expect(feedbackFieldOf('pictureFileIds')).toBe('pictures');
    expect(feedbackFieldOf('requestId')).toBeNull();
  });

  it('submits the text and the contact, trimmed, then goes back to the list', async () => {
    const page = await openForm();
    typeText(page, `  ${TEXT}  `);
    typeInto(page, '.field-contact', ' 微信 zm2026 ');
    await backend.settle();

    await tap(page, '.submit');

    const [doc] = await stored();
    expect(doc).toMatchObject({ text: TEXT, contact: '微信 zm2026', pictures: [] });
    expect(wxFake.toasts).toEqual(['已提交']);
    expect(wxFake.navigations).toEqual([{ kind: 'navigateBack', url: '' }]);
  });

  it('keeps no contact when none is given', async () => {
    const page = await openForm();
    typeText(page, TEXT);
    await backend.settle();

    await tap(page, '.submit');

    expect((await stored())[0]).toMatchObject({ text: TEXT, contact: null });
  });

  it('offers the album and the camera only, and asks the camera for a photo', async () => {
    const page = await openForm();

    await addPictures(page, ['wxfile://tmp_photo.png'], 1);

    expect(wxDues.sheets).toEqual([['从相册选择', '拍照']]);
    expect(sourceTypes).toEqual([['camera']]);
    expect(page.querySelectorAll('.picture')).toHaveLength(1);
  });

  it('uploads pictures with progress, waits for them, and submits them', async () => {
    const page = await openForm();
    typeText(page, TEXT);

    await addPictures(page, ['wxfile://tmp_screen.jpg', 'wxfile://tmp_photo.png']);

    expect(wxDues.chosenCounts).toEqual([3]);
    expect(textOf(page, '.picture-0 .picture__state')).toBe('上传中 0%');
    uploads.held[0]?.progress(40);
    uploads.held[1]?.progress(75.4);
    await backend.settle();
    expect(textOf(page, '.picture-0 .picture__state')).toBe('上传中 40%');
    expect(textOf(page, '.picture-1 .picture__state')).toBe('上传中 75%');
    expect(find(page, '.picture-0 .picture__progress >>> .t-progress__bar').dom).toBeTruthy();

    await tap(page, '.submit');
    expect(textOf(page, '.pictures-error')).toBe('图片仍在上传，请稍候');
    expect(submits()).toEqual([]);

    await uploads.releaseAll();
    expect(textOf(page, '.picture-0 .picture__state')).toBe('已上传');
    expect(textOf(page, '.picture-1 .picture__state')).toBe('已上传');
    await tap(page, '.submit');

    const [doc] = await stored();
    expect(doc?.pictures.map((picture) => picture.contentType)).toEqual([
      'image/jpeg',
      'image/png',
    ]);
    expect(wxFake.navigations).toEqual([{ kind: 'navigateBack', url: '' }]);
  });

  it('takes at most three pictures, and a removed one is not sent', async () => {
    const page = await openForm();
    typeText(page, TEXT);

    await addPictures(page, ['wxfile://tmp_screen.jpg', 'wxfile://tmp_photo.png']);
    await addPictures(page, ['wxfile://tmp_third.jpg']);
    await uploads.releaseAll();

    expect(wxDues.chosenCounts).toEqual([3, 1]);
    expect(page.querySelectorAll('.picture')).toHaveLength(3);
    expect(page.querySelector('.add-picture')).toBeFalsy();

    find(page, '.picture-1 .picture__remove').dispatchEvent('tap');
    await backend.settle();
    expect(page.querySelectorAll('.picture')).toHaveLength(2);
    expect(find(page, '.add-picture')).toBeTruthy();
    await tap(page, '.submit');

    const [doc] = await stored();
    expect(doc?.pictures.map((picture) => picture.contentType)).toEqual([
      'image/jpeg',
      'image/jpeg',
    ]);
  });

  it('shows a failed upload on the pictures and asks for it to be removed', async () => {
    const page = await openForm();
    typeText(page, TEXT);
    await addPictures(page, ['wxfile://tmp_missing.jpg']);

    await uploads.releaseAll();

    expect(textOf(page, '.picture-0 .picture__state')).toBe('上传失败');
    expect(textOf(page, '.pictures-error')).not.toBe('');
    await tap(page, '.submit');
    expect(textOf(page, '.pictures-error')).toBe('请先移除上传失败的图片');
    expect(submits()).toEqual([]);
  });

  it("shows the backend's refusal of a picture that is no JPEG or PNG on the pictures", async () => {
    const page = await openForm();
    typeText(page, TEXT);
    await addPictures(page, ['wxfile://tmp_scan.pdf']);
    await uploads.releaseAll();

    await tap(page, '.submit');

    expect(textOf(page, '.pictures-error')).toBe('图片只能是 JPG 或 PNG 格式');
    expect(page.querySelector('.submit-error')).toBeFalsy();
    expect(await stored()).toEqual([]);
    expect(wxFake.navigations).toEqual([]);
  });

  it('explains a refused privacy prompt on the pictures, and offers the prompt itself', async () => {
    const page = await openForm();
    expect(privacyListeners).toHaveLength(1);
    privacyListeners[0]!(() => undefined, { referrer: 'chooseMedia' });
    await backend.settle();
    expect(find(page, '.privacy >>> .privacy-prompt')).toBeTruthy();

    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    chooseFailure = {
      errMsg: 'chooseMedia:fail privacy permission is not authorized',
      errno: 104,
    };
    await addPictures(page, ['wxfile://tmp_photo.png']);
    warn.mockRestore();

    expect(textOf(page, '.pictures-error')).toBe(
      '您未同意隐私保护指引，无法选择照片。如需上传，请再次点击并选择“同意”。',
    );
    expect(page.querySelectorAll('.picture')).toHaveLength(0);
  });

  it('submits once for a double tap', async () => {
    const page = await openForm();
    typeText(page, TEXT);
    await backend.settle();

    tapButton(page, '.submit');
    tapButton(page, '.submit');
    await backend.settle();

    expect(submits()).toHaveLength(1);
    expect(await stored()).toHaveLength(1);
    expect(wxFake.toasts).toEqual(['已提交']);
  });

  it('keeps its requestId for a retry: an answer lost on the way stores one suggestion', async () => {
    const page = await openForm();
    typeText(page, TEXT);
    await backend.settle();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);

    backend.setOffline(true);
    await tap(page, '.submit');
    warn.mockRestore();
    expect(textOf(page, '.submit-error')).toBe('网络异常，请检查网络后重试');
    const { requestId } = page.data as { requestId: string };
    expect(requestId).toMatch(/^[0-9a-f]{32}$/);

    // As if that attempt had reached the backend and only its answer was lost.
    backend.setOffline(false);
    const first = await submitFeedback({
      text: TEXT,
      pictureFileIds: [],
      contact: null,
      requestId,
    });
    await tap(page, '.submit');

    const docs = await stored();
    expect(docs.map((doc) => doc._id)).toEqual([first.id]);
    expect(docs[0]?.requestKey).toMatch(new RegExp(`:${requestId}$`));
    expect(wxFake.navigations).toEqual([{ kind: 'navigateBack', url: '' }]);
  });

  it("shows WeChat's refusal of a risky text on the text", async () => {
    backend.deps.contentSecurity = {
      checkText: () => Promise.resolve({ suggest: 'risky', label: '20001' }),
    };
    const page = await openForm();
    typeText(page, TEXT);
    await backend.settle();

    await tap(page, '.submit');

    expect(textOf(page, '.text-error')).toBe('内容可能含有不当信息，请修改后再提交');
    expect(await stored()).toEqual([]);
  });

  it("shows the backend's limit of five a minute under the form", async () => {
    for (let index = 0; index < 5; index += 1) {
      await submitFeedback({
        text: TEXT,
        pictureFileIds: [],
        contact: null,
        requestId: `limit-request-${index}`,
      });
    }
    const page = await openForm();
    typeText(page, TEXT);
    await backend.settle();

    await tap(page, '.submit');

    expect(textOf(page, '.submit-error')).toBe('提交过于频繁，请一分钟后再试');
    expect(await stored()).toHaveLength(5);
    expect(wxFake.navigations).toEqual([]);
  });

  it('sends a member whose session is gone to login', async () => {
    const page = await openForm();
    typeText(page, TEXT);
    wxFake.api.setStorageSync('session.token', 'a-token-the-backend-never-issued');

    await tap(page, '.submit');

    expect(wxFake.lastNavigation()).toEqual({ kind: 'reLaunch', url: '/pages/login/index' });
  });
});
