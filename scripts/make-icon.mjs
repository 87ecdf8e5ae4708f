// Draws images/icon.png (128x128): a route through two hops under a lens. Run: node scripts/make-icon.mjs
// It rasterises a few shapes with 4x4 supersampling and writes the PNG with zlib, so it needs no image tools.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;

/** Shapes in a 0..512 design space, painted in order; each returns whether a point is inside. */
const shapes = [
  { color: [30, 42, 56, 255], inside: roundedRect(16, 16, 496, 496, 96) },
  { color: [61, 220, 151, 255], inside: polyline([[104, 404], [200, 308], [200, 196], [300, 128], [412, 128]], 15) },
  { color: [61, 220, 151, 255], inside: circle(104, 404, 40) },
  { color: [61, 220, 151, 255], inside: circle(412, 128, 40) },
  { color: [30, 42, 56, 255], inside: circle(104, 404, 18) },
  { color: [30, 42, 56, 255], inside: circle(412, 128, 18) },
  { color: [255, 255, 255, 40], inside: circle(300, 300, 92) },
  { color: [255, 255, 255, 255], inside: ring(300, 300, 92, 16) },
  { color: [255, 255, 255, 255], inside: polyline([[372, 372], [444, 444]], 24) },
  { color: [255, 179, 71, 255], inside: circle(300, 300, 34) },
];

function circle(cx, cy, r) {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function ring(cx, cy, r, halfWidth) {
  return (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) <= halfWidth;
}

function roundedRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
    const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
    return x >= x0 && x <= x1 && y >= y0 && y <= y1 && dx * dx + dy * dy <= r * r;
  };
}

/** A stroked path with round joins and caps: within halfWidth of any segment. */
function polyline(points, halfWidth) {
  return (x, y) => {
    for (let i = 1; i < points.length; i++) {
      const [ax, ay] = points[i - 1];
      const [bx, by] = points[i];
      const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
      if (Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= halfWidth) return true;
    }
    return false;
  };
}

/** Paints one sample point: each shape that covers it is composited over the ones before. */
function sample(x, y) {
  let [r, g, b, a] = [0, 0, 0, 0];
  for (const { color, inside } of shapes) {
    if (!inside(x, y)) continue;
    const alpha = color[3] / 255;
    const outA = alpha + a * (1 - alpha);
    if (outA === 0) continue;
    r = (color[0] * alpha + r * a * (1 - alpha)) / outA;
    g = (color[1] * alpha + g * a * (1 - alpha)) / outA;
    b = (color[2] * alpha + b * a * (1 - alpha)) / outA;
    a = outA;
  }
  return [r * a, g * a, b * a, a];
}

const scale = 512 / SIZE;
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let py = 0; py < SIZE; py++) {
  raw[py * (SIZE * 4 + 1)] = 0;
  for (let px = 0; px < SIZE; px++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const s = sample((px + (sx + 0.5) / SAMPLES) * scale, (py + (sy + 0.5) / SAMPLES) * scale);
        for (let c = 0; c < 4; c++) sum[c] += s[c];
      }
    }
    const n = SAMPLES * SAMPLES;
    const alpha = sum[3] / n;
    const offset = py * (SIZE * 4 + 1) + 1 + px * 4;
    // Averaged premultiplied colour, turned back into straight alpha for PNG.
    for (let c = 0; c < 3; c++) raw[offset + c] = alpha > 0 ? Math.round(sum[c] / n / alpha) : 0;
    raw[offset + 3] = Math.round(alpha * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // Bit depth.
header[9] = 6; // RGBA.
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
