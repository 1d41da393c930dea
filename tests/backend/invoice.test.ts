/** @jest-environment node */
import type { InvoiceInfo } from '../../typings';
import { checkCreditCode } from '../../backend/domain/members/credit-code';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';
import { auditEntries, loggedInMember, type TestMember } from '../helpers/members';

/** A published valid unified social credit code. */
const SAMPLE_CODE = '91350100M000100Y43';

const COMPANY: InvoiceInfo = {
  titleType: '单位',
  title: '四川大学华西医院',
  taxNumber: SAMPLE_CODE,
  address: '成都市武侯区国学巷37号',
  phone: '028-85422114',
  bank: '中国银行成都分行',
  bankAccount: '1234 5678 9012 3456',
  email: 'finance@example.com',
};

describe('checkCreditCode', () => {
  it.each([SAMPLE_CODE, '91350100m000100y43', ' ９１３５０１００Ｍ０００１００Ｙ４３ '])(
    'accepts %s',
    (input) => {
      expect(checkCreditCode(input)).toEqual({ ok: true, value: SAMPLE_CODE });
    },
  );

  it.each([
    ['91350100M000100Y44', '校验位'],
    ['91350100M000101Y43', '校验位'],
    ['91350100I000100Y43', '无效字符'],
    ['91350100M000100Y4', '18位'],
    ['91350100M000100Y433', '18位'],
  ])('refuses %s (%s)', (input, reason) => {
    const check = checkCreditCode(input);
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toContain(reason);
  });
});

