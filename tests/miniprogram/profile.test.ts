import { randomUUID } from 'node:crypto';
import { StoreConflictError } from '../../backend/ports/store';
import { ApiError } from '../../miniprogram/services/api-error';
import { getProfile } from '../../miniprogram/services/profile';
import { setUploader, type UploadRequest } from '../../miniprogram/services/upload';
import { changedFields, shanghaiToday, toProfileForm } from '../../miniprogram/utils/profile-form';
import { JPEG_BYTES, PDF_BYTES } from '../helpers/files';
import { connectBackend, TEST_OPENID, type ConnectedBackend } from './support/backend';
import { loggedInMember, MEMBER } from './support/members';
import { find, renderPage, tapButton, textOf, typeInto, type Rendered } from './support/pages';
import { wxFake } from './support/wx-fake';

/** 12:00 in Beijing. */
const NOW = '2026-06-15T04:00:00Z';
/** A valid ID number (check digit X), born 1949-12-31. */
const ID_NUMBER = '11010519491231002X';

type ChooseMediaOptions = {
  success?: (result: unknown) => void;
  fail?: (error: { errMsg: string; errno?: number }) => void;
};

/** How the next wx.chooseMedia answers: a temporary file, or a failure. */
let chooseMedia: { tempFilePath: string } | { errMsg: string; errno?: number };
/** The bytes behind each temporary path the fake chooseMedia hands out. */
const tempFiles = new Map<string, Buffer>();
/** Uploads under way: the backend's settle() sees only action calls. */
const uploads = new Set<Promise<unknown>>();

const globals = globalThis as unknown as { wx: Record<string, unknown> };
globals.wx.chooseMedia = (options: ChooseMediaOptions) => {
  const answer = chooseMedia;
  void Promise.resolve().then(() => {
    if ('tempFilePath' in answer) {
      options.success?.({ tempFiles: [{ ...answer, size: 100 }], errMsg: 'chooseMedia:ok' });
    } else options.fail?.(answer);
  });
};

