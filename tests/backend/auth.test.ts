/** @jest-environment node */
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';

const PHONE = '13997373133';
const NEW_PASSWORD = 'Lotus-river-42';

describe('member login', () => {
  let t: TestBackend;
  beforeEach(async () => {
    t = createTestBackend({ now: '2026-06-15T04:00:00Z' });
    await t.seedMember({ phone: PHONE, name: '夏慧然', memberNo: 'SCXH110001' });
  });
  afterEach(() => t.close());

  async function login(password = PHONE, phone = PHONE) {
    return t.call('auth.login', { phone, password });
  }

  it('accepts the phone number as the initial password and demands a change', async () => {
    const result = dataOf<{ token: string; mustChangePassword: boolean; member: { name: string } }>(
      await login(),
    );

    expect(result.mustChangePassword).toBe(true);
    expect(result.member.name).toBe('夏慧然');
    expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('normalises the phone as typed: spaces, dashes, +86, full-width digits', async () => {
    for (const typed of [
      '139 9737 3133',
      '139-9737-3133',
      '+86 13997373133',
      '１３９９７３７３１３３',
    ]) {
      expect((await login(PHONE, typed)).ok).toBe(true);
    }
  });

  it('refuses every other action while the initial password is unchanged', async () => {
    const { token } = dataOf<{ token: string }>(await login());

    const dashboard = await t.call('member.dashboard', {}, { token });

    expect(dashboard).toMatchObject({ ok: false, code: 'PASSWORD_CHANGE_REQUIRED' });
  });

  it('changes the password, then the old one fails and the new one works', async () => {
    const { token } = dataOf<{ token: string }>(await login());

    const change = await t.call(
      'auth.changePassword',
      { currentPassword: PHONE, newPassword: NEW_PASSWORD },
      { token },
    );
    expect(change).toEqual({ ok: true, data: { mustChangePassword: false } });
    expect((await t.call('member.dashboard', {}, { token })).ok).toBe(true);

    expect(await login(PHONE)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    const again = dataOf<{ mustChangePassword: boolean }>(await login(NEW_PASSWORD));
    expect(again.mustChangePassword).toBe(false);
  });

  it.each([
    ['short', 'Ab3$xyz', '至少需要8个字符'],
    ['the phone number', `x${PHONE}`, '不能包含手机号'],
    ['the current password', PHONE, '不能与当前密码相同'],
    ['a common one', 'password123', '过于常见'],
    ['a digit run', '23456789', '过于常见'],
    ['one repeated character', 'aaaaaaaaaa', '过于常见'],
  ])('refuses a new password that is %s', async (_label, newPassword, message) => {
    const { token } = dataOf<{ token: string }>(await login());

    const result = await t.call(
      'auth.changePassword',
      { currentPassword: PHONE, newPassword },
      { token },
    );

    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(result.ok ? '' : result.message).toContain(message);
    expect(
      await t.store.get(COLLECTIONS.accounts, (await t.store.find(COLLECTIONS.members))[0]!._id),
    ).toBeNull();
  });

  it('refuses the change when the current password is wrong', async () => {
    const { token } = dataOf<{ token: string }>(await login());

    const result = await t.call(
      'auth.changePassword',
      { currentPassword: 'not-it-at-all', newPassword: NEW_PASSWORD },
      { token },
    );

    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '当前密码不正确' });
  });

  it('ends the other sessions when the password changes', async () => {
    const first = dataOf<{ token: string }>(await login());
    const second = dataOf<{ token: string }>(await login());

    await t.call(
      'auth.changePassword',
      { currentPassword: PHONE, newPassword: NEW_PASSWORD },
      first,
    );

    expect(await t.call('member.dashboard', {}, { token: second.token })).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect((await t.call('member.dashboard', {}, { token: first.token })).ok).toBe(true);
  });

  it('logs out: the token no longer works', async () => {
    const { token } = dataOf<{ token: string }>(await login());
    await t.call(
      'auth.changePassword',
      { currentPassword: PHONE, newPassword: NEW_PASSWORD },
      { token },
    );

    expect(await t.call('auth.logout', {}, { token })).toEqual({
      ok: true,
      data: { loggedOut: true },
    });
    expect(await t.call('member.dashboard', {}, { token })).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('stores only a hash of the token and an scrypt hash of the password', async () => {
    const { token } = dataOf<{ token: string }>(await login());
    await t.call(
      'auth.changePassword',
      { currentPassword: PHONE, newPassword: NEW_PASSWORD },
      { token },
    );

    const dump =
      JSON.stringify(await t.store.find(COLLECTIONS.sessions)) +
      JSON.stringify(await t.store.find(COLLECTIONS.accounts));

    expect(dump).not.toContain(token);
    expect(dump).not.toContain(NEW_PASSWORD);
    expect(dump).toMatch(/scrypt\$32768\$8\$1\$/);
  });

  it('expires sessions after their lifetime', async () => {
    const { token } = dataOf<{ token: string }>(await login());
    await t.call(
      'auth.changePassword',
      { currentPassword: PHONE, newPassword: NEW_PASSWORD },
      { token },
    );

    t.clock.advance(t.deps.config.sessionTtlHours * 3_600_000 + 1000);

    expect(await t.call('member.dashboard', {}, { token })).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('binds a mini-program session to the OPENID that opened it', async () => {
    const opened = await t.call(
      'auth.login',
      { phone: PHONE, password: PHONE },
      {
        transport: 'callFunction',
        openid: 'openid-a',
      },
    );
    const { token } = dataOf<{ token: string }>(opened);

    const same = await t.call(
      'auth.logout',
      {},
      { transport: 'callFunction', openid: 'openid-a', token },
    );
    const reopened = dataOf<{ token: string }>(
      await t.call(
        'auth.login',
        { phone: PHONE, password: PHONE },
        { transport: 'callFunction', openid: 'openid-a' },
      ),
    );
    const other = await t.call(
      'auth.logout',
      {},
      {
        transport: 'callFunction',
        openid: 'openid-b',
        token: reopened.token,
      },
    );

    expect(same.ok).toBe(true);
    expect(other).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });
});

describe('first login award', () => {
  let t: TestBackend;
  beforeEach(() => {
    t = createTestBackend({ now: '2026-06-15T04:00:00Z' });
  });
  afterEach(() => t.close());

  it('awards 新会员登录 1 point on the first login only, even when logins race', async () => {
    const memberId = await t.seedMember({ phone: PHONE, name: '夏慧然' });

    const results = await Promise.all(
      Array.from({ length: 8 }, () => t.call('auth.login', { phone: PHONE, password: PHONE })),
    );
    await t.call('auth.login', { phone: PHONE, password: PHONE });

    expect(results.every((r) => r.ok)).toBe(true);
    const ledger = await t.store.find(COLLECTIONS.pointsLedger, { where: { memberId } });
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ kind: 'firstLogin', points: 1, year: 2026 });
    expect(await t.store.get(COLLECTIONS.pointsTotals, `${memberId}:2026`)).toMatchObject({
      total: 1,
    });
  });
});

describe('lockout and rate limit', () => {
  let t: TestBackend;
  beforeEach(async () => {
    t = createTestBackend({ now: '2026-06-15T04:00:00Z' });
    await t.seedMember({ phone: PHONE, name: '夏慧然' });
  });
  afterEach(() => t.close());

  const wrong = () => t.call('auth.login', { phone: PHONE, password: 'wrong-guess' });

  it('locks the account on the fifth failure within 15 minutes, even for the right password', async () => {
    for (let i = 0; i < 4; i += 1) expect(await wrong()).toMatchObject({ code: 'UNAUTHENTICATED' });

    const fifth = await wrong();
    const right = await t.call('auth.login', { phone: PHONE, password: PHONE });

    expect(fifth).toMatchObject({ ok: false, code: 'LOCKED', retryAt: '2026-06-15T04:15:00.000Z' });
    expect(right).toMatchObject({ ok: false, code: 'LOCKED' });
    expect(right.ok ? '' : right.message).toContain('12:15');
  });

  it('lets the right password in again after 15 minutes', async () => {
    for (let i = 0; i < 5; i += 1) await wrong();

    t.clock.advance(15 * 60_000 + 1);

    expect((await t.call('auth.login', { phone: PHONE, password: PHONE })).ok).toBe(true);
  });

  it('forgets failures older than the 15-minute window', async () => {
    for (let i = 0; i < 4; i += 1) await wrong();
    t.clock.advance(16 * 60_000);

    for (let i = 0; i < 4; i += 1) expect(await wrong()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('locks unknown phone numbers the same way, so none can be told apart', async () => {
    const unknown = () => t.call('auth.login', { phone: '13800000000', password: 'guess-guess' });
    const first = await unknown();
    for (let i = 0; i < 3; i += 1) await unknown();

    expect(first).toMatchObject({ code: 'UNAUTHENTICATED', message: '手机号或密码错误' });
    expect(await unknown()).toMatchObject({ code: 'LOCKED' });
  });

  it('allows at least 60 attempts a minute from one address', async () => {
    expect(t.deps.config.loginAttemptsPerMinutePerAddress).toBeGreaterThanOrEqual(60);
    t.deps.config.lockoutThreshold = 1000;

    const results = [];
    for (let i = 0; i < 60; i += 1) results.push(await wrong());

    expect(results.every((r) => !r.ok && r.code === 'UNAUTHENTICATED')).toBe(true);
  }, 30_000);

  it('rate-limits an address past its limit and lets it in the next minute', async () => {
    t.deps.config.loginAttemptsPerMinutePerAddress = 3;
    for (let i = 0; i < 3; i += 1) await t.call('auth.login', { phone: PHONE, password: PHONE });

    const limited = await t.call('auth.login', { phone: PHONE, password: PHONE });
    const elsewhere = await t.call(
      'auth.login',
      { phone: PHONE, password: PHONE },
      { clientIp: '127.0.0.2' },
    );
    t.clock.advance(60_000);
    const later = await t.call('auth.login', { phone: PHONE, password: PHONE });

    expect(limited).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect(elsewhere.ok).toBe(true);
    expect(later.ok).toBe(true);
  });
});
