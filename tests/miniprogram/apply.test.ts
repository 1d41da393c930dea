import { ensureFirstAdmin } from '../../backend/domain/admins/accounts';
import type { ApplicationDoc } from '../../backend/domain/applications/model';
import { COLLECTIONS } from '../../backend/schema/collections';
import {
  handOverForResubmit,
  lookUpApplication,
  requestUploadGrant,
  submitApplication,
} from '../../miniprogram/package-apply/services/application';
import { setUploader, type UploadRequest } from '../../miniprogram/services/upload';
import { dataOf } from '../helpers/backend';
import { JPEG_BYTES, PDF_BYTES, PNG_BYTES } from '../helpers/files';
import { connectBackend, type ConnectedBackend } from './support/backend';
import { installDuesWx, seedDuesSettings, uploadBytes, wxDues } from './support/dues';
import {
  find,
  renderPage,
  tapButton,
  tapCell,
  textOf,
  typeInto,
  type Rendered,
} from './support/pages';
import { wxFake } from './support/wx-fake';

/** 12:00 in Beijing. */
const NOW = '2026-06-15T04:00:00Z';
const ADMIN_PASSWORD = 'Secretariat-2026!';
/** A valid ID number (check digit X), born 1949-12-31. */
const ID_NUMBER = '11010519491231002X';
const PHONE = '13880001234';

/** The bytes behind each temporary path the fake pickers hand out. */
const TEMP_FILES: Record<string, Buffer> = {
  'wxfile://tmp_page1.jpg': JPEG_BYTES,
  'wxfile://tmp_page2.png': PNG_BYTES,
  'wxfile://tmp_form.pdf': PDF_BYTES,
};

type Callbacks<T> = { success?: (result: T) => void; fail?: (error: unknown) => void };
const globals = globalThis as unknown as { wx: Record<string, unknown> };

/** What the page asked of wx.requestSubscribeMessage, downloadFile and openDocument. */
const seen = {
  subscribe: [] as string[][],
  downloads: [] as string[],
  documents: [] as { filePath: string; fileType?: string; showMenu?: boolean }[],
};
/** How the applicant answers the result message's dialog. */
let subscribeAnswer: 'accept' | 'reject' = 'accept';

