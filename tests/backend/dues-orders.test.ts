/** @jest-environment node */
import { randomUUID } from 'node:crypto';
import type { DuesOrder, DuesOrderStatus, DuesQuote, InvoiceInfo } from '../../typings';
import type { DuesOrderDoc } from '../../backend/domain/dues/model';
import type { MemberDoc } from '../../backend/domain/members/model';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';
import { duesAdmin, duesMember, withDemoSettings, type DuesMember } from '../helpers/dues';
import { auditEntries } from '../helpers/members';

const INVOICE: InvoiceInfo = {
  titleType: '单位',
  title: '示范市第一人民医院',
  taxNumber: '91350100M000100Y43',
  address: null,
  phone: null,
  bank: null,
  bankAccount: null,
  email: 'finance@example.org',
};

let t: TestBackend;
let me: DuesMember;
beforeEach(async () => {
  // 2026-06-15 12:00 in Shanghai.
  t = createTestBackend({ now: '2026-06-15T04:00:00Z' });
  await withDemoSettings(t);
  me = await duesMember(t, { phone: '13800138000', expiresOn: '2026-12-31' });
});
afterEach(() => t.close());

const storedOrder = (id: string) => t.store.get<DuesOrderDoc>(COLLECTIONS.duesOrders, id);

describe('dues.quote', () => {
  it('prices the member type and gives the period from the day after the expiry', async () => {
    const quote = dataOf<DuesQuote>(await me.call('dues.quote', { years: 2 }));
    expect(quote).toEqual({
      years: 2,
      memberType: '个人会员',
      feePerYear: 30000,
      amount: 60000,
      currentExpiresOn: '2026-12-31',
      firstPayment: false,
      periodFrom: '2027-01-01',
      periodUntil: '2028-12-31',
      bank: {
        accountName: '示范省医学学会',
        bankName: '中国银行示范市分行营业部',
        accountNumber: '1234 5678 9012 3456 789',
      },
      yearOptions: [1, 2, 3],
    });
  });

  it('quotes the shortest option when no years are named', async () => {
    const admin = await duesAdmin(t, 'superAdmin');
    const settings = dataOf<Record<string, unknown>>(await admin.call('admin.dues.settings.get'));
    dataOf(await admin.call('admin.dues.settings.update', { ...settings, yearOptions: [2, 3] }));

    const quote = dataOf<DuesQuote>(await me.call('dues.quote', {}));

    expect(quote).toMatchObject({ years: 2, amount: 60000, yearOptions: [2, 3] });
  });

  it('starts a lapsed member today', async () => {
    const lapsed = await duesMember(t, { phone: '13800138001', expiresOn: '2026-05-01' });
    const quote = dataOf<DuesQuote>(await lapsed.call('dues.quote', { years: 1 }));
    expect([quote.periodFrom, quote.periodUntil]).toEqual(['2026-06-15', '2027-06-14']);
  });

  it('uses the default fee for a type without a row, and refuses when there is none', async () => {
    const other = await duesMember(t, { phone: '13800138002', memberType: '荣誉会员' });
    expect(dataOf<DuesQuote>(await other.call('dues.quote', { years: 1 })).feePerYear).toBe(30000);

    const admin = await duesAdmin(t, 'superAdmin');
    const settings = dataOf<Record<string, unknown>>(await admin.call('admin.dues.settings.get'));
    dataOf(
      await admin.call('admin.dues.settings.update', { ...settings, defaultFeePerYear: null }),
    );
    const refused = await other.call('dues.quote', { years: 1 });
    expect(refused).toMatchObject({
      ok: false,
      code: 'NOT_CONFIGURED',
      message: '您的会员类型（荣誉会员）尚未设置会费标准，请联系学会秘书处',
    });
  });

  it.each([0, 4, 1.5, -1])('refuses %p years, naming the options', async (years) => {
    const result = await me.call('dues.quote', { years });
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'years' });
    if (Number.isInteger(years)) {
      expect(result).toMatchObject({ message: '续费年限只能选择 1、2、3 年' });
    }
  });
});

