import type { Certificate } from '../../typings/actions';
import {
  CERTIFICATE_HEIGHT,
  CERTIFICATE_WIDTH,
  drawCertificate,
  formatCertificateDate,
  validityText,
  type CertificateCanvas,
} from '../../miniprogram/utils/certificate-layout';

interface FakeImage {
  name: string;
  width: number;
  height: number;
}

interface TextOp {
  text: string;
  x: number;
  y: number;
  /** The font size (px) the text was drawn at. */
  px: number;
  /** Its width as measureText reports it at that size. */
  width: number;
  maxWidth: number | undefined;
  textAlign: string;
}

interface ImageOp {
  image: string;
  x: number;
  y: number;
  width: number;
  height: number;
  alpha: number;
}

/** Em widths: CJK and full-width characters take a whole em, Latin letters and digits about half. */
const emsOf = (text: string) =>
  [...text].reduce((ems, char) => ems + (char.charCodeAt(0) > 0x2e80 ? 1 : 0.55), 0);

/** A context that records what is drawn, measuring text by `emsOf`. */
function recordingCanvas() {
  const texts: TextOp[] = [];
  const images: ImageOp[] = [];
  const order: string[] = [];
  const saved: number[] = [];
  const px = (font: string) => Number(/(\d+)px/.exec(font)?.[1] ?? 0);
  const ctx: CertificateCanvas<FakeImage> = {
    fillStyle: '#000',
    font: '10px serif',
    textAlign: 'left',
    textBaseline: 'alphabetic',
    globalAlpha: 1,
    save() {
      saved.push(this.globalAlpha);
    },
    restore() {
      this.globalAlpha = saved.pop() ?? 1;
    },
    fillRect: () => undefined,
    measureText(text) {
      return { width: emsOf(text) * px(this.font) };
    },
    fillText(text, x, y, maxWidth) {
      const size = px(this.font);
      texts.push({
        text,
        x,
        y,
        px: size,
        width: emsOf(text) * size,
        maxWidth,
        textAlign: this.textAlign,
      });
      order.push(`text:${text}`);
    },
    drawImage(image, x, y, width, height) {
      images.push({ image: image.name, x, y, width, height, alpha: this.globalAlpha });
      order.push(`image:${image.name}`);
    },
  };
  return { ctx, texts, images, order };
}

const CERTIFICATE: Certificate = {
  name: '张明',
  memberNo: 'SC2024001',
  memberType: '普通会员',
  validFrom: '2024-03-01',
  validUntil: '2026-12-31',
  societyName: '四川省性学会',
  certificateNo: 'CERT-2024-000123',
  verifyCode: 'abc',
  verifyUrl: 'http://127.0.0.1:8787/verify/abc',
  qrImage: 'data:image/png;base64,AAAA',
  sealImage: null,
  issuedOn: '2026-06-15',
};

const IMAGES = {
  background: { name: 'background', width: 1600, height: 1131 },
  qr: { name: 'qr', width: 300, height: 300 },
  seal: { name: 'seal', width: 400, height: 400 },
};

function draw(certificate: Partial<Certificate> = {}, seal: FakeImage | null = IMAGES.seal) {
  const canvas = recordingCanvas();
  drawCertificate(canvas.ctx, { ...CERTIFICATE, ...certificate }, { ...IMAGES, seal });
  return canvas;
}

