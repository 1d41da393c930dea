import { config } from '../../miniprogram/config';
import { ApiError } from '../../miniprogram/services/api-error';
import { callAction, setTransport } from '../../miniprogram/services/transport';
import { cloudTransport, localTransport } from '../../miniprogram/services/transports';

type RequestOptions = WechatMiniprogram.RequestOption;

/** The fake wx, typed loosely: these tests replace single functions on it. */
const fakeWx = wx as unknown as {
  request: (options: RequestOptions) => void;
  cloud: { callFunction: (options: unknown) => Promise<unknown>; init: (o: unknown) => void };
};

const DASHBOARD = {
  name: '夏慧然',
  memberNo: 'SCXH110001',
  memberType: '个人会员',
  expiresOn: '2027-12-31',
  status: 'active',
  pointsThisYear: 1,
  pointsYear: 2026,
};

function answerRequest(answer: (options: RequestOptions) => void) {
  const calls: RequestOptions[] = [];
  jest.spyOn(fakeWx, 'request').mockImplementation((options) => {
    calls.push(options);
    answer(options);
  });
  return calls;
}

describe('transports', () => {
  afterEach(() => {
    jest.restoreAllMocks();
    setTransport(null);
  });

  it('calls the api cloud function with the action, its data and the session token', async () => {
    wx.setStorageSync('session.token', 'token-1');
    const callFunction = jest
      .spyOn(fakeWx.cloud, 'callFunction')
      .mockResolvedValue({ result: { ok: true, data: DASHBOARD } });
    setTransport(cloudTransport);

    const dashboard = await callAction('member.dashboard', {});

    expect(callFunction).toHaveBeenCalledWith({
      name: 'api',
      data: { action: 'member.dashboard', data: {}, token: 'token-1' },
    });
    expect(dashboard).toEqual(DASHBOARD);
  });

  it('posts to the local server with the token as a bearer header', async () => {
    wx.setStorageSync('session.token', 'token-2');
    const calls = answerRequest((o) =>
      o.success?.({ statusCode: 200, data: { ok: true, data: DASHBOARD } } as never),
    );
    setTransport(localTransport);

    await callAction('member.dashboard', {});

    expect(calls[0]).toMatchObject({
      url: `${config.localBaseUrl}/api`,
      method: 'POST',
      data: { action: 'member.dashboard', data: {} },
      header: { authorization: 'Bearer token-2', 'x-wx-openid': expect.stringMatching(/^sim-/) },
    });
  });

  it('sends no authorization header before login', async () => {
    const calls = answerRequest((o) =>
      o.success?.({ statusCode: 200, data: { ok: true, data: { name: '学会' } } } as never),
    );
    setTransport(localTransport);

    await callAction('society.info', {});

    expect(calls[0]?.header).toEqual({ 'x-wx-openid': expect.stringMatching(/^sim-/) });
  });

  it('turns a failure envelope into an ApiError with code, message and retryAt', async () => {
    const locked = {
      ok: false,
      code: 'LOCKED',
      message: '密码错误次数过多，账号已锁定，请于12:15后再试',
      retryAt: '2026-06-15T04:15:00.000Z',
    };
    answerRequest((o) => o.success?.({ statusCode: 423, data: locked } as never));
    setTransport(localTransport);

    const failure = callAction('auth.login', { phone: '13997373133', password: 'x' });

    await expect(failure).rejects.toEqual(
      new ApiError('LOCKED', locked.message, '2026-06-15T04:15:00.000Z'),
    );
    await expect(failure).rejects.toBeInstanceOf(ApiError);
  });

  it('reports an unreachable backend as NETWORK, in Chinese', async () => {
    answerRequest((o) => o.fail?.({ errMsg: 'request:fail timeout' } as never));
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    setTransport(localTransport);

    const failure = callAction('society.info', {});

    await expect(failure).rejects.toMatchObject({
      code: 'NETWORK',
      message: '网络异常，请检查网络后重试',
    });
  });

  it('does not mistake a gateway error page for an answer', async () => {
    answerRequest((o) =>
      o.success?.({ statusCode: 502, data: '<html>Bad Gateway</html>' } as never),
    );
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    setTransport(localTransport);

    const failure = callAction('society.info', {});

    await expect(failure).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});

describe('app launch', () => {
  afterEach(() => jest.restoreAllMocks());

  /** Loads app.ts afresh with `backend` configured and runs its onLaunch. */
  async function launchWith(backend: 'cloud' | 'local') {
    let onLaunch: (() => void) | undefined;
    (globalThis as Record<string, unknown>).App = (options: { onLaunch: () => void }) => {
      onLaunch = options.onLaunch;
    };
    await jest.isolateModulesAsync(async () => {
      const fresh = await import('../../miniprogram/config');
      fresh.config.backend = backend;
      await import('../../miniprogram/app');
    });
    if (!onLaunch) throw new Error('app.ts registered no App');
    onLaunch();
  }

  it('initialises WeChat Cloud with the configured environment for backend cloud', async () => {
    const init = jest.spyOn(fakeWx.cloud, 'init');

    await launchWith('cloud');

    expect(init).toHaveBeenCalledWith({ env: config.cloudEnvId, traceUser: true });
  });

  it('leaves WeChat Cloud alone when the backend is the local server', async () => {
    const init = jest.spyOn(fakeWx.cloud, 'init');

    await launchWith('local');

    expect(init).not.toHaveBeenCalled();
  });
});
