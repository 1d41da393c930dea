/**
 * What the e2e tests do on a page or read from it, whoever is logged in: the texts, the
 * downloads, the calendar, the forced password change, the member's login and voucher, and the
 * smallest files the uploads take.
 */
import { readFileSync } from 'node:fs';
import type { Download, Locator, Page } from 'playwright-core';

/** What every first login changes the initial or temporary password to; the policy takes it. */
export const NEW_PASSWORD = 'Tianfu#Lotus2026';

/** A 1×1 PNG: the smallest image the uploads take (a photo, a seal, a voucher). */
export const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ' +
    'AAAABJRU5ErkJggg==',
  'base64',
);

/** A PDF of a catalog and nothing else: enough for the uploads' check of the file's type. */
export const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

/** The eight bytes every PNG file starts with. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The trimmed text of the first element `selector` names, once there is one. */
export async function text(page: Page, selector: string): Promise<string> {
  await page.waitForSelector(selector);
  return ((await page.textContent(selector)) ?? '').trim();
}

/** Clicks `link` and answers the download it starts: the name it suggests and its bytes. */
export async function download(
  page: Page,
  link: Locator,
): Promise<{ name: string; bytes: Buffer }> {
  const [file]: [Download, void] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

/** Today's calendar date in China, `YYYY-MM-DD`, whatever this machine's zone. */
export function shanghaiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** `YYYY-MM-DD` as the portal writes it: 2026年3月5日, no leading zeros. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

/** The forced change of a first login (member or console): `current` to NEW_PASSWORD. */
export async function changePassword(page: Page, current: string): Promise<void> {
  await page.fill('[data-test="current-password"] input', current);
  await page.fill('[data-test="new-password"] input', NEW_PASSWORD);
  await page.fill('[data-test="confirm-password"] input', NEW_PASSWORD);
  await page.click('[data-test="password-submit"]');
}

/**
 * A member's first login, from the portal's login page: phone/phone, the forced change to
 * NEW_PASSWORD, then the home page.
 */
export async function memberFirstLogin(page: Page, phone: string): Promise<void> {
  await page.fill('[data-test="login-phone"] input', phone);
  await page.fill('[data-test="login-password"] input', phone);
  await page.click('[data-test="login-submit"]');
  await page.waitForURL(/\/first-password$/);
  await changePassword(page, phone);
  await page.waitForURL((u) => new URL(u).pathname === '/');
}

/** 上传缴费凭证 on the renewal's order: a 1×1 PNG named `name`, until it waits for finance. */
export async function uploadVoucher(page: Page, name: string): Promise<void> {
  await page.setInputFiles('[data-test="voucher-upload"] [data-test="file-input"]', {
    name,
    mimeType: 'image/png',
    buffer: ONE_PIXEL_PNG,
  });
  await page.waitForSelector(`[data-test="voucher-picked"] >> text=${name}`);
  await page.click('[data-test="voucher-submit"]');
  await page.waitForSelector('[data-test="renew-order"][data-status="awaitingReview"]');
}