describe('入会申请', () => {
  let backend: ConnectedBackend;
  /** Every upload the page made, as the uploader received it. */
  let uploadRequests: UploadRequest[];
  /** Uploads under way: the backend's settle() sees only action calls. */
  const uploads = new Set<Promise<unknown>>();

  beforeEach(async () => {
    backend = connectBackend({ now: NOW });
    backend.deps.config.portalUrl = 'http://127.0.0.1:8787';
    await seedDuesSettings(backend);
    installDuesWx();
    seen.subscribe.length = 0;
    seen.downloads.length = 0;
    seen.documents.length = 0;
    subscribeAnswer = 'accept';
    globals.wx.requestSubscribeMessage = (options: { tmplIds: string[] } & Callbacks<unknown>) => {
      seen.subscribe.push(options.tmplIds);
      const answer = {
        errMsg: 'requestSubscribeMessage:ok',
        [options.tmplIds[0]!]: subscribeAnswer,
      };
      void Promise.resolve().then(() => options.success?.(answer));
    };
    globals.wx.downloadFile = (options: { url: string } & Callbacks<unknown>) => {
      seen.downloads.push(options.url);
      const result = { statusCode: 200, tempFilePath: 'wxfile://tmp_template.pdf' };
      void Promise.resolve().then(() => options.success?.(result));
    };
    globals.wx.openDocument = (options: (typeof seen.documents)[number] & Callbacks<unknown>) => {
      const { filePath, fileType, showMenu } = options;
      seen.documents.push({ filePath, fileType, showMenu });
      void Promise.resolve().then(() => options.success?.({ errMsg: 'openDocument:ok' }));
    };

    // Each upload goes to the in-process backend's upload gate with the grant as the bearer
    // token, as the local route hands it on.
    uploadRequests = [];
    setUploader((request) => {
      uploadRequests.push(request);
      const bytes = TEMP_FILES[request.filePath] ?? Buffer.alloc(0);
      const upload = uploadBytes(backend, bytes, request.uploadGrant ?? request.token);
      uploads.add(upload);
      void upload.finally(() => uploads.delete(upload)).catch(() => undefined);
      return upload;
    });
  });
  afterEach(() => {
    setUploader(null);
    backend.close();
  });

  /** Opens the form as WeChat does: attached, then onLoad with the page's query. */
  async function openApply(options: Record<string, string> = { scene: 'apply' }) {
    const page = renderPage('apply');
    (page.instance as unknown as { onLoad(o: Record<string, string>): void }).onLoad(options);
    await backend.settle();
    return page;
  }

  /** Waits for the calls and the uploads the last step started, and for the page after them. */
  async function settle() {
    await backend.settle();
    while (uploads.size > 0) {
      await Promise.allSettled([...uploads]);
      await backend.settle();
    }
  }

  async function tap(page: Rendered, button: string) {
    tapButton(page, button);
    await settle();
  }

  /** A native picker or checkbox group answers with `change`. */
  async function change(page: Rendered, selector: string, value: unknown) {
    find(page, selector).dispatchEvent('change', { detail: { value } });
    await settle();
  }

  const note = (page: Rendered, cell: string) => textOf(page, `${cell} >>> .t-cell__note`);
  const tips = (page: Rendered, input: string) => textOf(page, `${input} >>> .t-input__tips`);

  /** 会员类型 个人会员, the applicant, two photos of the signed form, the privacy consent. */
  async function fillIn(page: Rendered, phone = PHONE) {
    await change(page, '.pick-memberType', '0');
    typeInto(page, '.field-name', ' 林若溪 ');
    await change(page, '.pick-gender', '1');
    await change(page, '.pick-birthDate', '1949-12-31');
    typeInto(page, '.field-phone', phone);
    typeInto(page, '.field-workUnit', '四川大学华西医院');
    typeInto(page, '.field-department', '泌尿外科');
    wxDues.sheetTap = 0;
    wxDues.media = ['wxfile://tmp_page1.jpg', 'wxfile://tmp_page2.png'];
    await tap(page, '.add-file');
    await change(page, '.privacy-consent', ['agree']);
  }

  async function applications(): Promise<ApplicationDoc[]> {
    return backend.store.find<ApplicationDoc>(COLLECTIONS.applications);
  }

  async function superAdminToken(): Promise<string> {
    await ensureFirstAdmin(backend.deps, ADMIN_PASSWORD, backend.clock.now());
    const login = await backend.call('admin.login', {
      username: 'admin',
      password: ADMIN_PASSWORD,
    });
    return dataOf<{ token: string }>(login).token;
  }

  /** An application made through the services (as another visit of the form would). */
  async function appliedBefore(options: { idNumber?: string } = {}) {
    const uploadGrant = await requestUploadGrant();
    const fileId = await uploadBytes(backend, PDF_BYTES, uploadGrant);
    return submitApplication({
      memberType: '个人会员',
      name: '林若溪',
      gender: '女',
      birthDate: '1949-12-31',
      phone: PHONE,
      workUnit: '四川大学华西医院',
      ...(options.idNumber ? { idNumber: options.idNumber, idNumberConsent: true } : {}),
      personalInfoConsent: true,
      requestId: 'earlier-application-01',
      uploadGrant,
      fileIds: [fileId],
    });
  }

  it('opens from the 入会申请 code without login and offers the fee-bearing member types', async () => {
    const page = await openApply({ scene: encodeURIComponent('apply') });

    expect(backend.sent).toEqual(['application.options']);
    expect(note(page, '.field-memberType')).toBe('请选择');
    expect(page.data.memberTypes).toEqual(['个人会员', '理事', '学生会员']);
    await change(page, '.pick-memberType', '1');
    expect(note(page, '.field-memberType')).toBe('理事');
    // No blank template set up: no download link.
    expect(page.querySelector('.template')).toBeFalsy();
    expect(textOf(page, '.submit >>> .t-button')).toBe('提交申请');
  });

  it('submits the form with two photos and shows the reference code to keep', async () => {
    const page = await openApply();
    await fillIn(page);
    expect(textOf(page, '.file-0 .file__state')).toBe('已上传');
    expect(textOf(page, '.file-1 .file__state')).toBe('已上传');

    await tap(page, '.submit');

    const [stored] = await applications();
    expect(stored).toMatchObject({
      status: 'underReview',
      memberType: '个人会员',
      name: '林若溪',
      gender: '女',
      birthDate: '1949-12-31',
      phone: PHONE,
      workUnit: '四川大学华西医院',
      department: '泌尿外科',
      title: null,
      idNumber: null,
    });
    expect(stored?.files.map((file) => file.contentType)).toEqual(['image/jpeg', 'image/png']);
    // One grant for both uploads, carried instead of a session.
    expect(uploadRequests).toHaveLength(2);
    expect(uploadRequests.every((r) => r.token === null && r.uploadGrant?.startsWith('ug_'))).toBe(
      true,
    );
    expect(backend.sent.filter((action) => action === 'application.uploadGrant')).toHaveLength(1);

    expect(textOf(page, '.receipt__title')).toBe('申请已提交');
    expect(textOf(page, '.reference-code')).toBe(stored?.referenceCode);
    expect(textOf(page, '.receipt-phone')).toBe(PHONE);
    await tap(page, '.copy-code');
    expect(wxDues.clipboard).toEqual([stored?.referenceCode]);
    await tap(page, '.view-progress');
    expect(wxFake.lastNavigation()).toEqual({
      kind: 'redirectTo',
      url: '/package-apply/pages/apply-status/index',
    });
  });

  it('a double tap on 提交 sends one application', async () => {
    const page = await openApply();
    await fillIn(page);

    tapButton(page, '.submit');
    tapButton(page, '.submit');
    await settle();

    expect(await applications()).toHaveLength(1);
    expect(backend.sent.filter((action) => action === 'application.submit')).toHaveLength(1);
  });

  it('retries a lost 提交 with the same requestId, making one application', async () => {
    const page = await openApply();
    await fillIn(page);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);

    backend.setOffline(true);
    await tap(page, '.submit');
    warn.mockRestore();
    const firstAttempt = page.data.requestId as string;
    expect(textOf(page, '.form-error')).toBe('网络异常，请检查网络后重试');
    expect(firstAttempt).toMatch(/^[0-9a-f]{32}$/);

    backend.setOffline(false);
    await tap(page, '.submit');

    const stored = await applications();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.requestKey).toBe(`${PHONE}:${firstAttempt}`);
    expect(textOf(page, '.reference-code')).toBe(stored[0]?.referenceCode);
  });

  it('checks each required field, the files and the privacy consent before any call', async () => {
    const page = await openApply();
    const submitOnce = async () => {
      await tap(page, '.submit');
      return textOf(page, '.form-error');
    };

    expect(await submitOnce()).toBe('请选择会员类型');
    expect(textOf(page, '.error-memberType')).toBe('请选择会员类型');
    await change(page, '.pick-memberType', '0');
    expect(await submitOnce()).toBe('请填写姓名');
    expect(tips(page, '.field-name')).toBe('请填写姓名');
    typeInto(page, '.field-name', '林若溪');
    expect(await submitOnce()).toBe('请选择性别');
    // 女: the ID number's 17th digit is even.
    await change(page, '.pick-gender', '1');
    expect(await submitOnce()).toBe('请选择出生日期');
    await change(page, '.pick-birthDate', '1949-12-31');
    expect(await submitOnce()).toBe('请填写手机号');
    typeInto(page, '.field-phone', PHONE);
    typeInto(page, '.field-idNumber', ID_NUMBER);
    expect(await submitOnce()).toBe('填写身份证号需同意保存身份证号');
    expect(tips(page, '.field-idNumber')).toBe('填写身份证号需同意保存身份证号');
    await change(page, '.id-consent', ['consent']);
    expect(await submitOnce()).toBe('请填写工作单位');
    expect(tips(page, '.field-workUnit')).toBe('请填写工作单位');
    typeInto(page, '.field-workUnit', '四川大学华西医院');
    expect(await submitOnce()).toBe('请上传签字的入会申请表');
    expect(textOf(page, '.error-files')).toBe('请上传签字的入会申请表');
    wxDues.media = ['wxfile://tmp_page1.jpg'];
    await tap(page, '.add-file');
    expect(await submitOnce()).toBe('请阅读并同意《隐私保护指引》');
    expect(textOf(page, '.error-privacy')).toBe('请阅读并同意《隐私保护指引》');

    expect(backend.sent).not.toContain('application.submit');
    await change(page, '.privacy-consent', ['agree']);
    await tap(page, '.submit');
    const [stored] = await applications();
    expect(stored).toMatchObject({ idNumber: ID_NUMBER, idNumberConsent: true });
  });

  it('refuses a file over 10 MB before uploading anything', async () => {
    const page = await openApply();
    globals.wx.chooseMedia = (options: Callbacks<unknown>) => {
      const tempFiles = [{ tempFilePath: 'wxfile://tmp_huge.jpg', size: 10 * 1024 * 1024 + 1 }];
      void Promise.resolve().then(() => options.success?.({ tempFiles }));
    };

    await tap(page, '.add-file');

    expect(textOf(page, '.error-files')).toBe('“tmp_huge.jpg”超过 10 MB，请压缩后重新选择');
    expect(uploadRequests).toHaveLength(0);
    expect(backend.sent).not.toContain('application.uploadGrant');
  });

  it('takes a PDF from a chat, and lets a file be removed', async () => {
    const page = await openApply();
    await fillIn(page);
    expect(wxDues.sheets[0]).toEqual(['从相册选择', '拍照', '从聊天记录选择PDF']);
    expect(wxDues.chosenCounts).toEqual([9]);

    find(page, '.file-1 .file__remove').dispatchEvent('tap');
    await settle();
    wxDues.sheetTap = 2;
    wxDues.messageFiles = [{ path: 'wxfile://tmp_form.pdf', name: '入会申请表.pdf' }];
    await tap(page, '.add-file');
    expect(textOf(page, '.file-1 .file__name')).toBe('入会申请表.pdf');
    // Room left: 9 less the one file still listed.
    expect(wxDues.chosenCounts).toEqual([9, 8]);
    await tap(page, '.submit');

    const [stored] = await applications();
    expect(stored?.files.map((file) => file.contentType)).toEqual([
      'image/jpeg',
      'application/pdf',
    ]);
  });

  it('shows a file the backend refuses as failed, and holds 提交 until it is removed', async () => {
    const page = await openApply();
    await fillIn(page);
    wxDues.media = ['wxfile://tmp_not-an-image.jpg'];
    await tap(page, '.add-file');

    expect(textOf(page, '.file-2 .file__state')).toBe('上传失败');
    expect(textOf(page, '.error-files')).not.toBe('');
    await tap(page, '.submit');
    expect(textOf(page, '.error-files')).toBe('请先移除上传失败的文件');

    find(page, '.file-2 .file__remove').dispatchEvent('tap');
    await settle();
    await tap(page, '.submit');
    expect(await applications()).toHaveLength(1);
  });

  it('after the upload grant expires, asks for a new one and has the older files redone', async () => {
    const page = await openApply();
    await fillIn(page);
    backend.clock.advance(2 * 3_600_000 + 60_000);

    wxDues.media = ['wxfile://tmp_form.pdf'];
    await tap(page, '.add-file');

    expect(textOf(page, '.error-files')).toBe(
      '上传已超过 2 小时，请移除标为“已过期”的文件后重新添加',
    );
    expect(['.file-0', '.file-1'].map((row) => textOf(page, `${row} .file__state`))).toEqual([
      '已过期',
      '已过期',
    ]);
    for (let left = 3; left > 0; left -= 1) {
      find(page, '.file-0 .file__remove').dispatchEvent('tap');
      await settle();
    }
    wxDues.media = ['wxfile://tmp_page1.jpg'];
    await tap(page, '.add-file');
    await tap(page, '.submit');

    expect(backend.sent.filter((action) => action === 'application.uploadGrant')).toHaveLength(2);
    const [stored] = await applications();
    expect(stored?.files.map((file) => file.contentType)).toEqual(['image/jpeg']);
  });

  it('shows the backend’s message on the field it names', async () => {
    const page = await openApply();
    await fillIn(page);
    typeInto(page, '.field-email', 'not-an-email');

    await tap(page, '.submit');

    expect(tips(page, '.field-email')).toBe('电子邮箱的格式不正确');
    expect(textOf(page, '.form-error')).toBe('电子邮箱的格式不正确');
    expect(await applications()).toHaveLength(0);
  });

  it('offers 去登录 when the phone is a member’s already', async () => {
    await backend.seedMember({ phone: PHONE, name: '林若溪' });
    const page = await openApply();
    await fillIn(page);

    await tap(page, '.submit');

    expect(tips(page, '.field-phone')).toBe('该手机号已是会员，请直接登录（初始密码为手机号）');
    expect(page.querySelector('.view-status')).toBeFalsy();
    await tap(page, '.go-login');
    expect(wxFake.lastNavigation()).toEqual({ kind: 'navigateTo', url: '/pages/login/index' });
  });

  it('offers 查看进度 when the phone has an application under review', async () => {
    await appliedBefore();
    const page = await openApply();
    await fillIn(page);

    await tap(page, '.submit');

    expect(tips(page, '.field-phone')).toBe('该手机号已有一份入会申请正在审核中，请耐心等待结果');
    expect(page.querySelector('.go-login')).toBeFalsy();
    await tap(page, '.view-status');
    expect(wxFake.lastNavigation()).toEqual({
      kind: 'redirectTo',
      url: '/package-apply/pages/apply-status/index',
    });
    expect(await applications()).toHaveLength(1);
  });

  it('asks for the 入会审核结果 message from the 提交 tap and records the acceptance', async () => {
    backend.deps.config.applicationResultTemplateId = 'tmpl-application-result';
    const page = await openApply();
    await fillIn(page);

    await tap(page, '.submit');

    expect(seen.subscribe).toEqual([['tmpl-application-result']]);
    const [stored] = await applications();
    const notices = await backend.store.find<{ _id: string; credits: number }>(
      COLLECTIONS.applicationNotices,
    );
    expect(notices).toEqual([expect.objectContaining({ _id: stored?._id, credits: 1 })]);
  });

  it('still submits when the result message is refused', async () => {
    backend.deps.config.applicationResultTemplateId = 'tmpl-application-result';
    subscribeAnswer = 'reject';
    const page = await openApply();
    await fillIn(page);

    await tap(page, '.submit');

    expect(seen.subscribe).toHaveLength(1);
    expect(await applications()).toHaveLength(1);
    expect(await backend.store.find(COLLECTIONS.applicationNotices)).toEqual([]);
    expect(textOf(page, '.receipt__title')).toBe('申请已提交');
  });

  it('an incomplete form never asks for the result message', async () => {
    backend.deps.config.applicationResultTemplateId = 'tmpl-application-result';
    const page = await openApply();

    await tap(page, '.submit');

    expect(seen.subscribe).toEqual([]);
  });

  it('downloads the blank form and opens it with the menu to forward or print it', async () => {
    const token = await superAdminToken();
    const caller = { transport: 'http' as const, openid: null, token, clientIp: '127.0.0.1' };
    const gate = await backend.backend.openUpload({ ...caller, requestId: 'template-upload' });
    const upload = gate.ok ? await gate.store({ name: '入会申请表.pdf', bytes: PDF_BYTES }) : gate;
    const templateFileId = dataOf<{ fileId: string }>(upload).fileId;
    const saved = await backend.call(
      'admin.applications.settings.update',
      { memberNoPattern: 'SQ{YYYY}{NNNN}', templateFileId },
      { token },
    );
    expect(saved.ok).toBe(true);
    const page = await openApply();

    expect(note(page, '.template')).toBe('入会申请表.pdf');
    tapCell(page, '.template');
    await settle();

    expect(seen.downloads).toEqual([
      expect.stringMatching(/^http:\/\/127\.0\.0\.1:8787\/api\/files\//),
    ]);
    expect(seen.documents).toEqual([
      { filePath: 'wxfile://tmp_template.pdf', fileType: 'pdf', showMenu: true },
    ]);
  });

  it('opens the privacy policy from the consent', async () => {
    const page = await openApply();

    find(page, '.privacy-link').dispatchEvent('tap');
    await settle();

    expect(wxFake.lastNavigation()).toEqual({ kind: 'navigateTo', url: '/pages/privacy/index' });
  });

  describe('修改后重新提交', () => {
    /** The application rejected by the super-admin and handed to the form, as the status page does. */
    async function rejectedAndHandedOver(options: { idNumber?: string } = {}) {
      const receipt = await appliedBefore(options);
      const token = await superAdminToken();
      const rejected = await backend.call(
        'admin.applications.review',
        { applicationId: receipt.applicationId, decision: 'reject', reason: '申请表缺少本人签字' },
        { token },
      );
      expect(rejected.ok).toBe(true);
      handOverForResubmit(await lookUpApplication(PHONE, receipt.referenceCode));
      return receipt;
    }

    it('prefills the form, keeps the earlier file and the stored ID number', async () => {
      const receipt = await rejectedAndHandedOver({ idNumber: ID_NUMBER });
      const page = await openApply({ mode: 'resubmit' });

      expect(textOf(page, '.rejected__reason')).toBe('未通过原因：申请表缺少本人签字');
      expect(note(page, '.field-memberType')).toBe('个人会员');
      expect(note(page, '.field-gender')).toBe('女');
      expect(page.data.form).toMatchObject({ name: '林若溪', phone: PHONE, idNumber: '' });
      expect(tips(page, '.field-phone')).toBe('重新提交时手机号不能修改');
      expect(tips(page, '.field-idNumber')).toBe(
        '已填写 1101**********002X；留空则保持不变，如需更正请重新输入',
      );
      expect(textOf(page, '.file-0 .file__state')).toBe('已提交过');
      expect(textOf(page, '.submit >>> .t-button')).toBe('重新提交');

      typeInto(page, '.field-title', '主治医师');
      wxDues.media = ['wxfile://tmp_page2.png'];
      await tap(page, '.add-file');
      await change(page, '.privacy-consent', ['agree']);
      await tap(page, '.submit');

      const [stored] = await applications();
      expect(stored).toMatchObject({
        status: 'underReview',
        referenceCode: receipt.referenceCode,
        title: '主治医师',
        idNumber: ID_NUMBER,
        history: [expect.objectContaining({ reason: '申请表缺少本人签字' })],
      });
      expect(stored?.files.map((file) => file.contentType)).toEqual([
        'application/pdf',
        'image/png',
      ]);
      expect(textOf(page, '.receipt__title')).toBe('已重新提交');
      expect(textOf(page, '.reference-code')).toBe(receipt.referenceCode);
    });

    it('drops a removed file and, with the consent unticked, the ID number', async () => {
      await rejectedAndHandedOver({ idNumber: ID_NUMBER });
      const page = await openApply({ mode: 'resubmit' });

      find(page, '.file-0 .file__remove').dispatchEvent('tap');
      await settle();
      wxDues.media = ['wxfile://tmp_page1.jpg'];
      await tap(page, '.add-file');
      await change(page, '.id-consent', []);
      await change(page, '.privacy-consent', ['agree']);
      await tap(page, '.submit');

      const [stored] = await applications();
      expect(stored).toMatchObject({
        status: 'underReview',
        idNumber: null,
        idNumberConsent: false,
      });
      expect(stored?.files.map((file) => file.contentType)).toEqual(['image/jpeg']);
    });

    it('keeping the earlier files needs no upload at all', async () => {
      await rejectedAndHandedOver();
      const page = await openApply({ mode: 'resubmit' });
      const sentBefore = backend.sent.length;

      await change(page, '.privacy-consent', ['agree']);
      await tap(page, '.submit');

      expect(backend.sent.slice(sentBefore)).toEqual(['application.resubmit']);
      const [stored] = await applications();
      expect(stored?.status).toBe('underReview');
      expect(stored?.files).toHaveLength(1);
      await tap(page, '.view-progress');
      expect(wxFake.lastNavigation()?.kind).toBe('redirectTo');
    });

    it('without an application handed over, sends the applicant to the status page', async () => {
      const page = await openApply({ mode: 'resubmit' });

      expect(textOf(page, '.load-error')).toBe('请回到“查看入会申请进度”，再点击“修改后重新提交”');
      expect(backend.sent).toEqual([]);
      await tap(page, '.view-status');
      expect(wxFake.lastNavigation()).toEqual({
        kind: 'redirectTo',
        url: '/package-apply/pages/apply-status/index',
      });
    });
  });
});
