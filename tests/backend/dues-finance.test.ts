/** @jest-environment node */
import type { AdminDuesOrder, Dashboard, DuesOrder, InvoiceInfo, Page } from '../../typings';
import type { DuesOrderDoc } from '../../backend/domain/dues/model';
import type { AttachedFileDoc } from '../../backend/domain/files/attachments';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';
import {
  duesAdmin,
  duesMember,
  withDemoSettings,
  type DuesAdmin,
  type DuesMember,
} from '../helpers/dues';
import { JPEG_BYTES, PDF_BYTES, PNG_BYTES, zipBuffer } from '../helpers/files';
import { auditEntries } from '../helpers/members';

const INVOICE: InvoiceInfo = {
  titleType: '个人',
  title: null,
  taxNumber: null,
  address: null,
  phone: null,
  bank: null,
  bankAccount: null,
  email: 'zhang@example.org',
};

let t: TestBackend;
let me: DuesMember;
let finance: DuesAdmin;
beforeEach(async () => {
  t = createTestBackend({ now: '2026-06-15T04:00:00Z' });
  await withDemoSettings(t);
  me = await duesMember(t, { phone: '13800138000', expiresOn: '2026-12-31' });
  finance = await duesAdmin(t, 'finance');
});
afterEach(() => t.close());

const storedOrder = (id: string) => t.store.get<DuesOrderDoc>(COLLECTIONS.duesOrders, id);
const dashboard = async (m: DuesMember) => dataOf<Dashboard>(await m.call('member.dashboard'));

