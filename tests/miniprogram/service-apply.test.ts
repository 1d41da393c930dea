import type { AdminServiceItem } from '../../typings';
import { yearTotal } from '../../backend/domain/points/ledger';
import { listServiceApplications } from '../../miniprogram/services/service-catalogue';
import { setUploader } from '../../miniprogram/services/upload';
import { serviceApplyFieldOf, toApplicationRow } from '../../miniprogram/utils/service-view';
import { dataOf } from '../helpers/backend';
import type { DuesAdmin } from '../helpers/dues';
import { JPEG_BYTES, PDF_BYTES, zipBuffer } from '../helpers/files';
import type { ConnectedBackend } from './support/backend';
import { installDuesWx, wxDues } from './support/dues';
import { holdUploads, openedFrom, typeText, type HeldUploads } from './support/forms';
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
const TEXT = '本人申请开具会员身份证明，用于职称评审材料。';
const DOCX = zipBuffer([
  { name: '[Content_Types].xml', content: '<Types/>' },
  { name: 'word/document.xml', content: '<w:document/>' },
]);

/** The bytes behind each temporary path the fake pickers hand out. */
const TEMP_FILES: Record<string, Buffer> = {
  'wxfile://tmp_card.jpg': JPEG_BYTES,
  'wxfile://tmp_cv.docx': DOCX,
  'wxfile://tmp_paper.pdf': PDF_BYTES,
};

type Callbacks<T> = { success?: (result: T) => void; fail?: (error: object) => void };
const globals = globalThis as unknown as { wx: Record<string, unknown> };

