/** @jest-environment node */
/**
 * 通知 end to end, in Chromium against the local server with the demo society: the secretariat
 * writes a notice in the console (its refusals on their fields first; then rich text typed into
 * Quill with a bold word and a list, a 参加/不参加 choice with a deadline in China time, a PDF),
 * saves and publishes it; a member sees 1 unread on the home page, opens the notice (the bold
 * word, the PDF's download), replies 参加 and changes it to 不参加, earning 查看通知 and 反馈通知
 * once each; the secretariat sees the reader and the reply, a second reader who did not reply,
 * exports the workbook and withdraws the notice. Then a notice whose HTML carries a script and
 * event handlers runs nothing, and one past its deadline shows the reply read-only.
 */
import { Workbook } from 'exceljs';
import type { Page } from 'playwright-core';
import {
  api,
  createStaff,
  memberApi,
  staffAccount,
  staffLoggedIn,
  type StaffAccount,
} from './support/console';
import { download, MINIMAL_PDF, memberFirstLogin, text } from './support/pages';
import { startPortal, type Portal } from './support/portal';

const ADMIN_PASSWORD = 'E2e-console-Passw0rd';
/** Demo members (the initial password is the phone). */
const MEMBER = { phone: '19900000001', name: '张明', memberNo: 'DEMO0001' };
/** Opens the notice and does not reply. */
const READER = { phone: '19900000004', name: '赵强', memberNo: 'DEMO0004' };
/** Opens a notice past its deadline. */
const LATE_MEMBER = { phone: '19900000003', name: '王芳' };
/** Opens the notice with the script. */
const SECOND_MEMBER = { phone: '19900000002', name: '李华' };
const TITLE = '关于召开2026年学术年会的通知';
const BOLD = '务必携带会员证';
const ATTACHMENT = '年会日程.pdf';
/** The bytes every .xlsx (a zip) starts with. */
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const SCREENSHOT_EDITOR = '/tmp/portal-notices-editor.png';
const SCREENSHOT_MEMBER = '/tmp/portal-notices-member.png';
const SCREENSHOT_STATS = '/tmp/portal-notices-stats.png';

// Used inside page callbacks, which run in the browser; the tests' tsconfig has no DOM library.
declare const window: Record<string, unknown>;
declare const document: {
  querySelector(selector: string): { innerHTML: string } | null;
  querySelectorAll(selector: string): { length: number };
};

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

