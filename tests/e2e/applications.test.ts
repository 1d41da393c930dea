/** @jest-environment node */
/**
 * 入会申请 end to end, in Chromium against the local server with the demo society: the
 * super-admin downloads the 入会申请二维码 and its address opens the form; an applicant fills it
 * in with a signed PDF; the secretariat sends it back with a reason; the applicant corrects it,
 * keeps the PDF, adds a photo and resubmits; the secretariat approves; the new member logs in
 * with phone/phone, pays the first dues through the renewal, finance confirms, and the home page
 * shows 正常 for a year less a day. Then the form's refusals before anything is sent.
 */
import type { Locator, Page } from 'playwright-core';
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
  PNG_SIGNATURE,
  shanghaiToday,
  text,
  uploadVoucher,
} from './support/pages';
import { startPortal, type Portal } from './support/portal';

const ADMIN_PASSWORD = 'E2e-console-Passw0rd';
/** Not a demo member's phone; the ID number's check digit holds, its birth date and gender (17th digit even: 女) match. */
const APPLICANT = {
  memberType: '个人会员',
  name: '陈思远',
  birthDate: '1990-01-02',
  phone: '13912345678',
  idNumber: '440305199001021227',
  workUnit: '示范市人民医院',
  department: '心内科',
  title: '主治医师',
  email: 'chensiyuan@example.com',
};
/** What the secretariat asks for, and the correction. */
const REJECT_REASON = '工作单位请填写全称';
const CORRECTED_WORK_UNIT = '示范市第一人民医院';
/** The demo's 个人会员 fee, a year. */
const FIRST_DUES = '¥300.00';
/** The applicant's signed 入会申请表. */
const SIGNED_PDF = MINIMAL_PDF;
const SCREENSHOT_QR = '/tmp/portal-applications-qr.png';
const SCREENSHOT_FORM = '/tmp/portal-applications-form.png';
const SCREENSHOT_REVIEW = '/tmp/portal-applications-review.png';
const SCREENSHOT_RESUBMIT = '/tmp/portal-applications-resubmit.png';
const SCREENSHOT_APPROVED = '/tmp/portal-applications-approved.png';
const SCREENSHOT_HOME = '/tmp/portal-applications-home.png';
const SCREENSHOT_REFUSED = '/tmp/portal-applications-refused.png';

// Used inside page callbacks, which run in the browser; the tests' tsconfig has no DOM library.
interface ElementLike {
  textContent: string | null;
  complete?: boolean;
  naturalWidth?: number;
}
declare const document: { querySelector(selector: string): ElementLike | null };

let portal: Portal | null = null;
let superAdminToken = '';
/** This file's console accounts, created in beforeAll; each first login changes the password. */
const secretariatAccount = staffAccount('secretariat');
const financeAccount = staffAccount('finance');

beforeAll(async () => {
  portal = await startPortal({ seedDemo: true, adminPassword: ADMIN_PASSWORD });
  // The secretariat and finance accounts, as the super-admin's 管理员账号 page would create them.
  const admin = await api(portal, 'admin.login', { username: 'admin', password: ADMIN_PASSWORD });
  superAdminToken = (admin as { token: string }).token;
  await createStaff(portal, superAdminToken, secretariatAccount);
  await createStaff(portal, superAdminToken, financeAccount);
});

afterAll(async () => {
  await portal?.close();
});

