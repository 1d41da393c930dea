/** @jest-environment node */
import type { ApplicationReceipt, ApplicationStatusAnswer, AdminApplication } from '../../typings';
import type { ApplicationDoc } from '../../backend/domain/applications/model';
import {
  APPLICANT_UPLOADS_PER_HOUR_PER_ADDRESS,
  GRANT_TTL_MS,
  UPLOADS_PER_GRANT,
} from '../../backend/domain/applications/upload-grant';
import type { AttachedFileDoc } from '../../backend/domain/files/attachments';
import { COLLECTIONS } from '../../backend/schema/collections';
import {
  APPLICANT_PHONE as PHONE,
  applicantUploads,
  applicationForm,
} from '../helpers/applications';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';
import { duesAdmin, duesMember, uploadAs, type DuesAdmin } from '../helpers/dues';
import { callerWith, JPEG_BYTES, PDF_BYTES, PNG_BYTES, zipBuffer } from '../helpers/files';
import { xlsxBuffer } from '../helpers/xlsx';

let t: TestBackend;
let secretariat: DuesAdmin;
beforeEach(async () => {
  t = createTestBackend({ now: '2026-06-15T04:00:00Z' });
  t.deps.config.portalUrl = 'http://127.0.0.1:8787';
  secretariat = await duesAdmin(t, 'secretariat');
});
afterEach(() => t.close());

const applications = () => t.store.find<ApplicationDoc>(COLLECTIONS.applications);
const fileRecord = (fileId: string) => t.store.get<AttachedFileDoc>(COLLECTIONS.files, fileId);

async function submitWith(files: Buffer[], overrides: Record<string, unknown> = {}) {
  const uploads = await applicantUploads(t, files);
  return t.call('application.submit', applicationForm({ ...uploads, ...overrides }));
}

