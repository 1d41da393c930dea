/** @jest-environment node */
/**
 * 续费 end to end, in Chromium against the local server with the demo society: a current
 * member renews for two years with a 单位 invoice and uploads a voucher, finance confirms it in
 * 续费审核, the home page shows the new expiry and 2 more points, finance issues the e-receipt
 * and the member downloads it from 会费信息. Then the rejection path, and 会费设置's 元 → fen.
 */
import type { Page } from 'playwright-core';
import {
  adminLogin,
  api,
  confirmPayment,
  createStaff,
  memberApi,
  openOrder,
  staffAccount,
  staffLoggedIn,
} from './support/console';
import {
  chineseDate,
  download,
  MINIMAL_PDF,
  memberFirstLogin,
  ONE_PIXEL_PNG,
  shanghaiToday,
  text,
  uploadVoucher,
} from './support/pages';
import { startPortal, type Portal } from './support/portal';

const ADMIN_PASSWORD = 'E2e-console-Passw0rd';
/** Demo members (backend/local/seed/demo-society.json): 个人会员 400 days left; 理事 20 days. */
const CURRENT = { phone: '19900000001', name: '张明' };
const EXPIRING = { phone: '19900000002', name: '李华' };
/** 45 days lapsed: a renewal starts on the day of confirmation. */
const LAPSED = { phone: '19900000003' };
/** A valid 统一社会信用代码 (its check character holds), as tests/backend/invoice.test.ts uses. */
const CREDIT_CODE = '91350100M000100Y43';
/** The e-receipt finance issues. */
const RECEIPT_PDF = MINIMAL_PDF;
const SCREENSHOT_RENEW = '/tmp/portal-dues-renew.png';
const SCREENSHOT_QUEUE = '/tmp/portal-dues-finance.png';
const SCREENSHOT_HISTORY = '/tmp/portal-dues-history.png';
const SCREENSHOT_REJECTED = '/tmp/portal-dues-rejected.png';

// Used inside page callbacks, which run in the browser; the tests' tsconfig has no DOM library.
declare const sessionStorage: { getItem(key: string): string | null };
declare const navigator: { clipboard: { readText(): Promise<string> } };
interface ElementLike {
  textContent: string | null;
  complete?: boolean;
  naturalWidth?: number;
}
declare const document: { querySelector(selector: string): ElementLike | null };

let portal: Portal | null = null;
/** This file's finance account, created in beforeAll; its first login changes the password. */
const financeAccount = staffAccount('finance');

beforeAll(async () => {
  portal = await startPortal({ seedDemo: true, adminPassword: ADMIN_PASSWORD });
  // The finance account, as the super-admin's 管理员账号 page would create it.
  const admin = await api(portal, 'admin.login', { username: 'admin', password: ADMIN_PASSWORD });
  await createStaff(portal, (admin as { token: string }).token, financeAccount);
});

afterAll(async () => {
  await portal?.close();
});

