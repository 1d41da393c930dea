/** @jest-environment node */
/**
 * The PC portal end to end, in Debian's Chromium against the real local server on a fresh data
 * folder: the secretariat imports the sample roster through the console, then one of its
 * members logs in with the initial password, is made to change it, and reads the home page.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { EXPIRING_WITHIN_DAYS } from '../../backend/domain/members/status';
import { CONTENT_SECURITY_POLICY } from '../../backend/local/http/security-headers';
import { adminLogin } from './support/console';
import {
  changePassword,
  chineseDate,
  NEW_PASSWORD,
  ONE_PIXEL_PNG,
  shanghaiToday,
} from './support/pages';
import { startPortal, type Portal } from './support/portal';

const ROOT = resolve(__dirname, '../..');
const SHARED_DATA = resolve(ROOT, '../shared/data');
const ROSTER = join(SHARED_DATA, 'roster-sample.xlsx');
const ADMIN_PASSWORD = 'E2e-console-Passw0rd';
const SCREENSHOT_PREVIEW = '/tmp/portal-import-preview.png';
const SCREENSHOT_HOME = '/tmp/portal-member-home.png';

// Used inside page callbacks, which run in the browser; the tests' tsconfig has no DOM library.
declare const getComputedStyle: (el: unknown) => { backgroundColor: string; fontFamily: string };

interface ExpectedRoster {
  memberCount: number;
  members: { row: number; name: string; phone: string; expiresOn: string | null }[];
  rowErrors: { row: number; reason: string }[];
  conflicts: { row: number; phone: string; sameAsRow: number }[];
}

const expected = JSON.parse(
  readFileSync(join(SHARED_DATA, 'roster-sample.expected.json'), 'utf8'),
) as ExpectedRoster;

// The labels the product names for each dues status (PRODUCT.md), not the portal's own table.
const STATUS_LABELS = { active: '正常', expiring: '即将到期', expired: '已过期', unknown: '未知' };

let portal: Portal | null = null;
/** Every CSP complaint any page of the test logged; the portal must cause none. */
let cspViolations: string[] = [];

// In each page before its own scripts: report a blocked resource on the console as well, in
// case the browser's own console line for it changes its wording.
const REPORT_CSP_VIOLATIONS = `document.addEventListener('securitypolicyviolation', (e) =>
  console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));`;

beforeAll(async () => {
  // The portal is built once per run (support/global-setup.ts); the data folder starts empty.
  portal = await startPortal({ seedDemo: false, adminPassword: ADMIN_PASSWORD });
});

afterAll(async () => {
  await portal?.close();
});

