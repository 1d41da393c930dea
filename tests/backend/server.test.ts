/** @jest-environment node */
import { request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Backend } from '../../backend/app';
import { UNSUPPORTED_TYPE_MESSAGE } from '../../backend/domain/files/file-type';
import type { UploadDoc } from '../../backend/domain/files/uploads';
import { createLocalDeps } from '../../backend/local/deps';
import { createHttpApp } from '../../backend/local/http/app';
import { CONTENT_SECURITY_POLICY } from '../../backend/local/http/security-headers';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, type TestBackend } from '../helpers/backend';
import { multipartBody, openTestSession, PNG_BYTES, type FormPart } from '../helpers/files';
import { xlsxBuffer } from '../helpers/xlsx';

const BOUNDARY = 'XyZ-boundary-2026';
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;
const NO_FILE = { ok: false, code: 'INVALID_INPUT', message: '请选择要上传的文件' };
const MB = 1024 * 1024;

let t: TestBackend;
let webRoot: string;
let app: FastifyInstance;
let address: string;

/**
 * The local server's routes over the in-memory backend, with a two-file portal, on a free
 * loopback port. Real requests rather than `inject`: its light-my-request needs cookie 2, an
 * ES module jest on Node 20 cannot load, and a socket is what a browser uses anyway.
 */