test('the secretariat publishes a notice; a member reads and answers it; the console counts it', async () => {
  // 1. 通知管理: empty; 新建通知 opens the editor.
  const desk = await staffLoggedIn(portal!, secretariat);
  const cspViolations = watchCsp(desk);
  await desk.click('[data-test="menu-notices"]');
  await desk.waitForURL(/\/admin\/notices$/);
  await waitForText(desk, '[data-test="notices-total"]', '共 0 条通知');
  await desk.click('[data-test="notices-create"]');
  await desk.waitForURL(/\/admin\/notices\/new$/);

  // 2. The backend's refusals show on their fields: a one-character title, then no text.
  await desk.fill('[data-test="notice-title"] input', '通');
  await desk.click('[data-test="notice-save"]');
  await waitForText(desk, fieldTips('notice-title'), '标题应为2-100个字');
  await desk.fill('[data-test="notice-title"] input', TITLE);
  await desk.click('[data-test="notice-save"]');
  await waitForText(desk, fieldTips('notice-editor'), '请填写正文');
  await expect(desk.locator(fieldTips('notice-title')).count()).resolves.toBe(0);
  const none = (await api(portal!, 'admin.notices.list', {}, superAdminToken)) as { total: number };
  expect(none.total).toBe(0);

  // Then the text typed into Quill with a bold word from the toolbar and a list, a choice of
  // the two default options with a deadline in China time, and a PDF.
  await desk.click('[data-test="notice-editor"] .ql-editor');
  await desk.keyboard.type('请各位会员准时参加 Annual Meeting，');
  await desk.click('[data-test="notice-editor"] .ql-bold');
  await desk.keyboard.type(BOLD);
  await desk.click('[data-test="notice-editor"] .ql-bold');
  await desk.keyboard.type('。');
  await desk.keyboard.press('Enter');
  await desk.click('[data-test="notice-editor"] .ql-list[value="bullet"]');
  await desk.keyboard.type('会员证');
  await desk.keyboard.press('Enter');
  await desk.keyboard.type('身份证');

  await desk.click('[data-test="notice-reply-kind-choice"]');
  await expect(desk.inputValue('[data-test="notice-option-0"] input')).resolves.toBe('参加');
  await expect(desk.inputValue('[data-test="notice-option-1"] input')).resolves.toBe('不参加');
  const deadlineYear = Number(shanghaiYear()) + 1;
  const deadline = `${deadlineYear}-06-30 18:00`;
  await pickDeadline(desk, deadline);

  await desk.setInputFiles('[data-test="notice-attachment-pick"] [data-test="file-input"]', {
    name: ATTACHMENT,
    mimeType: 'application/pdf',
    buffer: MINIMAL_PDF,
  });
  await waitForText(desk, '[data-test="notice-attachment-name"]', ATTACHMENT);

  // 3. 保存草稿: the editor moves to the notice's address and shows the stored text.
  await desk.click('[data-test="notice-save"]');
  await desk.waitForSelector('.t-message >> text=已保存');
  await desk.waitForURL(/\/admin\/notices\/[0-9a-f-]{36}$/);
  const noticeId = new URL(desk.url()).pathname.split('/').pop()!;
  await desk.waitForSelector('[data-test="notice-edit"][data-status="draft"]');
  await waitForText(desk, '[data-test="notice-preview"] strong', BOLD);
  const draft = (await api(portal!, 'admin.notices.get', { noticeId }, superAdminToken)) as {
    title: string;
    html: string;
    status: string;
    attachments: { name: string; contentType: string }[];
    reply: { kind: string; options: string[]; deadline: string | null };
  };
  expect(draft).toMatchObject({
    title: TITLE,
    status: 'draft',
    attachments: [{ name: ATTACHMENT, contentType: 'application/pdf' }],
    reply: {
      kind: 'choice',
      options: ['参加', '不参加'],
      deadline: new Date(`${deadlineYear}-06-30T18:00:00+08:00`).toISOString(),
    },
  });
  // Quill's semantic HTML: a real <ul>, plain spaces, nothing the backend had to drop.
  expect(draft.html).toBe(
    `<p>请各位会员准时参加 Annual Meeting，<strong>${BOLD}</strong>。</p>` +
      '<ul><li>会员证</li><li>身份证</li></ul>',
  );
  await expect(desk.inputValue('[data-test="notice-deadline"] input')).resolves.toBe(deadline);
  await desk.screenshot({ path: SCREENSHOT_EDITOR, fullPage: true });

  // A second save edits the same notice: one requestId per opening of the editor.
  await Promise.all([
    desk.waitForResponse((r) => (r.request().postData() ?? '').includes('admin.notices.save')),
    desk.click('[data-test="notice-save"]'),
  ]);
  const all = (await api(portal!, 'admin.notices.list', {}, superAdminToken)) as {
    total: number;
  };
  expect(all.total).toBe(1);

  // 4. 发布, through its dialog: the figures of a published notice appear.
  await desk.click('[data-test="notice-publish"]');
  await desk.click('[data-test="notice-confirm-dialog"] .t-dialog__confirm');
  await desk.waitForSelector('[data-test="notice-edit"][data-status="published"]');
  await waitForText(desk, '[data-test="notice-stats-readers"]', '0');
  await expect(desk.locator('[data-test="notice-publish"]').count()).resolves.toBe(0);
  await desk.waitForSelector('[data-test="notice-withdraw"]');

  // 5. The member's home: 1 point (the first login) and 1 unread notice, which opens 通知.
  const member = await portal!.newPage();
  const memberCsp = watchCsp(member);
  await member.goto(`${portal!.url}/login`);
  await memberFirstLogin(member, MEMBER.phone);
  await waitForText(member, '[data-test="points"]', '1');
  await waitForText(member, '[data-test="home-notices-unread"]', '1');
  await member.click('[data-test="home-notices-link"]');
  await member.waitForURL(/\/member\/notices$/);
  await waitForText(member, '[data-test="notices-unread"]', '1 条未读');
  const row = member.locator('[data-test="member-notices-table"] tbody tr').first();
  await expect(row.locator('[data-test="member-notice-unread"]').count()).resolves.toBe(1);
  await expect(text(member, '[data-test="member-notice-reply"]')).resolves.toContain('待反馈');

  // 6. The notice: its title, the bold word as bold, the PDF as a download.
  await row.locator('[data-test="member-notice-link"]').click();
  await member.waitForURL(new RegExp(`/member/notices/${noticeId}$`));
  await expect(text(member, '[data-test="notice-title"]')).resolves.toBe(TITLE);
  await waitForText(member, '[data-test="notice-html"] strong', BOLD);
  const pdf = await download(member, member.locator('[data-test="notice-attachment-link"]'));
  expect(pdf.name).toBe(ATTACHMENT);
  expect(pdf.bytes.equals(MINIMAL_PDF)).toBe(true);
  await expect(points(member)).resolves.toBe(2);

  // 7. 参加, then 修改反馈 to 不参加: 反馈通知 once.
  await expect(text(member, '[data-test="notice-reply-submit"]')).resolves.toBe('提交反馈');
  await member.click('[data-test="notice-reply-option"][data-value="参加"]');
  await member.click('[data-test="notice-reply-submit"]');
  await member.waitForSelector('.t-message >> text=反馈已提交');
  await waitForText(member, '[data-test="notice-my-reply-value"]', '参加');
  await expect(points(member)).resolves.toBe(3);
  await expect(text(member, '[data-test="notice-reply-submit"]')).resolves.toBe('修改反馈');
  await member.click('[data-test="notice-reply-option"][data-value="不参加"]');
  await member.click('[data-test="notice-reply-submit"]');
  await member.waitForSelector('.t-message >> text=反馈已修改');
  await waitForText(member, '[data-test="notice-my-reply-value"]', '不参加');
  await member.screenshot({ path: SCREENSHOT_MEMBER, fullPage: true });

  // Opened again: no second 查看通知; the home page says 3 points and nothing unread.
  await member.reload();
  await waitForText(member, '[data-test="notice-my-reply-value"]', '不参加');
  await member.click('[data-test="menu-home"]');
  await member.waitForURL((u) => new URL(u).pathname === '/');
  await waitForText(member, '[data-test="points"]', '3');
  await waitForText(member, '[data-test="home-notices-unread"]', '0');
  await expect(points(member)).resolves.toBe(3);

  // 8. The console: one reader, one reply, 不参加 1; the reader's row; the same with 仅看已反馈.
  await desk.click('[data-test="notice-stats-refresh"]');
  await waitForText(desk, '[data-test="notice-stats-readers"]', '1');
  await waitForText(desk, '[data-test="notice-stats-replies"]', '1');
  await expect(choiceCount(desk, '参加')).resolves.toBe('0');
  await expect(choiceCount(desk, '不参加')).resolves.toBe('1');
  await waitForText(desk, '[data-test="notice-reader-name"]', MEMBER.name);
  await expect(text(desk, '[data-test="notice-reader-reply"]')).resolves.toBe('不参加');

  // Another member opens it without replying: two readers, and 仅看已反馈 leaves the one reply.
  const reader = await portal!.newPage();
  await reader.goto(`${portal!.url}/login`);
  await memberFirstLogin(reader, READER.phone);
  await reader.goto(`${portal!.url}/member/notices/${noticeId}`);
  await waitForText(reader, '[data-test="notice-html"] strong', BOLD);
  await desk.click('[data-test="notice-stats-refresh"]');
  await waitForText(desk, '[data-test="notice-stats-readers"]', '2');
  await waitForText(desk, '[data-test="notice-readers-total"]', '共 2 人');
  await expect(readerReplies(desk)).resolves.toEqual({
    [READER.name]: '未反馈',
    [MEMBER.name]: '不参加',
  });
  await desk.click('[data-test="notice-readers-replied-only"]');
  await desk.waitForSelector('[data-test="notice-readers-replied-only"].t-is-checked');
  await waitForText(desk, '[data-test="notice-readers-total"]', '共 1 人');
  await expect(readerReplies(desk)).resolves.toEqual({ [MEMBER.name]: '不参加' });
  await expect(text(desk, '[data-test="notice-stats-replies"]')).resolves.toBe('1');
  await desk.screenshot({ path: SCREENSHOT_STATS, fullPage: true });

  // 9. 导出 Excel: the notice's workbook, with the member's reply.
  const workbook = await download(desk, desk.locator('[data-test="notice-export"]'));
  expect(workbook.name).toBe(`${TITLE}-反馈.xlsx`);
  expect(workbook.bytes.subarray(0, 4).equals(ZIP_SIGNATURE)).toBe(true);
  const sheet = await firstSheetRows(workbook.bytes);
  expect(sheet[0]).toEqual(['姓名', '会员编号', '手机号', '阅读时间', '反馈', '反馈时间']);
  // Oldest reading first; the reader who did not reply has an empty 反馈.
  expect(sheet.slice(1).map((cells) => [cells[0], cells[1], cells[4] ?? ''])).toEqual([
    [MEMBER.name, MEMBER.memberNo, '不参加'],
    [READER.name, READER.memberNo, ''],
  ]);

  // 10. The list shows it published, with its figures.
  await desk.click('[data-test="notice-back"]');
  await desk.waitForURL(/\/admin\/notices$/);
  await desk.click('[data-test="notices-tab-published"]');
  await waitForText(desk, '[data-test="notices-total"]', '共 1 条通知');
  await expect(text(desk, '[data-test="notices-row-title"]')).resolves.toBe(TITLE);
  await expect(text(desk, '[data-test="notices-row-readers"]')).resolves.toBe('2');
  await expect(text(desk, '[data-test="notices-row-replies"]')).resolves.toBe('1');
  await desk.click('[data-test="notices-tab-draft"]');
  await waitForText(desk, '[data-test="notices-total"]', '共 0 条通知');

  // 11. 撤回: members no longer see it; the points they earned stay.
  await desk.click('[data-test="notices-tab-published"]');
  await desk.click(`[data-test="notices-edit-${noticeId}"]`);
  await desk.waitForSelector('[data-test="notice-edit"][data-status="published"]');
  await desk.click('[data-test="notice-withdraw"]');
  await desk.click('[data-test="notice-confirm-dialog"] .t-dialog__confirm');
  await desk.waitForSelector('[data-test="notice-edit"][data-status="withdrawn"]');
  await desk.waitForSelector('.t-message >> text=通知已撤回，会员不再看到');
  await member.click('[data-test="menu-notices"]');
  await member.waitForURL(/\/member\/notices$/);
  await waitForText(member, '[data-test="notices-unread"]', '全部已读');
  await member.waitForSelector('[data-test="member-notices-table"] >> text=暂无通知');
  await expect(points(member)).resolves.toBe(3);

  // The editor, the rendered text and the downloads ran under the content security policy.
  expect(cspViolations).toEqual([]);
  expect(memberCsp).toEqual([]);
});