test('the secretariat imports the roster and a member logs in to the home page', async () => {
  const url = portal!.url;

  // 1. The admin logs in; the console is styled (a missing stylesheet would fail here). The
  // page comes with the content security policy and may not be framed.
  const admin = await newPage();
  const response = await admin.goto(`${url}/admin`);
  expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(response?.headers()['x-frame-options']).toBe('DENY');
  await admin.waitForURL(/\/admin\/login/);
  await expectStyledPrimaryButton(admin, '[data-test="admin-submit"]');
  await admin.fill('[data-test="admin-username"] input', 'admin');
  await admin.fill('[data-test="admin-password"] input', ADMIN_PASSWORD);
  await admin.click('[data-test="admin-submit"]');
  await admin.waitForURL(/\/admin\/roster$/);
  await expect(admin.textContent('[data-test="admin-role"]')).resolves.toContain('超级管理员');

  // 2. The roster goes up through the page's own file input and comes back as a preview.
  await admin.click('[data-test="menu-roster"]');
  await admin.setInputFiles('[data-test="file-input"]', ROSTER);
  await admin.waitForSelector('[data-test="roster-counts"]');
  await expect(count(admin, 'adds')).resolves.toBe(expected.memberCount);
  await expect(count(admin, 'updates')).resolves.toBe(0);
  await expect(count(admin, 'row-errors')).resolves.toBe(expected.rowErrors.length);
  await expect(count(admin, 'conflicts')).resolves.toBe(expected.conflicts.length);
  const issueRows = await admin.$$eval(
    '[data-test="roster-issue-table"] tbody tr td:first-child',
    (cells) => cells.map((cell) => Number(cell.textContent?.trim())),
  );
  const issueRowsExpected = [...expected.rowErrors, ...expected.conflicts].map((i) => i.row);
  expect(issueRows).toEqual(issueRowsExpected.sort((a, b) => a - b));
  await admin.screenshot({ path: SCREENSHOT_PREVIEW, fullPage: true });

  // 3. Commit, and the result says what was written.
  await admin.click('[data-test="roster-commit"]');
  await admin.waitForSelector('[data-test="roster-done"]', { timeout: 60_000 });
  await expect(count(admin, 'adds')).resolves.toBe(expected.memberCount);

  // 4. The member list shows them all, phones masked, none in full.
  await admin.click('[data-test="roster-to-members"]');
  await admin.waitForURL(/\/admin\/members$/);
  await admin.waitForSelector('[data-test="members-table"] tbody tr td');
  await expect(admin.textContent('[data-test="members-total"]')).resolves.toContain(
    String(expected.memberCount),
  );
  const phones = await admin.$$eval('[data-test="members-table"] tbody tr', (rows) =>
    rows.map((row) => row.querySelectorAll('td')[2]?.textContent?.trim() ?? ''),
  );
  expect(phones.length).toBeGreaterThan(0);
  for (const phone of phones) expect(phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
  const listText = (await admin.textContent('[data-test="members-table"]')) ?? '';
  for (const m of expected.members) expect(listText).not.toContain(m.phone);

  // Paging asks the server for the next page; a search by name finds that member.
  const member = expected.members.find((m) => m.expiresOn !== null)!;
  const rows = admin.locator('[data-test="members-table"] tbody tr');
  const firstRow = await rows.first().textContent();
  await admin.click('[data-test="members-table"] .t-pagination__number:has-text("2")');
  await until(async () => (await rows.first().textContent()) !== firstRow);

  await admin.fill('[data-test="members-query"] input', member.name);
  await admin.click('[data-test="members-search"]');
  const namesakes = expected.members.filter((m) => m.name.includes(member.name)).length;
  await until(async () => (await rows.count()) === namesakes);
  await expect(rows.first().textContent()).resolves.toContain(
    `${member.phone.slice(0, 3)}****${member.phone.slice(-4)}`,
  );

  // 5. A member of the roster logs in with phone/phone and must change the password first.
  const home = await newPage();
  await home.goto(`${url}/`);
  await home.waitForURL(/\/login/);
  await home.fill('[data-test="login-phone"] input', member.phone);
  await home.fill('[data-test="login-password"] input', `${member.phone}0`);
  await home.click('[data-test="login-submit"]');
  await expect(home.textContent('[data-test="login-error"]')).resolves.toContain('错误');

  await home.fill('[data-test="login-password"] input', member.phone);
  await home.click('[data-test="login-submit"]');
  await home.waitForURL(/\/first-password$/);
  await home.waitForSelector('[data-test="forced-reason"]');
  // Nothing else opens while the change is pending.
  await home.goto(`${url}/`);
  await home.waitForURL(/\/first-password$/);

  await changePassword(home, member.phone);
  await home.waitForURL((u) => new URL(u).pathname === '/');

  // 6. The home page: expiry date, status for today in China, and the first-login point.
  const expiresOn = home.locator('[data-test="expires-on"]');
  await expect(expiresOn.getAttribute('datetime')).resolves.toBe(member.expiresOn);
  await expect(expiresOn.textContent()).resolves.toContain(chineseDate(member.expiresOn!));
  const status = expectedStatus(member.expiresOn, shanghaiToday());
  await expect(home.getAttribute('[data-test="status"]', 'data-status')).resolves.toBe(status);
  await expect(home.textContent('[data-test="status"]')).resolves.toContain(STATUS_LABELS[status]);
  await expect(home.textContent('[data-test="points"]')).resolves.toBe('1');
  await expect(home.textContent('[data-test="points-year"]')).resolves.toContain(
    shanghaiToday().slice(0, 4),
  );
  await expect(home.textContent('[data-test="member-menu"]')).resolves.toMatch(
    /账号管理[\s\S]*修改密码[\s\S]*退出登录/,
  );
  await home.screenshot({ path: SCREENSHOT_HOME, fullPage: true });

  // 7. All of it ran under the content security policy without a single complaint.
  expect(cspViolations).toEqual([]);
});

test('the CSP listener sees a violation when there is one', async () => {
  // The check above is only worth something if a blocked inline script is noticed.
  const page = await newPage();
  await page.goto(`${portal!.url}/login`);
  await page.waitForSelector('[data-test="login-submit"]');
  expect(cspViolations).toEqual([]);

  await page.evaluate(`(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.head.appendChild(script);
  })()`);
  await until(async () => cspViolations.length > 0);

  expect(cspViolations.join('\n')).toMatch(/script-src/);
  await expect(page.evaluate('window.injected === true')).resolves.toBe(false);
  cspViolations = [];
});

test('the super-admin renames the society and the member login page shows it', async () => {
  const url = portal!.url;
  const renamed = { name: '四川省性学会', shortName: '省性学会' };

  // 1. The admin opens 学会信息 from the menu; the form arrives filled with the stored profile.
  const admin = await newPage();
  await adminLogin(portal!, admin, 'admin', ADMIN_PASSWORD);
  await admin.waitForURL(/\/admin\/roster$/);
  await admin.click('[data-test="menu-society"]');
  await admin.waitForURL(/\/admin\/society$/);
  const name = admin.locator('[data-test="society-name-input"] input');
  await until(async () => (await name.inputValue()) !== '');

  // 2. The backend's refusal is shown as it comes; then a plain-text name is saved.
  await name.fill('四川省<b>性</b>学会');
  await admin.click('[data-test="society-save"]');
  await expect(admin.textContent('[data-test="society-error"]')).resolves.toContain('纯文本');
  await name.fill(renamed.name);
  await admin.fill('[data-test="society-short-name-input"] input', renamed.shortName);
  await admin.click('[data-test="society-save"]');
  await admin.waitForSelector('text=学会信息已保存');
  await expect(admin.textContent('[data-test="shell-society"]')).resolves.toBe(renamed.name);

  // 3. A member opening the portal sees the new name on the login card and in the title.
  const member = await newPage();
  await member.goto(`${url}/login`);
  const card = member.locator('[data-test="society-name"]');
  await until(async () => (await card.textContent()) === renamed.name);
  await expect(member.title()).resolves.toContain(renamed.shortName);
});

test('a member keeps 基本信息 and 开票信息 up to date', async () => {
  const url = portal!.url;
  // The member of the first test, who has already made the forced password change.
  const member = expected.members.find((m) => m.expiresOn !== null)!;
  const idNumber = '11010519491231002X';
  const workUnit = '四川大学华西医院';
  const creditCode = '91350100M000100Y43';

  // 1. Log in with the new password and open 会员中心 → 基本信息 from the menu.
  const page = await newPage();
  await page.goto(`${url}/login`);
  await page.fill('[data-test="login-phone"] input', member.phone);
  await page.fill('[data-test="login-password"] input', NEW_PASSWORD);
  await page.click('[data-test="login-submit"]');
  await page.waitForURL((u) => new URL(u).pathname === '/');
  await page.click('[data-test="menu-profile"]');
  await page.waitForURL(/\/member\/profile$/);
  await expect(page.textContent('[data-test="profile-name"]')).resolves.toBe(member.name);

  // 2. 编辑: work unit, an ID number with consent, and a birth date typed into the picker.
  await page.click('[data-test="profile-edit"]');
  await page.fill('[data-test="profile-workUnit-input"] input', workUnit);
  await page.fill('[data-test="profile-id-number-input"] input', idNumber);
  await page.click('[data-test="profile-id-consent"]');
  const birthDate = page.locator('[data-test="profile-birth-date"] input');
  await birthDate.fill('1949-12-31');
  await birthDate.press('Enter');
  // The ID photo goes up first; the update then carries only its file id.
  await page.setInputFiles('[data-test="file-input"]', {
    name: 'photo.png',
    mimeType: 'image/png',
    // The smallest ID photo the upload takes.
    buffer: ONE_PIXEL_PNG,
  });
  await page.waitForSelector('[data-test="photo-uploaded"]');
  await page.click('[data-test="profile-submit"]');
  await page.waitForSelector('text=基本信息已保存');

  // 3. After a reload the stored values come back, the ID number only masked.
  await page.reload();
  const masked = page.locator('[data-test="profile-id-number"]');
  await until(async () => /^1101\*+002X$/.test(((await masked.textContent()) ?? '').trim()));
  await expect(page.textContent('[data-test="profile-workUnit"]')).resolves.toBe(workUnit);
  await expect(page.textContent('[data-test="profile-details"]')).resolves.toContain(
    '1949年12月31日',
  );
  await expect(page.textContent('[data-test="profile-photo"]')).resolves.toBe('已上传');
  await expect(page.content()).resolves.not.toContain(idNumber);

  // 4. A malformed email is refused with the backend's own sentence, shown on the field.
  await page.click('[data-test="profile-edit"]');
  await page.fill('[data-test="profile-email-input"] input', 'not-an-email');
  await page.click('[data-test="profile-submit"]');
  const emailItem = page.locator('.t-form__item', {
    has: page.locator('[data-test="profile-email-input"]'),
  });
  await until(async () => ((await emailItem.textContent()) ?? '').includes('格式不正确'));
  await expect(page.locator('[data-test="profile-error"]').count()).resolves.toBe(0);
  await page.click('[data-test="profile-cancel"]');
  await page.waitForSelector('[data-test="profile-details"]');

  // 5. 会费信息 → 开票信息 as a 单位, kept across a reload.
  await page.click('[data-test="menu-dues"]');
  await page.waitForURL(/\/member\/dues$/);
  await page.click('[data-test="invoice-edit"]');
  await page.click('[data-test="invoice-type-company"]');
  await page.fill('[data-test="invoice-title-input"] input', workUnit);
  await page.fill('[data-test="invoice-taxNumber-input"] input', creditCode);
  await page.click('[data-test="invoice-submit"]');
  await page.waitForSelector('text=开票信息已保存');
  await page.reload();
  const taxNumber = page.locator('[data-test="invoice-taxNumber"]');
  await until(async () => (await taxNumber.count()) > 0);
  await expect(taxNumber.textContent()).resolves.toBe(creditCode);
  await expect(page.textContent('[data-test="invoice-titleType"]')).resolves.toBe('单位');
  await expect(page.textContent('[data-test="invoice-title"]')).resolves.toBe(workUnit);

  // 6. 账号管理 → 账号设置: no WeChat bound yet, and the page says where binding happens.
  await page.click('[data-test="menu-account-settings"]');
  await page.waitForURL(/\/account\/settings$/);
  await expect(page.textContent('[data-test="wechat-status"]')).resolves.toContain('未绑定');
  await expect(page.locator('[data-test="wechat-unbind"]').count()).resolves.toBe(0);

  expect(cspViolations).toEqual([]);
});

/** A page in a context of its own (one per person), its CSP complaints collected. */
async function newPage(): Promise<Page> {
  const page = await portal!.newPage();
  // Added to the context before the page's first navigation, so it runs in every document.
  await page.context().addInitScript({ content: REPORT_CSP_VIOLATIONS });
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|CSP violation/i.test(text)) cspViolations.push(text);
  });
  return page;
}

/** Polls `check` until it holds, for changes a selector cannot name (a new page of rows). */
async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function count(page: Page, key: string): Promise<number> {
  return Number(await page.textContent(`[data-test="count-${key}"]`));
}

/** tdesign's primary button is coloured only when its stylesheets have loaded. */
async function expectStyledPrimaryButton(page: Page, selector: string): Promise<void> {
  const background = await page.$eval(selector, (el) => getComputedStyle(el).backgroundColor);
  expect(background).not.toBe('rgba(0, 0, 0, 0)');
  expect(background).not.toBe('transparent');
  // Our override of tdesign's font stack (which has no generic fallback) is in force too.
  const fontFamily = await page.$eval(selector, (el) => getComputedStyle(el).fontFamily);
  expect(fontFamily).toMatch(/sans-serif$/);
}

/** The dues rule: valid through the expiry date, 即将到期 within the window before it. */
function expectedStatus(expiresOn: string | null, today: string): keyof typeof STATUS_LABELS {
  if (!expiresOn) return 'unknown';
  const daysLeft =
    (Date.parse(`${expiresOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  if (daysLeft < 0) return 'expired';
  return daysLeft <= EXPIRING_WITHIN_DAYS ? 'expiring' : 'active';
}
