/** @jest-environment node */
/**
 * 积分 end to end, in Chromium against the local server with the demo society: a member's first
 * login earns 新会员登录 (1 point), which the home page and the 积分 page show with the way to
 * the threshold; the secretariat finds the member in 积分管理 and adds 5 points with a reason;
 * the member reads 6 and the reason; the super-admin lowers the threshold to 5 and the member
 * is on the 已达标 list (the birthday gift's) and reads 已达标. Then 年度名单: another member,
 * with a birthday, exactly at the threshold, is on the birthday-gift list under their month and
 * on the selection list, and 导出 Excel downloads both lists.
 */
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import {
  adminLogin,
  api,
  createStaff,
  staffAccount,
  staffLoggedIn,
  type StaffAccount,
} from './support/console';
import { download, memberFirstLogin, text } from './support/pages';
import { startPortal, type Portal } from './support/portal';

const ADMIN_PASSWORD = 'E2e-console-Passw0rd';
/** A demo member (the initial password is the phone); no birth date on the demo roster. */
const MEMBER = { phone: '19900000001', name: '张明', memberNo: 'DEMO0001', memberType: '个人会员' };
const MASKED_PHONE = '199****0001';
/** The member of 年度名单: a demo 理事, given a birthday by the test. */
const GIFTED = {
  phone: '19900000002',
  name: '李华',
  memberNo: 'DEMO0002',
  memberType: '理事',
  birthDate: '1985-03-05',
};
/** 年度名单's threshold: above anything the first test gives 张明 (6), so 李华 is alone. */
const YEARLY_THRESHOLD = 8;
const ADJUST_REASON = '参加学会义诊志愿服务';
/** The defaults of the points rules (PRODUCT.md journey 6). */
const DEFAULT_THRESHOLD = 20;
const DEFAULT_REWARD = '生日礼物，并获得年度优秀会员评选资格';
const DEFAULT_RULES = [
  ['新会员登录', 1],
  ['查看通知', 1],
  ['反馈通知', 1],
  ['查看机构动态', 1],
  ['申请服务', 1],
  ['会员续费', 2],
  ['会内活动签到', 2],
  ['报名参加会内活动', 3],
] as const;
const SCREENSHOT_MEMBER = '/tmp/portal-points-member.png';
const SCREENSHOT_CONSOLE = '/tmp/portal-points-console.png';
const SCREENSHOT_REACHED = '/tmp/portal-points-reached.png';
const SCREENSHOT_YEARLY = '/tmp/portal-points-yearly.png';

// Used inside page callbacks, which run in the browser; the tests' tsconfig has no DOM library.
declare const document: { querySelectorAll(selector: string): { length: number } };
declare const sessionStorage: { getItem(key: string): string | null };

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

