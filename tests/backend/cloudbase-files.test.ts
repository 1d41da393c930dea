/** @jest-environment node */
import { createCloudbaseFileStore } from '../../backend/adapters/cloudbase/files';
import { StoreUnavailableError } from '../../backend/ports/store';
import { FakeStorage, type Flavour } from '../helpers/fake-cloudbase';

const FLAVOURS: Flavour[] = ['wx-server-sdk', 'node-sdk'];

function setup(flavour: Flavour, options?: { throwOnCode?: boolean }) {
  const app = new FakeStorage(flavour, options);
  return { app, files: createCloudbaseFileStore(app) };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

const voucher = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);

describe.each(FLAVOURS)('CloudBase file store over %s', (flavour) => {
  it('uploads the bytes under the cloud path and answers the fileID', async () => {
    const { app, files } = setup(flavour);

    const fileId = await files.put('/vouchers/m1/a1b2.png', voucher, 'image/png');

    expect(fileId).toBe(FakeStorage.fileId('vouchers/m1/a1b2.png'));
    expect(app.calls).toEqual([
      { api: 'uploadFile', payload: { cloudPath: 'vouchers/m1/a1b2.png', fileContent: voucher } },
    ]);
  });

  it('downloads the bytes of a stored file', async () => {
    const { app, files } = setup(flavour);
    const fileId = await files.put('vouchers/a.png', voucher, 'image/png');

    const bytes = await files.get(fileId);

    expect(bytes).toEqual(voucher);
    expect(Buffer.isBuffer(bytes)).toBe(true);
    expect(app.calls[1]).toEqual({ api: 'downloadFile', payload: { fileID: fileId } });
  });

  it('answers null for a missing file', async () => {
    const { files } = setup(flavour);

    await expect(files.get(FakeStorage.fileId('vouchers/none.png'))).resolves.toBeNull();
  });

  it('answers null when storage answers 404 after the URL lookup', async () => {
    const { app, files } = setup(flavour);
    const fileId = await files.put('vouchers/a.png', voucher, 'image/png');
    app.failNext('downloadFile', {
      code: 'STORAGE_REQUEST_FAIL',
      message: '下载文件失败: Status:404 Url:https://cos.example/a.png?sign=q-signature',
    });

    await expect(files.get(fileId)).resolves.toBeNull();
  });

  it('answers null for an id that is not a cloud fileID, without asking', async () => {
    const { app, files } = setup(flavour);

    await expect(files.get('local/2024/a.png')).resolves.toBeNull();
    expect(app.calls).toEqual([]);
  });

  it('maps other download failures to StoreUnavailableError without the signed URL', async () => {
    const { app, files } = setup(flavour);
    const fileId = await files.put('vouchers/a.png', voucher, 'image/png');
    app.failNext('downloadFile', {
      code: 'STORAGE_REQUEST_FAIL',
      message: '下载文件失败: Status:500 Url:https://cos.example/a.png?sign=q-signature',
    });

    const error = await failure(files.get(fileId));

    expect(error).toBeInstanceOf(StoreUnavailableError);
    const detail = (error as StoreUnavailableError).detail;
    expect(detail).toMatchObject({ operation: 'download', code: 'STORAGE_REQUEST_FAIL' });
    expect(JSON.stringify(detail)).not.toContain('q-signature');
  });

  it('maps an upload failure to StoreUnavailableError', async () => {
    const { app, files } = setup(flavour);
    app.failNext('uploadFile', { code: 'STORAGE_EXCEED_AUTHORITY', message: 'denied' });

    const error = await failure(files.put('vouchers/a.png', voucher, 'image/png'));

    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as StoreUnavailableError).detail).toMatchObject({
      operation: 'upload',
      code: 'STORAGE_EXCEED_AUTHORITY',
    });
  });

  it('deletes a file by its fileID', async () => {
    const { app, files } = setup(flavour);
    const fileId = await files.put('vouchers/a.png', voucher, 'image/png');

    await files.remove(fileId);

    expect(app.files.has(fileId)).toBe(false);
    expect(app.calls[1]).toEqual({ api: 'deleteFile', payload: { fileList: [fileId] } });
  });

  it('treats deleting a missing file as done', async () => {
    const { files } = setup(flavour);

    await expect(files.remove(FakeStorage.fileId('vouchers/none.png'))).resolves.toBeUndefined();
  });

  it('throws when storage refuses to delete one file', async () => {
    const { app, files } = setup(flavour);
    const fileId = await files.put('vouchers/a.png', voucher, 'image/png');
    app.failNext('deleteFile.item', { code: 'STORAGE_EXCEED_AUTHORITY', message: 'denied' });

    const error = await failure(files.remove(fileId));

    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(app.files.has(fileId)).toBe(true);
  });

  it('throws when the delete request itself fails', async () => {
    const { app, files } = setup(flavour);
    const fileId = await files.put('vouchers/a.png', voucher, 'image/png');
    app.failNext('deleteFile', { code: 'SYS_ERR', message: 'system error' });

    await expect(files.remove(fileId)).rejects.toThrow(StoreUnavailableError);
  });
});

describe('failures returned instead of thrown', () => {
  it('node-sdk after setThrowOnCode(false): a missing file is null, others throw', async () => {
    const { app, files } = setup('node-sdk', { throwOnCode: false });
    const fileId = await files.put('vouchers/a.png', voucher, 'image/png');

    await expect(files.get(FakeStorage.fileId('vouchers/none.png'))).resolves.toBeNull();
    app.failNext('uploadFile', { code: 'STORAGE_EXCEED_AUTHORITY', message: 'denied' });
    await expect(files.put('vouchers/b.png', voucher, 'image/png')).rejects.toThrow(
      StoreUnavailableError,
    );
    await expect(files.get(fileId)).resolves.toEqual(voucher);
  });

  it('wx-server-sdk mapping a returned code to -503003: a missing file is null', async () => {
    const { files } = setup('wx-server-sdk', { throwOnCode: false });

    await expect(files.get(FakeStorage.fileId('vouchers/none.png'))).resolves.toBeNull();
  });
});
