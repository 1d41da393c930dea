/** @jest-environment node */
/**
 * 机构动态 and 意见建议 end to end, in Chromium against the local server with the demo society.
 * The secretariat writes a news item in the console with a cover picture and publishes it; a
 * visitor sees it on the landing page (cover, excerpt) and opens it without a login; a member
 * opens it from the landing page through 会员登录, which brings them back to it, and earns
 * 查看机构动态 once however often they open it; the console counts one viewer. Then a member
 * writes a suggestion with a picture (a too-short text refused on its field first); the
 * secretariat sees it under 待回复 with the member, the picture and 未检测, and replies; the
 * member sees the reply marked 新回复, opens it, and the mark is gone.
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
import { memberFirstLogin, NEW_PASSWORD, ONE_PIXEL_PNG, text } from './support/pages';
import { startPortal, type Portal } from './support/portal';

const ADMIN_PASSWORD = 'E2e-console-Passw0rd';
/** Demo members (the initial password is the phone). */
const READER = { phone: '19900000001', name: '张明' };
const WRITER = { phone: '19900000002', name: '李华', memberNo: 'DEMO0002' };
const NEWS_TITLE = '学会召开2026年度理事会';
const NEWS_TEXT = '理事会审议通过了年度工作报告和财务报告。';
const COVER = '理事会合影.png';
const SUGGESTION = '建议在小程序中增加学术会议的日程提醒功能，方便会员及时参加。';
const PICTURE = '日程截图.png';
const CONTACT = '邮箱 lihua@example.org';
const REPLY = '感谢您的建议，我们将在下个版本中加入日程提醒。';
const SCREENSHOT_LANDING = '/tmp/portal-news-landing.png';
const SCREENSHOT_FEEDBACK = '/tmp/portal-feedback-console.png';