describe('dues.createOrder', () => {
  it('creates an order awaiting payment with the amount, note and timeline', async () => {
    const order = await me.order(2);
    expect(order).toMatchObject({
      status: 'awaitingPayment',
      years: 2,
      feePerYear: 30000,
      amount: 60000,
      invoice: null,
      vouchers: [],
      rejectionReason: null,
      periodFrom: null,
      periodUntil: null,
      timeline: [{ kind: 'created', by: 'member', note: null, at: '2026-06-15T04:00:00.000Z' }],
    });
    expect(order.orderNo).toMatch(/^HF260615\d{4}$/);
    expect(order.remittanceNote).toBe(`${order.orderNo} 张明`);
    const audit = (await auditEntries(t)).filter((a) => a.action === 'dues.createOrder');
    expect(audit).toEqual([expect.objectContaining({ actorId: me.id, target: order.id })]);
  });

  it('keeps the fee it was created with when the settings change later', async () => {
    const order = await me.order(1);
    const admin = await duesAdmin(t, 'superAdmin');
    const settings = dataOf<Record<string, unknown>>(await admin.call('admin.dues.settings.get'));
    dataOf(
      await admin.call('admin.dues.settings.update', {
        ...settings,
        fees: [{ memberType: '个人会员', feePerYear: 99900 }],
      }),
    );
    const [listed] = dataOf<{ items: DuesOrder[] }>(await me.call('dues.orders')).items;
    expect(listed).toMatchObject({ id: order.id, feePerYear: 30000, amount: 30000 });
  });

  it('answers the same order for a repeated requestId, also when both arrive at once', async () => {
    const request = { years: 1, invoice: null, requestId: randomUUID() };
    const [a, b] = await Promise.all([
      me.call('dues.createOrder', request),
      me.call('dues.createOrder', request),
    ]);
    const again = await me.call('dues.createOrder', request);
    expect(dataOf<DuesOrder>(a).id).toBe(dataOf<DuesOrder>(b).id);
    expect(dataOf<DuesOrder>(again).id).toBe(dataOf<DuesOrder>(a).id);
    expect(await t.store.count(COLLECTIONS.duesOrders)).toBe(1);
  });

  it('refuses a repeated requestId that asks for something else', async () => {
    const request = { years: 1, invoice: null, requestId: randomUUID() };
    const first = dataOf<DuesOrder>(await me.call('dues.createOrder', request));

    const otherYears = await me.call('dues.createOrder', { ...request, years: 2 });

    expect(otherYears).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await storedOrder(first.id)).toMatchObject({ years: 1 });
    expect(await t.store.count(COLLECTIONS.duesOrders)).toBe(1);
  });

  it('refuses a second order while one is open, and allows one after cancelling', async () => {
    const first = await me.order(1);
    const second = await me.call('dues.createOrder', {
      years: 2,
      invoice: null,
      requestId: randomUUID(),
    });
    expect(second).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '您已有一笔未完成的续费订单，请先完成或取消',
    });

    dataOf(await me.call('dues.cancelOrder', { orderId: first.id }));
    expect((await me.order(2)).status).toBe('awaitingPayment');
  });

  it('lets only one of two different concurrent requests through', async () => {
    const results = await Promise.all(
      [1, 2, 3].map((years) =>
        me.call('dues.createOrder', { years, invoice: null, requestId: randomUUID() }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      expect.objectContaining({ code: 'CONFLICT' }),
      expect.objectContaining({ code: 'CONFLICT' }),
    ]);
    expect(await t.store.count(COLLECTIONS.duesOrders)).toBe(1);
  });

  it('stores the invoice request, and saves it as 开票信息 when asked', async () => {
    const order = dataOf<DuesOrder>(
      await me.call('dues.createOrder', {
        years: 1,
        invoice: { ...INVOICE, taxNumber: '91350100m000100y43' },
        saveInvoiceInfo: true,
        requestId: randomUUID(),
      }),
    );
    expect(order.invoice).toEqual({
      info: INVOICE,
      status: 'pending',
      invoiceNo: null,
      file: null,
      issuedAt: null,
    });
    const member = await t.store.get<MemberDoc>(COLLECTIONS.members, me.id);
    expect(member?.invoice).toEqual(INVOICE);
  });

  it('leaves 开票信息 alone without saveInvoiceInfo', async () => {
    await me.order(1, INVOICE);
    const member = await t.store.get<MemberDoc>(COLLECTIONS.members, me.id);
    expect(member?.invoice).toBeUndefined();
  });

  it.each([
    [{ ...INVOICE, title: null }, 'title'],
    [{ ...INVOICE, taxNumber: '123' }, 'taxNumber'],
  ])('refuses an invoice 开票信息 would refuse (%#)', async (invoice, field) => {
    const result = await me.call('dues.createOrder', {
      years: 1,
      invoice,
      requestId: randomUUID(),
    });
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT', field });
    expect(await t.store.count(COLLECTIONS.duesOrders)).toBe(0);
  });

  it.each([
    [{ years: 4, invoice: null, requestId: 'abcdefgh12' }, 'years'],
    [{ years: 0, invoice: null, requestId: 'abcdefgh12' }, 'years'],
    [{ years: 1, invoice: null, requestId: 'short' }, 'requestId'],
    [{ years: 1, invoice: null, requestId: 'abcdefgh12', memberId: 'x' }, undefined],
  ])('refuses bad input %#', async (data, field) => {
    const result = await me.call('dues.createOrder', data);
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    if (field) expect(result).toMatchObject({ field });
    expect(await t.store.count(COLLECTIONS.duesOrders)).toBe(0);
  });
});