describe('member.invoiceInfo', () => {
  let t: TestBackend;
  let me: TestMember;
  let other: TestMember;
  beforeEach(async () => {
    t = createTestBackend();
    me = await loggedInMember(t, '13800138000', '陈静');
    other = await loggedInMember(t, '13900139000', '刘洋');
  });
  afterEach(() => t.close());

  const invoiceOf = async (member: TestMember) =>
    dataOf<{ invoiceInfo: InvoiceInfo | null }>(await member.call('member.invoiceInfo.get', {}))
      .invoiceInfo;

  it('has nothing until the member saves it', async () => {
    expect(await invoiceOf(me)).toBeNull();
  });

  it('saves a 单位 title with its credit code, upper-cased, and answers it', async () => {
    const answer = await me.call('member.invoiceInfo.update', {
      ...COMPANY,
      title: ' 四川大学华西医院 ',
      taxNumber: '91350100m000100y43',
    });

    expect(dataOf(answer)).toEqual({ invoiceInfo: COMPANY });
    expect(await invoiceOf(me)).toEqual(COMPANY);
    expect((await me.stored()).invoice).toEqual(COMPANY);
  });

  it('saves a 个人 title with the optional fields left out', async () => {
    dataOf(await me.call('member.invoiceInfo.update', { titleType: '个人', title: '陈静' }));

    expect(await invoiceOf(me)).toEqual({
      titleType: '个人',
      title: '陈静',
      taxNumber: null,
      address: null,
      phone: null,
      bank: null,
      bankAccount: null,
      email: null,
    });
  });

  it('audits the names of the fields that changed, no values', async () => {
    await me.call('member.invoiceInfo.update', COMPANY);
    await me.call('member.invoiceInfo.update', { ...COMPANY, bankAccount: '6222 0000' });
    await me.call('member.invoiceInfo.update', { ...COMPANY, bankAccount: '6222 0000' });

    const entries = await auditEntries(t);
    expect(entries).toHaveLength(2);
    expect(entries.map((entry) => entry.action)).toEqual([
      'member.invoiceInfo.update',
      'member.invoiceInfo.update',
    ]);
    expect(entries.find((entry) => entry.fields.length === 1)?.fields).toEqual([
      'invoice.bankAccount',
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/6222|1234 5678|91350100/);
  });

  describe('refuses bad input and writes nothing', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['a 单位 without title', { ...COMPANY, title: '' }, '发票抬头'],
      ['a 单位 without credit code', { ...COMPANY, taxNumber: null }, '统一社会信用代码'],
      ['a bad check character', { ...COMPANY, taxNumber: '91350100M000100Y44' }, '校验位'],
      ['a letter the code never uses', { ...COMPANY, taxNumber: '91350100O000100Y43' }, '无效'],
      ['a bad email', { ...COMPANY, email: 'finance@example' }, '邮箱'],
      ['an over-long bank', { ...COMPANY, bank: '行'.repeat(101) }, '开户银行不能超过100个字'],
      ['letters in the bank account', { ...COMPANY, bankAccount: '6222-ABC' }, '银行账号'],
      ['no title type', { title: '陈静' }, '发票抬头类型'],
      ['an unknown title type', { ...COMPANY, titleType: '公司' }, '发票抬头类型'],
      ['a control character', { ...COMPANY, title: '华西\u001b医院' }, '发票抬头只能是一行文字'],
      ['another member named', { ...COMPANY, memberId: 'x' }, '不能由会员本人修改'],
      ['an id', { ...COMPANY, id: 'x' }, '不能由会员本人修改'],
    ];

    it.each([
      ['a missing title', { ...COMPANY, title: '' }, 'title'],
      ['a bad check digit', { ...COMPANY, taxNumber: SAMPLE_CODE.slice(0, 17) + 'X' }, 'taxNumber'],
      ['a bad email', { ...COMPANY, email: 'x@' }, 'email'],
    ])('names the field the message is about: %s', async (_label, request, field) => {
      const answer = await me.call('member.invoiceInfo.update', request);

      expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT', field });
    });

    it.each(cases)('%s', async (_label, request, message) => {
      await me.call('member.invoiceInfo.update', { titleType: '个人', title: '陈静' });
      const before = await me.stored();
      const otherBefore = await other.stored();
      const auditBefore = (await auditEntries(t)).length;

      const answer = await me.call('member.invoiceInfo.update', request);

      expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(answer.ok ? '' : answer.message).toContain(message);
      expect(await me.stored()).toEqual(before);
      expect(await other.stored()).toEqual(otherBefore);
      expect(await auditEntries(t)).toHaveLength(auditBefore);
    });
  });

  describe('a member reaches only their own 开票信息', () => {
    it('refuses a read naming another member, and answers only the caller’s own', async () => {
      dataOf(await other.call('member.invoiceInfo.update', COMPANY));

      const named = await me.call('member.invoiceInfo.get', { memberId: other.id });
      const byId = await me.call('member.invoiceInfo.get', { id: other.id });

      expect(named).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(byId).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(await invoiceOf(me)).toBeNull();
    });

    it('changes only the caller’s record whatever ids are sent', async () => {
      const otherBefore = await other.stored();

      const named = await me.call('member.invoiceInfo.update', { ...COMPANY, _id: other.id });
      dataOf(await me.call('member.invoiceInfo.update', COMPANY));

      expect(named).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(await other.stored()).toEqual(otherBefore);
      expect(await invoiceOf(other)).toBeNull();
    });

    it('refuses without a member session', async () => {
      expect(await t.call('member.invoiceInfo.get', {})).toMatchObject({
        ok: false,
        code: 'UNAUTHENTICATED',
      });
    });
  });

  it('an invoice save racing a profile save: both apply or one answers CONFLICT', async () => {
    for (let round = 0; round < 5; round += 1) {
      const title = `单位${round}`;
      const unit = `工作单位${round}`;
      const [invoice, profile] = await Promise.all([
        me.call('member.invoiceInfo.update', { ...COMPANY, title }),
        me.call('member.profile.update', { workUnit: unit }),
      ]);

      for (const answer of [invoice, profile]) {
        expect(answer.ok || answer.code === 'CONFLICT').toBe(true);
      }
      const stored = await me.stored();
      if (invoice.ok) expect(stored.invoice?.title).toBe(title);
      if (profile.ok) expect(stored.workUnit).toBe(unit);
    }
  });
});
