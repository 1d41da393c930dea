/** @jest-environment node */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { DuesOrder } from '../../typings';
import { createCloudbaseFileStore } from '../../backend/adapters/cloudbase/files';
import type { DuesOrderDoc } from '../../backend/domain/dues/model';
import type { AttachedFileDoc } from '../../backend/domain/files/attachments';
import { redeemTicket } from '../../backend/domain/files/links';
import { createHttpApp } from '../../backend/local/http/app';
import { attachmentHeader } from '../../backend/local/http/downloads';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';
import { duesAdmin, duesMember, withDemoSettings, type DuesMember } from '../helpers/dues';
import { JPEG_BYTES, PDF_BYTES, PNG_BYTES, zipBuffer } from '../helpers/files';

const PORTAL = 'http://127.0.0.1:8787';
const WORKBOOK = zipBuffer([
  { name: '[Content_Types].xml', content: '<x/>' },
  { name: 'xl/workbook.xml', content: '<x/>' },
]);

let t: TestBackend;
let me: DuesMember;
beforeEach(async () => {
  t = createTestBackend({ now: '2026-06-15T04:00:00Z' });
  t.deps.config.portalUrl = PORTAL;
  await withDemoSettings(t);
  me = await duesMember(t, { phone: '13800138000' });
});
afterEach(() => t.close());

const fileDoc = (id: string) => t.store.get<AttachedFileDoc>(COLLECTIONS.files, id);
const attach = (m: DuesMember, orderId: string, fileIds: (string | null)[]) =>
  m.call('dues.attachVoucher', { orderId, fileIds });

describe('dues.attachVoucher', () => {
  it('moves each upload under the member and order, kept, and the order awaits review', async () => {
    const order = await me.order();
    const jpeg = await me.upload(JPEG_BYTES, 'voucher.jpg');
    const pdf = await me.upload(PDF_BYTES, '回单.pdf');
    const originals = [(await fileDoc(jpeg))!.storedFileId, (await fileDoc(pdf))!.storedFileId];

    const attached = dataOf<DuesOrder>(await attach(me, order.id, [jpeg, pdf]));
    expect(attached.status).toBe('awaitingReview');
    expect(attached.vouchers).toEqual([
      { fileId: jpeg, name: 'voucher.jpg', contentType: 'image/jpeg', size: JPEG_BYTES.length },
      { fileId: pdf, name: '回单.pdf', contentType: 'application/pdf', size: PDF_BYTES.length },
    ]);
    expect(attached.timeline.at(-1)).toMatchObject({ kind: 'voucherAttached', by: 'member' });
    const stored = await fileDoc(jpeg);
    expect(stored).toMatchObject({
      storagePath: `vouchers/${me.id}/${order.id}/${jpeg}.jpg`,
      expiresAt: null,
      orderId: order.id,
    });
    expect(await t.deps.files.get(stored!.storedFileId)).toEqual(JPEG_BYTES);
    for (const original of originals) expect(await t.deps.files.get(original)).toBeNull();
  });

  it('keeps two members’ vouchers of the same name apart', async () => {
    const other = await duesMember(t, { phone: '13900139000', name: '李华' });
    const a = await me.order();
    const b = await other.order();
    const mine = await me.upload(JPEG_BYTES, 'voucher.jpg');
    const theirs = await other.upload(PNG_BYTES, 'voucher.jpg');
    dataOf(await attach(me, a.id, [mine]));
    dataOf(await attach(other, b.id, [theirs]));
    const paths = [(await fileDoc(mine))!.storagePath, (await fileDoc(theirs))!.storagePath];
    expect(new Set(paths).size).toBe(2);
    expect(await t.deps.files.get((await fileDoc(theirs))!.storedFileId)).toEqual(PNG_BYTES);
  });

  it('replaces a rejected order’s vouchers and deletes the old files', async () => {
    const order = await me.orderInReview();
    const first = order.vouchers[0]!.fileId;
    const firstStored = (await fileDoc(first))!.storedFileId;
    const finance = await duesAdmin(t, 'finance');
    dataOf(await finance.call('admin.dues.reject', { orderId: order.id, reason: '看不清' }));

    const second = await me.upload(PNG_BYTES, 'new.png');
    const again = dataOf<DuesOrder>(await attach(me, order.id, [second]));
    expect(again.vouchers.map((v) => v.fileId)).toEqual([second]);
    expect(await fileDoc(first)).toBeNull();
    expect(await t.deps.files.get(firstStored)).toBeNull();
  });

  it('refuses a workbook, changing nothing', async () => {
    const order = await me.order();
    const result = await attach(me, order.id, [await me.upload(WORKBOOK, 'a.xlsx')]);
    expect(result).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: '缴费凭证只能是图片（JPG/PNG）或 PDF 文件',
    });
    expect((await t.store.get<DuesOrderDoc>(COLLECTIONS.duesOrders, order.id))?.status).toBe(
      'awaitingPayment',
    );
  });

  it('never gets a text file: the upload itself is refused', async () => {
    const gate = await t.backend.openUpload({
      transport: 'http',
      openid: null,
      token: me.token,
      clientIp: '127.0.0.1',
      requestId: 'r1',
    });
    if (!gate.ok) throw new Error(gate.code);
    const stored = await gate.store({ name: 'a.txt', bytes: Buffer.from('我已转账') });
    expect(stored).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('refuses a mix with one bad file whole, leaving the good upload usable', async () => {
    const order = await me.order();
    const good = await me.upload();
    const result = await attach(me, order.id, [good, 'f_missing']);
    expect(result).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await fileDoc(good))?.orderId).toBeUndefined();
    expect(dataOf<DuesOrder>(await attach(me, order.id, [good])).status).toBe('awaitingReview');
  });

  it.each([
    [[], '请上传缴费凭证'],
    [['a', 'b', 'c', 'd', 'e', 'f'], '缴费凭证最多上传 5 个文件'],
    [['a', 'a'], '同一个文件不能重复上传'],
    // The message names the field, not the array index the bad item sits at.
    [[null], '文件的格式不正确'],
  ])('refuses fileIds %j', async (fileIds, message) => {
    const order = await me.order();
    expect(await attach(me, order.id, fileIds)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field: 'fileIds',
      message,
    });
  });

  it('refuses another member’s upload and one already kept by an order', async () => {
    const other = await duesMember(t, { phone: '13900139000', name: '李华' });
    const order = await me.order();
    const theirs = await other.upload();
    expect(await attach(me, order.id, [theirs])).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await fileDoc(theirs))?.orderId).toBeUndefined();

    // A voucher of a confirmed order cannot be attached again to the next one.
    const kept = await me.upload();
    dataOf(await attach(me, order.id, [kept]));
    const finance = await duesAdmin(t, 'finance');
    dataOf(await finance.call('admin.dues.confirm', { orderId: order.id }));
    const next = await me.order();
    expect(await attach(me, next.id, [kept])).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

