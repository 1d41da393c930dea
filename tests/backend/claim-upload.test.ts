/** @jest-environment node */
import { createCloudbaseFileStore } from '../../backend/adapters/cloudbase/files';
import type { Caller } from '../../backend/core/context';
import { UNSUPPORTED_TYPE_MESSAGE } from '../../backend/domain/files/file-type';
import { UPLOADS_PER_HOUR } from '../../backend/domain/files/rate';
import { readOwnUpload, type UploadDoc } from '../../backend/domain/files/uploads';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';
import { FakeStorage } from '../helpers/fake-cloudbase';
import { JPEG_BYTES, openTestSession, PDF_BYTES } from '../helpers/files';

const INCOMING = FakeStorage.fileId('incoming/a1b2c3d4e5f6.jpg');

describe('files.claimCloudUpload', () => {
  let t: TestBackend;
  let storage: FakeStorage;
  let token: string;
  beforeEach(async () => {
    t = createTestBackend();
    // Cloud storage as wx-server-sdk answers it, in place of the local folder.
    storage = new FakeStorage('wx-server-sdk');
    t.deps.files = createCloudbaseFileStore(storage);
    token = await openTestSession(t.deps, { kind: 'member', id: 'member-1' });
  });
  afterEach(() => t.close());

  /** What the mini-program puts under incoming/ with wx.cloud.uploadFile. */
  function putIncoming(bytes: Buffer, fileId = INCOMING) {
    storage.files.set(fileId, bytes);
  }

  function claim(cloudFileId: string, caller: Partial<Caller> = {}) {
    return t.call(
      'files.claimCloudUpload',
      { cloudFileId },
      {
        transport: 'callFunction',
        token,
        ...caller,
      },
    );
  }

  it('stores the incoming file as the member’s upload and removes the incoming copy', async () => {
    putIncoming(JPEG_BYTES);

    const { fileId } = dataOf<{ fileId: string }>(await claim(INCOMING));

    const doc = await t.store.get<UploadDoc>(COLLECTIONS.files, fileId);
    expect(doc).toMatchObject({
      ownerKind: 'member',
      ownerId: 'member-1',
      contentType: 'image/jpeg',
    });
    expect(doc?.storagePath).toMatch(/^uploads\/member\/member-1\/f_[0-9a-f]{32}\.jpg$/);
    const principal = { kind: 'member', memberId: 'member-1' } as const;
    const read = await readOwnUpload(
      t.deps,
      { ...principal, sessionId: 's', mustChangePassword: false },
      fileId,
    );
    expect(read.bytes.equals(JPEG_BYTES)).toBe(true);
    expect(storage.files.has(INCOMING)).toBe(false);
  });

  it('refuses a file that is not an accepted type and still removes the incoming copy', async () => {
    putIncoming(Buffer.from('GIF89a not accepted'));

    const result = await claim(INCOMING);

    expect(result).toEqual({ ok: false, code: 'INVALID_INPUT', message: UNSUPPORTED_TYPE_MESSAGE });
    expect(storage.files.has(INCOMING)).toBe(false);
    expect(await t.store.find(COLLECTIONS.files, {})).toEqual([]);
  });

  it('accepts any type an HTTP upload accepts: a PDF is an upload, not yet a photo', async () => {
    putIncoming(PDF_BYTES);

    const { fileId } = dataOf<{ fileId: string }>(await claim(INCOMING));

    const doc = await t.store.get<UploadDoc>(COLLECTIONS.files, fileId);
    expect(doc?.contentType).toBe('application/pdf');
  });

  it('answers NOT_FOUND for an incoming file that is not there', async () => {
    const result = await claim(INCOMING);

    expect(result).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it.each([
    ['another folder', FakeStorage.fileId('uploads/member/member-2/f_1234567890.jpg')],
    ['a climb out of incoming', FakeStorage.fileId('incoming/../uploads/f_12345678.jpg')],
    ['a nested path', FakeStorage.fileId('incoming/x/a1b2c3d4e5f6.jpg')],
    ['an https link', 'https://example.invalid/incoming/a1b2c3d4e5f6.jpg'],
    ['a very long id', FakeStorage.fileId(`incoming/${'a'.repeat(300)}.jpg`)],
  ])('refuses %s without asking storage', async (_label, cloudFileId) => {
    const result = await claim(cloudFileId);

    expect(result).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      message: '上传的文件无效，请重新上传',
      field: 'cloudFileId',
    });
    expect(storage.calls).toEqual([]);
  });

  it('refuses callers that do not come through callFunction, and anonymous ones', async () => {
    putIncoming(JPEG_BYTES);

    const overHttp = await claim(INCOMING, { transport: 'http' });
    const anonymous = await claim(INCOMING, { token: null });

    expect(overHttp).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(anonymous).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(storage.files.has(INCOMING)).toBe(true);
  });

  it('counts against the hourly upload limit', async () => {
    for (let i = 0; i < UPLOADS_PER_HOUR; i += 1) {
      const id = FakeStorage.fileId(`incoming/photo${String(i).padStart(4, '0')}.jpg`);
      putIncoming(JPEG_BYTES, id);
      expect((await claim(id)).ok).toBe(true);
    }
    putIncoming(JPEG_BYTES);

    const result = await claim(INCOMING);

    expect(result).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect(storage.files.has(INCOMING)).toBe(false);
  });

  describe('with an 入会申请 upload grant', () => {
    const grant = async () =>
      dataOf<{ uploadGrant: string }>(await t.call('application.uploadGrant', {})).uploadGrant;

    it('stores the file as the grant’s, also when a member is logged in on the phone', async () => {
      const uploadGrant = await grant();
      for (const caller of [{ token: null }, { token }]) {
        putIncoming(PDF_BYTES);
        const answer = await t.call(
          'files.claimCloudUpload',
          { cloudFileId: INCOMING, uploadGrant },
          { transport: 'callFunction', ...caller },
        );
        const doc = await t.store.get<UploadDoc>(
          COLLECTIONS.files,
          dataOf<{ fileId: string }>(answer).fileId,
        );
        expect(doc).toMatchObject({ ownerKind: 'applicant', contentType: 'application/pdf' });
        expect(storage.files.has(INCOMING)).toBe(false);
      }
    });

    it('refuses a made-up grant, and removes the incoming copy', async () => {
      putIncoming(PDF_BYTES);

      const answer = await t.call(
        'files.claimCloudUpload',
        { cloudFileId: INCOMING, uploadGrant: `ug_${'A'.repeat(43)}` },
        { transport: 'callFunction', token: null },
      );

      expect(answer).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
      expect(await t.store.count(COLLECTIONS.files)).toBe(0);
      expect(storage.files.has(INCOMING)).toBe(false);
    });
  });
});
