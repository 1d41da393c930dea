/** @jest-environment node */
import { readFileSync } from 'node:fs';
import { UNSUPPORTED_TYPE_MESSAGE } from '../../backend/domain/files/file-type';
import { UPLOADS_PER_HOUR } from '../../backend/domain/files/rate';
import { readOwnUpload, type UploadDoc } from '../../backend/domain/files/uploads';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';
import {
  callerWith,
  JPEG_BYTES,
  openTestSession,
  PDF_BYTES,
  PNG_BYTES,
  zipBuffer,
} from '../helpers/files';
import { xlsxBuffer } from '../helpers/xlsx';
import { SAMPLE_XLSX } from './roster/support';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('uploads through the backend', () => {
  let t: TestBackend;
  beforeEach(() => {
    t = createTestBackend();
  });
  afterEach(() => t.close());

  /** Opens an upload for the token and stores the bytes, as a transport does. */
  async function upload(token: string | null, bytes: Buffer, name = 'file.bin') {
    const gate = await t.backend.openUpload(callerWith(token));
    return gate.ok ? gate.store({ name, bytes }) : gate;
  }

  it('refuses before any byte: no session, or a password change still pending', async () => {
    const pending = await openTestSession(t.deps, { kind: 'member', mustChangePassword: true });

    const anonymous = await t.backend.openUpload(callerWith(null));
    const forged = await t.backend.openUpload(callerWith('not-a-token'));
    const mustChange = await t.backend.openUpload(callerWith(pending));

    expect(anonymous).toEqual({ ok: false, code: 'UNAUTHENTICATED', message: '请先登录' });
    expect(forged).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(mustChange).toMatchObject({ ok: false, code: 'PASSWORD_CHANGE_REQUIRED' });
  });

  it.each([
    ['an .xlsx workbook', () => xlsxBuffer([{ rows: [['姓名', '手机号']] }]), XLSX_TYPE, 'xlsx'],
    ['the sample roster', async () => readFileSync(SAMPLE_XLSX), XLSX_TYPE, 'xlsx'],
    ['a JPEG', async () => JPEG_BYTES, 'image/jpeg', 'jpg'],
    ['a PNG', async () => PNG_BYTES, 'image/png', 'png'],
    ['a PDF', async () => PDF_BYTES, 'application/pdf', 'pdf'],
    [
      'a Word document (a zip with the document parts), for the blank application form',
      async () =>
        zipBuffer([
          { name: '[Content_Types].xml', content: '<Types/>' },
          { name: 'word/document.xml', content: '<w:document/>' },
        ]),
      DOCX_TYPE,
      'docx',
    ],
  ])('accepts %s and records the type its bytes tell', async (_label, make, type, extension) => {
    const token = await openTestSession(t.deps, { kind: 'admin' });

    // The name lies on purpose: only the bytes count.
    const { fileId } = dataOf<{ fileId: string }>(await upload(token, await make(), 'a.txt'));

    const doc = await t.store.get<UploadDoc>(COLLECTIONS.files, fileId);
    expect(doc?.contentType).toBe(type);
    expect(doc?.storagePath).toMatch(new RegExp(`\\.${extension}$`));
  });

  it.each([
    ['text named .xlsx', Buffer.from('姓名,手机号\n张三,13997373133\n')],
    ['a zip that is no workbook', zipBuffer([{ name: 'notes.txt', content: 'hello' }])],
    [
      'a zip with content types but neither a workbook nor a document',
      zipBuffer([
        { name: '[Content_Types].xml', content: '<Types/>' },
        { name: 'ppt/presentation.xml', content: '<p:presentation/>' },
      ]),
    ],
    ['the zip signature and then garbage', Buffer.from('PK\x03\x04 not really a zip at all')],
    ['an old .xls (OLE2)', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00')],
  ])('refuses %s with INVALID_INPUT and stores nothing', async (_label, bytes) => {
    const token = await openTestSession(t.deps, { kind: 'admin' });

    const result = await upload(token, bytes, '名册.xlsx');

    const refusal = { ok: false, code: 'INVALID_INPUT', message: UNSUPPORTED_TYPE_MESSAGE };
    expect(result).toEqual(refusal);
    expect(await t.store.count(COLLECTIONS.files)).toBe(0);
  });

  it('refuses a Word document as a roster: the import reads only .xlsx, and writes nothing', async () => {
    const token = await openTestSession(t.deps, { kind: 'admin' });
    const docx = zipBuffer([
      { name: '[Content_Types].xml', content: '<Types/>' },
      { name: 'word/document.xml', content: '<w:document/>' },
    ]);
    const { fileId } = dataOf<{ fileId: string }>(await upload(token, docx, '名册.docx'));

    const preview = await t.call('admin.roster.preview', { fileId }, { token, transport: 'http' });

    expect(preview).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'fileId' });
    expect(await t.store.count(COLLECTIONS.members)).toBe(0);
  });

  it('keeps an upload for 7 days, then it reads as gone', async () => {
    const token = await openTestSession(t.deps, { kind: 'admin', id: 'admin-1' });
    const { fileId } = dataOf<{ fileId: string }>(await upload(token, PDF_BYTES));
    const owner = {
      kind: 'admin' as const,
      adminId: 'admin-1',
      username: 'admin',
      role: 'superAdmin' as const,
      sessionId: 's',
      mustChangePassword: false,
    };

    const doc = await t.store.get<UploadDoc>(COLLECTIONS.files, fileId);
    expect(doc?.expiresAt).toBe('2026-06-22T04:00:00.000Z');
    t.clock.set('2026-06-22T03:59:59Z');
    await expect(readOwnUpload(t.deps, owner, fileId)).resolves.toMatchObject({
      doc: { size: PDF_BYTES.length },
    });
    t.clock.set('2026-06-22T04:00:00Z');
    await expect(readOwnUpload(t.deps, owner, fileId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it(`allows ${UPLOADS_PER_HOUR} uploads per owner in an hour, then RATE_LIMITED`, async () => {
    const token = await openTestSession(t.deps, { kind: 'member', id: 'member-1' });
    const other = await openTestSession(t.deps, { kind: 'member', id: 'member-2' });
    t.clock.set('2026-06-15T04:10:00Z');

    for (let i = 0; i < UPLOADS_PER_HOUR; i += 1) {
      expect((await upload(token, PNG_BYTES)).ok).toBe(true);
    }
    const refused = await t.backend.openUpload(callerWith(token));
    const otherOwner = await t.backend.openUpload(callerWith(other));
    t.clock.set('2026-06-15T05:00:00Z');
    const nextHour = await t.backend.openUpload(callerWith(token));

    expect(refused).toMatchObject({
      ok: false,
      code: 'RATE_LIMITED',
      message: `上传过于频繁：每小时最多上传 ${UPLOADS_PER_HOUR} 个文件，请稍后再试`,
      retryAt: '2026-06-15T05:00:00.000Z',
    });
    expect(otherOwner.ok).toBe(true);
    expect(nextHour.ok).toBe(true);
  });

  it('refuses an empty file and one over 10 MB', async () => {
    const token = await openTestSession(t.deps, { kind: 'admin' });
    const big = Buffer.concat([PDF_BYTES, Buffer.alloc(10 * 1024 * 1024)]);

    expect(await upload(token, Buffer.alloc(0))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await upload(token, big)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(await t.store.count(COLLECTIONS.files)).toBe(0);
  });
});