describe('the order state machine', () => {
  type Step = 'attachVoucher' | 'cancel' | 'confirm' | 'reject';

  /** An order of `me` in `status`, reached through the actions themselves. */
  async function orderIn(status: DuesOrderStatus): Promise<DuesOrder> {
    const finance = await duesAdmin(t, 'finance');
    if (status === 'awaitingPayment') return me.order();
    if (status === 'cancelled') {
      const order = await me.order();
      return dataOf<DuesOrder>(await me.call('dues.cancelOrder', { orderId: order.id }));
    }
    const order = await me.orderInReview();
    if (status === 'awaitingReview') return order;
    if (status === 'confirmed') {
      return dataOf<DuesOrder>(await finance.call('admin.dues.confirm', { orderId: order.id }));
    }
    return dataOf<DuesOrder>(
      await finance.call('admin.dues.reject', { orderId: order.id, reason: '金额不符' }),
    );
  }

  async function take(step: Step, orderId: string) {
    const finance = await duesAdmin(t, 'finance', 'qian');
    switch (step) {
      case 'attachVoucher':
        return me.call('dues.attachVoucher', { orderId, fileIds: [await me.upload()] });
      case 'cancel':
        return me.call('dues.cancelOrder', { orderId });
      case 'confirm':
        return finance.call('admin.dues.confirm', { orderId });
      case 'reject':
        return finance.call('admin.dues.reject', { orderId, reason: '凭证不清晰' });
    }
  }

  const TABLE: [DuesOrderStatus, Step, DuesOrderStatus | 'refused'][] = [
    ['awaitingPayment', 'attachVoucher', 'awaitingReview'],
    ['awaitingPayment', 'cancel', 'cancelled'],
    ['awaitingPayment', 'confirm', 'refused'],
    ['awaitingPayment', 'reject', 'refused'],
    ['awaitingReview', 'attachVoucher', 'refused'],
    ['awaitingReview', 'cancel', 'refused'],
    ['awaitingReview', 'confirm', 'confirmed'],
    ['awaitingReview', 'reject', 'rejected'],
    ['rejected', 'attachVoucher', 'awaitingReview'],
    ['rejected', 'cancel', 'cancelled'],
    ['rejected', 'confirm', 'refused'],
    ['rejected', 'reject', 'refused'],
    ['confirmed', 'attachVoucher', 'refused'],
    ['confirmed', 'cancel', 'refused'],
    ['confirmed', 'confirm', 'refused'],
    ['confirmed', 'reject', 'refused'],
    ['cancelled', 'attachVoucher', 'refused'],
    ['cancelled', 'cancel', 'refused'],
    ['cancelled', 'confirm', 'refused'],
    ['cancelled', 'reject', 'refused'],
  ];

  it.each(TABLE)('%s + %s → %s', async (from, step, to) => {
    const order = await orderIn(from);
    const before = await storedOrder(order.id);
    const result = await take(step, order.id);

    if (to === 'refused') {
      expect(result).toMatchObject({ ok: false, code: 'CONFLICT' });
      expect(result.ok ? '' : result.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(await storedOrder(order.id)).toEqual(before);
      return;
    }
    expect(dataOf<DuesOrder>(result).status).toBe(to);
    const after = await storedOrder(order.id);
    expect(after?.status).toBe(to);
    expect(after?.timeline.at(-1)?.kind).toBe(to === 'awaitingReview' ? 'voucherAttached' : to);
    // An open state keeps the member's one open slot; the others free it.
    const open = ['awaitingPayment', 'awaitingReview', 'rejected'].includes(to);
    expect(after?.openKey).toBe(open ? `open:${me.id}` : `closed:${order.id}`);
  });

  it('shows the rejection reason to the member, and clears it after a new upload', async () => {
    const rejected = await orderIn('rejected');
    expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: '金额不符' });
    expect(rejected.timeline.at(-1)).toMatchObject({ kind: 'rejected', note: '金额不符' });
    const again = dataOf<DuesOrder>(await take('attachVoucher', rejected.id));
    expect(again).toMatchObject({ status: 'awaitingReview', rejectionReason: null });
    expect(again.timeline.map((e) => e.kind)).toEqual([
      'created',
      'voucherAttached',
      'rejected',
      'voucherAttached',
    ]);
  });
});

