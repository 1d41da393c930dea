/** @jest-environment node */
import crypto from 'node:crypto';
import { ensureFirstAdmin } from '../../backend/domain/admins/accounts';
import { COLLECTIONS } from '../../backend/schema/collections';
import type { DocumentStore } from '../../backend/ports/store';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';

const PHONE = '13997373133';

/**
 * Holds back session inserts until `release()`: a login that has checked its password but not
 * yet saved its session, while something else changes the account.
 */
function holdSessionInserts(t: TestBackend) {
  const inner: DocumentStore = t.deps.store;
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let held = 0;
  let reach: () => void = () => undefined;
  const reached = new Promise<void>((resolve) => {
    reach = resolve;
  });
  t.deps.store = {
    ...inner,
    get: inner.get.bind(inner),
    find: inner.find.bind(inner),
    async insert(collection, doc) {
      if (collection === COLLECTIONS.sessions && held === 0) {
        held += 1;
        reach();
        await gate;
      }
      return inner.insert(collection, doc);
    },
  } as DocumentStore;
  return {
    /** Resolves once the login has checked its password and waits to save its session. */
    reached,
    release,
    restore: () => {
      t.deps.store = inner;
    },
  };
}

describe('logins racing an account change', () => {
  let t: TestBackend;
  beforeEach(() => {
    t = createTestBackend();
  });
  afterEach(() => t.close());

  it('a member login with the old password loses to a password change made meanwhile', async () => {
    await t.seedMember({ phone: PHONE, name: '夏慧然' });
    const { token } = dataOf<{ token: string }>(
      await t.call('auth.login', { phone: PHONE, password: PHONE }),
    );
    const hold = holdSessionInserts(t);

    const racing = t.call('auth.login', { phone: PHONE, password: PHONE });
    await hold.reached;
    hold.restore();
    const changed = await t.call(
      'auth.changePassword',
      { currentPassword: PHONE, newPassword: 'Lotus-river-42' },
      { token },
    );
    hold.release();
    const login = await racing;

    expect(changed.ok).toBe(true);
    expect(login).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await t.store.count(COLLECTIONS.sessions)).toBe(1);
  });

  it('an admin login loses to a disable made meanwhile', async () => {
    await ensureFirstAdmin(t.deps, 'Super-chief-2026', t.clock.now());
    const superToken = dataOf<{ token: string }>(
      await t.call('admin.login', { username: 'admin', password: 'Super-chief-2026' }),
    ).token;
    const created = dataOf<{ temporaryPassword: string }>(
      await t.call(
        'admin.accounts.create',
        { username: 'sec1', displayName: '秘书', role: 'secretariat' },
        { token: superToken },
      ),
    );
    const hold = holdSessionInserts(t);

    const racing = t.call('admin.login', { username: 'sec1', password: created.temporaryPassword });
    await hold.reached;
    hold.restore();
    await t.call(
      'admin.accounts.setDisabled',
      { username: 'sec1', disabled: true },
      {
        token: superToken,
      },
    );
    hold.release();

    expect(await racing).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });
});

describe('login timing', () => {
  let t: TestBackend;
  beforeEach(() => {
    t = createTestBackend();
  });
  afterEach(() => {
    jest.restoreAllMocks();
    t.close();
  });

  it('spends one key derivation whether the number is unknown, initial or changed', async () => {
    await t.seedMember({ phone: PHONE, name: '夏慧然' });
    const scrypt = jest.spyOn(crypto, 'scrypt');
    const counts: number[] = [];
    for (const phone of [PHONE, '13800000000']) {
      scrypt.mockClear();
      await t.call('auth.login', { phone, password: 'wrong-guess-1' });
      counts.push(scrypt.mock.calls.length);
    }

    expect(counts).toEqual([1, 1]);
  });
});

