import type { Certificate } from '../../typings/actions';

/**
 * The 会员证书 drawing, shared by the mini-program (Canvas 2D) and the portal (HTML canvas):
 * one layout, so a certificate saved in WeChat and one printed from the PC look the same.
 * Pure: no wx or DOM APIs; the caller loads the images and hands over a 2D context.
 */

/** Canvas size in pixels: landscape A4 (297 : 210). */
export const CERTIFICATE_WIDTH = 1600;
export const CERTIFICATE_HEIGHT = 1131;

/**
 * The document's wording. Kept here rather than in a client's locale file because both
 * clients draw it, and the certificate must read the same in both.
 */
export const CERTIFICATE_TEXT = {
  title: '会员证书',
  certify: '兹证明',
  defaultMemberType: '会员',
  closing: '特发此证。',
  memberNo: '会员编号：',
  certificateNo: '证书编号：',
  validity: '有效期：',
  validUntilOnly: '有效期至：',
  validityJoin: '至',
  scanToVerify: '扫码验证证书',
} as const;

/** The image the context draws: an `Image` of the browser or of the mini-program's canvas. */
export interface CertificateImage {
  width: number;
  height: number;
}

/**
 * The Canvas 2D calls the drawing uses, typed structurally so that both the browser's
 * CanvasRenderingContext2D and the mini-program canvas node's context satisfy it.
 */
export interface CertificateCanvas<Image extends CertificateImage> {
  /** Written with CSS colours only; read types differ between platforms. */
  fillStyle: unknown;
  font: string;
  textAlign: 'left' | 'right' | 'center' | 'start' | 'end';
  textBaseline: 'alphabetic' | 'bottom' | 'hanging' | 'ideographic' | 'middle' | 'top';
  globalAlpha: number;
  save(): void;
  restore(): void;
  fillRect(x: number, y: number, width: number, height: number): void;
  fillText(text: string, x: number, y: number, maxWidth?: number): void;
  measureText(text: string): { width: number };
  drawImage(image: Image, x: number, y: number, width: number, height: number): void;
}

/** The images, already loaded: drawing never waits. */
export interface CertificateImages<Image extends CertificateImage> {
  background: Image;
  qr: Image;
  /** null until the secretariat uploads the society's seal. */
  seal: Image | null;
}

const FONT_FAMILY = '"Songti SC", "Noto Serif CJK SC", "SimSun", serif';
const COLOR = { title: '#8b1a1a', text: '#2b2118', muted: '#5c4a3a' } as const;
const CENTER_X = CERTIFICATE_WIDTH / 2;
/** Text stays inside the background's border (95 px from the edges) and corner ornaments. */
const TEXT_WIDTH = 1200;
/** The numbers and the valid period stay between the QR code and the seal. */
const DETAIL_WIDTH = 640;
const DETAILS_TOP = 760;
const DETAILS_LINE = 52;
const QR = { x: 240, y: 740, size: 200 } as const;
const ISSUER = { x: 1220, nameY: 900, dateY: 965, width: 480 } as const;
/** The seal's box (px); the image keeps its own proportions inside it. */
const SEAL_SIZE = 240;
/** Below this a line is unreadable: it is squeezed with fillText's maxWidth instead. */
const MIN_FONT_PX = 24;

/** `2026-12-31` → `2026年12月31日` (the date is already an Asia/Shanghai calendar date). */
export function formatCertificateDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  if (!year || !month || !day) return date;
  return `${year}年${month}月${day}日`;
}

/** 有效期 with both ends, or only its last day when the roster has no join date. */
export function validityText(certificate: Pick<Certificate, 'validFrom' | 'validUntil'>): string {
  const until = formatCertificateDate(certificate.validUntil);
  if (!certificate.validFrom) return `${CERTIFICATE_TEXT.validUntilOnly}${until}`;
  const from = formatCertificateDate(certificate.validFrom);
  return `${CERTIFICATE_TEXT.validity}${from}${CERTIFICATE_TEXT.validityJoin}${until}`;
}

function setFont(ctx: CertificateCanvas<CertificateImage>, px: number, bold: boolean): void {
  ctx.font = `${bold ? 'bold ' : ''}${px}px ${FONT_FAMILY}`;
}

/**
 * Draws one line at the largest size up to `maxPx` at which it fits `maxWidth`: long names
 * and society names shrink rather than run over the border.
 */