describe('the certificate layout', () => {
  it('is landscape A4', () => {
    expect(CERTIFICATE_WIDTH).toBeGreaterThan(CERTIFICATE_HEIGHT);
    expect(CERTIFICATE_WIDTH / CERTIFICATE_HEIGHT).toBeCloseTo(297 / 210, 2);
  });

  it('formats calendar dates the Chinese way', () => {
    expect(formatCertificateDate('2026-12-31')).toBe('2026年12月31日');
    expect(formatCertificateDate('2027-01-05')).toBe('2027年1月5日');
  });

  it('shows both ends of the valid period, or only its last day without a join date', () => {
    expect(validityText(CERTIFICATE)).toBe('有效期：2024年3月1日至2026年12月31日');
    expect(validityText({ validFrom: null, validUntil: '2026-12-31' })).toBe(
      '有效期至：2026年12月31日',
    );
  });

  it('draws the background first, full-bleed, and every line of the certificate', () => {
    const { texts, images, order } = draw();

    expect(order[0]).toBe('image:background');
    expect(images[0]).toMatchObject({
      x: 0,
      y: 0,
      width: CERTIFICATE_WIDTH,
      height: CERTIFICATE_HEIGHT,
    });
    expect(texts.map((op) => op.text)).toEqual([
      '会员证书',
      '兹证明',
      '张明',
      '为四川省性学会普通会员。',
      '特发此证。',
      '会员编号：SC2024001',
      '证书编号：CERT-2024-000123',
      '有效期：2024年3月1日至2026年12月31日',
      '扫码验证证书',
      '四川省性学会',
      '2026年6月15日',
    ]);
  });

  it('says 会员 when the roster has no member type, and leaves out a missing member number', () => {
    const lines = draw({ memberType: null, memberNo: null }).texts.map((op) => op.text);

    expect(lines).toContain('为四川省性学会会员。');
    expect(lines).toContain('证书编号：CERT-2024-000123');
    expect(lines.join('')).not.toContain('会员编号');
  });

  it('puts the QR code lower left with its caption under it', () => {
    const { texts, images } = draw();
    const qr = images.find((op) => op.image === 'qr');
    const caption = texts.find((op) => op.text === '扫码验证证书');

    expect(qr).toBeDefined();
    expect(qr!.x + qr!.width).toBeLessThan(CERTIFICATE_WIDTH / 2);
    expect(qr!.y).toBeGreaterThan(CERTIFICATE_HEIGHT / 2);
    expect(qr!.width).toBe(qr!.height);
    expect(caption!.y).toBeGreaterThan(qr!.y + qr!.height);
    expect(caption!.x).toBe(qr!.x + qr!.width / 2);
  });

  it('stamps the seal over the society name at the lower right, after the name is written', () => {
    const { texts, images, order } = draw();
    const seal = images.find((op) => op.image === 'seal')!;
    const issuer = texts.filter((op) => op.text === '四川省性学会').at(-1)!;

    expect(order.indexOf('image:seal')).toBeGreaterThan(order.lastIndexOf('text:四川省性学会'));
    expect(seal.x).toBeGreaterThan(CERTIFICATE_WIDTH / 2);
    expect(seal.x).toBeLessThan(issuer.x);
    expect(seal.x + seal.width).toBeGreaterThan(issuer.x);
    expect(seal.y).toBeLessThan(issuer.y);
    expect(seal.y + seal.height).toBeGreaterThan(issuer.y);
    expect(seal.alpha).toBeLessThan(1);
    expect(seal.x + seal.width).toBeLessThan(CERTIFICATE_WIDTH);
    expect(seal.y + seal.height).toBeLessThan(CERTIFICATE_HEIGHT);
  });

  it('keeps a wide seal image in proportion', () => {
    const seal = draw({}, { name: 'seal', width: 600, height: 300 }).images.find(
      (op) => op.image === 'seal',
    )!;

    expect(seal.width / seal.height).toBeCloseTo(2);
  });

  it('draws no seal until the society has one', () => {
    const { images } = draw({}, null);

    expect(images.map((op) => op.image)).toEqual(['background', 'qr']);
  });

  it('shrinks a long name and a long society name to fit instead of overflowing', () => {
    const short = draw().texts;
    const long = draw({
      name: '欧阳娜娜娜娜娜娜娜娜娜娜娜娜娜娜',
      societyName: '中华医学会四川省分会性医学专业委员会',
    }).texts;
    const lastOf = (ops: TextOp[], text: string) => ops.filter((op) => op.text === text).at(-1)!;

    for (const op of long) expect(op.width).toBeLessThanOrEqual(op.maxWidth ?? Infinity);
    expect(lastOf(long, '欧阳娜娜娜娜娜娜娜娜娜娜娜娜娜娜').px).toBeLessThan(
      lastOf(short, '张明').px,
    );
    const issuer = lastOf(long, '中华医学会四川省分会性医学专业委员会');
    expect(issuer.px).toBeLessThan(lastOf(short, '四川省性学会').px);
  });

  it('squeezes a line too long even at the smallest size into its box', () => {
    const societyName = '中华医学会四川省分会性医学与生殖健康专业委员会青年学组';
    const issuer = draw({ societyName })
      .texts.filter((op) => op.text === societyName)
      .at(-1)!;

    expect(issuer.px).toBe(24);
    expect(issuer.maxWidth).toBeLessThan(issuer.width);
    expect(issuer.x + issuer.maxWidth! / 2).toBeLessThan(CERTIFICATE_WIDTH - 95);
  });

  it('keeps every line inside the canvas', () => {
    for (const op of draw().texts) {
      const left = op.textAlign === 'center' ? op.x - op.width / 2 : op.x;
      expect(left).toBeGreaterThanOrEqual(95);
      expect(left + op.width).toBeLessThanOrEqual(CERTIFICATE_WIDTH - 95);
      expect(op.y).toBeLessThan(CERTIFICATE_HEIGHT - 95);
    }
  });
});
