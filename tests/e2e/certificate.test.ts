/** @jest-environment node */
/**
 * 会员证书 end to end, in Chromium against the local server with the demo society: the
 * super-admin sets the seal, a current member draws and downloads the certificate, its QR
 * link opens the public verification page, and a lapsed member is told how to renew.
 */
import type { Page } from 'playwright-core';
import { adminLogin } from './support/console';
import { download, memberFirstLogin, ONE_PIXEL_PNG, PNG_SIGNATURE } from './support/pages';
import { startPortal, type Portal } from './support/portal';

const ADMIN_PASSWORD = 'E2e-console-Passw0rd';
/** Demo members (backend/local/seed/demo-society.json): 400 days left, and 45 days lapsed. */
const CURRENT = { phone: '19900000001', name: '张明', memberNo: 'DEMO0001' };
const LAPSED = { phone: '19900000003' };
const SCREENSHOT_CERTIFICATE = '/tmp/portal-certificate.png';
const SCREENSHOT_VERIFY = '/tmp/portal-certificate-verify.png';

// Used inside page callbacks, which run in the browser; the tests' tsconfig has no DOM library.
declare const sessionStorage: { getItem(key: string): string | null };
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
  } | null;
}

let portal: Portal | null = null;

beforeAll(async () => {
  portal = await startPortal({ seedDemo: true, adminPassword: ADMIN_PASSWORD });
});

afterAll(async () => {
  await portal?.close();
});

test('the super-admin sets the certificate seal on 学会信息', async () => {
  const admin = await newPage();
  await adminLogin(portal!, admin, 'admin', ADMIN_PASSWORD);
  await admin.waitForURL(/\/admin\/roster$/);
  await admin.click('[data-test="menu-society"]');
  await admin.waitForSelector('[data-test="seal-none"]');

  await admin.setInputFiles('[data-test="seal-card"] [data-test="file-input"]', {
    name: 'seal.png',
    mimeType: 'image/png',
    // The smallest seal the upload takes.
    buffer: ONE_PIXEL_PNG,
  });
  await admin.waitForSelector('[data-test="seal-image"]');
  await expect(admin.getAttribute('[data-test="seal-image"]', 'src')).resolves.toBe(
    `data:image/png;base64,${ONE_PIXEL_PNG.toString('base64')}`,
  );
});

test('a current member draws and downloads the certificate, and its QR link verifies it', async () => {
  // 1. 会员中心 → 会员证书 from the menu; the canvas is drawn, QR code included.
  const page = await loggedIn(CURRENT.phone);
  await page.click('[data-test="menu-certificate"]');
  await page.waitForURL(/\/member\/certificate$/);
  await page.waitForSelector('[data-test="certificate-canvas"][data-drawn="true"]');
  const pixels = await page.$eval('[data-test="certificate-canvas"]', (el) => {
    const canvas = el as unknown as CanvasLike;
    const ctx = canvas.getContext('2d')!;
    const all = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let opaque = 0;
    for (let i = 3; i < all.length; i += 4) if (all[i]! > 0) opaque += 1;
    // The QR code's box (see certificate-layout.ts): dark modules on white.
    const qr = ctx.getImageData(240, 740, 200, 200).data;
    let dark = 0;
    for (let i = 0; i < qr.length; i += 4) if (qr[i]! < 80 && qr[i + 1]! < 80) dark += 1;
    return { width: canvas.width, opaque, total: all.length / 4, dark };
  });
  expect(pixels.width).toBe(1600);
  expect(pixels.opaque).toBe(pixels.total);
  expect(pixels.dark).toBeGreaterThan(5000);
  await page.screenshot({ path: SCREENSHOT_CERTIFICATE, fullPage: true });

  // 2. Both downloads arrive, named after the member number, with their files' magic bytes.
  const png = await download(page, page.locator('[data-test="certificate-png"]'));
  expect(png.name).toBe(`会员证书-${CURRENT.memberNo}.png`);
  expect(png.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  const pdf = await download(page, page.locator('[data-test="certificate-pdf"]'));
  expect(pdf.name).toBe(`会员证书-${CURRENT.memberNo}.pdf`);
  expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // 3. The QR code's URL, as member.certificate gives it, opens the public page without login.
  const verifyUrl = await page.evaluate(async () => {
    const token = sessionStorage.getItem('portal.member.token');
    const reply = await fetch('/api', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ action: 'member.certificate', data: {} }),
    });
    return ((await reply.json()) as { data: { certificate: { verifyUrl: string } } }).data
      .certificate.verifyUrl;
  });
  expect(verifyUrl).toMatch(new RegExp(`^${portal!.url}/verify/[0-9A-Z]{12}$`));

  const visitor = await newPage();
  await visitor.goto(verifyUrl);
  await visitor.waitForSelector('[data-test="verify-result"]');
  await expect(visitor.textContent('[data-test="verify-status"]')).resolves.toContain('有效');
  await expect(visitor.getAttribute('[data-test="verify-status"]', 'data-valid')).resolves.toBe(
    'true',
  );
  await expect(visitor.textContent('[data-test="verify-name"]')).resolves.toBe('张*');
  await expect(visitor.textContent('[data-test="verify-member-type"]')).resolves.toBe('个人会员');
  await expect(visitor.textContent('[data-test="verify-society"]')).resolves.toBe('示范省医学学会');
  await visitor.screenshot({ path: SCREENSHOT_VERIFY });
  const shown = (await visitor.textContent('[data-test="verify"]')) ?? '';
  expect(shown).not.toContain(CURRENT.name);
  expect(shown).not.toContain(CURRENT.memberNo);

  // 4. A code nobody holds says so, and nothing else.
  await visitor.goto(`${portal!.url}/verify/ABCDEFGHJK23`);
  await visitor.waitForSelector('[data-test="verify-not-found"]');
  await expect(visitor.textContent('[data-test="verify-not-found"]')).resolves.toContain(
    '未找到该证书',
  );
});

test('a lapsed member is told why there is no certificate and where to renew', async () => {
  const page = await loggedIn(LAPSED.phone);
  await page.click('[data-test="menu-certificate"]');
  await page.waitForSelector('[data-test="certificate-unavailable"]');
  const message = (await page.textContent('[data-test="certificate-unavailable"]')) ?? '';
  expect(message).toMatch(/您的会费已于 \d{4}年\d{1,2}月\d{1,2}日 到期，证书暂不可用/);
  expect(message).toContain('续费后即可查看和下载会员证书');
  await expect(page.locator('[data-test="certificate-canvas"]').count()).resolves.toBe(0);

  await page.click('[data-test="certificate-renew"]');
  await page.waitForURL(/\/member\/renew$/);
});

/** A page in a context of its own that takes the certificate's downloads. */
function newPage(): Promise<Page> {
  return portal!.newPage({ acceptDownloads: true });
}

/** A demo member after the first login's forced password change, on the home page. */
async function loggedIn(phone: string): Promise<Page> {
  const page = await newPage();
  await page.goto(`${portal!.url}/login`);
  await memberFirstLogin(page, phone);
  return page;
}
