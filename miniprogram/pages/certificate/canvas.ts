import type { Certificate } from '../../../typings/actions';
import {
  CERTIFICATE_HEIGHT,
  CERTIFICATE_WIDTH,
  drawCertificate,
  type CertificateCanvas,
} from '../../utils/certificate-layout';

/**
 * The mini-program side of the certificate: the Canvas 2D node, its images and the file the
 * album gets. The drawing itself is utils/certificate-layout.ts, shared with the portal.
 */

/** The background ships in the package: no download, nothing to go wrong offline. */
export const BACKGROUND_PATH = '/assets/certificate/background.png';

type CanvasImage = WechatMiniprogram.Image;
type Context = CertificateCanvas<CanvasImage> & { scale(x: number, y: number): void };

/** The Canvas 2D node as `fields({ node: true })` returns it. */
export interface CertificateNode {
  width: number;
  height: number;
  getContext(type: '2d'): Context;
  createImage(): CanvasImage;
}

interface NodeFields {
  node: CertificateNode | null;
  width: number;
  height: number;
}

/** An image the canvas could not load: the page offers 重试. */
export class ImageLoadError extends Error {
  constructor(readonly image: string) {
    super(`certificate image failed to load: ${image}`);
  }
}

/** The `<canvas type="2d" id="certificate">` of `page`, with its size on screen (px). */
export function queryCanvas(
  page: WechatMiniprogram.Component.TrivialInstance,
): Promise<NodeFields> {
  return new Promise((resolve, reject) => {
    wx.createSelectorQuery()
      .in(page)
      .select('#certificate')
      .fields({ node: true, size: true })
      .exec((results: (NodeFields | null)[]) => {
        const fields = results[0];
        if (fields?.node) resolve(fields);
        else reject(new Error('certificate canvas not found'));
      });
  });
}

/**
 * Writes a PNG `data:` URL to a file of the mini-program's own: canvas images load from a
 * path, and `data:` sources are not dependable on every platform.
 */
function writeDataUrl(dataUrl: string, name: string): Promise<string> {
  const filePath = `${wx.env.USER_DATA_PATH}/cert-${name}.png`;
  const data = dataUrl.replace(/^data:image\/\w+;base64,/, '');
  return new Promise((resolve, reject) => {
    wx.getFileSystemManager().writeFile({
      filePath,
      data,
      encoding: 'base64',
      success: () => resolve(filePath),
      fail: reject,
    });
  });
}

function loadImage(node: CertificateNode, src: string, name: string): Promise<CanvasImage> {
  return new Promise((resolve, reject) => {
    const image = node.createImage();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new ImageLoadError(name));
    image.src = src;
  });
}

/** Every image the certificate needs, loaded; drawing starts only when all are in. */
async function loadImages(node: CertificateNode, certificate: Certificate) {
  const [qrPath, sealPath] = await Promise.all([
    writeDataUrl(certificate.qrImage, 'qr'),
    certificate.sealImage ? writeDataUrl(certificate.sealImage, 'seal') : null,
  ]).catch((error: unknown) => {
    console.error('certificate images not written', error);
    throw new ImageLoadError('file');
  });
  const [background, qr, seal] = await Promise.all([
    loadImage(node, BACKGROUND_PATH, 'background'),
    loadImage(node, qrPath, 'qr'),
    sealPath ? loadImage(node, sealPath, 'seal') : null,
  ]);
  return { background, qr, seal };
}

/**
 * Draws the certificate on the node. The drawing buffer is the certificate's own size, or
 * the screen's pixels when they are more (tablets), so neither the screen nor the saved
 * image is blurred.
 */
export async function paintCertificate(
  fields: NodeFields,
  certificate: Certificate,
): Promise<void> {
  const node = fields.node;
  if (!node) throw new Error('certificate canvas not found');
  const images = await loadImages(node, certificate);

  const pixelRatio = (wx.getWindowInfo?.() ?? wx.getSystemInfoSync()).pixelRatio;
  const scale = Math.max(1, (fields.width * pixelRatio) / CERTIFICATE_WIDTH);
  node.width = Math.round(CERTIFICATE_WIDTH * scale);
  node.height = Math.round(CERTIFICATE_HEIGHT * scale);
  const ctx = node.getContext('2d');
  ctx.scale(scale, scale);
  drawCertificate(ctx, certificate, images);
}

/** The drawn certificate as a temporary PNG file, for the album. */
export function exportCertificate(node: CertificateNode): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.canvasToTempFilePath({
      canvas: node as unknown as WechatMiniprogram.Canvas,
      fileType: 'png',
      success: (result) => resolve(result.tempFilePath),
      fail: reject,
    });
  });
}

export function saveToAlbum(filePath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.saveImageToPhotosAlbum({ filePath, success: () => resolve(), fail: reject });
  });
}
