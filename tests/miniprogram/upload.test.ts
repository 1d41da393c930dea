import { randomUUID } from 'node:crypto';
import { createCloudbaseFileStore } from '../../backend/adapters/cloudbase/files';
import { COLLECTIONS } from '../../backend/schema/collections';
import type { UploadDoc } from '../../backend/domain/files/uploads';
import { config } from '../../miniprogram/config';
import { requestUploadGrant } from '../../miniprogram/package-apply/services/application';
import { clearSession } from '../../miniprogram/services/session';
import { setUploader, uploadFile, uploadWithGrant } from '../../miniprogram/services/upload';
import { FakeStorage } from '../helpers/fake-cloudbase';
import { JPEG_BYTES } from '../helpers/files';
import { connectBackend, TEST_OPENID, type ConnectedBackend } from './support/backend';
import { loggedInMember } from './support/members';

type Callback<T> = ((result: T) => void) | undefined;

interface UploadFileOptions {
  url: string;
  filePath: string;
  name: string;
  header: Record<string, string>;
  success: Callback<{ statusCode: number; data: string }>;
  fail: Callback<{ errMsg: string }>;
}

const globals = globalThis as unknown as { wx: Record<string, unknown> & { cloud: object } };
const original = { backend: config.backend, wx: { ...globals.wx }, cloud: globals.wx.cloud };