describe('申请服务', () => {
  let backend: ConnectedBackend;
  let secretariat: DuesAdmin;
  let memberId: string;
  let service: AdminServiceItem;
  let uploads: HeldUploads;
  /** The extensions each wx.chooseMessageFile asked for. */
  let chatExtensions: string[][];
  let requests = 0;

  beforeEach(async () => {
    openedFrom('services', 'service-apply');
    ({ backend, secretariat, memberId } = await memberAndSecretariat(NOW));
    service = await savedService({ name: '会员身份证明' });
    installDuesWx();
    uploads = holdUploads(backend, TEMP_FILES);
    chatExtensions = [];
    const handOut = globals.wx.chooseMessageFile as (options: object) => void;
    globals.wx.chooseMessageFile = (options: { extension: string[] } & Callbacks<unknown>) => {
      chatExtensions.push(options.extension);
      handOut(options);
    };
  });
  afterEach(() => {
    setUploader(null);
    backend.close();
  });

  async function savedService(fields: { name: string; active?: boolean }) {
    return dataOf<AdminServiceItem>(
      await secretariat.call('admin.services.save', {
        name: fields.name,
        description: '为会员出具会员身份证明。',
        requirements: '请写明用途，并附身份证照片。',
        active: fields.active ?? true,
        requestId: `service-save-${(requests += 1)}`,
      }),
    );
  }

  /** The form as 申请 opens it (`?id=`); null opens it without a service, as a broken link. */
  async function openForm(serviceId: string | null = service.id): Promise<Rendered> {
    const page = renderPage('service-apply');
    (page.instance as unknown as { onLoad(o: Record<string, string>): void }).onLoad(
      serviceId === null ? {} : { id: serviceId },
    );
    await backend.settle();
    return page;
  }

  const tap = (page: Rendered, button: string) => tapAndSettle(page, button, backend);
  const applies = () => backend.sent.filter((action) => action === 'services.apply');

  it("shows the service's name and 申请要求", async () => {
    const page = await openForm();

    expect(textOf(page, '.service-name')).toBe('会员身份证明');
    expect(textOf(page, '.requirements__text')).toBe('请写明用途，并附身份证照片。');
    expect(textOf(page, '.counter')).toBe('0/1000');
  });

  it('checks the text on its field before sending anything, counted as the backend counts', async () => {
    const page = await openForm();

    await tap(page, '.submit');
    expect(textOf(page, '.text-error')).toBe('请填写申请内容');

    typeText(page, '开证明');
    await backend.settle();
    expect(page.querySelector('.text-error')).toBeFalsy();
    await tap(page, '.submit');
    expect(textOf(page, '.text-error')).toBe('申请内容应为5-1000个字');
    expect(find(page, '.text--error')).toBeTruthy();

    typeText(page, '证'.repeat(1001));
    await backend.settle();
    expect(textOf(page, '.counter')).toBe('1001/1000');
    expect(find(page, '.counter--over')).toBeTruthy();
    await tap(page, '.submit');
    expect(textOf(page, '.text-error')).toBe('申请内容应为5-1000个字');

    // Five emoji are five characters for the backend too: enough.
    typeText(page, '📄📄📄📄📄');
    await backend.settle();
    expect(textOf(page, '.counter')).toBe('5/1000');
    expect(applies()).toEqual([]);
  });

  it("shows the backend's refusal of the text on the text", async () => {
    const page = await openForm();
    typeText(page, `${TEXT}\u0007`);
    await backend.settle();

    await tap(page, '.submit');

    expect(applies()).toHaveLength(1);
    expect(textOf(page, '.text-error')).toBe('申请内容不能包含无法显示的字符');
    expect(page.querySelector('.submit-error')).toBeFalsy();
    expect(wxFake.navigations).toEqual([]);
  });

  it('submits once for a double tap, then goes back to 我的申请 with it 待受理', async () => {
    const page = await openForm();
    typeText(page, `  ${TEXT}  `);
    await backend.settle();

    tapButton(page, '.submit');
    tapButton(page, '.submit');
    await backend.settle();

    expect(applies()).toHaveLength(1);
    expect(wxFake.toasts).toEqual(['已提交']);
    expect(wxFake.navigations).toEqual([{ kind: 'navigateBack', url: '' }]);
    const mine = await listServiceApplications(1);
    expect(mine.total).toBe(1);
    expect(mine.items[0]).toMatchObject({ serviceName: '会员身份证明', text: TEXT, points: 1 });
    expect(toApplicationRow(mine.items[0]!).status).toBe('待受理');
    // The first login's point and 申请服务's.
    expect(await yearTotal(backend.deps, memberId, 2026)).toBe(2);
  });

  it('keeps its requestId for a retry: an answer lost on the way stores one application', async () => {
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

    backend.setOffline(false);
    await tap(page, '.submit');

    expect((page.data as { requestId: string }).requestId).toBe(requestId);
    expect((await listServiceApplications(1)).total).toBe(1);
    expect(wxFake.navigations).toEqual([{ kind: 'navigateBack', url: '' }]);
  });

  it('takes photos and PDF / Word / Excel files from a chat, uploads them and sends them', async () => {
    const page = await openForm();
    typeText(page, TEXT);

    wxDues.sheetTap = 0;
    wxDues.media = ['wxfile://tmp_card.jpg'];
    await tap(page, '.add-attachment');
    wxDues.sheetTap = 2;
    wxDues.messageFiles = [
      { path: 'wxfile://tmp_cv.docx', name: '个人简历.docx' },
      { path: 'wxfile://tmp_paper.pdf', name: '论文.pdf' },
    ];
    await tap(page, '.add-attachment');

    expect(wxDues.sheets[0]).toEqual(['从相册选择', '拍照', '从聊天记录选择文件']);
    expect(chatExtensions).toEqual([['pdf', 'docx', 'xlsx']]);
    expect(wxDues.chosenCounts).toEqual([9, 8]);
    expect(texts(page, '.file__name')).toEqual(['tmp_card.jpg', '个人简历.docx', '论文.pdf']);
    expect(textOf(page, '.file-1 .file__state')).toBe('上传中 0%');

    await tap(page, '.submit');
    expect(textOf(page, '.attachments-error')).toBe('附件仍在上传，请稍候');
    expect(applies()).toEqual([]);

    await uploads.releaseAll();
    expect(texts(page, '.file__state')).toEqual(['已上传', '已上传', '已上传']);
    find(page, '.file-2 .file__remove').dispatchEvent('tap');
    await backend.settle();
    await tap(page, '.submit');

    const [application] = (await listServiceApplications(1)).items;
    expect(application?.attachments.map((file) => file.contentType)).toEqual([
      'image/jpeg',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ]);
  });

  it('asks for a failed upload to be removed before sending', async () => {
    const page = await openForm();
    typeText(page, TEXT);
    wxDues.media = ['wxfile://tmp_missing.jpg'];
    await tap(page, '.add-attachment');

    await uploads.releaseAll();
    expect(textOf(page, '.file-0 .file__state')).toBe('上传失败');
    await tap(page, '.submit');

    expect(textOf(page, '.attachments-error')).toBe('请先移除上传失败的附件');
    expect(applies()).toEqual([]);
  });

  it('names the request fields the backend may refuse', () => {
    expect(serviceApplyFieldOf('text')).toBe('text');
    expect(serviceApplyFieldOf('attachmentFileIds')).toBe('attachments');
    expect(serviceApplyFieldOf('serviceId')).toBeNull();
  });

  it('says a service no longer offered is gone, and a link without one too', async () => {
    const closed = await savedService({ name: '已停办的服务', active: false });

    const page = await openForm(closed.id);
    expect(textOf(page, '.load-error')).toBe('服务不存在或已停用');
    expect(page.querySelector('.submit')).toBeFalsy();

    const sent = backend.sent.length;
    const bare = await openForm(null);
    expect(textOf(bare, '.load-error')).toBe('服务不存在或已停用');
    expect(bare.querySelector('.retry')).toBeFalsy();
    expect(backend.sent).toHaveLength(sent);
  });

  it('shows the refusal under the form when the service closes while the form is open', async () => {
    const page = await openForm();
    typeText(page, TEXT);
    await backend.settle();
    await secretariat.call('admin.services.save', {
      serviceId: service.id,
      name: service.name,
      description: service.description,
      requirements: service.requirements,
      active: false,
      requestId: 'service-close',
    });

    await tap(page, '.submit');

    expect(textOf(page, '.submit-error')).toBe('该服务不存在或已停止受理');
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
