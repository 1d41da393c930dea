/** @jest-environment node */
import { ensureFirstAdmin } from '../../backend/domain/admins/accounts';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';

const ADMIN_PASSWORD = 'Secretariat-2026!';

describe('admin accounts and roles', () => {
  let t: TestBackend;
  let superToken: string;

  beforeEach(async () => {
    t = createTestBackend();
    await ensureFirstAdmin(t.deps, ADMIN_PASSWORD, t.clock.now());
    superToken = dataOf<{ token: string }>(
      await t.call('admin.login', { username: 'admin', password: ADMIN_PASSWORD }),
    ).token;
  });
  afterEach(() => t.close());

  async function createAndLogin(role: 'secretariat' | 'finance', username: string) {
    const created = dataOf<{ temporaryPassword: string }>(
      await t.call(
        'admin.accounts.create',
        { username, displayName: '王老师', role },
        { token: superToken },
      ),
    );
    const login = dataOf<{ token: string; admin: { mustChangePassword: boolean } }>(
      await t.call('admin.login', { username, password: created.temporaryPassword }),
    );
    return { ...login, temporaryPassword: created.temporaryPassword };
  }

  it('creates the first admin once, from ADMIN_PASSWORD', async () => {
    const again = await ensureFirstAdmin(t.deps, 'other-password', t.clock.now());

    expect(again).toEqual({ created: false, generatedPassword: null });
    expect(await t.store.count(COLLECTIONS.admins)).toBe(1);
  });

  it('generates a password for the first admin when none is given', async () => {
    const fresh = createTestBackend();
    const made = await ensureFirstAdmin(fresh.deps, undefined, fresh.clock.now());

    expect(made.generatedPassword).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(
      (await fresh.call('admin.login', { username: 'admin', password: made.generatedPassword! }))
        .ok,
    ).toBe(true);
    fresh.close();
  });

  it('makes a new account change its temporary password before anything else', async () => {
    const { token, admin, temporaryPassword } = await createAndLogin('secretariat', 'wang');

    expect(admin.mustChangePassword).toBe(true);
    expect(await t.call('admin.members.list', {}, { token })).toMatchObject({
      code: 'PASSWORD_CHANGE_REQUIRED',
    });
    await t.call(
      'admin.changePassword',
      { currentPassword: temporaryPassword, newPassword: 'Lotus-secretariat-1' },
      { token },
    );
    expect((await t.call('admin.members.list', {}, { token })).ok).toBe(true);
  });

  it('checks the role of every admin action', async () => {
    const { token, temporaryPassword } = await createAndLogin('finance', 'lisi');
    await t.call(
      'admin.changePassword',
      { currentPassword: temporaryPassword, newPassword: 'Li-finance-2026' },
      { token },
    );

    expect(await t.call('admin.accounts.list', {}, { token })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await t.call('admin.roster.preview', { fileId: 'f_x' }, { token })).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await t.call('admin.members.list', {}, { token })).ok).toBe(true);
  });

  it('refuses admin actions to members', async () => {
    await t.seedMember({ phone: '13997373133', name: '夏慧然' });
    const { token } = dataOf<{ token: string }>(
      await t.call('auth.login', { phone: '13997373133', password: '13997373133' }),
    );

    expect(await t.call('admin.members.list', {}, { token })).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('disables an account: its sessions end and it cannot log in', async () => {
    const { token, temporaryPassword } = await createAndLogin('secretariat', 'zhao');

    await t.call(
      'admin.accounts.setDisabled',
      { username: 'zhao', disabled: true },
      { token: superToken },
    );

    expect(await t.call('admin.me', {}, { token })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(
      await t.call('admin.login', { username: 'zhao', password: temporaryPassword }),
    ).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: '该管理员账号已停用',
    });
  });

  it('resets a password to a new temporary one and audits every account action', async () => {
    await createAndLogin('secretariat', 'sun');

    const reset = dataOf<{ temporaryPassword: string }>(
      await t.call('admin.accounts.resetPassword', { username: 'sun' }, { token: superToken }),
    );
    const login = dataOf<{ admin: { mustChangePassword: boolean } }>(
      await t.call('admin.login', { username: 'sun', password: reset.temporaryPassword }),
    );

    expect(login.admin.mustChangePassword).toBe(true);
    const actions = (await t.store.find(COLLECTIONS.auditLog, {}, { limit: 100 })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(['admin.accounts.create', 'admin.accounts.resetPassword']),
    );
  });

  it('lifts a login lock when the super-admin resets the password', async () => {
    await createAndLogin('secretariat', 'zhou');
    for (let i = 0; i < 5; i += 1) {
      await t.call('admin.login', { username: 'zhou', password: `guess-${i}` });
    }

    const reset = dataOf<{ temporaryPassword: string }>(
      await t.call('admin.accounts.resetPassword', { username: 'zhou' }, { token: superToken }),
    );
    const login = await t.call('admin.login', {
      username: 'zhou',
      password: reset.temporaryPassword,
    });

    expect(login.ok).toBe(true);
  });

  it('refuses a duplicate username and a super-admin disabling itself', async () => {
    await createAndLogin('secretariat', 'qian');

    expect(
      await t.call(
        'admin.accounts.create',
        { username: 'qian', displayName: '钱', role: 'finance' },
        { token: superToken },
      ),
    ).toMatchObject({ code: 'CONFLICT', message: '该账号名已存在' });
    expect(
      await t.call(
        'admin.accounts.setDisabled',
        { username: 'admin', disabled: true },
        { token: superToken },
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lists members with masked phones, searches and pages', async () => {
    for (let i = 0; i < 25; i += 1) {
      await t.seedMember({
        phone: `139000000${String(i).padStart(2, '0')}`,
        name: `会员${i}`,
        memberNo: `M${String(i).padStart(3, '0')}`,
      });
    }

    const page2 = dataOf<{ items: { phoneMasked: string; memberNo: string }[]; total: number }>(
      await t.call('admin.members.list', { page: 2, pageSize: 10 }, { token: superToken }),
    );
    const search = dataOf<{ items: { name: string }[]; total: number }>(
      await t.call('admin.members.list', { query: '会员2' }, { token: superToken }),
    );
    const byPhone = dataOf<{ total: number }>(
      await t.call('admin.members.list', { query: '139 0000 0007' }, { token: superToken }),
    );

    expect(page2.total).toBe(25);
    expect(page2.items.map((m) => m.memberNo)).toEqual(
      Array.from({ length: 10 }, (_, i) => `M${String(i + 10).padStart(3, '0')}`),
    );
    expect(page2.items[0]!.phoneMasked).toBe('139****0010');
    expect(search.items.map((m) => m.name).sort()).toEqual([
      '会员2',
      '会员20',
      '会员21',
      '会员22',
      '会员23',
      '会员24',
    ]);
    expect(byPhone.total).toBe(1);
  });
});