describe('uploads from the mini-program', () => {
  let backend: ConnectedBackend;
  beforeEach(async () => {
    backend = connectBackend();
    await loggedInMember(backend);
    setUploader(null);
    globals.wx.getRandomValues = (options: {
      length: number;
      success: Callback<{ randomValues: ArrayBuffer }>;
    }) => {
      const bytes = new Uint8Array(options.length).map((_, index) => index * 17);
      void Promise.resolve().then(() => options.success?.({ randomValues: bytes.buffer }));
    };
  });
  afterEach(() => {
    config.backend = original.backend;
    Object.assign(globals.wx, original.wx, { cloud: original.cloud });
    setUploader(null);
    backend.close();
  });

  it('local: posts the file as field `file` to /api/files with the session token', async () => {
    config.backend = 'local';
    const seen: UploadFileOptions[] = [];
    globals.wx.uploadFile = (options: UploadFileOptions) => {
      seen.push(options);
      // The local route hands the bytes to the backend's upload gate and answers a string.
      // The session was opened from WeChat, so the caller carries its OPENID (SIMULATE_WECHAT).
      const token = options.header.authorization?.replace(/^Bearer /, '') ?? null;
      const caller = { transport: 'http' as const, openid: TEST_OPENID, token, clientIp: null };
      void backend.backend.openUpload({ ...caller, requestId: randomUUID() }).then(async (gate) => {
        const result = gate.ok ? await gate.store({ name: 'p.jpg', bytes: JPEG_BYTES }) : gate;
        options.success?.({ statusCode: result.ok ? 200 : 400, data: JSON.stringify(result) });
      });
    };

    const fileId = await uploadFile('wxfile://tmp_p.jpg');

    expect(fileId).toMatch(/^f_[0-9a-f]{32}$/);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      url: 'http://127.0.0.1:8787/api/files',
      filePath: 'wxfile://tmp_p.jpg',
      name: 'file',
      header: { authorization: expect.stringMatching(/^Bearer .+/) },
    });
  });

  it('local: reports the percentage sent from the UploadTask', async () => {
    config.backend = 'local';
    globals.wx.uploadFile = (options: UploadFileOptions) => {
      const listeners: ((update: { progress: number }) => void)[] = [];
      void Promise.resolve().then(() => {
        listeners.forEach((listener) => listener({ progress: 35 }));
        listeners.forEach((listener) => listener({ progress: 100 }));
        const body = { ok: true, data: { fileId: 'f_progress' } };
        options.success?.({ statusCode: 200, data: JSON.stringify(body) });
      });
      return {
        onProgressUpdate: (listener: (typeof listeners)[number]) => listeners.push(listener),
      };
    };
    const percents: number[] = [];

    const fileId = await uploadFile('wxfile://tmp_p.jpg', (percent) => percents.push(percent));

    expect(fileId).toBe('f_progress');
    expect(percents).toEqual([35, 100]);
  });

  it('local: a refusal comes back as the backend’s code and message', async () => {
    config.backend = 'local';
    globals.wx.uploadFile = (options: UploadFileOptions) => {
      const body = { ok: false, code: 'PAYLOAD_TOO_LARGE', message: '文件不能超过 10 MB' };
      void Promise.resolve().then(() =>
        options.success?.({ statusCode: 413, data: JSON.stringify(body) }),
      );
    };

    await expect(uploadFile('wxfile://tmp_big.jpg')).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: '文件不能超过 10 MB',
    });
  });

  it('local: no answer at all is a network failure', async () => {
    config.backend = 'local';
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    globals.wx.uploadFile = (options: UploadFileOptions) => {
      void Promise.resolve().then(() => options.fail?.({ errMsg: 'uploadFile:fail timeout' }));
    };

    await expect(uploadFile('wxfile://tmp_p.jpg')).rejects.toMatchObject({ code: 'NETWORK' });
    expect(warn).toHaveBeenCalledWith('upload unreachable', { errMsg: 'uploadFile:fail timeout' });
    warn.mockRestore();
  });

  it('cloud: puts the file under incoming/ and claims it through the backend', async () => {
    config.backend = 'cloud';
    const storage = new FakeStorage('wx-server-sdk');
    backend.deps.files = createCloudbaseFileStore(storage);
    const cloudPaths: string[] = [];
    globals.wx.cloud = {
      ...original.cloud,
      uploadFile: async (options: { cloudPath: string; filePath: string }) => {
        cloudPaths.push(options.cloudPath);
        const fileID = FakeStorage.fileId(options.cloudPath);
        storage.files.set(fileID, JPEG_BYTES);
        return { fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' };
      },
    };

    const fileId = await uploadFile('wxfile://tmp_photo.JPG');

    expect(cloudPaths).toEqual([expect.stringMatching(/^incoming\/[0-9a-f]{32}\.jpg$/)]);
    expect(backend.sent).toContain('files.claimCloudUpload');
    const doc = await backend.store.get<UploadDoc>(COLLECTIONS.files, fileId);
    expect(doc?.contentType).toBe('image/jpeg');
    expect(storage.files.has(FakeStorage.fileId(cloudPaths[0] ?? ''))).toBe(false);
  });

  it('cloud: follows the task wx.cloud.uploadFile answers when given callbacks', async () => {
    config.backend = 'cloud';
    const storage = new FakeStorage('wx-server-sdk');
    backend.deps.files = createCloudbaseFileStore(storage);
    globals.wx.cloud = {
      ...original.cloud,
      uploadFile: (options: {
        cloudPath: string;
        success: Callback<{ fileID: string; statusCode: number; errMsg: string }>;
      }) => {
        const listeners: ((update: { progress: number }) => void)[] = [];
        const fileID = FakeStorage.fileId(options.cloudPath);
        storage.files.set(fileID, JPEG_BYTES);
        void Promise.resolve().then(() => {
          listeners.forEach((listener) => listener({ progress: 60 }));
          options.success?.({ fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' });
        });
        return {
          onProgressUpdate: (listener: (typeof listeners)[number]) => listeners.push(listener),
        };
      },
    };
    const percents: number[] = [];

    const fileId = await uploadFile('wxfile://tmp_photo.jpg', (percent) => percents.push(percent));

    expect(percents).toEqual([60]);
    expect(fileId).toMatch(/^f_[0-9a-f]{32}$/);
  });
  it('local: an applicant’s upload carries the grant as the bearer, not the session', async () => {
    config.backend = 'local';
    const uploadGrant = await requestUploadGrant();
    const seen: UploadFileOptions[] = [];
    globals.wx.uploadFile = (options: UploadFileOptions) => {
      seen.push(options);
      const token = options.header.authorization?.replace(/^Bearer /, '') ?? null;
      const caller = { transport: 'http' as const, openid: null, token, clientIp: null };
      void backend.backend.openUpload({ ...caller, requestId: randomUUID() }).then(async (gate) => {
        const result = gate.ok ? await gate.store({ name: 'form.jpg', bytes: JPEG_BYTES }) : gate;
        options.success?.({ statusCode: result.ok ? 200 : 401, data: JSON.stringify(result) });
      });
    };

    const fileId = await uploadWithGrant('wxfile://tmp_form.jpg', uploadGrant);

    expect(seen[0]?.header).toEqual({ authorization: `Bearer ${uploadGrant}` });
    const doc = await backend.store.get<UploadDoc>(COLLECTIONS.files, fileId);
    expect(doc?.ownerKind).toBe('applicant');
  });

  it('cloud: an applicant’s upload is claimed with the grant', async () => {
    config.backend = 'cloud';
    // An applicant has no session on the phone.
    clearSession();
    const uploadGrant = await requestUploadGrant();
    const storage = new FakeStorage('wx-server-sdk');
    backend.deps.files = createCloudbaseFileStore(storage);
    globals.wx.cloud = {
      ...original.cloud,
      uploadFile: async (options: { cloudPath: string }) => {
        const fileID = FakeStorage.fileId(options.cloudPath);
        storage.files.set(fileID, JPEG_BYTES);
        return { fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' };
      },
    };

    const fileId = await uploadWithGrant('wxfile://tmp_form.jpg', uploadGrant);

    expect(backend.sent.slice(-1)).toEqual(['files.claimCloudUpload']);
    const doc = await backend.store.get<UploadDoc>(COLLECTIONS.files, fileId);
    expect(doc?.ownerKind).toBe('applicant');
  });

  // What makes the case above telling: without a session, only the grant lets a claim in.
  it('cloud: a claim without the grant is refused when there is no session', async () => {
    config.backend = 'cloud';
    clearSession();
    const storage = new FakeStorage('wx-server-sdk');
    backend.deps.files = createCloudbaseFileStore(storage);
    globals.wx.cloud = {
      ...original.cloud,
      uploadFile: async (options: { cloudPath: string }) => {
        const fileID = FakeStorage.fileId(options.cloudPath);
        storage.files.set(fileID, JPEG_BYTES);
        return { fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' };
      },
    };

    await expect(uploadFile('wxfile://tmp_form.jpg')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });
});