function fitText(
  ctx: CertificateCanvas<CertificateImage>,
  text: string,
  at: { x: number; y: number; maxWidth: number; maxPx: number; bold?: boolean },
): number {
  const bold = at.bold ?? false;
  let px = at.maxPx;
  setFont(ctx, px, bold);
  while (px > MIN_FONT_PX && ctx.measureText(text).width > at.maxWidth) {
    px -= 2;
    setFont(ctx, px, bold);
  }
  ctx.fillText(text, at.x, at.y, at.maxWidth);
  return px;
}

/** The seal's rectangle inside its box, centred on (x, y), keeping the image's proportions. */
function sealRect(seal: CertificateImage, x: number, y: number) {
  const scale = SEAL_SIZE / Math.max(seal.width, seal.height, 1);
  const width = seal.width * scale;
  const height = seal.height * scale;
  return { x: x - width / 2, y: y - height / 2, width, height };
}

/** Draws the whole certificate onto a CERTIFICATE_WIDTH × CERTIFICATE_HEIGHT context. */
export function drawCertificate<Image extends CertificateImage>(
  // The image type comes from `images`: a context's drawImage accepts more than it is given.
  ctx: CertificateCanvas<NoInfer<Image>>,
  certificate: Certificate,
  images: CertificateImages<Image>,
): void {
  const text = CERTIFICATE_TEXT;
  ctx.drawImage(images.background, 0, 0, CERTIFICATE_WIDTH, CERTIFICATE_HEIGHT);
  ctx.textBaseline = 'middle';

  // Title and the statement.
  ctx.textAlign = 'center';
  ctx.fillStyle = COLOR.title;
  fitText(ctx, text.title, { x: CENTER_X, y: 250, maxWidth: TEXT_WIDTH, maxPx: 104, bold: true });
  ctx.fillStyle = COLOR.text;
  ctx.textAlign = 'left';
  setFont(ctx, 44, false);
  ctx.fillText(text.certify, 240, 400);
  ctx.textAlign = 'center';
  fitText(ctx, certificate.name, { x: CENTER_X, y: 500, maxWidth: 900, maxPx: 84, bold: true });
  const memberType = certificate.memberType ?? text.defaultMemberType;
  const membership = `为${certificate.societyName}${memberType}。`;
  fitText(ctx, membership, { x: CENTER_X, y: 610, maxWidth: TEXT_WIDTH, maxPx: 50 });
  fitText(ctx, text.closing, { x: CENTER_X, y: 690, maxWidth: TEXT_WIDTH, maxPx: 40 });

  // Numbers and the valid period, one a line, clear of the QR code and the seal.
  ctx.fillStyle = COLOR.muted;
  const details = [
    certificate.memberNo ? `${text.memberNo}${certificate.memberNo}` : '',
    `${text.certificateNo}${certificate.certificateNo}`,
    validityText(certificate),
  ].filter(Boolean);
  details.forEach((line, index) => {
    const y = DETAILS_TOP + index * DETAILS_LINE;
    fitText(ctx, line, { x: CENTER_X, y, maxWidth: DETAIL_WIDTH, maxPx: 32 });
  });

  // The QR code of the verification page, lower left.
  ctx.drawImage(images.qr, QR.x, QR.y, QR.size, QR.size);
  const qrCenter = QR.x + QR.size / 2;
  fitText(ctx, text.scanToVerify, {
    x: qrCenter,
    y: QR.y + QR.size + 36,
    maxWidth: 300,
    maxPx: 28,
  });

  // The issuer and the date, lower right, with the seal stamped over the name.
  ctx.fillStyle = COLOR.text;
  const issuer = { x: ISSUER.x, maxWidth: ISSUER.width };
  fitText(ctx, certificate.societyName, { ...issuer, y: ISSUER.nameY, maxPx: 44, bold: true });
  const issued = formatCertificateDate(certificate.issuedOn);
  fitText(ctx, issued, { ...issuer, y: ISSUER.dateY, maxPx: 34 });
  if (images.seal) {
    const rect = sealRect(images.seal, ISSUER.x, ISSUER.nameY);
    ctx.save();
    // A stamp lets the name show through, as ink on paper does.
    ctx.globalAlpha = 0.88;
    ctx.drawImage(images.seal, rect.x, rect.y, rect.width, rect.height);
    ctx.restore();
  }
}
