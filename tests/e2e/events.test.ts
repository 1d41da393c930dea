/** @jest-environment node */
/**
 * 会内活动 end to end, in Chromium against the local server with the demo society, from
 * publishing to the exported attendance list: the secretariat writes an event for 2 people in
 * the console (times picked in China time, the check-in window filled in from the start and
 * end) and publishes it; a member registers in the portal (已报名, 报名参加会内活动 +3), a
 * second registers, a third finds it 名额已满; the first cancels and registers again (points
 * net 3). At the venue the console shows 签到码; the first member checks in with the code read
 * from the screen, sent as the mini-program's scan would (the portal has no camera); the
 * secretariat checks the second in by hand; 已签到 lists both, and the workbook's 签到名单 too.
 */
import { Workbook } from 'exceljs';
import type { Page } from 'playwright-core';
import {
  api,
  createStaff,
  staffAccount,
  staffLoggedIn,
  type StaffAccount,
} from './support/console';
import { download, memberFirstLogin, text } from './support/pages';
import { startPortal, type Portal } from './support/portal';

const ADMIN_PASSWORD = 'E2e-console-Passw0rd';
/** Demo members (the initial password is the phone): checks in by code. */
const FIRST = { phone: '19900000001', name: '张明', memberNo: 'DEMO0001' };
/** Checked in by hand. */
const SECOND = { phone: '19900000002', name: '李华' };
/** Finds the event full. */
const THIRD = { phone: '19900000003', name: '王芳' };
const TITLE = '2026年学术沙龙：青少年性健康教育';
const PLACE = '成都市人民南路四段1号 学术报告厅';
const SCREENSHOT_EDITOR = '/tmp/portal-events-editor.png';
const SCREENSHOT_CODE = '/tmp/portal-events-code.png';
const SCREENSHOT_MEMBER = '/tmp/portal-events-member.png';
const MINUTE = 60_000;

// Used inside page callbacks, which run in the browser; the tests' tsconfig has no DOM library.
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