test('a member renews for 2 years, finance confirms, and the receipt downloads', async () => {
  // 1. Home: the expiry and points before; 立即续费 opens the renewal.
  const member = await memberLoggedIn(CURRENT.phone);
  const before = await homeFigures(member);
  expect(before.expiresOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await member.click('[data-test="home-renew"]');
  await member.waitForURL(/\/member\/renew$/);

  // 2. 续费年限: 2 years re-quotes (个人会员 ¥300.00 a year) and the period follows the expiry.
  await member.waitForSelector('[data-test="renew-form"]');
  await expect(text(member, '[data-test="renew-amount"]')).resolves.toBe('¥300.00');
  await member.click('[data-test="renew-years-2"]');
  await member.waitForFunction(
    () => document.querySelector('[data-test="renew-amount"]')?.textContent?.trim() === '¥600.00',
  );
  const expected = renewedUntil(before.expiresOn, 2);
  await expect(text(member, '[data-test="renew-period"]')).resolves.toContain(
    chineseDate(expected),
  );

  // 3. 公账支付 before the order: the account and amount, the note promised for later; 复制.
  await expect(text(member, '[data-test="bank-account-name"]')).resolves.toBe('示范省医学学会');
  await expect(text(member, '[data-test="bank-number"]')).resolves.toBe('1234 5678 9012 3456 789');
  await member.waitForSelector('[data-test="remittance-later"]');
  await member.click('[data-test="bank-amount-copy"]');
  await member.waitForSelector('.t-message >> text=应缴金额已复制');
  await expect(member.evaluate(() => navigator.clipboard.readText())).resolves.toBe('600.00');

  // 4. 需要发票, 单位 with a valid credit code, saved as the member's 开票信息.
  await member.click('[data-test="renew-need-invoice"]');
  await member.click('[data-test="invoice-type-company"]');
  await member.fill('[data-test="invoice-title-input"] input', '示范市第一人民医院');
  // A wrong check character is the backend's to find: its sentence shows, no order exists.
  await member.fill('[data-test="invoice-taxNumber-input"] input', CREDIT_CODE.slice(0, -1) + '4');
  await member.click('[data-test="renew-submit"]');
  await expect(text(member, '[data-test="renew-error"]')).resolves.toBe(
    '统一社会信用代码校验位不正确，请核对',
  );
  await member.fill('[data-test="invoice-taxNumber-input"] input', CREDIT_CODE);
  await member.screenshot({ path: SCREENSHOT_RENEW, fullPage: true });

  // 5. 立即续费, tapped twice: one order, with its note carrying the order number.
  await member.dblclick('[data-test="renew-submit"]');
  await member.waitForSelector('[data-test="renew-order"][data-status="awaitingPayment"]');
  const note = await text(member, '[data-test="remittance-note"]');
  expect(note).toMatch(new RegExp(`^HF\\d{10} ${CURRENT.name}$`));
  const orderNo = note.split(' ')[0]!;
  const orders = (await memberApi(portal!, member, 'dues.orders')) as {
    items: { orderNo: string }[];
  };
  expect(orders.items.map((o) => o.orderNo)).toEqual([orderNo]);

  // 6. 上传缴费凭证: a PNG, then 已提交，等待财务确认.
  await uploadVoucher(member, 'voucher.png');
  await expect(text(member, '[data-test="renew-waiting"]')).resolves.toContain(
    '已提交，等待财务确认',
  );

  // 7. Finance: the order waits in 待审核 with the voucher shown; 确认到账.
  const finance = await staffLoggedIn(portal!, financeAccount);
  await openOrder(finance, orderNo);
  await finance.waitForFunction(() => {
    const img = document.querySelector('[data-test="voucher-image"]');
    return img !== null && img.complete === true && img.naturalWidth === 1;
  });
  await expect(text(finance, '[data-test="drawer-note"]')).resolves.toBe(note);
  await expect(text(finance, '[data-test="drawer-amount"]')).resolves.toBe('¥600.00');
  await finance.screenshot({ path: SCREENSHOT_QUEUE });
  await confirmPayment(finance);

  // 8. The member's home: the expiry two years on, 2 more points (会员续费).
  await member.goto(`${portal!.url}/`);
  const after = await homeFigures(member);
  expect(after.expiresOn).toBe(expected);
  expect(after.points).toBe(before.points + 2);

  // 9. Finance issues the invoice: its number and the e-receipt PDF.
  await finance.click('[data-test="finance-issue"]');
  await finance.fill('[data-test="issue-invoice-no"] input', 'FP20260001');
  await finance.setInputFiles('[data-test="issue-dialog"] [data-test="file-input"]', {
    name: 'receipt.pdf',
    mimeType: 'application/pdf',
    buffer: RECEIPT_PDF,
  });
  await finance.waitForSelector('[data-test="issue-file-name"]');
  await finance.click('[data-test="issue-dialog"] .t-dialog__confirm');
  await finance.waitForFunction(() =>
    document
      .querySelector('[data-test="drawer-invoice-status"]')
      ?.textContent?.includes('已开具（FP20260001）'),
  );

  // 10. 会费信息: the order confirmed with its period, and the receipt downloads as a PDF.
  await member.click('[data-test="menu-dues"]');
  const row = member.locator(`[data-test="dues-order"][data-order-no="${orderNo}"]`);
  await row.waitFor();
  await expect(row.locator('[data-test="dues-status"]').textContent()).resolves.toContain('已确认');
  await expect(row.locator('[data-test="dues-order-period"]').textContent()).resolves.toContain(
    chineseDate(expected),
  );
  await expect(row.locator('[data-test="dues-order-invoice"]').textContent()).resolves.toBe(
    '已开具（FP20260001）',
  );
  await member.screenshot({ path: SCREENSHOT_HISTORY, fullPage: true });
  const receipt = await download(member, row.locator('[data-test="dues-receipt-link"]').first());
  expect(receipt.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(receipt.name).toBe('receipt.pdf');
  const voucher = await download(member, row.locator('[data-test="dues-voucher-link"]').first());
  expect(voucher.bytes.equals(ONE_PIXEL_PNG)).toBe(true);
});

test('a rejected voucher shows the reason to the member, who uploads again', async () => {
  // 1. 1 year, no invoice, a voucher.
  const member = await memberLoggedIn(EXPIRING.phone);
  await member.goto(`${portal!.url}/member/renew`);
  await member.waitForSelector('[data-test="renew-form"]');
  await member.click('[data-test="renew-submit"]');
  await member.waitForSelector('[data-test="renew-order"][data-status="awaitingPayment"]');
  const orderNo = (await text(member, '[data-test="remittance-note"]')).split(' ')[0]!;
  await uploadVoucher(member, 'first.png');

  // 2. Finance sends it back with a reason; a one-letter reason is refused first.
  const finance = await staffLoggedIn(portal!, financeAccount);
  await openOrder(finance, orderNo);
  await expect(text(finance, '[data-test="drawer-no-invoice"]')).resolves.toBe('会员未申请发票');
  await finance.click('[data-test="finance-reject"]');
  await finance.fill('[data-test="reject-reason"] textarea', '错');
  await finance.click('[data-test="reject-dialog"] .t-dialog__confirm');
  await expect(text(finance, '[data-test="reject-error"]')).resolves.toBe(
    '退回原因需为 2–200 个字',
  );
  await finance.fill('[data-test="reject-reason"] textarea', '凭证金额与订单不符');
  await finance.click('[data-test="reject-dialog"] .t-dialog__confirm');
  await finance.waitForSelector('[data-test="order-drawer"][data-status="rejected"]');

  // 3. The member's renewal resumes the order, shows the reason, and takes a new voucher.
  await member.goto(`${portal!.url}/member/renew`);
  await member.waitForSelector('[data-test="renew-order"][data-status="rejected"]');
  await expect(text(member, '[data-test="renew-rejected"]')).resolves.toContain(
    '退回原因：凭证金额与订单不符',
  );
  await member.screenshot({ path: SCREENSHOT_REJECTED, fullPage: true });
  await uploadVoucher(member, 'second.png');

  // 4. 会费信息: waiting for review again, the rejection kept in the timeline.
  await member.click('[data-test="menu-dues"]');
  const row = member.locator(`[data-test="dues-order"][data-order-no="${orderNo}"]`);
  await row.waitFor();
  await expect(row.locator('[data-test="dues-status"]').textContent()).resolves.toContain('待审核');
  const kinds = await row
    .locator('[data-test="dues-event"]')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));
  expect(kinds).toEqual(['created', 'voucherAttached', 'rejected', 'voucherAttached']);
  await expect(row.locator('[data-kind="rejected"]').textContent()).resolves.toContain(
    '凭证金额与订单不符',
  );

  // 5. Finance's queue: no longer under 已退回, back under 待审核.
  await finance.goto(`${portal!.url}/admin/dues`);
  await finance.click('[data-test="finance-tab-rejected"]');
  await finance.waitForSelector('[data-test="finance-table"] >> text=暂无订单');
  await finance.click('[data-test="finance-tab-awaitingReview"]');
  await finance.waitForSelector(`[data-test="finance-view-${orderNo}"]`);
});