test('a first login earns a point, the secretariat adds 5, a lower threshold lists the member', async () => {
  // 1. The member's first login: 1 point on the home page, whose figure opens 积分.
  const member = await portal!.newPage();
  await member.goto(`${portal!.url}/login`);
  await memberFirstLogin(member, MEMBER.phone);
  await expect(text(member, '[data-test="points"]')).resolves.toBe('1');
  const thisYear = Number(shanghaiYear());
  await expect(text(member, '[data-test="points-year"]')).resolves.toBe(`${thisYear} 年度积分`);
  await member.click('[data-test="home-points-link"]');
  await member.waitForURL(/\/member\/points$/);

  // 2. 积分: the total, 还差 19 分 with the reward, the default rules, 新会员登录 +1 in China time.
  await expect(text(member, '[data-test="points-total"]')).resolves.toBe('1');
  await expect(text(member, '[data-test="points-total-year"]')).resolves.toBe(
    `${thisYear} 年度积分`,
  );
  await expect(text(member, '[data-test="points-remaining"]')).resolves.toBe(
    `还差 ${DEFAULT_THRESHOLD - 1} 分`,
  );
  await expect(member.locator('[data-test="points-reached"]').count()).resolves.toBe(0);
  await expect(text(member, '[data-test="points-reward"]')).resolves.toBe(DEFAULT_REWARD);
  await expect(rules(member)).resolves.toEqual(
    DEFAULT_RULES.map(([label, points]) => `${label} +${points} 分`),
  );
  const first = await historyRows(member, 'points-history', 1);
  expect(first).toEqual([{ label: '新会员登录', points: '+1', reason: '—' }]);
  await expectChinaTime(member.locator('[data-test="points-history-at"]').first());
  await expect(member.locator('[data-test="menu-points"]').count()).resolves.toBe(1);
  await member.screenshot({ path: SCREENSHOT_MEMBER, fullPage: true });

  // 3. The secretariat's 积分管理: the member with 1 point, masked; nobody at the threshold yet;
  // no one of last year; the rules to read, not to change.
  const desk = await staffLoggedIn(portal!, secretariat);
  await desk.click('[data-test="menu-points"]');
  await desk.waitForURL(/\/admin\/points$/);
  await expect(text(desk, '[data-test="points-threshold"]')).resolves.toBe(
    `达标线 ${DEFAULT_THRESHOLD} 分`,
  );
  await waitForText(desk, '[data-test="points-total"]', '共 1 名会员');
  const row = memberRow(desk);
  await expect(row.locator('[data-test="points-row-total"]').textContent()).resolves.toBe('1');
  const cells = (await row.textContent()) ?? '';
  expect(cells).toContain(MEMBER.memberNo);
  expect(cells).toContain(MEMBER.memberType);
  expect(cells).toContain(MASKED_PHONE);
  expect(cells).not.toContain(MEMBER.phone);

  await desk.click('[data-test="points-tab-reached"]');
  await waitForText(desk, '[data-test="points-total"]', '共 0 名会员');
  await expect(memberRow(desk).count()).resolves.toBe(0);
  await desk.click('[data-test="points-tab-all"]');
  await waitForText(desk, '[data-test="points-total"]', '共 1 名会员');

  await chooseYear(desk, thisYear - 1);
  await waitForText(desk, '[data-test="points-total"]', '共 0 名会员');
  await chooseYear(desk, thisYear);
  await waitForText(desk, '[data-test="points-total"]', '共 1 名会员');

  await desk.waitForSelector('[data-test="points-rules-read-only"]');
  await expect(desk.locator('[data-test="points-rules-save"]').count()).resolves.toBe(0);
  await expect(desk.isDisabled('[data-test="points-rules-threshold"] input')).resolves.toBe(true);
  await expect(desk.inputValue('[data-test="points-rules-threshold"] input')).resolves.toBe(
    String(DEFAULT_THRESHOLD),
  );
  await expect(desk.inputValue('[data-test="points-rules-reward"] input')).resolves.toBe(
    DEFAULT_REWARD,
  );

  // 4. The member's drawer: 新会员登录; 调整积分 refuses 0 before sending, then adds 5 with a
  // reason and shows the new total.
  await row.locator('[data-test^="points-view-"]').click();
  await waitForText(desk, '[data-test="points-drawer-name"]', MEMBER.name);
  await expect(text(desk, '[data-test="points-drawer-total"]')).resolves.toBe('1');
  await expect(historyRows(desk, 'points-drawer-history', 1)).resolves.toEqual(first);

  await desk.click('[data-test="points-adjust"]');
  await desk.fill('[data-test="points-adjust-points"] input', '0');
  await desk.fill('[data-test="points-adjust-reason"] textarea', ADJUST_REASON);
  await desk.click('[data-test="points-adjust-dialog"] .t-dialog__confirm');
  await waitForText(
    desk,
    '.t-form__item:has([data-test="points-adjust-points"]) .t-tips',
    '请填写 -100 至 100 之间的整数，且不能为 0',
  );
  await desk.fill('[data-test="points-adjust-points"] input', '5');
  await desk.click('[data-test="points-adjust-dialog"] .t-dialog__confirm');
  await desk.waitForSelector(`.t-message >> text=已调整，${MEMBER.name}本年度积分为 6 分`);
  await waitForText(desk, '[data-test="points-drawer-total"]', '6');
  const adjusted = await historyRows(desk, 'points-drawer-history', 2);
  expect(adjusted).toEqual([
    { label: '管理员调整', points: '+5', reason: ADJUST_REASON },
    ...first,
  ]);
  await desk.screenshot({ path: SCREENSHOT_CONSOLE });
  await desk.click('[data-test="points-drawer"] .t-drawer__close-btn');
  await waitForText(desk, '[data-test="points-row-total"]', '6');

  // 5. The member reads 6, 还差 14 分, and the reason; the home page says 6 too.
  await member.reload();
  await waitForText(member, '[data-test="points-total"]', '6');
  await expect(text(member, '[data-test="points-remaining"]')).resolves.toBe(
    `还差 ${DEFAULT_THRESHOLD - 6} 分`,
  );
  await expect(historyRows(member, 'points-history', 2)).resolves.toEqual(adjusted);
  await member.click('[data-test="menu-home"]');
  await member.waitForURL((u) => new URL(u).pathname === '/');
  await expect(text(member, '[data-test="points"]')).resolves.toBe('6');

  // 6. The super-admin lowers the threshold to 5: the member is on 已达标.
  const admin = await portal!.newPage();
  await adminLogin(portal!, admin, 'admin', ADMIN_PASSWORD);
  await admin.click('[data-test="menu-points"]');
  await admin.waitForURL(/\/admin\/points$/);
  await expect(admin.locator('[data-test="points-rules-read-only"]').count()).resolves.toBe(0);
  await admin.waitForSelector('[data-test="points-rules-save"]');
  await expect(admin.inputValue('[data-test="points-rule-value-firstLogin"] input')).resolves.toBe(
    '1',
  );
  await admin.fill('[data-test="points-rules-threshold"] input', '5');
  await admin.click('[data-test="points-rules-save"]');
  await admin.waitForSelector('.t-message >> text=积分规则已保存');
  const saved = (await api(portal!, 'admin.points.rules.get', {}, superAdminToken)) as {
    threshold: number;
    reward: string;
  };
  expect(saved).toMatchObject({ threshold: 5, reward: DEFAULT_REWARD });

  await waitForText(admin, '[data-test="points-threshold"]', '达标线 5 分');
  await admin.click('[data-test="points-tab-reached"]');
  await waitForText(admin, '[data-test="points-total"]', '共 1 名会员');
  await expect(
    memberRow(admin).locator('[data-test="points-row-total"]').textContent(),
  ).resolves.toBe('6');
  await admin.screenshot({ path: SCREENSHOT_REACHED, fullPage: true });

  // 7. The member's 积分 page: 已达标, the bar full.
  await member.click('[data-test="home-points-link"]');
  await member.waitForURL(/\/member\/points$/);
  await member.waitForSelector('[data-test="points-progress"][data-reached="true"]');
  await expect(text(member, '[data-test="points-reached"]')).resolves.toBe('已达标');
  // The template's line break between the sentence and the reward reads as a space.
  await expect(text(member, '[data-test="points-reward-line"]')).resolves.toBe(
    `本年度积分已达标，可获得： ${DEFAULT_REWARD}`,
  );
  await expect(member.locator('[data-test="points-remaining"]').count()).resolves.toBe(0);
});