test('a notice whose HTML carries a script and event handlers runs nothing for the member', async () => {
  // Saved through the API as a client that skips the editor would: the backend cleans it.
  const html =
    '<p>请查收<strong>安全</strong>提示。</p>' +
    '<script>window.__noticeScriptRan = true; alert("script")</script>' +
    '<img src="x" onerror="window.__noticeScriptRan = true; alert(\'img\')">' +
    `<img src="${portal!.url}/missing.png" onerror="window.__noticeScriptRan = true">` +
    '<p onclick="window.__noticeScriptRan = true">点击</p>' +
    '<a href="javascript:window.__noticeScriptRan = true">链接</a>';
  const saved = (await api(
    portal!,
    'admin.notices.save',
    {
      title: '安全提示',
      html,
      attachmentFileIds: [],
      reply: { kind: 'none', options: [], deadline: null },
      requestId: 'e2e-notice-script',
    },
    superAdminToken,
  )) as { id: string };
  await api(portal!, 'admin.notices.publish', { noticeId: saved.id }, superAdminToken);

  const member = await portal!.newPage();
  const dialogs: string[] = [];
  member.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await member.goto(`${portal!.url}/login`);
  await memberFirstLogin(member, SECOND_MEMBER.phone);
  await member.goto(`${portal!.url}/member/notices/${saved.id}`);
  await waitForText(member, '[data-test="notice-html"] strong', '安全');
  await member.click('[data-test="notice-html"] p:has-text("点击")');
  await member.click('[data-test="notice-html"] a:has-text("链接")');

  // What the page holds is the cleaned text: no script, no handler, no javascript: link.
  const rendered = await member.evaluate(
    () => document.querySelector('[data-test="notice-html"]')!.innerHTML,
  );
  expect(rendered).not.toMatch(/<script|onerror|onclick|javascript:/i);
  // Pictures are not kept in rich text at all (one from another site would learn who read).
  await expect(
    member.evaluate(() => document.querySelectorAll('[data-test="notice-html"] img').length),
  ).resolves.toBe(0);
  await expect(member.evaluate(() => window.__noticeScriptRan)).resolves.toBeUndefined();
  expect(dialogs).toEqual([]);
  // No reply is asked of it: no form.
  await expect(member.locator('[data-test="notice-reply"]').count()).resolves.toBe(0);
});