// Used inside page callbacks, which run in the browser; the tests' tsconfig has no DOM library.
declare const document: {
  querySelector(selector: string): { naturalWidth?: number; src?: string } | null;
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

test('the secretariat publishes news with a cover; a visitor reads it; a member earns the point once', async () => {
  // 1. 机构动态管理: empty; 新建动态 opens the editor; title, text in Quill, a cover.
  const desk = await staffLoggedIn(portal!, secretariat);
  await desk.click('[data-test="menu-news"]');
  await desk.waitForURL(/\/admin\/news$/);
  await waitForText(desk, '[data-test="news-total"]', '共 0 条动态');
  await desk.click('[data-test="news-create"]');
  await desk.waitForURL(/\/admin\/news\/new$/);
  await desk.fill('[data-test="news-title-input"] input', NEWS_TITLE);
  await desk.click('[data-test="news-editor"] .ql-editor');
  await desk.keyboard.type(NEWS_TEXT);
  await desk.setInputFiles('[data-test="news-cover-pick"] [data-test="file-input"]', {
    name: COVER,
    mimeType: 'image/png',
    buffer: ONE_PIXEL_PNG,
  });
  await waitForText(desk, '[data-test="news-cover-name"]', COVER);
  await waitForImage(desk, '[data-test="news-cover-preview"]');

  // 2. 发布: saved first, then published; the editor moves to the item's address.
  await desk.click('[data-test="news-publish"]');
  await desk.click('[data-test="news-confirm-dialog"] .t-dialog__confirm');
  await desk.waitForSelector('[data-test="news-edit"][data-status="published"]');
  await desk.waitForURL(/\/admin\/news\/[0-9a-f-]{36}$/);
  const newsId = new URL(desk.url()).pathname.split('/').pop()!;
  const stored = (await api(portal!, 'admin.news.get', { newsId }, superAdminToken)) as {
    title: string;
    html: string;
    status: string;
    viewers: number;
    cover: { name: string; contentType: string } | null;
  };
  expect(stored).toMatchObject({
    title: NEWS_TITLE,
    html: `<p>${NEWS_TEXT}</p>`,
    status: 'published',
    viewers: 0,
    cover: { name: COVER, contentType: 'image/png' },
  });
  await waitForText(desk, '[data-test="news-viewers"]', '已有 0 位会员阅读');
  // Opened again, the saved cover shows through files.link.
  await desk.reload();
  await waitForText(desk, '[data-test="news-cover-name"]', COVER);
  await waitForImage(desk, '[data-test="news-cover-preview"]');
  await expect(
    desk.evaluate(() => document.querySelector('[data-test="news-cover-preview"]')?.src ?? ''),
  ).resolves.toMatch(/^http/);

  // 3. A visitor: the landing page lists it with its cover and excerpt, and opens it.
  const visitor = await portal!.newPage();
  await visitor.goto(`${portal!.url}/login`);
  const item = `[data-test="news-item"][data-id="${newsId}"]`;
  await waitForText(visitor, `${item} [data-test="news-item-title"]`, NEWS_TITLE);
  await expect(text(visitor, `${item} [data-test="news-item-excerpt"]`)).resolves.toBe(NEWS_TEXT);
  await waitForImage(visitor, `${item} [data-test="news-item-cover"]`);
  await visitor.screenshot({ path: SCREENSHOT_LANDING, fullPage: true });
  await visitor.click(`${item} [data-test="news-item-title"]`);
  await visitor.waitForURL(new RegExp(`/news/${newsId}$`));
  await waitForText(visitor, '[data-test="news-title"]', NEWS_TITLE);
  await expect(text(visitor, '[data-test="news-html"] p')).resolves.toBe(NEWS_TEXT);
  await waitForImage(visitor, '[data-test="news-cover"]');
  await visitor.waitForSelector('[data-test="news-login-hint"]');
  // A visitor's reading leaves no trace.
  await expect(viewers(newsId)).resolves.toBe(0);

  // 4. A member: first login (and its password change), back out to the landing page.
  const member = await portal!.newPage();
  await member.goto(`${portal!.url}/login`);
  await memberFirstLogin(member, READER.phone);
  const before = await points(member);
  await member.click('[data-test="menu-logout"]');
  await member.waitForURL(/\/login$/);

  // From the landing page to the item, then 会员登录, which comes back to it logged in.
  await member.click(`${item} [data-test="news-item-title"]`);
  await member.waitForURL(new RegExp(`/news/${newsId}$`));
  await member.click('[data-test="news-login"]');
  await member.waitForURL(/\/login\?redirect=/);
  await member.fill('[data-test="login-phone"] input', READER.phone);
  await member.fill('[data-test="login-password"] input', NEW_PASSWORD);
  await member.click('[data-test="login-submit"]');
  await member.waitForURL(new RegExp(`/news/${newsId}$`));
  await waitForText(member, '[data-test="news-title"]', NEWS_TITLE);
  await expect(member.locator('[data-test="news-login-hint"]').count()).resolves.toBe(0);
  await waitForText(member, '[data-test="news-back"]', '返回会员首页');

  // +1 on the home page's 积分, once: a second opening adds nothing.
  await member.click('[data-test="news-back"]');
  await member.waitForURL((u) => new URL(u).pathname === '/');
  await waitForText(member, '[data-test="points"]', String(before + 1));
  await member.goto(`${portal!.url}/news/${newsId}`);
  await waitForText(member, '[data-test="news-title"]', NEWS_TITLE);
  await expect(points(member)).resolves.toBe(before + 1);
  await expect(viewers(newsId)).resolves.toBe(1);

  // The console counts the viewer.
  await desk.reload();
  await waitForText(desk, '[data-test="news-viewers"]', '已有 1 位会员阅读');
  await desk.click('[data-test="news-edit-back"]');
  await desk.waitForURL(/\/admin\/news$/);
  await waitForText(desk, '[data-test="news-row-viewers"]', '1');
});

test('a member writes a suggestion with a picture; the secretariat replies; the member reads it', async () => {
  // 1. 客服中心 → 意见建议: none yet; 写建议 refuses a text under 5 characters on its field.
  const member = await portal!.newPage();
  await member.goto(`${portal!.url}/login`);
  await memberFirstLogin(member, WRITER.phone);
  await member.click('[data-test="menu-feedback"]');
  await member.waitForURL(/\/member\/feedback$/);
  await member.waitForSelector('[data-test="feedback-table"] >> text=您还没有提交过意见建议');
  await member.click('[data-test="feedback-write"]');
  await member.fill('[data-test="feedback-text"] textarea', '太短了');
  await waitForText(member, '[data-test="feedback-text-count"]', '3/500');
  await member.click('[data-test="feedback-submit"]');
  await waitForText(member, fieldTips('feedback-text'), '意见建议应为5-500个字');

  // The text, one picture, a contact: 提交.
  await member.fill('[data-test="feedback-text"] textarea', SUGGESTION);
  await member.setInputFiles('[data-test="feedback-picture-pick"] [data-test="file-input"]', {
    name: PICTURE,
    mimeType: 'image/png',
    buffer: ONE_PIXEL_PNG,
  });
  await member.waitForSelector('[data-test="feedback-picked"] img');
  await member.fill('[data-test="feedback-contact"] input', CONTACT);
  await member.click('[data-test="feedback-submit"]');
  await member.waitForSelector('.t-message >> text=已提交，秘书处会尽快回复');
  await expect(member.locator('[data-test="feedback-form"]').count()).resolves.toBe(0);
  await waitForText(member, '[data-test="feedback-row-text"]', SUGGESTION);
  await member.waitForSelector('[data-test="feedback-row-state"][data-state="open"]');
  const mine = (await memberApi(portal!, member, 'feedback.list')) as {
    items: { id: string; pictures: { name: string }[]; contact: string | null; check: string }[];
  };
  expect(mine.items).toHaveLength(1);
  expect(mine.items[0]).toMatchObject({
    pictures: [{ name: PICTURE }],
    contact: CONTACT,
    check: 'unchecked',
  });
  const feedbackId = mine.items[0]!.id;

  // 2. The console's 意见建议, 待回复: the member, the text, the picture, the check.
  const desk = await staffLoggedIn(portal!, secretariat);
  await desk.click('[data-test="menu-feedback"]');
  await desk.waitForURL(/\/admin\/feedback$/);
  await waitForText(desk, '[data-test="feedback-total"]', '共 1 条');
  await expect(text(desk, '[data-test="feedback-member-name"]')).resolves.toBe(WRITER.name);
  await expect(text(desk, '[data-test="feedback-member-no"]')).resolves.toBe(WRITER.memberNo);
  await expect(text(desk, '[data-test="feedback-member-phone"]')).resolves.toBe('199****0002');
  await expect(text(desk, '[data-test="feedback-text"]')).resolves.toBe(SUGGESTION);
  await expect(text(desk, '[data-test="feedback-contact"]')).resolves.toBe(`联系方式：${CONTACT}`);
  await expect(text(desk, '[data-test="feedback-check"]')).resolves.toBe('未检测');
  await waitForImage(desk, '[data-test="admin-feedback-picture"] img');
  await desk.screenshot({ path: SCREENSHOT_FEEDBACK, fullPage: true });

  // 回复: one character is refused in the dialog; then the reply.
  await desk.click(`[data-test="feedback-answer-${feedbackId}"]`);
  await desk.fill('[data-test="feedback-reply-text"] textarea', '好');
  await desk.click('[data-test="feedback-reply-dialog"] .t-dialog__confirm');
  await expect(text(desk, '[data-test="feedback-reply-error"]')).resolves.toBe(
    '回复内容应为2-500个字',
  );
  await desk.fill('[data-test="feedback-reply-text"] textarea', REPLY);
  await desk.click('[data-test="feedback-reply-dialog"] .t-dialog__confirm');
  await desk.waitForSelector('.t-message >> text=已回复');
  await waitForText(desk, '[data-test="feedback-total"]', '共 0 条');
  await desk.click('[data-test="feedback-tab-replied"]');
  await waitForText(desk, '[data-test="feedback-reply"]', REPLY);

  // 3. The member: 新回复 on the row until it is opened; then read, here and after a reload.
  await member.reload();
  await member.waitForSelector('[data-test="feedback-row-state"][data-state="new"]');
  await waitForText(member, '[data-test="feedback-unread"]', '1 条新回复');
  await member.click(`[data-test="feedback-open-${feedbackId}"]`);
  await waitForText(member, '[data-test="feedback-detail-reply-text"]', REPLY);
  await expect(text(member, '[data-test="feedback-detail-text"]')).resolves.toBe(SUGGESTION);
  await waitForImage(member, '[data-test="feedback-detail-picture"] img');
  await member.click('[data-test="feedback-detail"] .t-dialog__close');
  await member.waitForSelector('[data-test="feedback-row-state"][data-state="replied"]');
  await member.waitForSelector('[data-test="feedback-unread"][data-count="0"]', {
    state: 'attached',
  });
  await expect(member.textContent('[data-test="feedback-unread"]')).resolves.toMatch(/^\s*$/);
  await member.reload();
  await member.waitForSelector('[data-test="feedback-row-state"][data-state="replied"]');
  const read = (await memberApi(portal!, member, 'feedback.list')) as {
    unreadReplies: number;
    items: { replyUnread: boolean; reply: { text: string } | null }[];
  };
  expect(read.unreadReplies).toBe(0);
  expect(read.items[0]).toMatchObject({ replyUnread: false, reply: { text: REPLY } });
});

/** The member's points this year, as member.dashboard answers them. */
async function points(page: Page): Promise<number> {
  const dashboard = (await memberApi(portal!, page, 'member.dashboard')) as {
    pointsThisYear: number;
  };
  return dashboard.pointsThisYear;
}

/** The members who opened the item, as the console's admin.news.get counts them. */
async function viewers(newsId: string): Promise<number> {
  const news = await api(portal!, 'admin.news.get', { newsId }, superAdminToken);
  return (news as { viewers: number }).viewers;
}

/** The message of the form item that holds `test`, as t-form-item shows it. */
function fieldTips(test: string): string {
  return `.t-form__item:has([data-test="${test}"]) .t-tips`;
}

/** Waits until the image `selector` names has loaded its picture (the 1×1 PNG). */
async function waitForImage(page: Page, selector: string): Promise<void> {
  await page.waitForSelector(selector);
  await page.waitForFunction((s) => (document.querySelector(s)?.naturalWidth ?? 0) > 0, selector);
}

/** Waits until `selector` shows exactly `expected`, then checks it. */
async function waitForText(page: Page, selector: string, expected: string): Promise<void> {
  await page.waitForSelector(`${selector}:text-is("${expected}")`);
  await expect(text(page, selector)).resolves.toBe(expected);
}
