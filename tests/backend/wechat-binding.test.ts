/** @jest-environment node */
import type { Caller } from '../../backend/core/context';
import { openSession } from '../../backend/domain/auth/sessions';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';

const PHONE = '13997373133';
const OTHER_PHONE = '13800138000';
const NEW_PASSWORD = 'Lotus-river-42';
const OPENID = 'oWx1-member-openid-AAAA';
const OTHER_OPENID = 'oWx1-member-openid-BBBB';

interface Login {
  token: string;
  mustChangePassword: boolean;
  member: { id: string; name: string };
}

describe('WeChat binding and 微信一键登录', () => {
  let t: TestBackend;
  let memberId: string;
  beforeEach(async () => {
    t = createTestBackend({ now: '2026-06-15T04:00:00Z' });
    memberId = await t.seedMember({ phone: PHONE, name: '夏慧然', memberNo: 'SCXH110001' });
    await t.seedMember({ phone: OTHER_PHONE, name: '周立', memberNo: 'SCXH110002' });
  });
  afterEach(() => t.close());

  const wx = (openid: string | null, token?: string): Partial<Caller> => ({
    transport: 'callFunction',
    openid,
    ...(token ? { token } : {}),
  });

  /** A session past the first password change, from the mini-program with `openid`. */
  async function memberSession(phone: string, openid: string | null = OPENID) {
    const caller = openid ? wx(openid) : {};
    const { token } = dataOf<Login>(await t.call('auth.login', { phone, password: phone }, caller));
    const change = await t.call(
      'auth.changePassword',
      { currentPassword: phone, newPassword: NEW_PASSWORD },
      { ...caller, token },
    );
    expect(change.ok).toBe(true);
    return token;
  }

  it('binds, then logs in with the OPENID alone', async () => {
    const token = await memberSession(PHONE);

    const bound = dataOf<{ bound: boolean }>(
      await t.call('account.bindWechat', {}, wx(OPENID, token)),
    );
    expect(bound.bound).toBe(true);
    const status = await t.call('account.wechatStatus', {}, wx(OPENID, token));
    expect(status).toEqual({
      ok: true,
      data: { bound: true, boundAt: '2026-06-15T04:00:00.000Z' },
    });

    const login = dataOf<Login>(await t.call('auth.wechatLogin', {}, wx(OPENID)));
    expect(login.mustChangePassword).toBe(false);
    expect(login.member).toMatchObject({ id: memberId, name: '夏慧然' });
    expect((await t.call('member.dashboard', {}, wx(OPENID, login.token))).ok).toBe(true);
  });

  it('refuses 微信一键登录 for an OPENID nobody bound, and without an OPENID', async () => {
    expect(await t.call('auth.wechatLogin', {}, wx(OPENID))).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    });
    expect((await t.call('auth.wechatLogin', {})).ok).toBe(false);
  });

  it('refuses a second member binding the same WeChat, naming the WeChat side', async () => {
    const first = await memberSession(PHONE);
    const second = await memberSession(OTHER_PHONE);
    expect((await t.call('account.bindWechat', {}, wx(OPENID, first))).ok).toBe(true);

    const result = await t.call('account.bindWechat', {}, wx(OPENID, second));

    expect(result).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '该微信已绑定其他会员账号',
    });
  });

  it('refuses a member binding a second WeChat, naming the account side', async () => {
    const first = await memberSession(PHONE, OPENID);
    expect((await t.call('account.bindWechat', {}, wx(OPENID, first))).ok).toBe(true);
    const { token: again } = dataOf<Login>(
      await t.call('auth.login', { phone: PHONE, password: NEW_PASSWORD }, wx(OTHER_OPENID)),
    );

    const result = await t.call('account.bindWechat', {}, wx(OTHER_OPENID, again));

    expect(result).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '您的账号已绑定其他微信',
    });
  });

  it('binding the same pair twice is not an error and writes one audit entry', async () => {
    const token = await memberSession(PHONE);
    expect((await t.call('account.bindWechat', {}, wx(OPENID, token))).ok).toBe(true);
    expect((await t.call('account.bindWechat', {}, wx(OPENID, token))).ok).toBe(true);

    const audits = await t.store.find(COLLECTIONS.auditLog, {
      where: { action: 'account.bindWechat' },
    });
    expect(audits).toHaveLength(1);
  });

  it('keeps exactly one binding when 20 members bind one WeChat at once', async () => {
    const now = t.clock.now();
    const caller = { ...wx(OPENID), clientIp: null, requestId: 'x', token: null } as Caller;
    const tokens: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const id = await t.seedMember({
        phone: `1370000${String(i).padStart(4, '0')}`,
        name: '并发',
      });
      const session = await openSession(t.deps, caller, now, {
        subjectKind: 'member',
        subjectId: id,
        mustChangePassword: false,
      });
      tokens.push(session.token);
    }

    const results = await Promise.all(
      tokens.map((token) => t.call('account.bindWechat', {}, wx(OPENID, token))),
    );

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.message === '该微信已绑定其他会员账号')).toHaveLength(
      19,
    );
    expect(await t.store.count(COLLECTIONS.wechatBindings)).toBe(1);
  });

  it('refuses an OPENID in the request body', async () => {
    const token = await memberSession(PHONE);

    const bind = await t.call('account.bindWechat', { openid: OTHER_OPENID }, wx(OPENID, token));
    const login = await t.call('auth.wechatLogin', { openid: OPENID }, wx(OTHER_OPENID));

    expect(bind).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(login).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await t.store.count(COLLECTIONS.wechatBindings)).toBe(0);
  });

  it('refuses to bind over HTTP, where no WeChat identity is known', async () => {
    const token = await memberSession(PHONE, null);

    const result = await t.call('account.bindWechat', {}, { token });

    expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '请在微信小程序中绑定' });
  });

  it('unbinds, after which 微信一键登录 fails and the OPENID may bind again', async () => {
    const token = await memberSession(PHONE);
    expect((await t.call('account.bindWechat', {}, wx(OPENID, token))).ok).toBe(true);

    const unbind = await t.call('account.unbindWechat', {}, wx(OPENID, token));

    expect(unbind).toEqual({ ok: true, data: { bound: false, boundAt: null } });
    expect(await t.call('auth.wechatLogin', {}, wx(OPENID))).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    });
    const other = await memberSession(OTHER_PHONE);
    expect((await t.call('account.bindWechat', {}, wx(OPENID, other))).ok).toBe(true);
    const audits = await t.store.count(COLLECTIONS.auditLog, {
      where: { action: 'account.unbindWechat' },
    });
    expect(audits).toBe(1);
  });

  it('binds the 微信一键登录 session to its OPENID', async () => {
    const token = await memberSession(PHONE);
    expect((await t.call('account.bindWechat', {}, wx(OPENID, token))).ok).toBe(true);
    const login = dataOf<Login>(await t.call('auth.wechatLogin', {}, wx(OPENID)));

    expect(await t.call('member.dashboard', {}, wx(OTHER_OPENID, login.token))).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    });
    expect((await t.call('member.dashboard', {}, { token: login.token })).ok).toBe(false);
  });

  it('still demands the password change after a reset to the initial password', async () => {
    const token = await memberSession(PHONE);
    expect((await t.call('account.bindWechat', {}, wx(OPENID, token))).ok).toBe(true);
    await t.store.remove(COLLECTIONS.accounts, memberId);

    const login = dataOf<Login>(await t.call('auth.wechatLogin', {}, wx(OPENID)));

    expect(login.mustChangePassword).toBe(true);
    expect(await t.call('member.dashboard', {}, wx(OPENID, login.token))).toMatchObject({
      ok: false,
      code: 'PASSWORD_CHANGE_REQUIRED',
    });
  });

  it('counts 微信一键登录 toward the per-address login limit', async () => {
    t.deps.config.loginAttemptsPerMinutePerAddress = 3;
    for (let i = 0; i < 3; i += 1) await t.call('auth.wechatLogin', {}, wx(OPENID));

    const result = await t.call('auth.wechatLogin', {}, wx(OPENID));

    expect(result).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
  });

  it('keeps no raw OPENID in any collection or the logs', async () => {
    const token = await memberSession(PHONE);
    await t.call('account.bindWechat', {}, wx(OPENID, token));
    await t.call('auth.wechatLogin', {}, wx(OPENID));
    await t.call('account.unbindWechat', {}, wx(OPENID, token));
    await t.call('account.bindWechat', {}, wx(OPENID, token));

    for (const collection of Object.values(COLLECTIONS)) {
      const docs = await t.store.find(collection, {}, { limit: 1000 });
      expect(JSON.stringify(docs)).not.toContain(OPENID);
    }
    expect(await t.store.count(COLLECTIONS.wechatBindings)).toBe(1);
    expect(t.logger.lines.join('\n')).not.toContain(OPENID);
  });
});