describe('upload grants', () => {
  it('let an applicant upload without a session, and only upload: no action takes one', async () => {
    const { uploadGrant, fileIds } = await applicantUploads(t, [PDF_BYTES]);

    expect(uploadGrant).toMatch(/^ug_[A-Za-z0-9_-]{43}$/);
    const record = await fileRecord(fileIds[0]!);
    expect(record).toMatchObject({ ownerKind: 'applicant', contentType: 'application/pdf' });
    // The store keeps only the grant's hash.
    const grants = await t.store.find(COLLECTIONS.uploadGrants);
    expect(JSON.stringify(grants)).not.toContain(uploadGrant.slice(3));
    // An unattached applicant upload is kept a day, not a week.
    expect(record?.expiresAt).toBe('2026-06-16T04:00:00.000Z');

    const asSession = await t.call('member.dashboard', {}, { token: uploadGrant });
    expect(asSession).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('expire after two hours and allow a limited number of files', async () => {
    const { uploadGrant } = dataOf<{ uploadGrant: string }>(
      await t.call('application.uploadGrant', {}),
    );
    for (let i = 0; i < UPLOADS_PER_GRANT; i += 1) {
      await uploadAs(t, uploadGrant, JPEG_BYTES, `p${i}.jpg`);
    }
    const over = await t.backend.openUpload(callerWith(uploadGrant));
    expect(over).toMatchObject({ ok: false, code: 'RATE_LIMITED' });

    const { uploadGrant: other } = dataOf<{ uploadGrant: string }>(
      await t.call('application.uploadGrant', {}),
    );
    t.clock.advance(GRANT_TTL_MS);
    const late = await t.backend.openUpload(callerWith(other));
    expect(late).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(late.ok ? '' : late.message).toContain('上传凭证已失效');
  });

  it('are purged by the daily job once expired', async () => {
    await t.call('application.uploadGrant', {});
    t.clock.advance(GRANT_TTL_MS);

    const result = await t.backend.runJobs(['purge']);

    expect(result.purge?.uploadGrants).toBe(1);
    expect(await t.store.count(COLLECTIONS.uploadGrants)).toBe(0);
  });
});

describe('the signed form of application.submit', () => {
  it('keeps a PDF or photos under the application, with no expiry', async () => {
    const receipt = dataOf<ApplicationReceipt>(await submitWith([JPEG_BYTES, PNG_BYTES]));

    const [stored] = await applications();
    expect(stored?.files.map((f) => f.contentType)).toEqual(['image/jpeg', 'image/png']);
    for (const file of stored!.files) {
      const record = await fileRecord(file.fileId);
      expect(record).toMatchObject({
        applicationId: receipt.applicationId,
        attachedAs: 'applicationForm',
        expiresAt: null,
      });
      expect(record?.storagePath).toMatch(
        new RegExp(`^applications/${receipt.applicationId}/${file.fileId}\\.(jpg|png)$`),
      );
      expect(await t.deps.files.get(record!.storedFileId)).not.toBeNull();
    }
  });

  it.each([
    ['no file', [], '请上传签字的入会申请表（PDF 或照片）'],
    ['ten files', Array.from({ length: 10 }, () => JPEG_BYTES), '入会申请表最多上传 9 个文件'],
  ])('refuses %s and writes nothing', async (_case, files, message) => {
    const result = await submitWith(files);

    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'fileIds', message });
    expect(await applications()).toHaveLength(0);
  });

  it('refuses a workbook or a Word file already at upload: a grant is for the signed form', async () => {
    const { uploadGrant } = dataOf<{ uploadGrant: string }>(
      await t.call('application.uploadGrant', {}),
    );
    const docx = zipBuffer([
      { name: '[Content_Types].xml', content: '<Types/>' },
      { name: 'word/document.xml', content: '<w:document/>' },
    ]);

    for (const bytes of [await xlsxBuffer([{ rows: [['姓名']] }]), docx]) {
      const gate = await t.backend.openUpload(callerWith(uploadGrant));
      const stored = gate.ok ? await gate.store({ name: '申请表.pdf', bytes }) : gate;
      expect(stored).toEqual({
        ok: false,
        code: 'INVALID_INPUT',
        message: '入会申请表只能是 PDF 或照片（JPG/PNG）',
      });
    }
    expect(await t.store.count(COLLECTIONS.files)).toBe(0);
  });

  it('holds one address to 100 applicant uploads an hour, whatever the grants', async () => {
    const grants: string[] = [];
    for (let i = 0; i < 6; i += 1) grants.push((await applicantUploads(t, [])).uploadGrant);

    let stored = 0;
    let refusal: unknown = null;
    for (let i = 0; i < grants.length * UPLOADS_PER_GRANT && !refusal; i += 1) {
      const gate = await t.backend.openUpload(callerWith(grants[i % grants.length]!));
      if (gate.ok) stored += (await gate.store({ name: 'p.jpg', bytes: JPEG_BYTES })).ok ? 1 : 0;
      else refusal = gate;
    }

    expect(stored).toBe(APPLICANT_UPLOADS_PER_HOUR_PER_ADDRESS);
    expect(refusal).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
  });

  it('takes only files of the grant sent along: another grant’s, or a member’s, are missing', async () => {
    const mine = await applicantUploads(t);
    const someoneElse = await applicantUploads(t);
    const member = await duesMember(t, { phone: '13800000001' });
    const memberFile = await member.upload(PDF_BYTES, 'x.pdf');

    for (const fileIds of [someoneElse.fileIds, [memberFile]]) {
      const result = await t.call(
        'application.submit',
        applicationForm({ uploadGrant: mine.uploadGrant, fileIds }),
      );
      expect(result).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    }
    const noGrant = await t.call('application.submit', applicationForm({ fileIds: mine.fileIds }));
    expect(noGrant).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'fileIds' });
    expect(await applications()).toHaveLength(0);
  });

  it('refuses a file already kept by another application', async () => {
    const uploads = await applicantUploads(t);
    await t.call('application.submit', applicationForm({ ...uploads, requestId: 'req-first-1' }));

    const again = await t.call(
      'application.submit',
      applicationForm({ ...uploads, phone: '13900002222', requestId: 'req-second-2' }),
    );

    expect(again).toMatchObject({ ok: false, code: 'NOT_FOUND', field: 'fileIds' });
    expect(await applications()).toHaveLength(1);
  });

  it('lets the secretariat read the files through files.link, and nobody else', async () => {
    const receipt = dataOf<ApplicationReceipt>(await submitWith([PDF_BYTES]));
    const detail = dataOf<AdminApplication>(
      await secretariat.call('admin.applications.get', { applicationId: receipt.applicationId }),
    );
    const fileId = detail.files[0]!.fileId;

    const link = dataOf<{ url: string }>(await secretariat.call('files.link', { fileId }));
    expect(link.url).toMatch(/^http:\/\/127\.0\.0\.1:8787\/api\/files\/[A-Za-z0-9_-]{43}$/);

    const finance = await duesAdmin(t, 'finance');
    const member = await duesMember(t, { phone: '13800000002' });
    for (const caller of [finance, member]) {
      expect(await caller.call('files.link', { fileId })).toMatchObject({
        ok: false,
        code: 'NOT_FOUND',
      });
    }
    expect(await t.call('files.link', { fileId })).toMatchObject({ ok: false });
  });
});

