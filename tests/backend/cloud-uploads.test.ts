/** @jest-environment node */
import { UNSUPPORTED_TYPE_MESSAGE } from '../../backend/domain/files/file-type';
import type { UploadDoc } from '../../backend/domain/files/uploads';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createCloudHandler } from '../../backend/transports/cloud';
import { createTestBackend, type TestBackend } from '../helpers/backend';
import { multipartBody, openTestSession, PNG_BYTES, type FormPart } from '../helpers/files';

const BOUNDARY = '----WebKitFormBoundary7MA4YWxkTrZu0gW';
const NO_FILE = { ok: false, code: 'INVALID_INPUT', message: '请选择要上传的文件' };

interface Reply {
  statusCode: number;
  body: string;
}

describe('POST /api/files over CloudBase HTTP access', () => {
  let t: TestBackend;
  let main: (event: unknown) => Promise<unknown>;
  let token: string;
  beforeEach(async () => {
    t = createTestBackend();
    main = createCloudHandler(t.backend, () => ({ CLIENTIP: '10.0.0.8' }));
    token = await openTestSession(t.deps, { kind: 'admin' });
  });
  afterEach(() => t.close());

  /** The event HTTP access hands the function: headers as sent, the body in base64. */
  function uploadEvent(
    body: Buffer,
    headers: Record<string, string> = {},
  ): Record<string, unknown> {
    return {
      path: '/api/files',
      httpMethod: 'POST',
      headers: {
        'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
        Authorization: `Bearer ${token}`,
        ...headers,
      },
      body: body.toString('base64'),
      isBase64Encoded: true,
      requestContext: { requestId: 'r-1' },
    };
  }
  const form = (...parts: FormPart[]) => multipartBody(parts, BOUNDARY);
  const filePart = (content: Buffer, field = 'file'): FormPart => ({
    field,
    filename: '会员照片.png',
    contentType: 'text/plain',
    content,
  });
  const send = async (event: Record<string, unknown>) => {
    const reply = (await main(event)) as Reply;
    return { status: reply.statusCode, body: JSON.parse(reply.body) as Record<string, unknown> };
  };

  it('stores the field `file` and answers its file id, the type told by its bytes', async () => {
    const reply = await send(
      uploadEvent(form({ field: 'note', content: '备注' }, filePart(PNG_BYTES))),
    );

    expect(reply.status).toBe(200);
    const fileId = (reply.body.data as { fileId: string }).fileId;
    const doc = await t.store.get<UploadDoc>(COLLECTIONS.files, fileId);
    expect(doc).toMatchObject({
      name: '会员照片.png',
      contentType: 'image/png',
      size: PNG_BYTES.length,
    });
    expect(await t.deps.files.get(doc!.storedFileId)).toEqual(PNG_BYTES);
  });

  it('refuses a caller without a session before reading the body', async () => {
    const event = uploadEvent(Buffer.from('not even multipart'), { Authorization: '' });

    const reply = await send(event);

    expect(reply).toEqual({
      status: 401,
      body: { ok: false, code: 'UNAUTHENTICATED', message: '请先登录' },
    });
  });

  it('refuses a session that must change its password first', async () => {
    const pending = await openTestSession(t.deps, { kind: 'member', mustChangePassword: true });

    const reply = await send(
      uploadEvent(form(filePart(PNG_BYTES)), {
        Authorization: `Bearer ${pending}`,
      }),
    );

    expect(reply).toMatchObject({ status: 403, body: { code: 'PASSWORD_CHANGE_REQUIRED' } });
  });

  it('answers 请选择要上传的文件 when no part is named `file`', async () => {
    const reply = await send(uploadEvent(form(filePart(PNG_BYTES, 'upload'))));

    expect(reply).toEqual({ status: 400, body: NO_FILE });
    expect(await t.store.count(COLLECTIONS.files)).toBe(0);
  });

  it.each([
    ['a JSON body', { 'Content-Type': 'application/json' }, Buffer.from('{"file":"x"}')],
    ['multipart without a boundary', { 'Content-Type': 'multipart/form-data' }, Buffer.from('x')],
    ['garbage after the boundary', {}, Buffer.from(`--${BOUNDARY}\r\nnonsense`)],
    ['an empty body', {}, Buffer.alloc(0)],
  ])('answers 400 INVALID_INPUT for %s', async (_label, headers, body) => {
    expect(await send(uploadEvent(body, headers))).toEqual({ status: 400, body: NO_FILE });
  });

  it('refuses a body over HTTP access’s 6 MB, saying so', async () => {
    const big = Buffer.concat([PNG_BYTES, Buffer.alloc(6 * 1024 * 1024)]);

    const reply = await send(uploadEvent(form(filePart(big))));

    expect(reply.status).toBe(413);
    expect(reply.body).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE' });
    expect(reply.body.message).toContain('6 MB');
    expect(await t.store.count(COLLECTIONS.files)).toBe(0);
  });

  it('refuses a file whose bytes are of no accepted type, whatever its name', async () => {
    const text = Buffer.from('姓名,手机号\n');
    const part = { ...filePart(text), filename: '名册.xlsx', contentType: 'application/pdf' };

    const reply = await send(uploadEvent(form(part)));

    expect(reply).toEqual({
      status: 400,
      body: { ok: false, code: 'INVALID_INPUT', message: UNSUPPORTED_TYPE_MESSAGE },
    });
  });
});