describe('admin.dues.confirm', () => {
  it('extends a current member from the day after the expiry and awards 2 points', async () => {
    const order = await me.orderInReview(2);
    const before = await dashboard(me);

    const confirmed = dataOf<AdminDuesOrder>(
      await finance.call('admin.dues.confirm', { orderId: order.id }),
    );
    expect(confirmed).toMatchObject({
      status: 'confirmed',
      periodFrom: '2027-01-01',
      periodUntil: '2028-12-31',
      memberId: me.id,
      memberName: '张明',
      phoneMasked: '138****8000',
    });
    expect(confirmed.timeline.at(-1)).toMatchObject({ kind: 'confirmed', by: 'finance' });
    const after = await dashboard(me);
    expect(after.expiresOn).toBe('2028-12-31');
    expect(after.pointsThisYear).toBe(before.pointsThisYear + 2);

    const audit = (await auditEntries(t)).find((a) => a.action === 'admin.dues.confirm');
    expect(audit).toMatchObject({ actorKind: 'admin', actorId: finance.id, target: order.id });
    expect(JSON.stringify(audit)).not.toContain('13800138000');
  });

  it('starts a lapsed member on the Shanghai day of confirmation, whatever TZ says', async () => {
    const lapsed = await duesMember(t, { phone: '13800138001', expiresOn: '2025-03-01' });
    const order = await lapsed.orderInReview(1);
    // 2026-12-31 16:30 UTC is 2027-01-01 00:30 in Shanghai.
    t.clock.set('2026-12-31T16:30:00Z');
    const later = await duesAdmin(t, 'finance', 'later');
    const confirmed = dataOf<AdminDuesOrder>(
      await later.call('admin.dues.confirm', { orderId: order.id }),
    );
    expect([confirmed.periodFrom, confirmed.periodUntil]).toEqual(['2027-01-01', '2027-12-31']);
  });

  it('starts a member without an expiry on the day of confirmation', async () => {
    const unknown = await duesMember(t, { phone: '13800138002', expiresOn: null });
    const order = await unknown.orderInReview(1);
    t.clock.set('2028-02-29T02:00:00Z');
    const later = await duesAdmin(t, 'finance', 'later');
    const confirmed = dataOf<AdminDuesOrder>(
      await later.call('admin.dues.confirm', { orderId: order.id }),
    );
    expect([confirmed.periodFrom, confirmed.periodUntil]).toEqual(['2028-02-29', '2029-02-28']);
  });

  it('extends once and awards once when two finance users confirm at once', async () => {
    const order = await me.orderInReview(1);
    const other = await duesAdmin(t, 'superAdmin', 'root');
    const before = await dashboard(me);

    const results = await Promise.all([
      finance.call('admin.dues.confirm', { orderId: order.id }),
      other.call('admin.dues.confirm', { orderId: order.id }),
      finance.call('admin.dues.confirm', { orderId: order.id }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      expect.objectContaining({ code: 'CONFLICT', message: '该订单已处理' }),
      expect.objectContaining({ code: 'CONFLICT', message: '该订单已处理' }),
    ]);
    const after = await dashboard(me);
    expect(after.expiresOn).toBe('2027-12-31');
    expect(after.pointsThisYear).toBe(before.pointsThisYear + 2);
    expect(await t.store.count(COLLECTIONS.pointsLedger, { where: { kind: 'renewal' } })).toBe(1);
  });

  it('awards the points on a retry when a confirmation stopped before them', async () => {
    const order = await me.orderInReview(1);
    const before = await dashboard(me);
    // As if the process died between the batch and the award: confirmed, no points.
    await t.store.update(COLLECTIONS.duesOrders, order.id, { set: { status: 'confirmed' } });

    const retry = await finance.call('admin.dues.confirm', { orderId: order.id });
    expect(retry).toMatchObject({ ok: false, code: 'CONFLICT', message: '该订单已处理' });
    expect((await dashboard(me)).pointsThisYear).toBe(before.pointsThisYear + 2);
    await finance.call('admin.dues.confirm', { orderId: order.id });
    expect((await dashboard(me)).pointsThisYear).toBe(before.pointsThisYear + 2);
  });

  it('does not overwrite an expiry changed since it was read (retries on the new one)', async () => {
    const order = await me.orderInReview(1);
    // A roster import moved the expiry before finance confirmed.
    await t.store.update(COLLECTIONS.members, me.id, {
      set: { expiresOn: '2027-06-30', updatedAt: '2026-06-15T05:00:00.000Z' },
    });
    const confirmed = dataOf<AdminDuesOrder>(
      await finance.call('admin.dues.confirm', { orderId: order.id }),
    );
    expect(confirmed.periodUntil).toBe('2028-06-30');
  });

  it.each(['secretariat'] as const)('refuses the %s role, changing nothing', async (role) => {
    const order = await me.orderInReview(1);
    const admin = await duesAdmin(t, role);
    const before = await storedOrder(order.id);
    for (const [action, data] of [
      ['admin.dues.confirm', { orderId: order.id }],
      ['admin.dues.reject', { orderId: order.id, reason: '金额不符' }],
      ['admin.dues.orders', {}],
    ] as const) {
      expect(await admin.call(action, data)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    expect(await storedOrder(order.id)).toEqual(before);
  });

  it('refuses members on finance actions', async () => {
    const order = await me.orderInReview(1);
    expect(await me.call('admin.dues.confirm', { orderId: order.id })).toMatchObject({
      ok: false,
    });
    expect((await storedOrder(order.id))?.status).toBe('awaitingReview');
  });

  it('answers NOT_FOUND for an order that does not exist', async () => {
    expect(await finance.call('admin.dues.confirm', { orderId: 'nope' })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });
});

describe('admin.dues.reject', () => {
  it.each([
    ['x', '驳回原因至少需要 2 个字'],
    ['长'.repeat(201), '驳回原因不能超过 200 个字'],
  ])('refuses the reason %#', async (reason, message) => {
    const order = await me.orderInReview(1);
    expect(await finance.call('admin.dues.reject', { orderId: order.id, reason })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      field: 'reason',
      message,
    });
    expect((await storedOrder(order.id))?.status).toBe('awaitingReview');
  });

  it('is audited without the reason’s text', async () => {
    const order = await me.orderInReview(1);
    dataOf(await finance.call('admin.dues.reject', { orderId: order.id, reason: '金额不符' }));
    const audit = (await auditEntries(t)).find((a) => a.action === 'admin.dues.reject');
    expect(audit).toMatchObject({ actorId: finance.id, target: order.id });
    expect(JSON.stringify(audit)).not.toContain('金额不符');
  });
});

describe('admin.dues.orders', () => {
  it('filters by state, searches by name, number and order number, and pages', async () => {
    const li = await duesMember(t, { phone: '13900139000', name: '李华', memberNo: 'D0002' });
    const mine = await me.orderInReview(1);
    t.clock.advance(1000);
    const theirs = await li.orderInReview(2);
    t.clock.advance(1000);
    const wang = await duesMember(t, { phone: '13700137000', name: '王芳' });
    await wang.order(1);

    const page = (data: object) =>
      finance.call('admin.dues.orders', data).then((r) => dataOf<Page<AdminDuesOrder>>(r));
    const review = await page({ status: 'awaitingReview' });
    expect(review.items.map((o) => o.id)).toEqual([mine.id, theirs.id]);
    expect(review.total).toBe(2);
    expect(review.items[1]).toMatchObject({ memberName: '李华', phoneMasked: '139****9000' });
    expect(JSON.stringify(review)).not.toContain('13900139000');

    expect((await page({ query: '李' })).items.map((o) => o.id)).toEqual([theirs.id]);
    expect((await page({ query: 'd0002' })).items.map((o) => o.id)).toEqual([theirs.id]);
    // A whole phone number finds the member's orders; a part of one finds nothing.
    expect((await page({ query: '139 0013 9000' })).items.map((o) => o.id)).toEqual([theirs.id]);
    expect((await page({ query: '0013900' })).total).toBe(0);
    expect((await page({ query: mine.orderNo.toLowerCase() })).items.map((o) => o.id)).toEqual([
      mine.id,
    ]);
    const all = await page({ pageSize: 2, page: 2 });
    expect([all.total, all.items.length]).toEqual([3, 1]);
    expect(all.items[0]?.id).toBe(mine.id);
    expect(await finance.call('admin.dues.orders', { status: 'paid' })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
  });
});

describe('admin.dues.issueInvoice', () => {
  async function confirmedWithInvoice(): Promise<DuesOrder> {
    const order = await me.orderInReview(1, INVOICE);
    return dataOf<DuesOrder>(await finance.call('admin.dues.confirm', { orderId: order.id }));
  }

  it('records the number and moves the receipt under the member’s order', async () => {
    const order = await confirmedWithInvoice();
    const fileId = await finance.upload(PDF_BYTES);
    const issued = dataOf<AdminDuesOrder>(
      await finance.call('admin.dues.issueInvoice', {
        orderId: order.id,
        invoiceNo: 'No.00012345',
        fileId,
      }),
    );
    expect(issued.invoice).toEqual({
      // A 个人 invoice asked for without a title is made out to the member.
      info: { ...INVOICE, title: '张明' },
      status: 'issued',
      invoiceNo: 'No.00012345',
      file: {
        fileId,
        name: '电子发票.pdf',
        contentType: 'application/pdf',
        size: PDF_BYTES.length,
      },
      issuedAt: '2026-06-15T04:00:00.000Z',
    });
    expect(issued.timeline.at(-1)).toMatchObject({ kind: 'invoiceIssued', note: 'No.00012345' });
    const file = await t.store.get<AttachedFileDoc>(COLLECTIONS.files, fileId);
    expect(file).toMatchObject({
      storagePath: `receipts/${me.id}/${order.id}/${fileId}.pdf`,
      expiresAt: null,
      orderId: order.id,
    });
    expect(await t.deps.files.get(file!.storedFileId)).toEqual(PDF_BYTES);

    const twice = await finance.call('admin.dues.issueInvoice', {
      orderId: order.id,
      invoiceNo: 'No.2',
      fileId: await finance.upload(PNG_BYTES, 'r.png'),
    });
    expect(twice).toMatchObject({ ok: false, code: 'CONFLICT', message: '该订单的发票已开具' });
    expect(
      (await auditEntries(t)).filter((a) => a.action === 'admin.dues.issueInvoice'),
    ).toHaveLength(1);
  });

  it('refuses an order not confirmed, one without an invoice, and a bad file', async () => {
    const pending = await me.orderInReview(1, INVOICE);
    const pdf = await finance.upload(PDF_BYTES);
    const issue = (orderId: string, fileId = pdf) =>
      finance.call('admin.dues.issueInvoice', { orderId, invoiceNo: 'A1', fileId });
    expect(await issue(pending.id)).toMatchObject({ ok: false, code: 'CONFLICT' });

    dataOf(await finance.call('admin.dues.confirm', { orderId: pending.id }));
    const workbook = zipBuffer([
      { name: '[Content_Types].xml', content: '<x/>' },
      { name: 'xl/workbook.xml', content: '<x/>' },
    ]);
    expect(await issue(pending.id, await finance.upload(workbook, 'a.xlsx'))).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    // The member's own upload is not the admin's to attach.
    expect(await issue(pending.id, await me.upload(JPEG_BYTES))).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    expect((await storedOrder(pending.id))?.invoice?.status).toBe('pending');

    const other = await duesMember(t, { phone: '13900139000', name: '李华' });
    const plain = await other.orderInReview(1);
    dataOf(await finance.call('admin.dues.confirm', { orderId: plain.id }));
    expect(await issue(plain.id)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '该订单未申请发票',
    });
  });
});