test('an event from publishing to the exported attendance list', async () => {
  // The event starts in 10 minutes and lasts 3 hours; check-in opens half an hour before the
  // start (so now), registration closes an hour before the end.
  const startMs = Math.floor(Date.now() / MINUTE) * MINUTE + 10 * MINUTE;
  const times = {
    startsAt: shanghaiPicker(startMs),
    endsAt: shanghaiPicker(startMs + 180 * MINUTE),
    registrationDeadline: shanghaiPicker(startMs + 120 * MINUTE),
  };

  // 1. 活动管理: empty; 新建活动 opens the editor.
  const desk = await staffLoggedIn(portal!, secretariat);
  const deskCsp = watchCsp(desk);
  // The console's clock can be moved on, to see 签到码 refresh without waiting a minute.
  await desk.clock.install();
  await desk.reload();
  await desk.click('[data-test="menu-events"]');
  await desk.waitForURL(/\/admin\/events$/);
  await waitForText(desk, '[data-test="events-total"]', '共 0 场活动');
  await desk.click('[data-test="events-create"]');
  await desk.waitForURL(/\/admin\/events\/new$/);

  // 2. The form: a start with no end is refused on the end's picker before anything is sent.
  await desk.fill('[data-test="event-title"] input', TITLE);
  await desk.fill('[data-test="event-place"] input', PLACE);
  await desk.fill('[data-test="event-capacity"] input', '2');
  await desk.click('[data-test="event-editor"] .ql-editor');
  await desk.keyboard.type('主讲：华西医院专家。请提前到场签到。');
  await pickTime(desk, 'startsAt', times.startsAt);
  await desk.click('[data-test="event-save"]');
  await waitForText(desk, fieldTips('event-endsAt'), '请选择结束时间');

  // Picking the start and end fills the blank deadline and check-in window; the deadline is
  // then moved to an hour before the end.
  await pickTime(desk, 'endsAt', times.endsAt);
  await expect(pickerValue(desk, 'registrationDeadline')).resolves.toBe(times.startsAt);
  await expect(pickerValue(desk, 'checkinStartsAt')).resolves.toBe(
    shanghaiPicker(startMs - 30 * MINUTE),
  );
  await expect(pickerValue(desk, 'checkinEndsAt')).resolves.toBe(times.endsAt);
  await pickTime(desk, 'registrationDeadline', times.registrationDeadline);

  // 3. 保存草稿: the editor moves to the event's address; the times went out as instants.
  await desk.click('[data-test="event-save"]');
  await desk.waitForSelector('.t-message >> text=已保存');
  await desk.waitForURL(/\/admin\/events\/[0-9a-f-]{36}$/);
  const eventId = new URL(desk.url()).pathname.split('/').pop()!;
  await desk.waitForSelector('[data-test="event-edit"][data-status="draft"]');
  const draft = (await api(portal!, 'admin.events.get', { eventId }, superAdminToken)) as Record<
    string,
    unknown
  >;
  expect(draft).toMatchObject({
    title: TITLE,
    place: PLACE,
    capacity: 2,
    status: 'draft',
    startsAt: new Date(startMs).toISOString(),
    endsAt: new Date(startMs + 180 * MINUTE).toISOString(),
    registrationDeadline: new Date(startMs + 120 * MINUTE).toISOString(),
    checkinStartsAt: new Date(startMs - 30 * MINUTE).toISOString(),
    checkinEndsAt: new Date(startMs + 180 * MINUTE).toISOString(),
  });
  await expect(pickerValue(desk, 'startsAt')).resolves.toBe(times.startsAt);
  // A draft shows no code yet; a second save edits the same event (one requestId).
  await desk.waitForSelector('[data-test="event-code-open"][disabled]');
  await Promise.all([
    desk.waitForResponse((r) => (r.request().postData() ?? '').includes('admin.events.save')),
    desk.click('[data-test="event-save"]'),
  ]);
  const all = (await api(portal!, 'admin.events.list', {}, superAdminToken)) as { total: number };
  expect(all.total).toBe(1);

  // 4. 发布, through its dialog.
  await desk.click('[data-test="event-publish"]');
  await desk.click('[data-test="event-confirm-dialog"] .t-dialog__confirm');
  await desk.waitForSelector('[data-test="event-edit"][data-status="published"]');
  await desk.waitForSelector('.t-message >> text=活动已发布，会员现在可以报名');
  await waitForText(desk, '[data-test="event-stats-registered"]', '0 / 2');
  await dialogsClosed(desk);
  await desk.screenshot({ path: SCREENSHOT_EDITOR, fullPage: true });

  // 5. The first member: the list, the event, 报名 through its dialog; +3 on the home page.
  const first = await memberLoggedIn(FIRST.phone);
  const memberCsp = watchCsp(first);
  await waitForText(first, '[data-test="points"]', '1');
  await first.click('[data-test="menu-events"]');
  await first.waitForURL(/\/member\/events$/);
  await waitForText(first, '[data-test="member-event-seats"]', '0 / 2');
  await expect(text(first, '[data-test="member-event-place"]')).resolves.toBe(PLACE);
  await expect(text(first, '[data-test="member-event-mine"]')).resolves.toBe('未报名');
  await first.click('[data-test="member-event-link"]');
  await first.waitForURL(new RegExp(`/member/events/${eventId}$`));
  await expect(text(first, '[data-test="event-title"]')).resolves.toBe(TITLE);
  await expect(text(first, '[data-test="event-html"]')).resolves.toContain('华西医院专家');
  await register(first);
  await waitForText(first, '[data-test="event-seats"]', '1 / 2');
  await expect(text(first, '[data-test="event-checkin-hint"]')).resolves.toContain('小程序');
  await expectPoints(first, '4');
  // The menu's 会内活动 is lit on an event's page already; a click on it still leads back.
  await first.click('[data-test="menu-events"]');
  await first.waitForURL(/\/member\/events$/);
  await first.waitForSelector(
    '[data-test="member-event-mine"] [data-test="event-attendance"][data-state="registered"]',
  );
  await expect(text(first, '[data-test="member-event-mine"]')).resolves.toBe('已报名');

  // 6. The second registers; the third finds the event full, in the list and on the page.
  const second = await memberLoggedIn(SECOND.phone);
  await second.goto(`${portal!.url}/member/events/${eventId}`);
  await register(second);
  await waitForText(second, '[data-test="event-seats"]', '2 / 2');

  const third = await memberLoggedIn(THIRD.phone);
  await third.click('[data-test="menu-events"]');
  await waitForText(third, '[data-test="member-event-seats"]', '2 / 2');
  await waitForText(third, '[data-test="member-event-reason"]', '名额已满');
  await third.click('[data-test="member-event-link"]');
  await expect(text(third, '[data-test="event-closed-reason"]')).resolves.toBe('名额已满');
  await expect(third.locator('[data-test="event-register"]').count()).resolves.toBe(0);

  // 7. The first cancels (the points go) and registers again (they come back): net 3.
  await first.click('[data-test="member-event-link"]');
  await first.waitForSelector('[data-test="event-signup"][data-state="registered"]');
  await first.click('[data-test="event-cancel"]');
  await first.click('[data-test="event-confirm-dialog"] .t-dialog__confirm');
  await first.waitForSelector('[data-test="event-signup"][data-state="cancelled"]');
  await waitForText(first, '[data-test="event-seats"]', '1 / 2');
  await expect(memberPoints(first)).resolves.toBe(1);
  await register(first);
  await waitForText(first, '[data-test="event-seats"]', '2 / 2');
  await expect(memberPoints(first)).resolves.toBe(4);
  await dialogsClosed(first);
  await first.screenshot({ path: SCREENSHOT_MEMBER, fullPage: true });

  // 8. The console: two registered; 签到码 shows a large QR code with its countdown.
  await desk.click('[data-test="event-attendees-refresh"]');
  await waitForText(desk, '[data-test="event-stats-registered"]', '2 / 2');
  await waitForText(desk, '[data-test="event-attendees-total"]', '共 2 人');
  await desk.click('[data-test="event-code-open"]');
  const panel = desk.locator('[data-test="event-code"][data-window-open="true"]');
  await panel.waitFor();
  const code = (await panel.getAttribute('data-code')) ?? '';
  expect(code).toMatch(/^E1\./);
  const qr = desk.locator('[data-test="event-code-qr"]');
  await expect(qr.getAttribute('src')).resolves.toMatch(/^data:image\/png;base64,/);
  // Readable from the back of a hall: most of the screen's height.
  const box = await qr.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThan(400);
  await expect(text(desk, '[data-test="event-code-countdown"]')).resolves.toMatch(
    /^签到码每分钟更新，\d+ 秒后刷新$/,
  );
  await desk.screenshot({ path: SCREENSHOT_CODE });

  // A minute on, the panel fetches the next code by itself; once closed, it fetches none.
  const codeFetches = countCalls(desk, 'admin.events.checkinCode');
  await Promise.all([
    desk.waitForResponse((r) => (r.request().postData() ?? '').includes('checkinCode')),
    desk.clock.fastForward(61_000),
  ]);
  expect(codeFetches.count).toBe(1);

  // The first member's scan, as the mini-program sends it: the code and the member's session.
  const token = await first.evaluate(() => sessionStorage.getItem('portal.member.token'));
  const checkedIn = (await api(portal!, 'events.checkin', { code }, token!)) as {
    myRegistration: { checkedInAt: string | null };
  };
  expect(checkedIn.myRegistration.checkedInAt).not.toBeNull();
  await desk.click('[data-test="event-code-dialog"] .t-dialog__close');
  await desk.waitForSelector('[data-test="event-code"]', { state: 'detached' });
  await desk.clock.fastForward(180_000);
  await desk.waitForTimeout(500);
  expect(codeFetches.count).toBe(1);

  // 9. 手动签到 for the second member, confirmed; 已签到 lists both.
  await desk.click('[data-test="event-attendees-refresh"]');
  const secondRow = attendeeRow(desk, SECOND.name);
  await secondRow.locator('[data-test="event-attendee-checkin"]').click();
  await desk.click('.t-popconfirm__confirm');
  await desk.waitForSelector(`.t-message >> text=${SECOND.name} 已签到`);
  await waitForText(desk, '[data-test="event-stats-checked-in"]', '2');
  await desk.click('[data-test="event-attendees-filter-checkedIn"]');
  await waitForText(desk, '[data-test="event-attendees-total"]', '共 2 人');
  await expect(attendance(desk)).resolves.toEqual({
    [FIRST.name]: '已签到',
    [SECOND.name]: '已签到',
  });
  await expect(
    attendeeRow(desk, FIRST.name).locator('[data-test="event-attendee-checked-in"]').textContent(),
  ).resolves.toContain('扫码签到');
  await expect(
    attendeeRow(desk, SECOND.name).locator('[data-test="event-attendee-checked-in"]').textContent(),
  ).resolves.toContain('手动签到');
  await desk.click('[data-test="event-attendees-filter-cancelled"]');
  await waitForText(desk, '[data-test="event-attendees-total"]', '共 0 人');

  // The first member's page says when they checked in; 会内活动签到 +2.
  await first.reload();
  await first.waitForSelector('[data-test="event-signup"][data-state="checkedIn"]');
  await expect(text(first, '[data-test="event-my-times"]')).resolves.toMatch(/^已于 .+ 签到$/);
  await expect(first.locator('[data-test="event-cancel"]').count()).resolves.toBe(0);
  await expectPoints(first, '6');

  // 10. 导出 Excel: 签到名单 lists both, by scan and by hand.
  const workbook = await download(desk, desk.locator('[data-test="event-export"]'));
  expect(workbook.name).toBe(`${TITLE}-报名签到.xlsx`);
  const sheet = await sheetRows(workbook.bytes, '签到名单');
  expect(sheet[0]).toEqual(['姓名', '会员编号', '手机号', '签到时间', '签到方式']);
  const byName = Object.fromEntries(sheet.slice(1).map((cells) => [cells[0], cells]));
  expect(Object.keys(byName).sort()).toEqual([FIRST.name, SECOND.name].sort());
  expect(byName[FIRST.name]![1]).toBe(FIRST.memberNo);
  expect(byName[FIRST.name]![4]).toBe('本人扫码');
  expect(byName[SECOND.name]![4]).toContain(secretariat.username);

  // 11. The list shows the event published, with its figures.
  await desk.click('[data-test="event-edit-back"]');
  await desk.click('[data-test="events-tab-published"]');
  await waitForText(desk, '[data-test="events-total"]', '共 1 场活动');
  await expect(text(desk, '[data-test="events-row-registered"]')).resolves.toBe('2 / 2');
  await expect(text(desk, '[data-test="events-row-checked-in"]')).resolves.toBe('2');

  expect(deskCsp).toEqual([]);
  expect(memberCsp).toEqual([]);
});