describe('admin account hardening', () => {
  let t: TestBackend;
  let superToken: string;
  beforeEach(async () => {
    t = createTestBackend();
    await ensureFirstAdmin(t.deps, 'Super-chief-2026', t.clock.now());
    superToken = dataOf<{ token: string }>(
      await t.call('admin.login', { username: 'admin', password: 'Super-chief-2026' }),
    ).token;
  });
  afterEach(() => t.close());

  it('treats usernames case-insensitively', async () => {
    await t.call(
      'admin.accounts.create',
      { username: 'Sec1', displayName: '秘书', role: 'secretariat' },
      { token: superToken },
    );

    const again = await t.call(
      'admin.accounts.create',
      { username: 'sec1', displayName: '秘书', role: 'secretariat' },
      { token: superToken },
    );
    const login = await t.call('admin.login', { username: 'ADMIN', password: 'Super-chief-2026' });

    expect(again).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(login.ok).toBe(true);
  });

  it('refuses the password change while the account is locked', async () => {
    for (let i = 0; i < 5; i += 1) {
      await t.call(
        'admin.changePassword',
        { currentPassword: `guess-${i}`, newPassword: 'Another-admin-2026' },
        { token: superToken },
      );
    }

    const right = await t.call(
      'admin.changePassword',
      { currentPassword: 'Super-chief-2026', newPassword: 'Another-admin-2026' },
      { token: superToken },
    );

    expect(right).toMatchObject({ ok: false, code: 'LOCKED' });
  });

  it('keeps a separate per-address budget for admin logins', async () => {
    t.deps.config.loginAttemptsPerMinutePerAddress = 2;
    await t.seedMember({ phone: PHONE, name: '夏慧然' });
    for (let i = 0; i < 3; i += 1) await t.call('auth.login', { phone: PHONE, password: 'x' });

    const admin = await t.call('admin.login', { username: 'admin', password: 'Super-chief-2026' });

    expect(admin.ok).toBe(true);
  });

  it.each([
    ['shorter than 8 characters', 'short', '至少需要8个字符'],
    ['containing the username', 'admin12345', '不能包含手机号或账号'],
    ['a common one', 'password', '过于常见'],
  ])('refuses a first-admin password %s, in Chinese', async (_label, password, reason) => {
    const fresh = createTestBackend();

    await expect(ensureFirstAdmin(fresh.deps, password, fresh.clock.now())).rejects.toThrow(
      `ADMIN_PASSWORD 不符合密码规则：${reason}`,
    );
    expect(await fresh.store.count(COLLECTIONS.admins)).toBe(0);
    fresh.close();
  });

  it('lets exactly one of several racing password changes land', async () => {
    await t.seedMember({ phone: PHONE, name: '夏慧然' });
    const { token } = dataOf<{ token: string }>(
      await t.call('auth.login', { phone: PHONE, password: PHONE }),
    );
    const first = await t.call(
      'auth.changePassword',
      { currentPassword: PHONE, newPassword: 'Lotus-river-42' },
      { token },
    );
    expect(first.ok).toBe(true);

    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        t.call(
          'auth.changePassword',
          { currentPassword: 'Lotus-river-42', newPassword: `Maple-harbor-${n}` },
          { token },
        ),
      ),
    );

    const won = answers.flatMap((answer, i) => (answer.ok ? [i + 1] : []));
    expect(won).toHaveLength(1);
    // A loser either checked the old password before the winner wrote (CONFLICT at its write)
    // or read the account after it (the old password is no longer the current one).
    for (const answer of answers.filter((a) => !a.ok)) {
      expect(['CONFLICT', 'INVALID_INPUT']).toContain(answer.ok ? '' : answer.code);
    }
    const logins = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        t.call('auth.login', { phone: PHONE, password: `Maple-harbor-${n}` }),
      ),
    );
    expect(logins.flatMap((login, i) => (login.ok ? [i + 1] : []))).toEqual(won);
  });

  it('makes a generated first-admin password change at first login', async () => {
    const fresh = createTestBackend();
    const { generatedPassword } = await ensureFirstAdmin(fresh.deps, undefined, fresh.clock.now());

    const login = dataOf<{ admin: { mustChangePassword: boolean } }>(
      await fresh.call('admin.login', { username: 'admin', password: generatedPassword! }),
    );

    expect(login.admin.mustChangePassword).toBe(true);
    fresh.close();
  });
});