test('an applicant scans the code, is sent back once, is approved, pays and becomes 正常', async () => {
  // 1. 入会设置: the code of <portal>/apply, downloaded as a PNG; the next member number.
  const admin = await portal!.newPage({ acceptDownloads: true });
  await adminLogin(portal!, admin, 'admin', ADMIN_PASSWORD);
  await admin.click('[data-test="menu-applicationSettings"]');
  await admin.waitForURL(/\/admin\/application-settings$/);
  await admin.waitForFunction(() => {
    const img = document.querySelector('[data-test="apply-qr-image"]');
    return img !== null && img.complete === true && (img.naturalWidth ?? 0) > 0;
  });
  const target = await text(admin, '[data-test="apply-qr-target"]');
  expect(target).toBe(`${portal!.url}/apply`);
  const nextMemberNo = await text(admin, '[data-test="member-no-next"]');
  expect(nextMemberNo).toMatch(/^SQ\d{8}$/);
  await expect(text(admin, '[data-test="template-name"]')).resolves.toBe('入会申请表（示例）.docx');
  await admin.screenshot({ path: SCREENSHOT_QR, fullPage: true });
  const qr = await download(admin, admin.locator('[data-test="apply-qr-download"]'));
  expect(qr.name).toBe('入会申请二维码.png');
  expect(qr.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);

  // 2. The applicant's phone opens the code's address: the blank form, and its 空白申请表.
  const applicant = await portal!.newPage({ acceptDownloads: true });
  await applicant.goto(target);
  await expect(text(applicant, '[data-test="apply-page-title"]')).resolves.toBe('入会申请');
  await applicant.waitForSelector('[data-test="apply-form"]');
  await expect(text(applicant, '[data-test="apply-template-download"]')).resolves.toContain(
    '下载空白申请表',
  );
  const blank = await download(
    applicant,
    applicant.locator('[data-test="apply-template-download"]'),
  );
  expect(blank.name).toBe('入会申请表（示例）.docx');
  // A .docx is a zip.
  expect(blank.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

  // 3. The form, the signed PDF and both consents; 提交申请 gives the 申请编号.
  await fillForm(applicant);
  await pickFile(applicant, 'signed-form.pdf', 'application/pdf', SIGNED_PDF);
  await applicant.click('[data-test="apply-privacy-consent"]');
  await applicant.screenshot({ path: SCREENSHOT_FORM, fullPage: true });
  await applicant.click('[data-test="apply-submit"]');
  await applicant.waitForSelector('[data-test="apply-receipt"]');
  const code = await text(applicant, '[data-test="apply-reference-code"]');
  // 8 characters of Crockford base32 (no I, L, O or U).
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
  await expect(text(applicant, '[data-test="apply-receipt-phone"]')).resolves.toBe(APPLICANT.phone);
  await expect(text(applicant, '[data-test="apply-receipt-status"]')).resolves.toBe('审核中');
  // 查看申请进度 looks the receipt's application up at once.
  await applicant.click('[data-test="apply-to-status"]');
  await applicant.waitForSelector('[data-test="apply-status-result"][data-status="underReview"]');

  // 4. The secretariat finds it in 入会审核: the form (phone and ID masked) and the PDF; 退回.
  const secretariat = await staffLoggedIn(portal!, secretariatAccount, { acceptDownloads: true });
  await secretariat.click('[data-test="menu-applications"]');
  await secretariat.waitForURL(/\/admin\/applications$/);
  const detail = await openApplication(secretariat, code, 'underReview');
  await expect(field(secretariat, 'name')).resolves.toBe(APPLICANT.name);
  await expect(field(secretariat, 'memberType')).resolves.toBe(APPLICANT.memberType);
  await expect(field(secretariat, 'gender')).resolves.toBe('女');
  await expect(field(secretariat, 'workUnit')).resolves.toBe(APPLICANT.workUnit);
  await expect(field(secretariat, 'email')).resolves.toBe(APPLICANT.email);
  const phoneShown = await field(secretariat, 'phoneMasked');
  expect(phoneShown).not.toContain(APPLICANT.phone);
  expect(phoneShown.endsWith(APPLICANT.phone.slice(-4))).toBe(true);
  const idShown = await field(secretariat, 'idNumberMasked');
  expect(idShown).not.toContain(APPLICANT.idNumber);
  expect(idShown).toContain('*');
  const files = detail.locator('[data-test="application-file"]');
  await expect(
    files.evaluateAll((all) => all.map((f) => f.getAttribute('data-type'))),
  ).resolves.toEqual(['pdf']);
  await expect(files.first().textContent()).resolves.toContain('signed-form.pdf');
  const pdf = await download(secretariat, detail.locator('[data-test="application-file-open"]'));
  expect(pdf.name).toBe('signed-form.pdf');
  expect(pdf.bytes.equals(SIGNED_PDF)).toBe(true);
  await secretariat.screenshot({ path: SCREENSHOT_REVIEW });
  await secretariat.click('[data-test="application-reject"]');
  await secretariat.fill('[data-test="application-reject-reason"] textarea', REJECT_REASON);
  await secretariat.click('[data-test="application-reject-dialog"] .t-dialog__confirm');
  await secretariat.waitForSelector(`[data-test="application-detail"][data-status="rejected"]`);
  await expect(text(secretariat, '[data-test="application-decision-text"]')).resolves.toBe(
    `未通过，退回原因：${REJECT_REASON}`,
  );

  // 5. Later, on another visit: phone + 申请编号 show 未通过 and the reason.
  const later = await portal!.newPage();
  await later.goto(`${portal!.url}/apply/status`);
  await later.fill('[data-test="apply-status-phone"] input', APPLICANT.phone);
  await later.fill('[data-test="apply-status-code"] input', code.toLowerCase());
  await later.click('[data-test="apply-status-submit"]');
  await later.waitForSelector('[data-test="apply-status-result"][data-status="rejected"]');
  await expect(text(later, '[data-test="apply-status-tag"]')).resolves.toBe('未通过');
  await expect(text(later, '[data-test="apply-status-reference-code"]')).resolves.toBe(code);
  await expect(text(later, '[data-test="apply-status-reason"]')).resolves.toBe(REJECT_REASON);

  // 6. 修改后重新提交: the form as submitted, the PDF kept; the work unit corrected, a photo added.
  await later.click('[data-test="apply-status-resubmit"]');
  await later.waitForURL(/\/apply\/resubmit$/);
  await expect(text(later, '[data-test="apply-page-title"]')).resolves.toBe('修改入会申请');
  await expect(text(later, '[data-test="apply-resubmit-intro"]')).resolves.toContain(code);
  await expect(text(later, '[data-test="apply-rejected-reason"]')).resolves.toContain(
    REJECT_REASON,
  );
  await expect(later.inputValue('[data-test="apply-name"] input')).resolves.toBe(APPLICANT.name);
  await expect(later.inputValue('[data-test="apply-workUnit"] input')).resolves.toBe(
    APPLICANT.workUnit,
  );
  await expect(later.inputValue('[data-test="apply-birth-date"] input')).resolves.toBe(
    APPLICANT.birthDate,
  );
  await expect(later.inputValue('[data-test="apply-phone"] input')).resolves.toBe(APPLICANT.phone);
  await expect(later.isDisabled('[data-test="apply-phone"] input')).resolves.toBe(true);
  // The ID number stays stored (masked in the help) while left blank with the consent ticked.
  await expect(later.inputValue('[data-test="apply-id-number"] input')).resolves.toBe('');
  await expect(later.isChecked('[data-test="apply-id-consent"] input')).resolves.toBe(true);
  const kept = later.locator('[data-test="apply-file"]');
  await expect(kept.count()).resolves.toBe(1);
  await expect(kept.first().getAttribute('data-state')).resolves.toBe('kept');
  await expect(kept.first().locator('[data-test="apply-file-name"]').textContent()).resolves.toBe(
    'signed-form.pdf',
  );
  await later.fill('[data-test="apply-workUnit"] input', CORRECTED_WORK_UNIT);
  await pickFile(later, 'signed-form-photo.png', 'image/png', ONE_PIXEL_PNG);
  await later.click('[data-test="apply-privacy-consent"]');
  await later.screenshot({ path: SCREENSHOT_RESUBMIT, fullPage: true });
  await later.click('[data-test="apply-submit"]');
  await later.waitForSelector('[data-test="apply-receipt"]');
  await expect(text(later, '[data-test="apply-reference-code"]')).resolves.toBe(code);
  await later.click('[data-test="apply-to-status"]');
  await later.waitForSelector('[data-test="apply-status-result"][data-status="underReview"]');
  await expect(text(later, '[data-test="apply-status-tag"]')).resolves.toBe('审核中');

  // 7. The secretariat: the corrected form, both files, the earlier rejection; 通过.
  await secretariat.click('[data-test="application-drawer"] .t-drawer__close-btn');
  await secretariat.click('[data-test="applications-tab-underReview"]');
  const again = await openApplication(secretariat, code, 'underReview');
  await expect(field(secretariat, 'workUnit')).resolves.toBe(CORRECTED_WORK_UNIT);
  await expect(field(secretariat, 'idNumberMasked')).resolves.toBe(idShown);
  const both = again.locator('[data-test="application-file"]');
  await expect(
    both.evaluateAll((all) => all.map((f) => f.getAttribute('data-type'))),
  ).resolves.toEqual(['pdf', 'image']);
  await secretariat.waitForFunction(() => {
    const img = document.querySelector('[data-test="application-file-image"]');
    return img !== null && img.complete === true && img.naturalWidth === 1;
  });
  const history = again.locator('[data-test="application-history-item"]');
  await expect(history.count()).resolves.toBe(1);
  await expect(history.first().textContent()).resolves.toContain(REJECT_REASON);
  await secretariat.click('[data-test="application-approve"]');
  await secretariat.click('[data-test="application-approve-dialog"] .t-dialog__confirm');
  await secretariat.waitForSelector(`.t-message >> text=已通过，会员编号 ${nextMemberNo}`);
  await secretariat.waitForSelector('[data-test="application-detail"][data-status="approved"]');
  await expect(text(secretariat, '[data-test="application-decision-text"]')).resolves.toBe(
    `已通过，会员编号 ${nextMemberNo}`,
  );

  // 8. The status page: 已通过, the member number, how to log in; 去登录.
  await later.reload();
  await later.waitForSelector('[data-test="apply-status-result"][data-status="approved"]');
  await expect(text(later, '[data-test="apply-status-tag"]')).resolves.toBe('已通过');
  await expect(text(later, '[data-test="apply-status-member-no"]')).resolves.toBe(nextMemberNo);
  await expect(text(later, '[data-test="apply-status-login-ways"]')).resolves.toContain(
    '初始密码：同为手机号',
  );
  await later.screenshot({ path: SCREENSHOT_APPROVED, fullPage: true });
  await later.click('[data-test="apply-status-login"]');
  await later.waitForURL(/\/login$/);

  // 9. phone/phone, a new password first; home: 待缴费 and 缴纳会费, no expiry yet.
  const member = later;
  await memberFirstLogin(member, APPLICANT.phone);
  await expect(text(member, '[data-test="member-name"]')).resolves.toContain(APPLICANT.name);
  await expect(text(member, '[data-test="member-no"]')).resolves.toBe(nextMemberNo);
  await member.waitForSelector('[data-test="status"][data-status="awaitingFirstDues"]');
  await expect(text(member, '[data-test="status"]')).resolves.toBe('待缴费');
  await expect(text(member, '[data-test="expires-on"]')).resolves.toBe('缴费后生效');
  await member.waitForSelector('[data-test="home-first-dues-hint"]');
  await expect(text(member, '[data-test="home-renew"]')).resolves.toBe('缴纳会费');
  await member.screenshot({ path: SCREENSHOT_HOME, fullPage: true });

  // 10. 缴纳会费 is the renewal: a year of 个人会员 from today, 公账支付, a voucher.
  await member.click('[data-test="home-renew"]');
  await member.waitForURL(/\/member\/renew$/);
  await member.waitForSelector('[data-test="renew-form"]');
  await expect(text(member, '[data-test="renew-amount"]')).resolves.toBe(FIRST_DUES);
  const today = shanghaiToday();
  const until = yearLessADay(today);
  await expect(text(member, '[data-test="renew-period"]')).resolves.toBe(
    `${chineseDate(today)} 至 ${chineseDate(until)}`,
  );
  await member.waitForSelector('[data-test="bank-number"]');
  await member.click('[data-test="renew-submit"]');
  await member.waitForSelector('[data-test="renew-order"][data-status="awaitingPayment"]');
  const note = await text(member, '[data-test="remittance-note"]');
  expect(note).toMatch(new RegExp(`^HF\\d{10} ${APPLICANT.name}$`));
  const orderNo = note.split(' ')[0]!;
  await uploadVoucher(member, 'voucher.png');

  // 11. Finance confirms it in 续费审核; the member is 正常 until a year less a day from today.
  const finance = await staffLoggedIn(portal!, financeAccount);
  await openOrder(finance, orderNo);
  await expect(text(finance, '[data-test="drawer-amount"]')).resolves.toBe(FIRST_DUES);
  await confirmPayment(finance);

  await member.goto(`${portal!.url}/`);
  await member.waitForSelector('[data-test="status"][data-status="active"]');
  await expect(text(member, '[data-test="status"]')).resolves.toBe('正常');
  await expect(member.getAttribute('[data-test="expires-on"]', 'datetime')).resolves.toBe(until);
  await expect(text(member, '[data-test="home-renew"]')).resolves.toBe('立即续费');
  const dashboard = (await memberApi(portal!, member, 'member.dashboard')) as {
    status: string;
    expiresOn: string | null;
    memberNo: string | null;
  };
  expect(dashboard).toMatchObject({ status: 'active', expiresOn: until, memberNo: nextMemberNo });
});

test('the form sends nothing without a signed form or the privacy consent', async () => {
  const phone = '13700001111';
  const page = await portal!.newPage();
  // Every call the page makes: a refused form must not reach application.submit.
  const actions: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname !== '/api' || request.method() !== 'POST') return;
    actions.push((JSON.parse(request.postData() ?? '{}') as { action?: string }).action ?? '');
  });
  await page.goto(`${portal!.url}/apply`);
  await page.waitForSelector('[data-test="apply-form"]');
  await fillForm(page, { ...APPLICANT, name: '周可心', phone, idNumber: null });

  // Neither a file nor the consent: both fields say so.
  await page.click('[data-test="apply-submit"]');
  await expect(fieldError(page, '[data-test="apply-files"]')).resolves.toBe(
    '请上传签字的入会申请表',
  );
  await expect(fieldError(page, '[data-test="apply-privacy-consent"]')).resolves.toBe(
    '请阅读并勾选同意《隐私保护指引》',
  );
  await page.screenshot({ path: SCREENSHOT_REFUSED, fullPage: true });

  // The signed form uploaded, still no consent: only the consent's message is left.
  await pickFile(page, 'signed-form.pdf', 'application/pdf', SIGNED_PDF);
  await page.click('[data-test="apply-submit"]');
  await expect(fieldError(page, '[data-test="apply-privacy-consent"]')).resolves.toBe(
    '请阅读并勾选同意《隐私保护指引》',
  );
  await expect(
    page.locator('.t-form__item:has([data-test="apply-files"]) .t-input__extra').count(),
  ).resolves.toBe(0);
  await expect(page.locator('[data-test="apply-receipt"]').count()).resolves.toBe(0);

  // Nothing was submitted and the queue has no application of this phone.
  expect(actions).not.toContain('application.submit');
  expect(actions).toContain('application.uploadGrant');
  const listed = (await api(
    portal!,
    'admin.applications.list',
    { query: phone },
    superAdminToken,
  )) as { total: number };
  expect(listed.total).toBe(0);
});

