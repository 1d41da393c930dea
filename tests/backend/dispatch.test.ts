/** @jest-environment node */
import { ensureFirstAdmin } from '../../backend/domain/admins/accounts';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';

describe('the action envelope', () => {
  let t: TestBackend;
  beforeEach(() => {
    t = createTestBackend();
  });
  afterEach(() => t.close());

  const caller = {
    transport: 'http' as const,
    openid: null,
    token: null,
    clientIp: '127.0.0.1',
    requestId: 'r1',
  };

  it('answers UNKNOWN_ACTION for a name nobody defined', async () => {
    const result = await t.backend.dispatch({ action: 'member.nothing', data: {} }, caller);

    expect(result).toEqual({ ok: false, code: 'UNKNOWN_ACTION', message: expect.any(String) });
  });

  it.each([null, 'text', 42, [], { data: {} }, { action: 7 }, { action: '__proto__' }])(
    'answers a clear error for the malformed call %p',
    async (call) => {
      const result = await t.backend.dispatch(call, caller);

      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.code).toMatch(/^(INVALID_INPUT|UNKNOWN_ACTION)$/);
      expect(result.ok ? '' : result.message).toMatch(/[\u4e00-\u9fff]/);
    },
  );

  it('refuses a wrong type with INVALID_INPUT naming the field, in Chinese', async () => {
    const result = await t.call('auth.login', { phone: 13997373133, password: 'x' });

    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(result.ok ? '' : result.message).toBe('手机号的格式不正确');
  });

  it('refuses unknown fields instead of ignoring them', async () => {
    const result = await t.call('auth.login', {
      phone: '13997373133',
      password: 'x',
      role: 'admin',
    });

    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('refuses an oversized field rather than truncating it', async () => {
    const result = await t.call('auth.login', { phone: '1'.repeat(33), password: 'x' });

    expect(result).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: '手机号过长',
    });
  });

  it('asks for a login before a member action', async () => {
    expect(await t.call('member.dashboard', {})).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('answers INTERNAL without detail when the store fails, and logs the detail', async () => {
    t.store.close();

    const result = await t.call('society.info', {});

    expect(result).toEqual({ ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后重试' });
    expect(t.logger.lines.some((line) => line.includes('"outcome":"INTERNAL"'))).toBe(true);
  });

  it('serves the public society profile without a login', async () => {
    const info = dataOf<{ name: string }>(await t.call('society.info', {}));

    expect(info.name.length).toBeGreaterThan(0);
  });
});

describe('logs', () => {
  let t: TestBackend;
  beforeEach(() => {
    t = createTestBackend();
  });
  afterEach(() => t.close());

  it('carry action, outcome and duration, and never a phone, password or token', async () => {
    await t.seedMember({ phone: '13997373133', name: '夏慧然' });
    const { token } = dataOf<{ token: string }>(
      await t.call('auth.login', { phone: '13997373133', password: '13997373133' }),
    );
    await t.call(
      'auth.changePassword',
      { currentPassword: '13997373133', newPassword: 'Sichuan#Pepper9' },
      { token },
    );
    await t.call('auth.login', { phone: '13997373133', password: 'wrong-13997373133' });

    const all = t.logger.lines.join('\n');
    const entries = t.logger.lines.map((line) => JSON.parse(line) as Record<string, unknown>);

    expect(entries.some((e) => e.action === 'auth.login' && e.outcome === 'OK')).toBe(true);
    expect(entries.every((e) => e.event !== 'action' || typeof e.durationMs === 'number')).toBe(
      true,
    );
    expect(all).not.toContain('13997373133');
    expect(all).not.toContain('Sichuan#Pepper9');
    expect(all).not.toContain(token);
  });

  it('mask phone numbers that reach a log inside free text', async () => {
    t.deps.logger.log('info', 'note', { message: 'call 13997373133 back', phone: '13997373133' });

    expect(t.logger.lines.at(-1)).toContain('139****3133');
    expect(t.logger.lines.at(-1)).not.toContain('13997373133');
  });
});

describe('the store under the backend', () => {
  it('declares every collection the domain uses', () => {
    expect(Object.values(COLLECTIONS)).toEqual(expect.arrayContaining(['members', 'sessions']));
  });
});

describe('validation messages', () => {
  let t: TestBackend;
  beforeEach(() => {
    t = createTestBackend();
  });
  afterEach(() => t.close());

  it.each([
    [{ password: 'x' }, '请填写手机号'],
    [{ phone: '', password: 'x' }, '请输入手机号'],
    [{ phone: '13997373133' }, '请填写密码'],
    [{ phone: '13997373133', password: 'x', extra: 1 }, '请求中有不支持的内容：extra'],
  ])('words the problem with %p for a member: %s', async (data, message) => {
    const result = await t.call('auth.login', data);

    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT', message });
  });

  it('names the field and the limit of a number out of range', async () => {
    await ensureFirstAdmin(t.deps, 'Super-chief-2026', t.clock.now());
    const { token } = dataOf<{ token: string }>(
      await t.call('admin.login', { username: 'admin', password: 'Super-chief-2026' }),
    );

    const members = await t.call('admin.members.list', { pageSize: 500 }, { token });

    expect(members).toMatchObject({ code: 'INVALID_INPUT', message: '每页条数不能大于100' });
  });
});