/** A member logged in for the first time on a page of their own, on the home page. */
async function memberLoggedIn(phone: string): Promise<Page> {
  const page = await portal!.newPage();
  await page.goto(`${portal!.url}/login`);
  await memberFirstLogin(page, phone);
  return page;
}

/** 报名 on the open event, through its dialog, until the page says 已报名. */
async function register(page: Page): Promise<void> {
  await page.click('[data-test="event-register"]');
  await page.click('[data-test="event-confirm-dialog"] .t-dialog__confirm');
  await page.waitForSelector('.t-message >> text=报名成功');
  await page.waitForSelector('[data-test="event-signup"][data-state="registered"]');
}

/** The points the member's home page shows, then back to where the page was. */
async function expectPoints(page: Page, expected: string): Promise<void> {
  const back = page.url();
  await page.click('[data-test="menu-home"]');
  await page.waitForURL((u) => new URL(u).pathname === '/');
  await waitForText(page, '[data-test="points"]', expected);
  await page.goto(back);
}

/** The member's points this year, as member.dashboard answers them. */
async function memberPoints(page: Page): Promise<number> {
  const token = await page.evaluate(() => sessionStorage.getItem('portal.member.token'));
  const dashboard = (await api(portal!, 'member.dashboard', {}, token!)) as {
    pointsThisYear: number;
  };
  return dashboard.pointsThisYear;
}