/** The form's fields as the applicant types them; `idNumber: null` leaves it and its consent. */
async function fillForm(
  page: Page,
  applicant: Omit<typeof APPLICANT, 'idNumber'> & { idNumber: string | null } = APPLICANT,
): Promise<void> {
  await page.click(`[data-test="apply-member-type-option"][data-value="${applicant.memberType}"]`);
  await page.fill('[data-test="apply-name"] input', applicant.name);
  await page.click('[data-test="apply-gender-female"]');
  await page.fill('[data-test="apply-birth-date"] input', applicant.birthDate);
  await page.press('[data-test="apply-birth-date"] input', 'Enter');
  await page.fill('[data-test="apply-phone"] input', applicant.phone);
  if (applicant.idNumber) {
    await page.fill('[data-test="apply-id-number"] input', applicant.idNumber);
    await page.click('[data-test="apply-id-consent"]');
  }
  await page.fill('[data-test="apply-workUnit"] input', applicant.workUnit);
  await page.fill('[data-test="apply-department"] input', applicant.department);
  await page.fill('[data-test="apply-title"] input', applicant.title);
  await page.fill('[data-test="apply-email"] input', applicant.email);
}

/** One file through the picker, waited for until uploaded. */
async function pickFile(page: Page, name: string, mimeType: string, buffer: Buffer): Promise<void> {
  await page.setInputFiles('[data-test="apply-files-picker"] [data-test="file-input"]', {
    name,
    mimeType,
    buffer,
  });
  await page.waitForSelector(
    `[data-test="apply-file"][data-state="uploaded"]:has([data-test="apply-file-name"]:text-is("${name}"))`,
  );
}

/** The validation message under the form item holding `inner`. */
async function fieldError(page: Page, inner: string): Promise<string> {
  return text(page, `.t-form__item:has(${inner}) .t-input__extra`);
}

/** 入会审核: the application found by its code, its drawer open. */
async function openApplication(page: Page, code: string, status: string): Promise<Locator> {
  await page.fill('[data-test="applications-query"] input', code);
  await page.click('[data-test="applications-search"]');
  await page.waitForFunction(
    () =>
      document.querySelector('[data-test="applications-total"]')?.textContent?.trim() ===
      '共 1 份申请',
  );
  await page.click(`[data-test="applications-view-${code}"]`);
  const detail = page.locator(
    `[data-test="application-detail"][data-reference="${code}"][data-status="${status}"]`,
  );
  await detail.waitFor();
  return detail;
}

async function field(page: Page, key: string): Promise<string> {
  return text(page, `[data-test="application-field-${key}"]`);
}

/**
 * The last day of a first year of dues confirmed today: a year on, less a day (JavaScript's
 * calendar also moves 29 February to 1 March, as the renewal does).
 */
function yearLessADay(today: string): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + 1, m - 1, d - 1)).toISOString().slice(0, 10);
}
