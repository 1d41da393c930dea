/** @jest-environment node */
import type { Caller } from '../../backend/core/context';
import type { AuditDoc } from '../../backend/domain/audit/audit';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';

const PHONE = '13997373133';
const FIRST_PASSWORD = 'Lotus-river-42';
const RESET_PASSWORD = 'Maple-harbor-77';
const OPENID = 'oWx1-forgot-openid-AAAA';
const OTHER_OPENID = 'oWx1-forgot-openid-BBBB';
const SECRETARIAT = '请联系学会秘书处将密码重置为初始密码';

describe('忘记密码: auth.resetPasswordByWechat', () => {
  let t: TestBackend;
  let memberId: string;
  beforeEach(async () => {
    t = createTestBackend({ now: '2026-06-15T04:00:00Z' });
    memberId = await t.seedMember({ phone: PHONE, name: '夏慧然', memberNo: 'SCXH110001' });
  });
  afterEach(() => t.close());

  const wx = (openid: string | null, token?: string): Partial<Caller> => ({
    transport: 'callFunction',
    openid,
    ...(token ? { token } : {}),
  });
  const login = (password: string, caller: Partial<Caller> = {}) =>
    t.call('auth.login', { phone: PHONE, password }, caller);

  /** Logs in, changes the initial password and binds OPENID; answers the session's token. */
  async function boundMember(): Promise<string> {
    const { token } = dataOf<{ token: string }>(await login(PHONE, wx(OPENID)));
    const changed = await t.call(
      'auth.changePassword',
      { currentPassword: PHONE, newPassword: FIRST_PASSWORD },
      wx(OPENID, token),
    );
    expect(changed.ok).toBe(true);
    expect((await t.call('account.bindWechat', {}, wx(OPENID, token))).ok).toBe(true);
    return token;
  }

  it('sets a new password without the old one; only the new one logs in', async () => {
    await boundMember();

    const result = await t.call(
      'auth.resetPasswordByWechat',
      { newPassword: RESET_PASSWORD },
      wx(OPENID),
    );

    expect(result).toEqual({ ok: true, data: { reset: true } });
    expect(await login(FIRST_PASSWORD)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    const fresh = dataOf<{ mustChangePassword: boolean }>(await login(RESET_PASSWORD));
    expect(fresh.mustChangePassword).toBe(false);
    expect((await t.call('auth.wechatLogin', {}, wx(OPENID))).ok).toBe(true);
  });

  it('ends every session of the member', async () => {
    const phoneToken = await boundMember();
    const { token: webToken } = dataOf<{ token: string }>(await login(FIRST_PASSWORD));

    await t.call('auth.resetPasswordByWechat', { newPassword: RESET_PASSWORD }, wx(OPENID));

    const onPhone = await t.call('member.dashboard', {}, wx(OPENID, phoneToken));
    const onWeb = await t.call('member.dashboard', {}, { token: webToken });
    expect(onPhone).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(onWeb).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('lifts the lock that failed guesses put on the account', async () => {
    await boundMember();
    for (let i = 0; i < t.deps.config.lockoutThreshold; i += 1) await login('Wrong-guess-0');
    expect(await login(FIRST_PASSWORD)).toMatchObject({ ok: false, code: 'LOCKED' });

    await t.call('auth.resetPasswordByWechat', { newPassword: RESET_PASSWORD }, wx(OPENID));

    expect((await login(RESET_PASSWORD)).ok).toBe(true);
  });

  it('refuses an unbound WeChat, pointing to the secretariat; writes nothing', async () => {
    await boundMember();
    const accountBefore = await t.store.get(COLLECTIONS.accounts, memberId);
    const auditBefore = await t.store.find(COLLECTIONS.auditLog, {}, { limit: 100 });

    const result = await t.call(
      'auth.resetPasswordByWechat',
      { newPassword: RESET_PASSWORD },
      wx(OTHER_OPENID),
    );

    expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(!result.ok && result.message).toContain(SECRETARIAT);
    expect(await t.store.get(COLLECTIONS.accounts, memberId)).toEqual(accountBefore);
    expect(await t.store.find(COLLECTIONS.auditLog, {}, { limit: 100 })).toEqual(auditBefore);
    expect((await login(FIRST_PASSWORD)).ok).toBe(true);
  });

  it('loses to an unbind that lands between the binding read and the write', async () => {
    const token = await boundMember();
    const accountBefore = await t.store.get(COLLECTIONS.accounts, memberId);
    // The unbind runs after the reset has read the binding, just before its batch.
    const batch = t.store.batch.bind(t.store);
    jest.spyOn(t.store, 'batch').mockImplementationOnce(async (writes) => {
      expect((await t.call('account.unbindWechat', {}, wx(OPENID, token))).ok).toBe(true);
      return batch(writes);
    });

    const result = await t.call(
      'auth.resetPasswordByWechat',
      { newPassword: RESET_PASSWORD },
      wx(OPENID),
    );

    expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await t.store.get(COLLECTIONS.accounts, memberId)).toEqual(accountBefore);
    expect((await login(FIRST_PASSWORD)).ok).toBe(true);
  });

  it('refuses a call without an OPENID', async () => {
    await boundMember();

    const result = await t.call('auth.resetPasswordByWechat', { newPassword: RESET_PASSWORD });

    expect(result).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: '请在微信小程序中操作',
    });
    expect((await login(FIRST_PASSWORD)).ok).toBe(true);
  });

  it('keeps the rules of 修改密码: short, common or phone-bearing passwords are refused', async () => {
    await boundMember();

    for (const weak of ['short1', '12345678', `a${PHONE}`]) {
      const result = await t.call('auth.resetPasswordByWechat', { newPassword: weak }, wx(OPENID));
      expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
    expect((await login(FIRST_PASSWORD)).ok).toBe(true);
  });

  it('counts toward the per-address login limit', async () => {
    await boundMember();
    t.deps.config.loginAttemptsPerMinutePerAddress = 2;
    const caller = { ...wx(OPENID), clientIp: '203.0.113.9' };

    await login('Wrong-guess-0', caller);
    await login('Wrong-guess-1', caller);
    const limited = await t.call(
      'auth.resetPasswordByWechat',
      { newPassword: RESET_PASSWORD },
      caller,
    );

    expect(limited).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect((await login(FIRST_PASSWORD)).ok).toBe(true);
  });

  it('audits the reset with no password in the entry or in any log line', async () => {
    await boundMember();

    await t.call('auth.resetPasswordByWechat', { newPassword: RESET_PASSWORD }, wx(OPENID));

    const entries = await t.store.find<AuditDoc>(COLLECTIONS.auditLog, {
      where: { action: 'auth.resetPasswordByWechat' },
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorKind: 'member', actorId: memberId, target: memberId });
    const written = JSON.stringify(entries) + t.logger.lines.join('\n');
    expect(written).not.toContain(RESET_PASSWORD);
    expect(written).not.toContain(FIRST_PASSWORD);
    expect(written).not.toContain(PHONE);
  });
});