test('年度名单: a member at the threshold is on both lists and in the Excel export', async () => {
  // 1. 李华's first login (新会员登录, 1 point) and a birthday in 基本信息.
  const member = await portal!.newPage();
  await member.goto(`${portal!.url}/login`);
  await memberFirstLogin(member, GIFTED.phone);
  const memberToken = await member.evaluate(() => sessionStorage.getItem('portal.member.token'));
  await api(portal!, 'member.profile.update', { birthDate: GIFTED.birthDate }, memberToken!);

  // 2. The threshold at 8, and 7 points more for 李华: exactly at the threshold.
  const rules = (await api(portal!, 'admin.points.rules.get', {}, superAdminToken)) as {
    values: Record<string, number>;
    reward: string;
  };
  await api(
    portal!,
    'admin.points.rules.update',
    { values: rules.values, threshold: YEARLY_THRESHOLD, reward: DEFAULT_REWARD },
    superAdminToken,
  );
  const found = (await api(
    portal!,
    'admin.members.list',
    { query: GIFTED.phone },
    superAdminToken,
  )) as { items: { id: string }[] };
  await api(
    portal!,
    'admin.points.adjust',
    {
      memberId: found.items[0]!.id,
      points: YEARLY_THRESHOLD - 1,
      reason: '学术年会志愿服务',
      requestId: 'e2e-yearly-adjust-0001',
    },
    superAdminToken,
  );

  // 3. The secretariat's 年度名单 opens on this year: 李华 alone, under 3 月, ranked first.
  const thisYear = Number(shanghaiYear());
  const desk = await staffLoggedIn(portal!, secretariat);
  await desk.click('[data-test="menu-points"]');
  await desk.waitForURL(/\/admin\/points$/);
  await waitForText(desk, '[data-test="points-yearly-gift-count"]', '共 1 人');
  await expect(text(desk, '[data-test="points-yearly-eligible-count"]')).resolves.toBe('共 1 人');
  await expect(text(desk, '[data-test="points-yearly-intro"]')).resolves.toContain(
    `当年积分达到 ${YEARLY_THRESHOLD} 分的会员可获得：${DEFAULT_REWARD}`,
  );
  const gift = yearlyRow(desk, 'gift');
  await expect(gift.locator('[data-test="points-yearly-month"]').textContent()).resolves.toBe(
    '3 月（1 人）',
  );
  const giftCells = (await gift.textContent()) ?? '';
  for (const cell of [GIFTED.memberNo, GIFTED.memberType, '199****0002', '3月5日']) {
    expect(giftCells).toContain(cell);
  }
  expect(giftCells).not.toContain(GIFTED.phone);
  const eligible = yearlyRow(desk, 'eligible');
  await expect(eligible.locator('[data-test="points-yearly-rank"]').textContent()).resolves.toBe(
    '1',
  );
  await expect(
    eligible.locator('[data-test="points-yearly-eligible-total"]').textContent(),
  ).resolves.toBe(String(YEARLY_THRESHOLD));
  await desk.screenshot({ path: SCREENSHOT_YEARLY, fullPage: true });

  // 4. 导出 Excel: both sheets, 李华's row in each.
  const workbook = await download(desk, desk.locator('[data-test="points-yearly-export"]'));
  expect(workbook.name).toBe(`${thisYear}年度积分达标名单.xlsx`);
  const sheets = await sheetRows(workbook.bytes);
  expect(sheets).toEqual({
    生日礼物: [
      ['姓名', '会员编号', '会员类型', '手机号', '生日', '年度积分'],
      [GIFTED.name, GIFTED.memberNo, GIFTED.memberType, '199****0002', '3月5日', YEARLY_THRESHOLD],
    ],
    评选资格: [
      ['排名', '姓名', '会员编号', '会员类型', '手机号', '年度积分'],
      [1, GIFTED.name, GIFTED.memberNo, GIFTED.memberType, '199****0002', YEARLY_THRESHOLD],
    ],
  });

  // 5. Last year: nobody.
  await desk.click('[data-test="points-yearly-year"]');
  await desk.click(`.t-select-option:has-text("${thisYear - 1} 年")`);
  await waitForText(desk, '[data-test="points-yearly-gift-count"]', '共 0 人');
  await expect(text(desk, '[data-test="points-yearly-eligible-count"]')).resolves.toBe('共 0 人');
});