test('past its deadline a notice shows the reply read-only', async () => {
  const notice = (deadline: string, requestId: string, noticeId?: string) => ({
    ...(noticeId ? { noticeId } : {}),
    title: '会员信息核对',
    html: '<p>请核对会员信息。</p>',
    attachmentFileIds: [],
    reply: { kind: 'text', options: [], deadline },
    requestId,
  });
  // Published with a deadline to come (a past one is refused), then moved into the past.
  const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
  const saved = (await api(
    portal!,
    'admin.notices.save',
    notice(inAnHour, 'e2e-notice-closed'),
    superAdminToken,
  )) as { id: string };
  await api(portal!, 'admin.notices.publish', { noticeId: saved.id }, superAdminToken);
  const aMinuteAgo = new Date(Date.now() - 60_000).toISOString();
  await api(
    portal!,
    'admin.notices.save',
    notice(aMinuteAgo, 'e2e-notice-closed-edit', saved.id),
    superAdminToken,
  );

  const member = await portal!.newPage();
  await member.goto(`${portal!.url}/login`);
  await memberFirstLogin(member, LATE_MEMBER.phone);
  await member.click('[data-test="menu-notices"]');
  await member.waitForURL(/\/member\/notices$/);
  const row = member.locator('[data-test="member-notices-table"] tbody tr', {
    hasText: '会员信息核对',
  });
  await expect(row.locator('[data-test="member-notice-reply"]').textContent()).resolves.toContain(
    '已截止',
  );
  await row.locator('[data-test="member-notice-link"]').click();
  await member.waitForSelector('[data-test="notice-reply"][data-can-reply="false"]');
  await expect(text(member, '[data-test="notice-reply-closed"]')).resolves.toBe(
    '反馈已截止，不能再提交或修改。',
  );
  await expect(text(member, '[data-test="notice-reply-none"]')).resolves.toBe('您未在截止前反馈。');
  await expect(member.locator('[data-test="notice-reply-submit"]').count()).resolves.toBe(0);
  await expect(member.locator('[data-test="notice-reply-text"]').count()).resolves.toBe(0);
});

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

