/** @jest-environment node */
import type { LoginResult, QrLoginRequest, QrLoginTicket } from '../../typings';
import { createCloudMiniProgramCodes } from '../../backend/adapters/cloudbase/wxacode';
import { cloudConfig } from '../../backend/cloud/config';
import type { Caller } from '../../backend/core/context';
import { QR_LOGIN_TTL_MS, maskAddress } from '../../backend/domain/account/qr-login';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';

const PHONE = '13997373133';
const OTHER_PHONE = '13800138000';
const NEW_PASSWORD = 'Lotus-river-42';
const OPENID = 'oWx1-qr-member-openid-AAAA';
const OTHER_OPENID = 'oWx1-qr-member-openid-BBBB';
const PC: Partial<Caller> = { transport: 'http', clientIp: '171.88.12.34' };

type Poll = { status: string; login: LoginResult | null };

describe('扫码登录', () => {
  let t: TestBackend;
  let memberId: string;
  beforeEach(async () => {
    t = createTestBackend({ now: '2026-06-15T04:00:00Z' });
    t.deps.config.portalUrl = 'http://127.0.0.1:8787';
    memberId = await t.seedMember({ phone: PHONE, name: '夏慧然', memberNo: 'SCXH110001' });
    await t.seedMember({ phone: OTHER_PHONE, name: '周立', memberNo: 'SCXH110002' });
  });
  afterEach(() => t.close());

  const wx = (openid: string | null, token: string): Partial<Caller> => ({
    transport: 'callFunction',
    openid,
    token,
  });

  /** A mini-program session past the first password change, optionally with WeChat bound. */
  async function miniProgramMember(phone: string, openid: string, bind = true) {
    const caller = { transport: 'callFunction' as const, openid };
    const { token } = dataOf<LoginResult>(
      await t.call('auth.login', { phone, password: phone }, caller),
    );
    const changed = await t.call(
      'auth.changePassword',
      { currentPassword: phone, newPassword: NEW_PASSWORD },
      { ...caller, token },
    );
    expect(changed.ok).toBe(true);
    if (bind) expect((await t.call('account.bindWechat', {}, wx(openid, token))).ok).toBe(true);
    return token;
  }

  const start = async () => dataOf<QrLoginTicket>(await t.call('auth.qrLogin.start', {}, PC));
  const poll = (ticket: QrLoginTicket) =>
    t.call('auth.qrLogin.poll', { loginId: ticket.loginId, pollToken: ticket.pollToken }, PC);
  const member = (action: 'scan' | 'confirm' | 'cancel', loginId: string, caller: object) =>
    t.call(`account.qrLogin.${action}`, { loginId }, caller);

  it('logs the PC in once the bound member scans and confirms', async () => {
    const token = await miniProgramMember(PHONE, OPENID);
    const ticket = await start();
    expect(ticket).toMatchObject({
      codeKind: 'qrCode',
      confirmUrl: `http://127.0.0.1:8787/qr-login/${ticket.loginId}`,
      expiresAt: '2026-06-15T04:03:00.000Z',
    });
    expect(ticket.loginId).toMatch(/^[0-9A-Za-z]{22}$/);
    expect(ticket.image).toMatch(/^data:image\/png;base64,/);
    expect(dataOf<Poll>(await poll(ticket))).toEqual({ status: 'pending', login: null });

    const scanned = dataOf<QrLoginRequest>(await member('scan', ticket.loginId, wx(OPENID, token)));
    expect(scanned).toEqual({
      loginId: ticket.loginId,
      status: 'scanned',
      expiresAt: ticket.expiresAt,
      fromAddressMasked: '171.88.*.*',
      requestedAt: '2026-06-15T04:00:00.000Z',
    });
    expect(dataOf<Poll>(await poll(ticket)).status).toBe('scanned');

    const confirmed = await member('confirm', ticket.loginId, wx(OPENID, token));
    expect(dataOf<QrLoginRequest>(confirmed).status).toBe('confirmed');
    const first = dataOf<Poll>(await poll(ticket));
    expect(first.status).toBe('confirmed');
    expect(first.login?.member).toMatchObject({ id: memberId, name: '夏慧然' });
    expect(first.login?.mustChangePassword).toBe(false);

    // A portal session: it works without any OPENID, and the code does not work twice.
    const pcToken = first.login!.token;
    expect((await t.call('member.dashboard', {}, { ...PC, token: pcToken })).ok).toBe(true);
    expect(dataOf<Poll>(await poll(ticket))).toEqual({ status: 'used', login: null });
    expect(await member('scan', ticket.loginId, wx(OPENID, token))).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '该二维码已完成登录，如需再次登录请在电脑上刷新二维码',
    });
  });

  it('audits the confirm without tokens or OPENIDs, and stores only hashes', async () => {
    const token = await miniProgramMember(PHONE, OPENID);
    const ticket = await start();
    await member('scan', ticket.loginId, wx(OPENID, token));
    await member('confirm', ticket.loginId, wx(OPENID, token));
    const { login } = dataOf<Poll>(await poll(ticket));

    const audits = await t.store.find(COLLECTIONS.auditLog, {
      where: { action: 'account.qrLogin.confirm' },
    });
    expect(audits).toEqual([
      expect.objectContaining({
        actorKind: 'member',
        actorId: memberId,
        summary: { fromAddressMasked: '171.88.*.*' },
      }),
    ]);
    const everything = JSON.stringify([
      await t.store.find(COLLECTIONS.qrLogins),
      await t.store.find(COLLECTIONS.auditLog),
      await t.store.find(COLLECTIONS.sessions),
      t.logger.lines,
    ]);
    for (const secret of [OPENID, ticket.pollToken, login!.token, '171.88.12.34']) {
      expect(everything).not.toContain(secret);
    }
  });

  it('answers NOT_FOUND alike for a wrong token and an unknown id', async () => {
    const ticket = await start();
    const wrongToken = await poll({ ...ticket, pollToken: 'x'.repeat(43) });
    const unknownId = await poll({ ...ticket, loginId: 'A'.repeat(22) });
    expect(wrongToken).toEqual(unknownId);
    expect(wrongToken).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('expires after three minutes, for the PC and the member', async () => {
    const token = await miniProgramMember(PHONE, OPENID);
    const ticket = await start();
    await member('scan', ticket.loginId, wx(OPENID, token));
    await member('confirm', ticket.loginId, wx(OPENID, token));
    t.clock.advance(QR_LOGIN_TTL_MS);

    expect(dataOf<Poll>(await poll(ticket))).toEqual({ status: 'expired', login: null });
    expect(await member('scan', ticket.loginId, wx(OPENID, token))).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '二维码已过期，请在电脑上刷新后重新扫码',
    });
  });

  it('refuses a call without an OPENID and a WeChat that is not bound', async () => {
    const unbound = await miniProgramMember(PHONE, OPENID, false);
    const ticket = await start();

    expect(await member('scan', ticket.loginId, { token: unbound })).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    });
    const { token: webToken } = dataOf<LoginResult>(
      await t.call('auth.login', { phone: PHONE, password: NEW_PASSWORD }, PC),
    );
    expect(await member('scan', ticket.loginId, { ...PC, token: webToken })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
      message: '请在已绑定微信的小程序中扫码',
    });
    expect(await member('scan', ticket.loginId, wx(OPENID, unbound))).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });

  it("refuses a WeChat bound to another member, and another member's scan", async () => {
    const mine = await miniProgramMember(PHONE, OPENID);
    const theirs = await miniProgramMember(OTHER_PHONE, OTHER_OPENID);
    const { token: mineWithTheirWechat } = dataOf<LoginResult>(
      await t.call(
        'auth.login',
        { phone: PHONE, password: NEW_PASSWORD },
        { transport: 'callFunction', openid: OTHER_OPENID },
      ),
    );
    const ticket = await start();

    expect(
      await member('scan', ticket.loginId, wx(OTHER_OPENID, mineWithTheirWechat)),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect((await member('scan', ticket.loginId, wx(OPENID, mine))).ok).toBe(true);
    expect(await member('scan', ticket.loginId, wx(OTHER_OPENID, theirs))).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '该二维码已被其他账号扫描',
    });
    expect((await member('confirm', ticket.loginId, wx(OTHER_OPENID, theirs))).ok).toBe(false);
  });

  it('lets the member cancel, and the PC sees it', async () => {
    const token = await miniProgramMember(PHONE, OPENID);
    const ticket = await start();
    await member('scan', ticket.loginId, wx(OPENID, token));

    const cancelled = await member('cancel', ticket.loginId, wx(OPENID, token));

    expect(dataOf<QrLoginRequest>(cancelled).status).toBe('cancelled');
    expect(dataOf<Poll>(await poll(ticket))).toEqual({ status: 'cancelled', login: null });
    expect((await member('confirm', ticket.loginId, wx(OPENID, token))).ok).toBe(false);
  });

  it('gives no session when the WeChat is unbound between confirm and poll', async () => {
    const token = await miniProgramMember(PHONE, OPENID);
    const ticket = await start();
    await member('scan', ticket.loginId, wx(OPENID, token));
    await member('confirm', ticket.loginId, wx(OPENID, token));
    expect((await t.call('account.unbindWechat', {}, wx(OPENID, token))).ok).toBe(true);
    const sessionsBefore = await t.store.count(COLLECTIONS.sessions);

    expect(dataOf<Poll>(await poll(ticket))).toEqual({ status: 'cancelled', login: null });
    expect(await t.store.count(COLLECTIONS.sessions)).toBe(sessionsBefore);
  });

  it('hands the session to exactly one of many concurrent polls', async () => {
    const token = await miniProgramMember(PHONE, OPENID);
    const ticket = await start();
    await member('scan', ticket.loginId, wx(OPENID, token));
    await member('confirm', ticket.loginId, wx(OPENID, token));

    const answers = (await Promise.all(Array.from({ length: 10 }, () => poll(ticket)))).map(
      (answer) => dataOf<Poll>(answer),
    );

    expect(answers.filter((answer) => answer.login !== null)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 'used')).toHaveLength(9);
  });

  it('refuses a local code without a portal address', async () => {
    t.deps.config.portalUrl = null;
    expect(await t.call('auth.qrLogin.start', {}, PC)).toMatchObject({
      ok: false,
      code: 'NOT_CONFIGURED',
    });
    expect(await t.store.count(COLLECTIONS.qrLogins)).toBe(0);
  });

  it('rate-limits starts per address', async () => {
    for (let i = 0; i < 20; i += 1)
      expect((await t.call('auth.qrLogin.start', {}, PC)).ok).toBe(true);
    expect(await t.call('auth.qrLogin.start', {}, PC)).toMatchObject({
      ok: false,
      code: 'RATE_LIMITED',
    });
  });

  it('the purge job removes expired requests and keeps live ones', async () => {
    await start();
    t.clock.advance(QR_LOGIN_TTL_MS + 1);
    const live = await start();

    const result = await t.backend.runJobs(['purge']);

    expect(result.purge?.qrLogins).toBe(1);
    expect((await t.store.find(COLLECTIONS.qrLogins)).map((doc) => doc._id)).toEqual([
      live.loginId,
    ]);
  });

  describe('in the cloud, with a mini-program code', () => {
    const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

    it.each([
      ['directly', { buffer: PNG, contentType: 'image/png', errCode: 0 }],
      ['under result', { result: { buffer: PNG, contentType: 'image/png', errcode: 0 } }],
    ])('shows the code when the SDK answers %s', async (_shape, answer) => {
      const getUnlimited = jest.fn().mockResolvedValue(answer);
      t.deps.miniProgramCodes = createCloudMiniProgramCodes({
        openapi: { wxacode: { getUnlimited } },
      });
      t.deps.config.miniProgramEnvVersion = 'trial';

      const ticket = await start();

      expect(ticket).toMatchObject({
        codeKind: 'miniProgramCode',
        confirmUrl: null,
        image: `data:image/png;base64,${PNG.toString('base64')}`,
      });
      expect(getUnlimited).toHaveBeenCalledWith({
        scene: ticket.loginId,
        page: 'pages/qr-login/index',
        envVersion: 'trial',
        checkPath: false,
      });
    });

    it.each([
      [
        'an error code in the answer',
        () => Promise.resolve({ errCode: 41030, errMsg: 'bad page' }),
      ],
      ['a thrown error', () => Promise.reject({ errCode: 45009, errMsg: 'too many' })],
      ['no image', () => Promise.resolve({ result: {} })],
    ])('answers UPSTREAM for %s and keeps nothing', async (_case, getUnlimited) => {
      t.deps.miniProgramCodes = createCloudMiniProgramCodes({
        openapi: { wxacode: { getUnlimited } },
      });

      const result = await t.call('auth.qrLogin.start', {}, PC);

      expect(result).toMatchObject({
        ok: false,
        code: 'UPSTREAM',
        message: '暂时无法生成登录二维码，请稍后刷新重试',
      });
      expect(await t.store.count(COLLECTIONS.qrLogins)).toBe(0);
    });

    it('checks the page only for the release build', async () => {
      const getUnlimited = jest.fn().mockResolvedValue({ buffer: PNG, contentType: 'image/png' });
      t.deps.miniProgramCodes = createCloudMiniProgramCodes({
        openapi: { wxacode: { getUnlimited } },
      });
      await start();
      expect(getUnlimited).toHaveBeenCalledWith(expect.objectContaining({ checkPath: true }));
    });
  });
});

describe('maskAddress', () => {
  it.each([
    ['171.88.12.34', '171.88.*.*'],
    ['::ffff:10.1.2.3', '10.1.*.*'],
    ['2408:8207:abcd::1', '2408:8207:*'],
    [null, null],
  ])('masks %p as %p', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });
});

describe('cloudConfig', () => {
  it('reads the portal address and the code build, dropping a trailing slash', () => {
    expect(
      cloudConfig({
        PORTAL_URL: 'https://member.example.org.cn/',
        MINIPROGRAM_ENV_VERSION: 'trial',
      }),
    ).toMatchObject({ portalUrl: 'https://member.example.org.cn', miniProgramEnvVersion: 'trial' });
  });

  it('defaults to no portal and the release build', () => {
    expect(cloudConfig({})).toMatchObject({ portalUrl: null, miniProgramEnvVersion: 'release' });
  });

  it('refuses an unknown build and an address that is not http(s)', () => {
    expect(() => cloudConfig({ MINIPROGRAM_ENV_VERSION: 'beta' })).toThrow(
      /MINIPROGRAM_ENV_VERSION/,
    );
    expect(() => cloudConfig({ PORTAL_URL: 'member.example.org.cn' })).toThrow(/PORTAL_URL/);
  });
});
