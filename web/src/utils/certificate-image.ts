/**
 * The certificate as an image in the browser: the shared layout drawn on an HTML canvas,
 * and its PNG and PDF downloads.
 */
import type { Certificate } from '../../../typings';
import backgroundUrl from '../../../miniprogram/assets/certificate/background.png';
import {
  CERTIFICATE_HEIGHT,
  CERTIFICATE_WIDTH,
  drawCertificate,
} from '../../../miniprogram/utils/certificate-layout';

/** Landscape A4 in millimetres; the canvas has the same proportions, so it fills the page. */
const A4_LANDSCAPE_MM = { width: 297, height: 210 } as const;

async function loadImage(src: string): Promise<HTMLImageElement> {
  const image = new Image();
  image.src = src;
  // Rejects when the image cannot be decoded: drawing with a broken image would lose the QR.
  await image.decode();
  return image;
}

/**
 * Loads the background, the QR code and the seal, then draws the whole certificate: nothing is
 * drawn before every image is ready, so a download never lacks the QR code or the seal.
 */
export async function drawCertificateOn(
  canvas: HTMLCanvasElement,
  certificate: Certificate,
): Promise<void> {
  const [background, qr, seal] = await Promise.all([
    loadImage(backgroundUrl),
    loadImage(certificate.qrImage),
    certificate.sealImage ? loadImage(certificate.sealImage) : Promise.resolve(null),
  ]);
  canvas.width = CERTIFICATE_WIDTH;
  canvas.height = CERTIFICATE_HEIGHT;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas 2d context unavailable');
  drawCertificate(ctx, certificate, { background, qr, seal });
}

/** The file name without extension: 会员证书-<会员编号>, or the name when there is none. */
export function certificateFileName(certificate: Certificate, prefix: (who: string) => string) {
  return prefix(certificate.memberNo ?? certificate.name);
}

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click has started the download; the URL is no longer needed once it has been read.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function canvasPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('toBlob failed'))),
      'image/png',
    );
  });
}

/** Downloads the drawn canvas as `<fileName>.png`. */
export async function downloadPng(canvas: HTMLCanvasElement, fileName: string): Promise<void> {
  saveBlob(await canvasPng(canvas), `${fileName}.png`);
}

/**
 * Downloads the drawn canvas as `<fileName>.pdf`, one landscape A4 page filled by the image.
 * jsPDF is loaded on the first PDF only: most members never ask for one.
 */
export async function downloadPdf(canvas: HTMLCanvasElement, fileName: string): Promise<void> {
  const { jsPDF } = await import('jspdf');
  const pdf = new jsPDF({ orientation: 'landscape', unit: 'mm', format: 'a4', compress: true });
  const { width, height } = A4_LANDSCAPE_MM;
  pdf.addImage(canvas, 'PNG', 0, 0, width, height);
  saveBlob(pdf.output('blob'), `${fileName}.pdf`);
}
