#!/usr/bin/env node
/**
 * Draws the 会员证书 background, miniprogram/assets/certificate/background.png: ivory paper,
 * a double border in deep red and gold, and corner ornaments made of simple geometry. It holds
 * no text (the certificate's words are drawn over it by miniprogram/utils/certificate-layout.ts),
 * so one image serves every society. The PNG is committed; run this only to change the design.
 *
 * Run: node scripts/make-certificate-background.mjs   (overwrites the file; flat colours keep it
 * well under 150 KB)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = path.join(ROOT, 'miniprogram', 'assets', 'certificate', 'background.png');

/** The same size as CERTIFICATE_WIDTH × CERTIFICATE_HEIGHT (landscape A4). */
const WIDTH = 1600;
const HEIGHT = 1131;
const PAPER = [251, 246, 233];
const RED = [139, 26, 26];
const GOLD = [201, 164, 76];
/** Ornament edges are sampled SAMPLES × SAMPLES times per pixel, so curves are smooth. */
const SAMPLES = 3;
/** Ornaments live within this distance (px) of a corner. */
const CORNER_REACH = 240;

/** Border bands as [from, to) distances from the edge, outermost first. */
const BANDS = [
  { from: 40, to: 64, color: RED },
  { from: 76, to: 82, color: GOLD },
  { from: 92, to: 95, color: RED },
];

/**
 * The colour of a corner ornament at (u, v), distances from the nearest vertical and
 * horizontal edge; null where the paper or a border band shows.
 */
function ornament(u, v) {
  // A gold block with a red core where the outer bands meet.
  if (u >= 30 && u < 74 && v >= 30 && v < 74) {
    return u >= 42 && u < 62 && v >= 42 && v < 62 ? RED : GOLD;
  }
  if (u < 95 || v < 95) return null;

  // A quarter ring about the inner corner.
  const ring = Math.hypot(u - 95, v - 95);
  if (ring >= 118 && ring < 124) return GOLD;

  // A red diamond with a gold rim, and two gold dots along the edges.
  const diamond = Math.abs(u - 145) + Math.abs(v - 145);
  if (diamond < 20) return RED;
  if (diamond < 26) return GOLD;
  if (Math.hypot(u - 215, v - 112) < 7 || Math.hypot(u - 112, v - 215) < 7) return GOLD;
  return null;
}

function band(u, v) {
  const inset = Math.min(u, v);
  return BANDS.find((b) => inset >= b.from && inset < b.to)?.color ?? null;
}

function colorAt(x, y) {
  const u = Math.min(x, WIDTH - x);
  const v = Math.min(y, HEIGHT - y);
  return ornament(u, v) ?? band(u, v) ?? PAPER;
}

/** The pixel's colour, averaged over sub-pixel samples near the corners. */
function pixel(x, y) {
  const nearCorner =
    Math.min(x, WIDTH - x) < CORNER_REACH && Math.min(y, HEIGHT - y) < CORNER_REACH;
  if (!nearCorner) return colorAt(x + 0.5, y + 0.5);
  const sum = [0, 0, 0];
  for (let i = 0; i < SAMPLES; i += 1) {
    for (let j = 0; j < SAMPLES; j += 1) {
      const color = colorAt(x + (i + 0.5) / SAMPLES, y + (j + 0.5) / SAMPLES);
      for (let k = 0; k < 3; k += 1) sum[k] += color[k];
    }
  }
  return sum.map((total) => Math.round(total / (SAMPLES * SAMPLES)));
}

const png = new PNG({ width: WIDTH, height: HEIGHT, colorType: 2 });
for (let y = 0; y < HEIGHT; y += 1) {
  for (let x = 0; x < WIDTH; x += 1) {
    const [r, g, b] = pixel(x, y);
    const at = (y * WIDTH + x) * 4;
    png.data[at] = r;
    png.data[at + 1] = g;
    png.data[at + 2] = b;
    png.data[at + 3] = 255;
  }
}

fs.mkdirSync(path.dirname(TARGET), { recursive: true });
const bytes = PNG.sync.write(png, { colorType: 2, deflateLevel: 9 });
fs.writeFileSync(TARGET, bytes);
console.log(`wrote ${path.relative(ROOT, TARGET)} (${Math.round(bytes.length / 1024)} KB)`);
