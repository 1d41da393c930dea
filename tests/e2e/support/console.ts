/**
 * The admin console in the e2e tests: its actions over HTTP, its login, the secretariat and
 * finance accounts a test creates, and 续费审核's steps. The portal is each test file's own,
 * and so are its accounts: both are passed in.
 */
import type { BrowserContextOptions, Page } from 'playwright-core';
import { changePassword, NEW_PASSWORD } from './pages';
import type { Portal } from './portal';

// Used inside page callbacks, which run in the browser; the tests' tsconfig has no DOM library.
declare const sessionStorage: { getItem(key: string): string | null };

/**
 * A console account a test file creates; `password` is the one that logs in now: the temporary
 * one until the first login changes it.
 */
export interface StaffAccount {
  username: string;
  displayName: string;
  role: 'secretariat' | 'finance';
  password: string;
}

/** The name each role's account is created with. */
const NAMES: Record<StaffAccount['role'], Pick<StaffAccount, 'username' | 'displayName'>> = {
  secretariat: { username: 'mishu', displayName: '秘书处小王' },
  finance: { username: 'caiwu', displayName: '财务小李' },
};

/** Where each role lands after logging in: its first page. */
const LANDING: Record<StaffAccount['role'], RegExp> = {
  // 名册导入
  secretariat: /\/admin\/roster$/,
  // 续费审核
  finance: /\/admin\/dues$/,
};

/** One action over HTTP, as the console would send it; throws on a refusal. */
export async function api(
  portal: Portal,
  action: string,
  data: object,
  token?: string,
): Promise<unknown> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const reply = await fetch(`${portal.url}/api`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ action, data }),
  });
  const body = (await reply.json()) as { ok: boolean; data?: unknown; message?: string };
  if (!body.ok) throw new Error(`${action}: ${body.message}`);
  return body.data;
}

/** A member action with the page's own session. */
export async function memberApi(portal: Portal, page: Page, action: string): Promise<unknown> {
  const token = await page.evaluate(() => sessionStorage.getItem('portal.member.token'));
  return api(portal, action, {}, token!);
}

/** The console's login form, until the page has left it (for the role's page, or a password). */
export async function adminLogin(
  portal: Portal,
  page: Page,
  username: string,
  password: string,
): Promise<void> {
  await page.goto(`${portal.url}/admin/login`);
  await page.fill('[data-test="admin-username"] input', username);
  await page.fill('[data-test="admin-password"] input', password);
  await page.click('[data-test="admin-submit"]');
  await page.waitForURL((u) => new URL(u).pathname !== '/admin/login');
}

/**
 * A test file's own account of `role`, not created yet: createStaff gives it its temporary
 * password, and staffLoggedIn keeps `password` current after that.
 */
export function staffAccount(role: StaffAccount['role']): StaffAccount {
  return { ...NAMES[role], role, password: '' };
}

/**
 * Creates `account` as the super-admin's 管理员账号 page would; `account.password` is then its
 * temporary password.
 */
export async function createStaff(
  portal: Portal,
  superAdminToken: string,
  account: StaffAccount,
): Promise<void> {
  const { username, displayName, role } = account;
  const created = await api(
    portal,
    'admin.accounts.create',
    { username, displayName, role },
    superAdminToken,
  );
  account.password = (created as { temporaryPassword: string }).temporaryPassword;
}

/**
 * `account` logged in on a page of its own, on its role's first page. Its first login changes
 * the temporary password to NEW_PASSWORD, and `account.password` follows for the next login.
 */
export async function staffLoggedIn(
  portal: Portal,
  account: StaffAccount,
  contextOptions: BrowserContextOptions = {},
): Promise<Page> {
  const page = await portal.newPage(contextOptions);
  await adminLogin(portal, page, account.username, account.password);
  if (new URL(page.url()).pathname === '/admin/first-password') {
    await changePassword(page, account.password);
    account.password = NEW_PASSWORD;
  }
  await page.waitForURL(LANDING[account.role]);
  return page;
}

/** 续费审核's 待审核 tab: the order's row, then its drawer. */
export async function openOrder(page: Page, orderNo: string): Promise<void> {
  await page.fill('[data-test="finance-query"] input', orderNo);
  await page.click('[data-test="finance-search"]');
  await page.click(`[data-test="finance-view-${orderNo}"]`);
  await page.waitForSelector('[data-test="order-drawer"][data-status="awaitingReview"]');
}

/** 确认到账 on the open drawer, through its dialog, until the order is confirmed. */
export async function confirmPayment(page: Page): Promise<void> {
  await page.click('[data-test="finance-confirm"]');
  await page.click('[data-test="confirm-dialog"] .t-dialog__confirm');
  await page.waitForSelector('[data-test="order-drawer"][data-status="confirmed"]');
}