describe('application.resubmit', () => {
  async function rejected() {
    const first = await applicantUploads(t, [PDF_BYTES, JPEG_BYTES]);
    const receipt = dataOf<ApplicationReceipt>(
      await t.call('application.submit', applicationForm({ ...first, requestId: 'req-first-1' })),
    );
    await secretariat.call('admin.applications.review', {
      applicationId: receipt.applicationId,
      decision: 'reject',
      reason: '申请表第二页未签字',
    });
    return { receipt, earlier: first.fileIds };
  }

  const status = async (referenceCode: string) =>
    dataOf<ApplicationStatusAnswer>(
      await t.call('application.status', { phone: PHONE, referenceCode }),
    );

  it('corrects the form, keeps the files listed, replaces the others, and is reviewed again', async () => {
    const { receipt, earlier } = await rejected();
    const [keptId, droppedId] = earlier as [string, string];
    const dropped = (await fileRecord(droppedId))!;
    const fresh = await applicantUploads(t, [PNG_BYTES]);
    t.clock.advance(3_600_000);

    const again = dataOf<ApplicationReceipt>(
      await t.call(
        'application.resubmit',
        applicationForm({
          referenceCode: receipt.referenceCode,
          workUnit: '四川省人民医院',
          idNumber: undefined,
          requestId: 'req-second-2',
          uploadGrant: fresh.uploadGrant,
          fileIds: [keptId, ...fresh.fileIds],
        }),
      ),
    );

    expect(again).toEqual({ ...receipt, status: 'underReview' });
    const now = await status(receipt.referenceCode);
    expect(now).toMatchObject({
      status: 'underReview',
      reason: null,
      reviewedAt: null,
      submittedAt: '2026-06-15T05:00:00.000Z',
    });
    expect(now.form).toMatchObject({
      workUnit: '四川省人民医院',
      idNumberMasked: '1101**********002X',
    });
    expect(now.files.map((f) => f.fileId)).toEqual([keptId, ...fresh.fileIds]);
    expect(await fileRecord(droppedId)).toBeNull();
    expect(await t.deps.files.get(dropped.storedFileId)).toBeNull();

    const detail = dataOf<AdminApplication>(
      await secretariat.call('admin.applications.get', { applicationId: receipt.applicationId }),
    );
    expect(detail.history).toEqual([
      { reason: '申请表第二页未签字', reviewedAt: '2026-06-15T04:00:00.000Z' },
    ]);
    const queue = dataOf<{ total: number }>(
      await secretariat.call('admin.applications.list', { status: 'underReview' }),
    );
    expect(queue.total).toBe(1);
  });

  it('drops the ID number when its consent is withdrawn', async () => {
    const { receipt, earlier } = await rejected();

    await t.call(
      'application.resubmit',
      applicationForm({
        referenceCode: receipt.referenceCode,
        idNumber: undefined,
        idNumberConsent: false,
        requestId: 'req-second-2',
        fileIds: earlier,
      }),
    );

    const [stored] = await applications();
    expect(stored).toMatchObject({ idNumber: null, idNumberConsent: false });
  });

  it('happens once for one requestId, even when two arrive at once', async () => {
    const { receipt, earlier } = await rejected();
    const request = applicationForm({
      referenceCode: receipt.referenceCode,
      requestId: 'req-second-2',
      fileIds: earlier,
    });

    const results = await Promise.all([
      t.call('application.resubmit', request),
      t.call('application.resubmit', request),
    ]);
    const later = await t.call('application.resubmit', request);

    for (const result of [...results, later]) {
      expect(result).toEqual({ ok: true, data: { ...receipt, status: 'underReview' } });
    }
    const [stored] = await applications();
    expect(stored?.history).toHaveLength(1);
  });

  it('is refused for an application under review or approved, and with a wrong code', async () => {
    const uploads = await applicantUploads(t);
    const receipt = dataOf<ApplicationReceipt>(
      await t.call('application.submit', applicationForm(uploads)),
    );
    const request = (code: string) =>
      applicationForm({ referenceCode: code, requestId: 'req-second-2', fileIds: uploads.fileIds });

    const underReview = await t.call('application.resubmit', request(receipt.referenceCode));
    expect(underReview).toMatchObject({ ok: false, code: 'CONFLICT' });

    await secretariat.call('admin.applications.review', {
      applicationId: receipt.applicationId,
      decision: 'approve',
    });
    const approved = await t.call('application.resubmit', request(receipt.referenceCode));
    expect(approved).toMatchObject({ ok: false, code: 'CONFLICT' });

    const wrongCode = await t.call('application.resubmit', request('ZZZZZZZZ'));
    expect(wrongCode).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

describe('application.mine', () => {
  const fromWechat = (openid: string) => ({ transport: 'callFunction' as const, openid });

  it('answers the latest application of the calling WeChat account, and only its own', async () => {
    const uploads = await applicantUploads(t);
    const receipt = dataOf<ApplicationReceipt>(
      await t.call('application.submit', applicationForm(uploads), fromWechat('o-applicant')),
    );

    const mine = dataOf<{ application: (ApplicationStatusAnswer & { phone: string }) | null }>(
      await t.call('application.mine', {}, fromWechat('o-applicant')),
    );
    const other = dataOf<{ application: unknown }>(
      await t.call('application.mine', {}, fromWechat('o-someone-else')),
    );

    expect(mine.application).toMatchObject({
      referenceCode: receipt.referenceCode,
      phone: PHONE,
      status: 'underReview',
    });
    expect(other.application).toBeNull();
    expect(await t.call('application.mine', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const [stored] = await applications();
    expect(JSON.stringify(stored)).not.toContain('o-applicant');
  });
});