test('a lapsed member is quoted from today, and may cancel the order and start again', async () => {
  const member = await memberLoggedIn(LAPSED.phone);
  await member.goto(`${portal!.url}/member/renew`);
  await member.waitForSelector('[data-test="renew-form"]');
  const today = shanghaiToday();
  await expect(text(member, '[data-test="renew-period"]')).resolves.toMatch(
    new RegExp(`^${chineseDate(today)} 至 `),
  );

  // 取消订单 asks first; the order is then cancelled and 重新续费 opens a new renewal.
  await member.click('[data-test="renew-submit"]');
  await member.waitForSelector('[data-test="renew-order"][data-status="awaitingPayment"]');
  await member.click('[data-test="renew-cancel"]');
  await member.click('.t-popconfirm__confirm');
  await member.waitForSelector('[data-test="renew-order"][data-status="cancelled"]');
  await member.click('[data-test="renew-again"]');
  await member.waitForSelector('[data-test="renew-form"]');

  await member.click('[data-test="menu-dues"]');
  await member.waitForSelector('[data-test="dues-order"] [data-status="cancelled"]');
  await expect(text(member, '[data-test="dues-renew"]')).resolves.toBe('立即续费');
});

test('会费设置 takes 元 with up to two decimals and saves exact fen', async () => {
  const admin = await portal!.newPage();
  await adminLogin(portal!, admin, 'admin', ADMIN_PASSWORD);
  await admin.click('[data-test="menu-duesSettings"]');
  await admin.waitForSelector('[data-test="dues-settings-form"]');
  // The demo's fees, in 元.
  await expect(admin.inputValue('[data-test="fee-amount-0"] input')).resolves.toBe('300');

  // Three decimals are refused on the field, and nothing is sent.
  await admin.click('[data-test="fee-add"]');
  await admin.fill('[data-test="fee-type-3"] input', '团体会员');
  await admin.fill('[data-test="fee-amount-3"] input', '1.234');
  await admin.click('[data-test="dues-settings-save"]');
  await expect(text(admin, '.t-form__item:has([data-test="fee-amount-3"]) .t-tips')).resolves.toBe(
    '请填写金额，最多两位小数，例如 300 或 300.50',
  );

  // What only the backend checks (an account number of digits and spaces) shows its sentence.
  await admin.fill('[data-test="fee-amount-3"] input', '0.29');
  await admin.fill('[data-test="bank-accountNumber"] input', '账号待定');
  await admin.click('[data-test="dues-settings-save"]');
  await expect(text(admin, '[data-test="dues-settings-error"]')).resolves.toBe(
    '银行账号只能包含数字和空格',
  );
  await admin.fill('[data-test="bank-accountNumber"] input', '1234 5678 9012 3456 789');

  // 0.29 元 (a classic float trap) and 100.5 元 are saved as 29 and 10050 fen.
  await admin.fill('[data-test="fee-amount-3"] input', '0.29');
  await admin.fill('[data-test="default-fee"] input', '100.5');
  await admin.click('[data-test="dues-settings-save"]');
  await admin.waitForSelector('.t-message >> text=会费设置已保存');
  const token = await admin.evaluate(() => sessionStorage.getItem('portal.admin.token'));
  const saved = (await api(portal!, 'admin.dues.settings.get', {}, token!)) as {
    fees: { memberType: string; feePerYear: number }[];
    defaultFeePerYear: number | null;
  };
  expect(saved.fees).toContainEqual({ memberType: '团体会员', feePerYear: 29 });
  expect(saved.defaultFeePerYear).toBe(10050);
  await expect(admin.inputValue('[data-test="default-fee"] input')).resolves.toBe('100.50');
});

/** A demo member after the first login's forced password change, on the home page. */
async function memberLoggedIn(phone: string): Promise<Page> {
  const page = await portal!.newPage({ acceptDownloads: true });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: portal!.url,
  });
  await page.goto(`${portal!.url}/login`);
  await memberFirstLogin(page, phone);
  return page;
}

async function homeFigures(page: Page): Promise<{ expiresOn: string; points: number }> {
  await page.waitForSelector('[data-test="expires-on"]');
  const expiresOn = (await page.getAttribute('[data-test="expires-on"]', 'datetime')) ?? '';
  return { expiresOn, points: Number(await text(page, '[data-test="points"]')) };
}

/**
 * The last day of a renewal confirmed while the dues are current: from the day after the old
 * expiry, `years` on, minus one day (JavaScript's calendar also moves 29 February to 1 March).
 */
function renewedUntil(expiresOn: string, years: number): string {
  const [y, m, d] = expiresOn.split('-').map(Number) as [number, number, number];
  const from = new Date(Date.UTC(y, m - 1, d + 1));
  const end = new Date(
    Date.UTC(from.getUTCFullYear() + years, from.getUTCMonth(), from.getUTCDate() - 1),
  );
  return end.toISOString().slice(0, 10);
}
