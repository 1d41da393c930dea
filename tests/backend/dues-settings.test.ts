/** @jest-environment node */
import type { DuesSettings } from '../../typings';
import { DEFAULT_DUES_SETTINGS, demoDuesSettings } from '../../backend/domain/dues/settings';
import { prepareDataDir } from '../../backend/local/setup';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';
import { duesAdmin, type DuesAdmin } from '../helpers/dues';
import { auditEntries } from '../helpers/members';

const VALID: DuesSettings = demoDuesSettings('示范省医学学会');

let t: TestBackend;
let root: DuesAdmin;
beforeEach(async () => {
  t = createTestBackend();
  root = await duesAdmin(t, 'superAdmin');
});
afterEach(() => t.close());

describe('admin.dues.settings', () => {
  it('answers the code defaults before anything is saved: no fee, so no renewal', async () => {
    expect(dataOf(await root.call('admin.dues.settings.get'))).toEqual(DEFAULT_DUES_SETTINGS);
    expect(DEFAULT_DUES_SETTINGS).toMatchObject({ fees: [], defaultFeePerYear: null });
  });

  it('saves the whole settings once, audited with the parts that changed', async () => {
    expect(dataOf(await root.call('admin.dues.settings.update', VALID))).toEqual(VALID);
    const next = { ...VALID, yearOptions: [1, 2, 3, 5] };
    dataOf(await root.call('admin.dues.settings.update', next));
    dataOf(await root.call('admin.dues.settings.update', next));
    expect(dataOf(await root.call('admin.dues.settings.get'))).toEqual(next);

    const audit = (await auditEntries(t)).filter((a) => a.action === 'admin.dues.settings.update');
    expect(audit.map((a) => a.fields)).toEqual(
      expect.arrayContaining([['fees', 'defaultFeePerYear', 'bank'], ['yearOptions']]),
    );
    expect(audit).toHaveLength(2);
  });

  it('trims text and accepts a null default fee', async () => {
    const saved = dataOf<DuesSettings>(
      await root.call('admin.dues.settings.update', {
        ...VALID,
        defaultFeePerYear: null,
        bank: { ...VALID.bank, bankName: '  中国银行  ' },
      }),
    );
    expect(saved).toMatchObject({ defaultFeePerYear: null, bank: { bankName: '中国银行' } });
  });

  it.each([
    [{ fees: [{ memberType: '', feePerYear: 100 }] }, 'fees'],
    [{ fees: [{ memberType: '长'.repeat(21), feePerYear: 100 }] }, 'fees'],
    [{ fees: [{ memberType: '理事', feePerYear: 100.5 }] }, 'fees'],
    [{ fees: [{ memberType: '理事', feePerYear: -1 }] }, 'fees'],
    [{ fees: [{ memberType: '理事', feePerYear: 0 }] }, 'fees'],
    [{ defaultFeePerYear: 0 }, 'defaultFeePerYear'],
    [{ fees: [{ memberType: '理事', feePerYear: 10_000_001 }] }, 'fees'],
    [
      {
        fees: [
          { memberType: '理事', feePerYear: 1 },
          { memberType: '理事', feePerYear: 2 },
        ],
      },
      'fees',
    ],
    [{ defaultFeePerYear: 1.5 }, 'defaultFeePerYear'],
    [{ bank: { ...VALID.bank, accountName: ' ' } }, 'bank'],
    [{ bank: { ...VALID.bank, bankName: '长'.repeat(51) } }, 'bank'],
    [{ bank: { ...VALID.bank, accountNumber: '6222-0000' } }, 'bank'],
    [{ bank: { ...VALID.bank, accountNumber: '1'.repeat(41) } }, 'bank'],
    [{ yearOptions: [] }, 'yearOptions'],
    [{ yearOptions: [2, 1] }, 'yearOptions'],
    [{ yearOptions: [1, 1] }, 'yearOptions'],
    [{ yearOptions: [0] }, 'yearOptions'],
    [{ yearOptions: [11] }, 'yearOptions'],
    [{ yearOptions: [1, 2, 3, 4, 5, 6] }, 'yearOptions'],
    [{ extra: true }, undefined],
  ])('refuses %j on its field', async (change, field) => {
    const result = await root.call('admin.dues.settings.update', { ...VALID, ...change });
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    if (field) expect(result).toMatchObject({ field });
    expect(result.ok ? '' : result.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(dataOf(await root.call('admin.dues.settings.get'))).toEqual(DEFAULT_DUES_SETTINGS);
  });

  it('names the duplicated member type', async () => {
    const result = await root.call('admin.dues.settings.update', {
      ...VALID,
      fees: [
        { memberType: '理事', feePerYear: 1 },
        { memberType: '理事', feePerYear: 2 },
      ],
    });
    expect(result).toMatchObject({
      message: '会员类型“理事”重复，每种会员类型只能设置一个年费',
    });
  });

  it('lets finance and the secretariat read but only the super-admin save', async () => {
    for (const role of ['finance', 'secretariat'] as const) {
      const admin = await duesAdmin(t, role);
      expect(await admin.call('admin.dues.settings.get')).toMatchObject({ ok: true });
      expect(await admin.call('admin.dues.settings.update', VALID)).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      });
    }
  });
});

describe('the demo seed', () => {
  it('writes the demo fees, years and the society’s account', async () => {
    const result = await prepareDataDir(t.deps, { seedDemo: true, adminPassword: 'Demo-2026-pw!' });
    expect(result.seeded).toBe(true);
    expect(dataOf(await root.call('admin.dues.settings.get'))).toEqual({
      fees: [
        { memberType: '个人会员', feePerYear: 30000 },
        { memberType: '理事', feePerYear: 50000 },
        { memberType: '学生会员', feePerYear: 10000 },
      ],
      defaultFeePerYear: 30000,
      bank: {
        accountName: '示范省医学学会',
        bankName: '中国银行示范市分行营业部',
        accountNumber: '1234 5678 9012 3456 789',
      },
      yearOptions: [1, 2, 3],
    });
  });

  it('writes no settings without the demo', async () => {
    await prepareDataDir(t.deps, { seedDemo: false, adminPassword: 'Demo-2026-pw!' });
    expect(dataOf(await root.call('admin.dues.settings.get'))).toEqual(DEFAULT_DUES_SETTINGS);
  });
});