/** 李华's row in one of 年度名单's tables. */
function yearlyRow(page: Page, list: 'gift' | 'eligible'): Locator {
  return page.locator(`[data-test="points-yearly-${list}-table"] tbody tr`, {
    has: page.locator(`[data-test="points-yearly-${list}-name"]:text-is("${GIFTED.name}")`),
  });
}

/** Every sheet of a workbook by name, each as rows of cell values (no leading empty cell). */
async function sheetRows(bytes: Buffer): Promise<Record<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return Object.fromEntries(
    workbook.worksheets.map((sheet) => [
      sheet.name,
      (sheet.getSheetValues().slice(1) as unknown[][]).map((row) => row.slice(1)),
    ]),
  );
}

/** The member's row in 积分管理's table (none when not listed). */
function memberRow(page: Page): Locator {
  return page.locator('[data-test="points-table"] tbody tr', {
    has: page.locator(`[data-test="points-row-name"]:text-is("${MEMBER.name}")`),
  });
}

/** 年度: opens the select and picks `year`. */
async function chooseYear(page: Page, year: number): Promise<void> {
  await page.click('[data-test="points-year"]');
  await page.click(`.t-select-option:has-text("${year} 年")`);
}

/** The rules on the member's 积分 page, as `label +N 分`. */
async function rules(page: Page): Promise<string[]> {
  await page.waitForSelector('[data-test="points-rule"]');
  const items = page.locator('[data-test="points-rule"]');
  const labels = await items.locator('[data-test="points-rule-label"]').allTextContents();
  const points = await items.locator('[data-test="points-rule-points"]').allTextContents();
  return labels.map((label, index) => `${label.trim()} ${(points[index] ?? '').trim()}`);
}

/** A history table's rows once it shows `count` of them, newest first. */
async function historyRows(
  page: Page,
  test: string,
  count: number,
): Promise<{ label: string; points: string; reason: string }[]> {
  await page.waitForFunction(
    ([selector, rows]) => document.querySelectorAll(selector).length === rows,
    [`[data-test="${test}-label"]`, count] as const,
  );
  const read = async (what: string) =>
    (await page.locator(`[data-test="${test}-${what}"]`).allTextContents()).map((s) => s.trim());
  const [label, points, reason] = await Promise.all([
    read('label'),
    read('points'),
    read('reason'),
  ]);
  return label.map((_, i) => ({ label: label[i]!, points: points[i]!, reason: reason[i]! }));
}

/** An entry's time reads as China time: the same instant as its `datetime`, in Asia/Shanghai. */
async function expectChinaTime(time: Locator): Promise<void> {
  const at = new Date((await time.getAttribute('datetime')) ?? '');
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('zh-CN', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const expected = `${parts.year}年${Number(parts.month)}月${Number(parts.day)}日 ${parts.hour}:${parts.minute}`;
  await expect(time.textContent().then((s) => (s ?? '').trim())).resolves.toBe(expected);
}

/** Waits until `selector` shows exactly `expected`, then checks it. */
async function waitForText(page: Page, selector: string, expected: string): Promise<void> {
  await page.waitForSelector(`${selector}:text-is("${expected}")`);
  await expect(text(page, selector)).resolves.toBe(expected);
}

/** This year in China, whatever this machine's zone. */
function shanghaiYear(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
    new Date(),
  );
}