describe('files.link', () => {
  async function voucherOf(m: DuesMember) {
    const order = await m.orderInReview();
    return { order, fileId: order.vouchers[0]!.fileId };
  }

  it('gives the member a one-time link to their own voucher, valid 5 minutes', async () => {
    const { fileId } = await voucherOf(me);
    const link = dataOf<{ url: string; expiresAt: string }>(
      await me.call('files.link', { fileId }),
    );
    expect(link.expiresAt).toBe('2026-06-15T04:05:00.000Z');
    expect(link.url).toMatch(new RegExp(`^${PORTAL}/api/files/[A-Za-z0-9_-]{43}$`));
    const token = link.url.split('/').at(-1)!;

    expect(await redeemTicket(t.deps, token)).toEqual({
      bytes: JPEG_BYTES,
      contentType: 'image/jpeg',
      name: '转账凭证.jpg',
    });
    expect(await redeemTicket(t.deps, token)).toBeNull();
    // Only the hash is stored: the token itself is nowhere in the store.
    const tickets = await t.store.find(COLLECTIONS.downloadTickets);
    expect(JSON.stringify(tickets)).not.toContain(token);
  });

  it('expires after 5 minutes, and the purge job removes the ticket', async () => {
    const { fileId } = await voucherOf(me);
    const { url } = dataOf<{ url: string }>(await me.call('files.link', { fileId }));
    t.clock.advance(301_000);
    expect(await t.store.count(COLLECTIONS.downloadTickets)).toBe(1);
    const jobs = await t.backend.runJobs(['purge']);
    expect(jobs.purge).toMatchObject({ downloadTickets: 1 });
    expect(await redeemTicket(t.deps, url.split('/').at(-1)!)).toBeNull();

    const { url: second } = dataOf<{ url: string }>(await me.call('files.link', { fileId }));
    t.clock.advance(301_000);
    expect(await redeemTicket(t.deps, second.split('/').at(-1)!)).toBeNull();
  });

  it('is NOT_FOUND for another member, a loose upload, and the secretariat', async () => {
    const { fileId } = await voucherOf(me);
    const other = await duesMember(t, { phone: '13900139000', name: '李华' });
    const missing = await other.call('files.link', { fileId: 'f_nothing' });
    expect(await other.call('files.link', { fileId })).toEqual(missing);
    expect(missing).toMatchObject({ ok: false, code: 'NOT_FOUND' });

    const loose = await me.upload();
    expect(await me.call('files.link', { fileId: loose })).toMatchObject({ code: 'NOT_FOUND' });
    const secretariat = await duesAdmin(t, 'secretariat');
    expect(await secretariat.call('files.link', { fileId })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await t.call('files.link', { fileId })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await t.store.count(COLLECTIONS.downloadTickets)).toBe(0);
  });

  it('lets finance and the super-admin read any order’s voucher, and the member the receipt', async () => {
    const { order, fileId } = await voucherOf(me);
    for (const role of ['finance', 'superAdmin'] as const) {
      const admin = await duesAdmin(t, role);
      expect(await admin.call('files.link', { fileId })).toMatchObject({ ok: true });
    }
    const finance = await duesAdmin(t, 'finance', 'qian');
    await t.store.update(COLLECTIONS.duesOrders, order.id, {
      set: {
        invoice: { info: { titleType: '个人' }, status: 'pending', invoiceNo: null, file: null },
      },
    });
    dataOf(await finance.call('admin.dues.confirm', { orderId: order.id }));
    const receipt = await finance.upload(PDF_BYTES, '发票.pdf');
    dataOf(
      await finance.call('admin.dues.issueInvoice', {
        orderId: order.id,
        invoiceNo: 'R1',
        fileId: receipt,
      }),
    );
    expect(await me.call('files.link', { fileId: receipt })).toMatchObject({ ok: true });
  });

  it('uses the file store’s temporary URL where it has one', async () => {
    const { fileId } = await voucherOf(me);
    const asked: [string, number][] = [];
    t.deps.files.temporaryUrl = async (id, seconds) => {
      asked.push([id, seconds]);
      return 'https://storage.test/signed';
    };
    const link = dataOf<{ url: string }>(await me.call('files.link', { fileId }));
    expect(link.url).toBe('https://storage.test/signed');
    expect(asked).toEqual([[(await fileDoc(fileId))!.storedFileId, 300]]);
    expect(await t.store.count(COLLECTIONS.downloadTickets)).toBe(0);
  });
});

