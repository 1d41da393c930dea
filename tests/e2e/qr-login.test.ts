/** @jest-environment node */
/**
 * 扫码登录 end to end: the portal in Debian's Chromium against the local server with
 * SIMULATE_WECHAT=1, and the test playing the mini-program over HTTP (the `x-wx-openid`
 * header and the member's token), as DevTools would against this server.
 */
import type { Page } from 'playwright-core';
import { NEW_PASSWORD } from './support/pages';
import { startPortal, type Portal } from './support/portal';

/** 张明 of the demo society; the initial password is the phone number. */
const DEMO_PHONE = '19900000001';
const OPENID = 'sim-e2e-qr-login-openid';

let portal: Portal | null = null;

beforeAll(async () => {
  portal = await startPortal({
    seedDemo: true,
    adminPassword: 'E2e-console-Passw0rd',
    simulateWechat: true,
  });
});

afterAll(async () => {
  await portal?.close();
});

/** One call as the mini-program makes it against a SIMULATE_WECHAT=1 server. */
async function miniProgram(action: string, data: object, token?: string) {
  const response = await fetch(`${portal!.url}/api`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-wx-openid': OPENID,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ action, data }),
  });
  const envelope = (await response.json()) as { ok: boolean; data?: unknown; code?: string };
  if (!envelope.ok) throw new Error(`${action} failed: ${envelope.code}`);
  return envelope.data as Record<string, unknown>;
}

/** The member, in the mini-program: logs in, sets a password, binds this WeChat. */
async function boundMemberToken(): Promise<string> {
  const login = await miniProgram('auth.login', { phone: DEMO_PHONE, password: DEMO_PHONE });
  const token = login.token as string;
  await miniProgram(
    'auth.changePassword',
    { currentPassword: DEMO_PHONE, newPassword: NEW_PASSWORD },
    token,
  );
  await miniProgram('account.bindWechat', {}, token);
  return token;
}

/** The PC's login page on the 扫码登录 tab, answering the login id its code shows. */
async function showCode(page: Page): Promise<string> {
  await page.waitForSelector('[data-test="qr-image"]');
  const loginId = await page.getAttribute('[data-test="qr-image"]', 'data-login-id');
  expect(loginId).toMatch(/^[0-9A-Za-z]{22}$/);
  return loginId!;
}

test('a member scans the PC code in the mini-program, confirms, and the PC is logged in', async () => {
  const token = await boundMemberToken();
  const page = await portal!.newPage();
  // The phone's browser of step 3 opens in the same context.
  const context = page.context();

  // 1. The PC shows a code; a member who cancels it leaves the PC asking for a fresh one.
  await page.goto(`${portal!.url}/login`);
  await page.getByText('扫码登录', { exact: true }).click();
  const first = await showCode(page);
  await expect(page.textContent('[data-test="qr-hint"]')).resolves.toBe(
    '请使用学会小程序扫码，并在手机上确认登录',
  );
  await miniProgram('account.qrLogin.scan', { loginId: first }, token);
  await page.waitForSelector('[data-test="qr-login"][data-status="scanned"]');
  await expect(page.textContent('[data-test="qr-hint"]')).resolves.toBe('已扫码，请在手机上确认');
  await miniProgram('account.qrLogin.cancel', { loginId: first }, token);
  await page.waitForSelector('[data-test="qr-refresh"]');
  await expect(page.textContent('[data-test="qr-hint"]')).resolves.toBe('已在手机上取消登录');

  // 2. A fresh code, scanned and confirmed: the PC lands on the member's home page.
  await page.click('[data-test="qr-refresh"]');
  await page.waitForFunction((old) => {
    const img = document.querySelector('[data-test="qr-image"]');
    return img !== null && img.getAttribute('data-login-id') !== old;
  }, first);
  const second = await showCode(page);
  await miniProgram('account.qrLogin.scan', { loginId: second }, token);
  await miniProgram('account.qrLogin.confirm', { loginId: second }, token);
  await page.waitForSelector('[data-test="member-name"]');
  expect(new URL(page.url()).pathname).toBe('/');
  await expect(page.textContent('[data-test="member-name"]')).resolves.toContain('张明');

  // 3. The code's own address, opened on a phone's browser, only says where to scan it.
  const phone = await context.newPage();
  await phone.goto(`${portal!.url}/qr-login/${second}`);
  await expect(phone.textContent('[data-test="qr-landing"]')).resolves.toContain('扫码登录电脑端');
  await context.close();
});

// Used inside page callbacks, which run in the browser; the tests' tsconfig has no DOM library.
declare const document: {
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
};