async function serve(backend: Backend = t.backend): Promise<void> {
  app = await createHttpApp(backend, { trustOpenidHeader: false, webRoot });
  address = await app.listen({ port: 0, host: '127.0.0.1' });
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One request, sent as given: the path is not normalised, the body is raw bytes. */
function send(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: Buffer | string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // A fresh connection each time: no socket of an earlier test's server is reused.
    const req = httpRequest(`${address}${path}`, { method, headers, agent: false });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('aborted', () => reject(new Error(`answer to ${method} ${path} cut off`)));
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeEach(async () => {
  t = createTestBackend();
  webRoot = mkdtempSync(join(tmpdir(), 'portal-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>门户</title>');
  writeFileSync(join(webRoot, 'assets/app.js'), 'console.log(1)');
  await serve();
});
afterEach(async () => {
  await app.close();
  t.close();
  rmSync(webRoot, { recursive: true, force: true });
});

const form = (...parts: FormPart[]) => multipartBody(parts, BOUNDARY);
const filePart = (content: Buffer, name = '照片.png', field = 'file'): FormPart => ({
  field,
  filename: name,
  contentType: 'application/octet-stream',
  content,
});

async function upload(payload: Buffer | string | undefined, headers: Record<string, string>) {
  const reply = await send('POST', '/api/files', headers, payload);
  return { status: reply.status, body: JSON.parse(reply.text) as Record<string, unknown> };
}

describe('POST /api/files', () => {
  let auth: Record<string, string>;
  beforeEach(async () => {
    auth = { authorization: `Bearer ${await openTestSession(t.deps, { kind: 'admin' })}` };
  });

  it('answers an anonymous upload 401 before its body has arrived', async () => {
    const big = Buffer.concat([PNG_BYTES, Buffer.alloc(MB)]);
    const head = form(filePart(big)).subarray(0, 64 * 1024);

    // 30 MB announced, the part's head and 64 KB of the file sent, the rest never: only an
    // answer given before reading the file can come back.
    const req = httpRequest(`${address}/api/files`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': MULTIPART, 'content-length': String(30 * MB) },
    });
    req.on('error', () => undefined);
    const status = await new Promise<number>((resolve, reject) => {
      setTimeout(() => reject(new Error('no answer before the body')), 3000);
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.write(head);
    }).finally(() => req.destroy());

    expect(status).toBe(401);
  });

  it('answers 401 to an anonymous body over every limit, not 413', async () => {
    const json = JSON.stringify({ file: 'x'.repeat(300 * 1024) });

    const reply = await upload(json, { 'content-type': 'application/json' });

    expect(reply).toEqual({
      status: 401,
      body: { ok: false, code: 'UNAUTHENTICATED', message: '请先登录' },
    });
  });

  it('answers 403 while the password change is pending', async () => {
    const token = await openTestSession(t.deps, { kind: 'member', mustChangePassword: true });

    const reply = await upload(form(filePart(PNG_BYTES)), {
      'content-type': MULTIPART,
      authorization: `Bearer ${token}`,
    });

    expect(reply).toMatchObject({ status: 403, body: { code: 'PASSWORD_CHANGE_REQUIRED' } });
  });

  it('stores the file with the type its bytes tell and the name as sent', async () => {
    const bytes = await xlsxBuffer([{ rows: [['姓名', '手机号']] }]);

    const reply = await upload(form(filePart(bytes, '会员名册.xlsx')), {
      ...auth,
      'content-type': MULTIPART,
    });

    expect(reply.status).toBe(200);
    const { fileId } = reply.body.data as { fileId: string };
    expect(await t.store.get<UploadDoc>(COLLECTIONS.files, fileId)).toMatchObject({
      name: '会员名册.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      size: bytes.length,
    });
  });

  it.each([
    ['a JSON body', { 'content-type': 'application/json' }, '{"file":"x"}'],
    ['no body', {}, undefined],
    ['an octet stream', { 'content-type': 'application/octet-stream' }, 'abc'],
    ['multipart without a boundary', { 'content-type': 'multipart/form-data' }, 'abc'],
    ['garbage multipart', { 'content-type': MULTIPART }, 'this is not a form at all'],
    ['a part cut off', { 'content-type': MULTIPART }, `--${BOUNDARY}\r\nContent-Dispo`],
    ['no part named file', { 'content-type': MULTIPART }, form(filePart(PNG_BYTES, 'a', 'x'))],
  ])('answers 400 请选择要上传的文件 to %s, and logs no fault', async (_label, headers, body) => {
    const reply = await upload(body, { ...auth, ...headers });

    expect(reply).toEqual({ status: 400, body: NO_FILE });
    expect(t.logger.lines.filter((line) => line.includes('"INTERNAL"'))).toEqual([]);
  });

  it('reads the field file past other fields, as the cloud does', async () => {
    const body = form({ field: 'note', content: '备注' }, filePart(PNG_BYTES));

    const reply = await upload(body, { ...auth, 'content-type': MULTIPART });

    expect(reply.status).toBe(200);
  });

  it('takes a file of exactly 10 MB and refuses one byte more', async () => {
    const exact = Buffer.concat([PNG_BYTES, Buffer.alloc(10 * MB - PNG_BYTES.length)]);
    const over = Buffer.concat([exact, Buffer.alloc(1)]);
    const headers = { ...auth, 'content-type': MULTIPART };

    const taken = await upload(form(filePart(exact)), headers);
    const refused = await upload(form(filePart(over)), headers);

    expect(taken.status).toBe(200);
    expect(refused).toEqual({
      status: 413,
      body: { ok: false, code: 'PAYLOAD_TOO_LARGE', message: '文件不能超过 10 MB' },
    });
    expect(await t.store.count(COLLECTIONS.files)).toBe(1);
  });

  it('refuses a file of no accepted type, whatever its name says', async () => {
    const reply = await upload(form(filePart(Buffer.from('a,b\n1,2\n'), '名册.xlsx')), {
      ...auth,
      'content-type': MULTIPART,
    });

    expect(reply).toEqual({
      status: 400,
      body: { ok: false, code: 'INVALID_INPUT', message: UNSUPPORTED_TYPE_MESSAGE },
    });
  });
});

describe('failures outside the backend', () => {
  it.each([
    ['GET', '/api/%zz'],
    ['POST', '/api/%'],
    ['GET', '/%E0%A4%A'],
  ] as const)('answers %s %s with the envelope in Chinese', async (method, url) => {
    const reply = await send(method, url);

    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      message: '请求地址有误，请检查链接后重试',
    });
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('logs a fault with its name and message, redacted, and never the body', async () => {
    const failing: Backend = {
      ...t.backend,
      dispatch: async () => {
        throw new TypeError('store gave up on 13997373133');
      },
    };
    await app.close();
    await serve(failing);

    const call = { action: 'auth.login', data: { phone: '13997373133', password: 'Secret#2026' } };
    const reply = await send(
      'POST',
      '/api',
      { 'content-type': 'application/json' },
      JSON.stringify(call),
    );

    expect(reply.status).toBe(500);
    expect(JSON.parse(reply.text)).toMatchObject({ ok: false, code: 'INTERNAL' });
    const logged = t.logger.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({
        level: 'error',
        event: 'http_error',
        route: '/api',
        name: 'TypeError',
        message: 'store gave up on 139****3133',
      }),
    );
    expect(t.logger.lines.join('\n')).not.toMatch(/Secret#2026|13997373133/);
  });
});

describe('the portal', () => {
  it('answers HEAD on a page of the single-page app as GET does', async () => {
    const get = await send('GET', '/admin/members');
    const head = await send('HEAD', '/admin/members');
    const api = await send('HEAD', '/api/nothing');

    expect(get.status).toBe(200);
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.headers['content-type']).toMatch(/^text\/html/);
    expect(head.text).toBe('');
    expect(api.status).toBe(404);
  });

  it.each(['/', '/admin/login', '/assets/app.js', '/api/health', '/api/unknown'])(
    'sends the content security policy and frame protection with %s',
    async (url) => {
      const reply = await send('GET', url);

      expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(reply.headers['x-frame-options']).toBe('DENY');
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
    },
  );

  it('answers unknown /api paths with the envelope even before the portal is built', async () => {
    rmSync(join(webRoot, 'index.html'));
    await app.close();
    await serve();

    const unknown = await send('GET', '/api/nothing');
    const home = await send('GET', '/');

    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text)).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
    expect(home.text).toContain('npm run build:web');
  });
});

describe('the local data folder', () => {
  it('is made readable by the server’s user only, files included', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'data-folder-'));
    const dataDir = join(parent, 'data');
    const deps = createLocalDeps(dataDir);
    try {
      const fileId = await deps.files.put('uploads/member/m1/photo.png', PNG_BYTES, 'image/png');

      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dataDir, 'files', 'uploads')).mode & 0o777).toBe(0o700);
      expect(await deps.files.get(fileId)).toEqual(PNG_BYTES);
      const stored = join(dataDir, 'files', 'uploads', 'member', 'm1', 'photo.png');
      expect(statSync(stored).mode & 0o777).toBe(0o600);
    } finally {
      deps.store.close();
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