describe('基本信息', () => {
  let backend: ConnectedBackend;
  beforeEach(async () => {
    backend = connectBackend({ now: NOW });
    await loggedInMember(backend);
    tempFiles.clear();
    chooseMedia = { tempFilePath: 'wxfile://tmp_photo.jpg' };
    tempFiles.set('wxfile://tmp_photo.jpg', JPEG_BYTES);
    // The upload goes to the in-process backend's upload gate, as the HTTP route hands it on.
    setUploader((request) => {
      const upload = uploadToBackend(request);
      uploads.add(upload);
      void upload.finally(() => uploads.delete(upload)).catch(() => undefined);
      return upload;
    });
  });
  afterEach(() => {
    setUploader(null);
    backend.close();
  });

  async function uploadToBackend({ filePath, token }: UploadRequest): Promise<string> {
    const caller = {
      transport: 'callFunction' as const,
      openid: TEST_OPENID,
      token,
      clientIp: null,
      requestId: randomUUID(),
    };
    const gate = await backend.backend.openUpload(caller);
    const bytes = tempFiles.get(filePath) ?? Buffer.alloc(0);
    const result = gate.ok ? await gate.store({ name: 'photo', bytes }) : gate;
    if (!result.ok) throw new ApiError(result.code, result.message);
    return result.data.fileId;
  }

  async function openProfile() {
    const page = renderPage('profile');
    await backend.settle();
    return page;
  }

  async function openForm() {
    const page = await openProfile();
    await tap(page, '.edit');
    return page;
  }

  async function tap(page: Rendered, button: string) {
    tapButton(page, button);
    await backend.settle();
    while (uploads.size > 0) {
      await Promise.allSettled([...uploads]);
      await backend.settle();
    }
  }

  /** A native picker or checkbox group answers with `change`. */
  async function change(page: Rendered, selector: string, value: unknown) {
    find(page, selector).dispatchEvent('change', { detail: { value } });
    await backend.settle();
  }

  it('shows the name, the masked phone, the member number and type, and 未填写', async () => {
    const page = await openProfile();

    expect(textOf(page, '.row-name >>> .t-cell__note')).toBe(MEMBER.name);
    expect(textOf(page, '.row-phone >>> .t-cell__note')).toBe('139****3133');
    expect(textOf(page, '.row-member-no >>> .t-cell__note')).toBe(MEMBER.memberNo);
    expect(textOf(page, '.row-member-type >>> .t-cell__note')).toBe('个人会员');
    expect(textOf(page, '.row-workUnit >>> .t-cell__note')).toBe('未填写');
    expect(textOf(page, '.row-idNumber >>> .t-cell__note')).toBe('未填写');
    expect(textOf(page, '.row-photo >>> .t-cell__note')).toBe('未上传');
  });

  it('编辑 then 提交 shows the new work unit and sends only what changed', async () => {
    const page = await openForm();

    typeInto(page, '.field-workUnit', '四川大学华西医院');
    await tap(page, '.submit');

    expect(textOf(page, '.form-error')).toBe('');
    expect(textOf(page, '.row-workUnit >>> .t-cell__note')).toBe('四川大学华西医院');
    expect(wxFake.toasts).toContain('已保存');
    expect(await getProfile()).toMatchObject({ workUnit: '四川大学华西医院', email: null });
  });

  it('shows the message for an invalid email on the field and changes nothing', async () => {
    const page = await openForm();

    typeInto(page, '.field-workUnit', '四川大学华西医院');
    typeInto(page, '.field-email', 'not-an-email');
    await tap(page, '.submit');

    expect(textOf(page, '.field-email >>> .t-input__tips')).toBe('电子邮箱的格式不正确');
    expect(textOf(page, '.form-error')).toBe('电子邮箱的格式不正确');
    expect(await getProfile()).toMatchObject({ workUnit: null, email: null });
    await tap(page, '.cancel');
    expect(textOf(page, '.row-workUnit >>> .t-cell__note')).toBe('未填写');
  });

  it('shows the message for a postal code that is not six digits on its field', async () => {
    const page = await openForm();

    typeInto(page, '.field-postalCode', '61004');
    await tap(page, '.submit');

    expect(textOf(page, '.field-postalCode >>> .t-input__tips')).toBe('邮政编码应为6位数字');
    expect(await getProfile()).toMatchObject({ postalCode: null });
  });

  it('stops a field at the backend’s cap rather than letting it be refused', async () => {
    const page = await openForm();

    typeInto(page, '.field-workUnit', '院'.repeat(101));
    await tap(page, '.submit');

    expect(textOf(page, '.form-error')).toBe('');
    expect(await getProfile()).toMatchObject({ workUnit: '院'.repeat(100) });
  });

  it('sends only the fields that changed, trimmed, and the ID number only when typed', async () => {
    const profile = await getProfile();
    const form = { ...toProfileForm(profile), workUnit: ' 华西医院 ', gender: '男' as const };

    expect(changedFields(profile, form)).toEqual({ workUnit: '华西医院', gender: '男' });
    expect(changedFields(profile, { ...form, idNumber: ID_NUMBER.toLowerCase() })).toEqual({
      workUnit: '华西医院',
      gender: '男',
      idNumber: ID_NUMBER,
    });
  });

  it('leaves the form without a call when nothing was changed', async () => {
    const page = await openForm();

    await tap(page, '.submit');

    expect(backend.sent).not.toContain('member.profile.update');
    expect(textOf(page, '.row-workUnit >>> .t-cell__note')).toBe('未填写');
  });

  it('saves gender and the birth date from the pickers', async () => {
    const page = await openForm();

    await change(page, '.pick-gender', '1');
    await change(page, '.pick-birth-date', '1980-01-31');
    expect(textOf(page, '.field-gender >>> .t-cell__note')).toBe('女');
    expect(textOf(page, '.field-birthDate >>> .t-cell__note')).toBe('1980-01-31');
    await tap(page, '.submit');

    expect(textOf(page, '.row-gender >>> .t-cell__note')).toBe('女');
    expect(textOf(page, '.row-birthDate >>> .t-cell__note')).toBe('1980-01-31');
    expect(await getProfile()).toMatchObject({ gender: '女', birthDate: '1980-01-31' });
  });

  it('offers birth dates from 1900 up to today in Beijing', async () => {
    const page = await openForm();

    expect(page.data.today).toBe(shanghaiToday());
    expect(page.data.earliestBirthDate).toBe('1900-01-01');
    // Past 16:00 UTC it is already the next day in Beijing.
    expect(shanghaiToday(new Date('2026-06-15T15:59:59Z'))).toBe('2026-06-15');
    expect(shanghaiToday(new Date('2026-06-15T16:00:00Z'))).toBe('2026-06-16');
  });

  it('stores the ID number with consent and shows it masked', async () => {
    const page = await openForm();

    await change(page, '.consent', ['consent']);
    typeInto(page, '.field-idNumber', ID_NUMBER);
    await tap(page, '.submit');

    expect(textOf(page, '.row-idNumber >>> .t-cell__note')).toBe('1101**********002X');
    expect(await getProfile()).toMatchObject({
      idNumberConsent: true,
      idNumberMasked: '1101**********002X',
    });
  });

  it('refuses an ID number without consent before any call', async () => {
    const page = await openForm();

    typeInto(page, '.field-idNumber', ID_NUMBER);
    await tap(page, '.submit');

    expect(textOf(page, '.field-idNumber >>> .t-input__tips')).toBe('保存身份证号须先勾选同意');
    expect(backend.sent).not.toContain('member.profile.update');
    expect(await getProfile()).toMatchObject({ idNumberMasked: null, idNumberConsent: false });
  });

  it('shows the check-digit message on the ID field and saves nothing', async () => {
    const page = await openForm();

    await change(page, '.consent', ['consent']);
    typeInto(page, '.field-workUnit', '四川大学华西医院');
    typeInto(page, '.field-idNumber', '110105194912310021');
    await tap(page, '.submit');

    expect(textOf(page, '.field-idNumber >>> .t-input__tips')).toBe('身份证号校验位不正确，请核对');
    expect(await getProfile()).toMatchObject({
      idNumberMasked: null,
      idNumberConsent: false,
      workUnit: null,
    });
  });

  it('a birth date that contradicts the ID number is shown on the birth date', async () => {
    const page = await openForm();

    await change(page, '.consent', ['consent']);
    typeInto(page, '.field-idNumber', ID_NUMBER);
    await change(page, '.pick-birth-date', '1980-01-31');
    await tap(page, '.submit');

    expect(textOf(page, '.error-birthDate')).toBe('出生日期与身份证号中的出生日期不一致，请核对');
    expect(await getProfile()).toMatchObject({ birthDate: null, idNumberMasked: null });
  });

  describe('withdrawing consent', () => {
    beforeEach(async () => {
      const page = await openForm();
      await change(page, '.consent', ['consent']);
      typeInto(page, '.field-idNumber', ID_NUMBER);
      await tap(page, '.submit');
      page.detach();
    });

    it('warns, and on 确定 deletes the stored number', async () => {
      const page = await openForm();

      await change(page, '.consent', []);
      await tap(page, '.submit');

      expect(wxFake.modals[0]).toContain('已保存的身份证号将在提交时删除');
      expect(textOf(page, '.row-idNumber >>> .t-cell__note')).toBe('未填写');
      expect(await getProfile()).toMatchObject({ idNumberMasked: null, idNumberConsent: false });
    });

    it('on 取消 keeps the consent and the number', async () => {
      const page = await openForm();
      wxFake.answerModals(false);

      const sentBefore = backend.sent.length;

      await change(page, '.consent', []);
      await tap(page, '.submit');

      expect(page.data.form.idNumberConsent).toBe(true);
      expect(backend.sent.slice(sentBefore)).not.toContain('member.profile.update');
      expect(await getProfile()).toMatchObject({ idNumberMasked: '1101**********002X' });
    });
  });

  describe('photo', () => {
    it('uploads the chosen image and saves it as the photo on 提交', async () => {
      const page = await openForm();

      await tap(page, '.upload-photo');
      expect(textOf(page, '.photo__state')).toBe('已选择新照片，提交后生效');
      await tap(page, '.submit');

      const profile = await getProfile();
      expect(profile.photoFileId).toMatch(/^f_[0-9a-f]{32}$/);
      expect(textOf(page, '.row-photo >>> .t-cell__note')).toBe('已上传');
    });

    it('refuses a file that is not a JPEG or PNG on the photo, and saves nothing', async () => {
      tempFiles.set('wxfile://tmp_photo.jpg', PDF_BYTES);
      const page = await openForm();

      await tap(page, '.upload-photo');
      await tap(page, '.submit');

      expect(textOf(page, '.error-photo')).toBe('照片须为 JPG 或 PNG 图片');
      expect(await getProfile()).toMatchObject({ photoFileId: null });
    });

    it('stays quiet when the member cancels choosing', async () => {
      chooseMedia = { errMsg: 'chooseMedia:fail cancel' };
      const page = await openForm();

      await tap(page, '.upload-photo');

      expect(textOf(page, '.form-error')).toBe('');
      expect(textOf(page, '.photo__state')).toBe('未上传');
    });

    it('explains a privacy refusal instead of doing nothing', async () => {
      chooseMedia = { errMsg: 'chooseMedia:fail privacy permission is not authorized', errno: 104 };
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      const page = await openForm();

      await tap(page, '.upload-photo');

      expect(textOf(page, '.error-photo')).toContain('您未同意隐私保护指引，无法选择照片');
      expect(textOf(page, '.photo__state')).toBe('未上传');
      expect(warn).toHaveBeenCalledWith(
        'chooseMedia failed',
        expect.objectContaining({ errno: 104 }),
      );
      warn.mockRestore();
    });
  });

  it('reloads with a message when the profile changed elsewhere meanwhile', async () => {
    const page = await openForm();
    const batch = jest.spyOn(backend.store, 'batch');
    batch.mockRejectedValueOnce(new StoreConflictError('guard failed', 'members'));

    typeInto(page, '.field-workUnit', '四川大学华西医院');
    await tap(page, '.submit');

    expect(wxFake.modals[0]).toBe('资料刚在别处被修改，已重新加载，请核对后再提交');
    expect(page.data.editing).toBe(false);
    expect(backend.sent.filter((action) => action === 'member.profile.get')).toHaveLength(2);
    batch.mockRestore();
  });

  it('ignores a second tap on 提交 while the first is under way', async () => {
    const page = await openForm();

    typeInto(page, '.field-workUnit', '四川大学华西医院');
    tapButton(page, '.submit');
    tapButton(page, '.submit');
    await backend.settle();

    expect(backend.sent.filter((action) => action === 'member.profile.update')).toHaveLength(1);
  });
});
