/** @jest-environment node */
import { createCloudHandler } from '../../backend/transports/cloud';
import { handleHttpCall } from '../../backend/transports/http';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';

const PHONE = '13997373133';

describe('the cloud function entry', () => {
  let t: TestBackend;
  beforeEach(async () => {
    t = createTestBackend();
    await t.seedMember({ phone: PHONE, name: '夏慧然' });
  });
  afterEach(() => t.close());

  it('takes the caller of a callFunction from getWXContext, never from the event', async () => {
    let openid = 'openid-real';
    const main = createCloudHandler(t.backend, () => ({ OPENID: openid, CLIENTIP: '127.0.0.1' }));

    const login = dataOf<{ token: string }>(
      (await main({
        action: 'auth.login',
        data: { phone: PHONE, password: PHONE },
        openid: 'forged',
      })) as never,
    );
    const same = await main({ action: 'auth.logout', data: {}, token: login.token });
    openid = 'openid-other';
    const relogin = dataOf<{ token: string }>(
      (await main({ action: 'auth.login', data: { phone: PHONE, password: PHONE } })) as never,
    );
    openid = 'openid-thief';
    const stolen = await main({
      action: 'auth.logout',
      data: {},
      token: relogin.token,
      OPENID: 'openid-other',
    });

    expect(same).toEqual({ ok: true, data: { loggedOut: true } });
    expect(stolen).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it.each([
    { Type: 'Timer', TriggerName: 'daily', Time: '2026-06-15T01:00:00Z' },
    { type: 'timer' },
  ])('runs the daily jobs on a timer event, whatever the casing (%p)', async (event) => {
    const main = createCloudHandler(t.backend, () => ({}));

    const result = await main(event);

    expect(result).toEqual({
      ok: true,
      data: {
        purge: { sessions: 0, rateWindows: 0, qrLogins: 0, downloadTickets: 0, uploadGrants: 0 },
        uploads: { removed: 0, failed: 0 },
        reminders: {
          in30Days: 0,
          in7Days: 0,
          expiredYesterday: 0,
          sent: 0,
          noSubscription: 0,
          failed: 0,
          local: 0,
          paid: 0,
        },
      },
    });
  });

  it('does not run the jobs for a timer-shaped event sent from the mini-program', async () => {
    const main = createCloudHandler(t.backend, () => ({ OPENID: 'openid-of-a-member' }));
    const run = jest.spyOn(t.backend, 'runJobs');

    const result = await main({ Type: 'Timer', TriggerName: 'daily' });

    expect(run).not.toHaveBeenCalled();
    expect(result).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
  });

  it('answers HTTP access events with a status and the envelope', async () => {
    const main = createCloudHandler(t.backend, () => ({ CLIENTIP: '127.0.0.1' }));
    const body = JSON.stringify({
      action: 'auth.login',
      data: { phone: PHONE, password: 'nope-nope' },
    });

    const failed = (await main({ path: '/api', httpMethod: 'POST', headers: {}, body })) as {
      statusCode: number;
      body: string;
    };
    const encoded = (await main({
      path: '/api',
      httpMethod: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.from(JSON.stringify({ action: 'society.info', data: {} })).toString('base64'),
      isBase64Encoded: true,
    })) as { statusCode: number };
    const health = (await main({ path: '/api/health', httpMethod: 'GET' })) as { body: string };
    const broken = (await main({ path: '/api', httpMethod: 'POST', body: '{oops' })) as {
      statusCode: number;
    };

    expect(failed.statusCode).toBe(401);
    expect(JSON.parse(failed.body)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(encoded.statusCode).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ ok: true });
    expect(broken.statusCode).toBe(400);
  });

  it('ignores x-wx-openid over HTTP access', async () => {
    const main = createCloudHandler(t.backend, () => ({}));
    const login = dataOf<{ token: string }>(
      await t.call(
        'auth.login',
        { phone: PHONE, password: PHONE },
        { transport: 'callFunction', openid: 'o1' },
      ),
    );

    const reply = (await main({
      path: '/api',
      httpMethod: 'POST',
      headers: { authorization: `Bearer ${login.token}`, 'x-wx-openid': 'o1' },
      body: JSON.stringify({ action: 'auth.logout', data: {} }),
    })) as { body: string };

    expect(JSON.parse(reply.body)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('the HTTP transport', () => {
  let t: TestBackend;
  beforeEach(async () => {
    t = createTestBackend();
    await t.seedMember({ phone: PHONE, name: '夏慧然' });
  });
  afterEach(() => t.close());

  it('trusts x-wx-openid only when told to (SIMULATE_WECHAT=1)', async () => {
    const login = dataOf<{ token: string }>(
      await t.call(
        'auth.login',
        { phone: PHONE, password: PHONE },
        { transport: 'callFunction', openid: 'o1' },
      ),
    );
    const headers = { authorization: `Bearer ${login.token}`, 'x-wx-openid': 'o1' };
    const body = { action: 'auth.logout', data: {} };

    const ignored = await handleHttpCall(
      t.backend,
      { body, headers, clientIp: null },
      { trustOpenidHeader: false },
    );
    const trusted = await handleHttpCall(
      t.backend,
      { body, headers, clientIp: null },
      { trustOpenidHeader: true },
    );

    expect(ignored.status).toBe(401);
    expect(trusted.status).toBe(200);
  });
});