describe('cloud storage temporaryUrl', () => {
  const base = {
    uploadFile: () => ({ fileID: 'cloud://env.bucket/x' }),
    downloadFile: () => ({ fileContent: Buffer.alloc(0) }),
    deleteFile: () => ({ fileList: [] }),
  };

  it.each([
    ['wx-server-sdk', { fileList: [{ fileID: 'f', tempFileURL: 'https://a', status: 0 }] }],
    ['node-sdk', { fileList: [{ fileID: 'f', tempFileURL: 'https://a', code: 'SUCCESS' }] }],
  ])('reads the URL of %s and passes maxAge', async (_sdk, answer) => {
    const calls: unknown[] = [];
    const store = createCloudbaseFileStore({
      ...base,
      getTempFileURL: (options) => {
        calls.push(options);
        return answer;
      },
    });
    await expect(store.temporaryUrl!('cloud://env.bucket/vouchers/a.jpg', 300)).resolves.toBe(
      'https://a',
    );
    expect(calls).toEqual([
      { fileList: [{ fileID: 'cloud://env.bucket/vouchers/a.jpg', maxAge: 300 }] },
    ]);
  });

  it('fails on an item error of either SDK, and has no temporaryUrl without the call', async () => {
    for (const item of [
      { fileID: 'f', tempFileURL: '', status: -503003, errMsg: 'not exist' },
      { fileID: 'f', tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' },
    ]) {
      const store = createCloudbaseFileStore({
        ...base,
        getTempFileURL: () => ({ fileList: [item] }),
      });
      await expect(store.temporaryUrl!('cloud://env.bucket/a', 300)).rejects.toThrow(
        'cloud storage: temporaryUrl failed',
      );
    }
    expect(createCloudbaseFileStore(base).temporaryUrl).toBeUndefined();
  });
});

describe('GET /api/files/:ticket', () => {
  let app: FastifyInstance;
  let address: string;
  let webRoot: string;
  beforeEach(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'web-'));
    app = await createHttpApp(t.backend, { trustOpenidHeader: false, webRoot });
    address = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    await app.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('streams the file once with its type and name, then answers 404', async () => {
    const order = await me.order();
    const fileId = await me.upload(PDF_BYTES, '缴费 回单.pdf');
    dataOf(await attach(me, order.id, [fileId]));
    const { url } = dataOf<{ url: string }>(await me.call('files.link', { fileId }));
    const local = url.replace(PORTAL, address);

    // A HEAD probe (link previewers, download managers) does not spend the ticket.
    expect((await fetch(local, { method: 'HEAD' })).status).toBe(404);
    const first = await fetch(local);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/pdf');
    expect(first.headers.get('content-disposition')).toBe(attachmentHeader('缴费 回单.pdf'));
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await first.arrayBuffer())).toEqual(PDF_BYTES);

    const second = await fetch(local);
    expect(second.status).toBe(404);
    expect(await second.json()).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await fetch(`${address}/api/files/not-a-ticket`)).status).toBe(404);
  });
});

describe('attachmentHeader', () => {
  it('gives an ASCII fallback and the UTF-8 name', () => {
    expect(attachmentHeader('缴费 回单.pdf')).toBe(
      `attachment; filename="__ __.pdf"; filename*=UTF-8''%E7%BC%B4%E8%B4%B9%20%E5%9B%9E%E5%8D%95.pdf`,
    );
    expect(attachmentHeader('a"b.pdf')).toBe(
      `attachment; filename="a_b.pdf"; filename*=UTF-8''a%22b.pdf`,
    );
  });
});