describe('a member sees only their own orders', () => {
  it('lists their orders newest first, and nobody else’s', async () => {
    const other = await duesMember(t, { phone: '13900139000', name: '李华' });
    const first = await me.order(1);
    await me.call('dues.cancelOrder', { orderId: first.id });
    t.clock.advance(60_000);
    const second = await me.order(2);
    await other.order(3);

    const items = dataOf<{ items: DuesOrder[] }>(await me.call('dues.orders')).items;
    expect(items.map((o) => o.id)).toEqual([second.id, first.id]);
    expect(JSON.stringify(items)).not.toContain(other.id);
    expect(await me.call('dues.orders', { memberId: other.id })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
  });

  it.each(['dues.attachVoucher', 'dues.cancelOrder'] as const)(
    '%s on another member’s order is NOT_FOUND, as for an id that does not exist',
    async (action) => {
      const other = await duesMember(t, { phone: '13900139000', name: '李华' });
      const theirs = await other.order(1);
      const data = (orderId: string) =>
        action === 'dues.cancelOrder' ? { orderId } : { orderId, fileIds: ['f_x'] };

      const refused = await me.call(action, data(theirs.id));
      const missing = await me.call(action, data(randomUUID()));
      expect(refused).toEqual(missing);
      expect(refused).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      expect((await storedOrder(theirs.id))?.status).toBe('awaitingPayment');
    },
  );

  it('refuses admins and anonymous callers on member actions', async () => {
    const finance = await duesAdmin(t, 'finance');
    expect(await finance.call('dues.orders')).toMatchObject({ ok: false });
    expect(await t.call('dues.quote', { years: 1 })).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    });
  });
});