/** How many calls of `action` the page sends from now on. */
function countCalls(page: Page, action: string): { count: number } {
  const calls = { count: 0 };
  page.on('request', (request) => {
    if ((request.postData() ?? '').includes(`"action":"${action}"`)) calls.count += 1;
  });
  return calls;
}

/** Until no dialog shows (their closing fades), for a screenshot of the page itself. */
async function dialogsClosed(page: Page): Promise<void> {
  await page.locator('.t-dialog__ctx >> visible=true').first().waitFor({ state: 'hidden' });
}

/** A time picker: typed, and Enter, which takes a valid time and closes the panel. */
async function pickTime(page: Page, field: string, value: string): Promise<void> {
  const input = `[data-test="event-${field}"] input`;
  await page.fill(input, value);
  await page.press(input, 'Enter');
  await page.waitForSelector('.t-date-picker__panel', { state: 'hidden' });
  await expect(page.inputValue(input)).resolves.toBe(value);
}

function pickerValue(page: Page, field: string): Promise<string> {
  return page.inputValue(`[data-test="event-${field}"] input`);
}

/** 报名名单's row of one member. */
function attendeeRow(page: Page, name: string) {
  return page.locator('[data-test="event-attendees-table"] tbody tr', { hasText: name });
}

/** 报名名单's rows once shown: each member's name and state. */
async function attendance(page: Page): Promise<Record<string, string>> {
  const rows = page.locator('[data-test="event-attendees-table"] tbody tr');
  const names = await rows.locator('[data-test="event-attendee-name"]').allTextContents();
  const states = await rows.locator('[data-test="event-attendance"]').allTextContents();
  return Object.fromEntries(names.map((name, i) => [name.trim(), (states[i] ?? '').trim()]));
}

/** An instant as the pickers take it: `YYYY-MM-DD HH:mm` in China time. */
function shanghaiPicker(ms: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** One sheet's rows as plain values (strings). */
async function sheetRows(bytes: Buffer, name: string): Promise<string[][]> {
  const book = new Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push(values.map((value) => (value === null || value === undefined ? '' : String(value))));
  });
  return rows;
}

/** The content-security-policy complaints `page` logs from now on (the browser's own lines). */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
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