/** 截止时间: typed into the picker, and Enter, which takes a valid time and closes the panel. */
async function pickDeadline(page: Page, value: string): Promise<void> {
  const input = '[data-test="notice-deadline"] input';
  await page.fill(input, value);
  await page.press(input, 'Enter');
  await page.waitForSelector('.t-date-picker__panel', { state: 'hidden' });
  await expect(page.inputValue('[data-test="notice-deadline"] input')).resolves.toBe(value);
}

/** The member's points this year, as member.dashboard answers them. */
async function points(page: Page): Promise<number> {
  const dashboard = (await memberApi(portal!, page, 'member.dashboard')) as {
    pointsThisYear: number;
  };
  return dashboard.pointsThisYear;
}

/** 阅读与反馈's rows once the table shows them: each reader's name and reply. */
async function readerReplies(page: Page): Promise<Record<string, string>> {
  const rows = page.locator('[data-test="notice-readers-table"] tbody tr');
  const names = await rows.locator('[data-test="notice-reader-name"]').allTextContents();
  const replies = await rows.locator('[data-test="notice-reader-reply"]').allTextContents();
  return Object.fromEntries(names.map((name, i) => [name.trim(), (replies[i] ?? '').trim()]));
}

/** The count 阅读与反馈 shows for one option. */
async function choiceCount(page: Page, choice: string): Promise<string> {
  return text(
    page,
    `[data-test="notice-stats-choice"][data-choice="${choice}"] [data-test="notice-stats-choice-count"]`,
  );
}

/** The first sheet's rows as plain values (strings). */
async function firstSheetRows(bytes: Buffer): Promise<string[][]> {
  const book = new Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: string[][] = [];
  book.worksheets[0]!.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push(values.map((value) => (value === null || value === undefined ? '' : String(value))));
  });
  return rows;
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
