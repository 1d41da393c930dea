/** @jest-environment node */
/**
 * 服务 end to end, in Chromium against the local server with the demo society. The secretariat
 * creates a service in 服务管理 (a one-character name refused on its field first); a member
 * finds it under 服务, applies with a PDF (a too-short text refused on its field; a double
 * click makes one application), sees 待受理 and +1 on the home page, and opens the PDF again.
 * The secretariat finds the application through the service's count, 受理 it, then 驳回 it as
 * 无效申请 with a reason; the member sees 已驳回, the reason and the point withdrawn.
 */
import type { Page } from 'playwright-core';
import {
  api,
  createStaff,
  memberApi,
  staffAccount,
  staffLoggedIn,
  type StaffAccount,
} from './support/console';
import { download, memberFirstLogin, MINIMAL_PDF, text } from './support/pages';
import { startPortal, type Portal } from './support/portal';

const ADMIN_PASSWORD = 'E2e-console-Passw0rd';
/** A demo member (the initial password is the phone). */
const MEMBER = { phone: '19900000001', name: '张明' };
const SERVICE = {
  name: '继续教育学分证明',
  description: '为会员出具参加学会学术活动的继续教育学分证明。',
  requirements: '请上传参会证明或签到表照片，并写明活动名称与日期。',
};
const APPLICATION_TEXT = '申请开具2026年度学术年会的继续教育学分证明，参会证明见附件。';
const PDF_NAME = '参会证明.pdf';
const REASON = '附件不是本人的参会证明，请核对后重新申请。';
const SCREENSHOT_CONSOLE = '/tmp/portal-services-console.png';
const SCREENSHOT_MEMBER = '/tmp/portal-services-member.png';

let portal: Portal | null = null;
let superAdminToken = '';
const secretariat: StaffAccount = staffAccount('secretariat');

beforeAll(async () => {
  portal = await startPortal({ seedDemo: true, adminPassword: ADMIN_PASSWORD });
  const admin = await api(portal, 'admin.login', { username: 'admin', password: ADMIN_PASSWORD });
  superAdminToken = (admin as { token: string }).token;
  await createStaff(portal, superAdminToken, secretariat);
});

afterAll(async () => {
  await portal?.close();
});

interface StoredApplication {
  id: string;
  serviceName: string;
  status: string;
  reply: string | null;
  invalid: boolean;
  points: number;
  attachments: { name: string; contentType: string }[];
}

test('a member applies with a PDF; an invalid rejection withdraws the point', async () => {
  // 1. 服务管理 → 服务目录: empty; 新建服务 refuses a one-character name on its field.
  const desk = await staffLoggedIn(portal!, secretariat);
  await desk.click('[data-test="menu-services"]');
  await desk.waitForURL(/\/admin\/services$/);
  await desk.waitForSelector('[data-test="service-catalogue-table"] >> text=暂无服务');
  await desk.click('[data-test="service-create"]');
  await desk.fill('[data-test="service-name"] input', '证');
  await desk.click('[data-test="service-edit-dialog"] .t-dialog__confirm');
  await waitForText(desk, fieldTips('service-name'), '服务名称应为2-50个字');

  // The service, 启用 as a new one starts: saved once, listed with no applications.
  await desk.fill('[data-test="service-name"] input', SERVICE.name);
  await desk.fill('[data-test="service-description"] textarea', SERVICE.description);
  await desk.fill('[data-test="service-requirements"] textarea', SERVICE.requirements);
  await desk.click('[data-test="service-edit-dialog"] .t-dialog__confirm');
  await desk.waitForSelector('.t-message >> text=服务已创建');
  await waitForText(desk, '[data-test="service-row-name"]', SERVICE.name);
  await desk.waitForSelector('[data-test="service-row-active"][data-active="true"]');
  const catalogue = (await api(portal!, 'admin.services.list', {}, superAdminToken)) as {
    items: { id: string; name: string; active: boolean; applications: number }[];
  };
  expect(catalogue.items).toEqual([
    expect.objectContaining({ name: SERVICE.name, active: true, applications: 0 }),
  ]);
  const serviceId = catalogue.items[0]!.id;
  await waitForText(desk, `[data-test="service-row-applications-${serviceId}"]`, '0');

  // 2. The member: first login (1 point), then 服务, where the service is on offer.
  const member = await portal!.newPage();
  await member.goto(`${portal!.url}/login`);
  await memberFirstLogin(member, MEMBER.phone);
  const before = await points(member);
  await member.click('[data-test="menu-services"]');
  await member.waitForURL(/\/member\/services$/);
  const item = `[data-test="service-item"][data-id="${serviceId}"]`;
  await waitForText(member, `${item} [data-test="service-item-name"]`, SERVICE.name);
  await expect(text(member, `${item} [data-test="service-item-requirements"]`)).resolves.toBe(
    SERVICE.requirements,
  );
  await member.waitForSelector(
    '[data-test="service-applications-table"] >> text=您还没有申请过服务',
  );

  // 申请: a text under 5 characters is refused on its field.
  await member.click(`[data-test="service-apply-${serviceId}"]`);
  await waitForText(member, '[data-test="service-form-requirements"] p', SERVICE.requirements);
  await member.fill('[data-test="service-text"] textarea', '开证明');
  await waitForText(member, '[data-test="service-text-count"]', '3/1000');
  await member.click('[data-test="service-submit"]');
  await waitForText(member, fieldTips('service-text'), '申请内容应为5-1000个字');

  // The text and a PDF; a double click on 提交申请 makes one application.
  await member.fill('[data-test="service-text"] textarea', APPLICATION_TEXT);
  await member.setInputFiles('[data-test="service-attachment-pick"] [data-test="file-input"]', {
    name: PDF_NAME,
    mimeType: 'application/pdf',
    buffer: MINIMAL_PDF,
  });
  await waitForText(member, '[data-test="service-picked-name"]', PDF_NAME);
  await member.dblclick('[data-test="service-submit"]');
  await member.waitForSelector('.t-message >> text=申请已提交，请等待秘书处受理');
  await expect(member.locator('[data-test="service-form"]').count()).resolves.toBe(0);

  // 我的申请: 待受理 and +1.
  await waitForText(member, '[data-test="service-row-name"]', SERVICE.name);
  await member.waitForSelector('[data-test="service-applications-table"] >> text=待受理');
  await waitForText(member, '[data-test="service-points"][data-state="earned"]', '+1');
  const mine = await ownApplications(member);
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({
    serviceName: SERVICE.name,
    status: 'submitted',
    invalid: false,
    points: 1,
    attachments: [{ name: PDF_NAME, contentType: 'application/pdf' }],
  });
  const applicationId = mine[0]!.id;

  // The attachment opens again from the application, through files.link.
  await member.click(`[data-test="service-open-${applicationId}"]`);
  await waitForText(member, '[data-test="service-detail-text"]', APPLICATION_TEXT);
  const file = await download(member, member.locator('[data-test="service-detail-attachment"]'));
  expect(file.name).toBe(PDF_NAME);
  expect(file.bytes.equals(MINIMAL_PDF)).toBe(true);
  await member.click('[data-test="service-detail-dialog"] .t-dialog__close');

  // The home page: +1 for 申请服务.
  await member.click('[data-test="menu-home"]');
  await member.waitForURL((u) => new URL(u).pathname === '/');
  await waitForText(member, '[data-test="points"]', String(before + 1));

  // 3. The console: the service counts one application; its count opens them in 服务申请.
  await desk.reload();
  await waitForText(desk, `[data-test="service-row-applications-${serviceId}"]`, '1');
  await desk.click(`[data-test="service-row-applications-${serviceId}"]`);
  await waitForText(desk, '[data-test="service-queue-total"]', '共 1 份申请');
  await waitForText(desk, '[data-test="service-queue-member-name"]', MEMBER.name);
  await desk.click(`[data-test="service-queue-view-${applicationId}"]`);
  const drawer = '[data-test="service-drawer-detail"]';
  await desk.waitForSelector(`${drawer}[data-status="submitted"]`);
  await expect(text(desk, '[data-test="service-drawer-text"]')).resolves.toBe(APPLICATION_TEXT);
  await expect(text(desk, '[data-test="service-drawer-member-name"]')).resolves.toBe(MEMBER.name);
  await expect(text(desk, '[data-test="service-file-name"]')).resolves.toBe(PDF_NAME);
  const seen = await download(desk, desk.locator('[data-test="service-file-open"]'));
  expect(seen.bytes.equals(MINIMAL_PDF)).toBe(true);

  // 受理 (no reply needed): the drawer and the row move on in place.
  await desk.click('[data-test="service-accept"]');
  await desk.click('[data-test="service-process-dialog"] .t-dialog__confirm');
  await desk.waitForSelector(`${drawer}[data-status="accepted"]`);
  await desk.waitForSelector(
    `[data-test="service-queue-status-${applicationId}"] [data-status="accepted"]`,
  );

  // 驳回 needs a reason; then 驳回 as 无效申请 withdraws the point.
  await desk.click('[data-test="service-reject"]');
  await desk.click('[data-test="service-process-dialog"] .t-dialog__confirm');
  await expect(text(desk, '[data-test="service-process-error"]')).resolves.toBe(
    '回复内容应为2-500个字',
  );
  await desk.fill('[data-test="service-process-reply"] textarea', REASON);
  await desk.click('[data-test="service-process-invalid"]');
  await desk.click('[data-test="service-process-dialog"] .t-dialog__confirm');
  await desk.waitForSelector(`${drawer}[data-status="rejected"]`);
  await waitForText(desk, '[data-test="service-drawer-reply"]', REASON);
  await desk.waitForSelector('[data-test="service-drawer-invalid"]');
  await desk.waitForSelector(
    `[data-test="service-queue-status-${applicationId}"] [data-status="rejected"]`,
  );
  await desk.screenshot({ path: SCREENSHOT_CONSOLE, fullPage: true });

  // 4. The member: 已驳回, the reason, the point withdrawn, on 服务 and on the home page.
  await member.click('[data-test="menu-services"]');
  await member.waitForURL(/\/member\/services$/);
  await member.waitForSelector('[data-test="service-applications-table"] >> text=已驳回');
  await waitForText(member, '[data-test="service-row-reply"]', REASON);
  await expect(text(member, '[data-test="service-points"][data-state="withdrawn"]')).resolves.toBe(
    '积分已撤回',
  );
  await member.screenshot({ path: SCREENSHOT_MEMBER, fullPage: true });
  await member.click(`[data-test="service-open-${applicationId}"]`);
  await waitForText(member, '[data-test="service-detail-reply-text"]', REASON);
  await member.waitForSelector('[data-test="service-detail-invalid"]');
  await expect(ownApplications(member)).resolves.toEqual([
    expect.objectContaining({ status: 'rejected', reply: REASON, invalid: true, points: 0 }),
  ]);
  await member.click('[data-test="service-detail-dialog"] .t-dialog__close');
  await member.click('[data-test="menu-home"]');
  await member.waitForURL((u) => new URL(u).pathname === '/');
  await waitForText(member, '[data-test="points"]', String(before));
});

/** The member's points this year, as member.dashboard answers them. */
async function points(page: Page): Promise<number> {
  const dashboard = (await memberApi(portal!, page, 'member.dashboard')) as {
    pointsThisYear: number;
  };
  return dashboard.pointsThisYear;
}

/** The member's own applications, newest first, as services.applications answers them. */
async function ownApplications(page: Page): Promise<StoredApplication[]> {
  const answer = (await memberApi(portal!, page, 'services.applications')) as {
    items: StoredApplication[];
  };
  return answer.items;
}

/** The message of the form item that holds `test`, as t-form-item shows it. */
function fieldTips(test: string): string {
  return `.t-form__item:has([data-test="${test}"]) .t-tips`;
}

/** Waits until `selector` shows exactly `expected`, then checks it. */
async function waitForText(page: Page, selector: string, expected: string): Promise<void> {
  await page.waitForSelector(`${selector}:text-is("${expected}")`);
  await expect(text(page, selector)).resolves.toBe(expected);
}
