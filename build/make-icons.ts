/**
 * Draws Ponte's icons (a bridge arch over a round badge) without any image library: PNGs through
 * zlib, and a Windows .ico holding PNG frames. The results are committed build resources; rerun
 * with `npx tsx build/make-icons.ts` after changing the drawing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

type Rgb = [number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (data: Buffer): number => {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

const chunk = (type: string, data: Buffer): Buffer => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

export const encodePng = (size: number, rgba: Uint8Array): Buffer => {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // no filter
    Buffer.from(rgba.buffer, rgba.byteOffset + y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

/** An .ico whose frames are PNGs (supported since Windows Vista). */
export const encodeIco = (frames: Array<{ size: number; png: Buffer }>): Buffer => {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(frames.length, 4);
  let offset = 6 + 16 * frames.length;
  const entries = frames.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size;
    entry[1] = size >= 256 ? 0 : size;
    entry.writeUInt16LE(1, 4); // planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...frames.map((f) => f.png)]);
};

const COLORS: Record<'app' | 'idle' | 'syncing' | 'attention', Rgb> = {
  app: [0, 122, 110],
  idle: [0, 122, 110],
  syncing: [25, 103, 210],
  attention: [214, 88, 0],
};

/** Coverage of one pixel by the shape, from 4×4 samples (anti-aliasing). */
const draw = (size: number, color: Rgb, badge: boolean): Uint8Array => {
  const out = new Uint8Array(size * size * 4);
  const inCircle = (x: number, y: number) => (x - 0.5) ** 2 + (y - 0.5) ** 2 <= 0.47 ** 2;
  // The bridge: an arch (ring segment) over a deck line, in white.
  const inBridge = (x: number, y: number) => {
    const dx = x - 0.5;
    const dy = y - 0.66;
    const r = Math.hypot(dx, dy);
    const arch = dy <= 0 && r >= 0.2 && r <= 0.29;
    const deck = y >= 0.6 && y <= 0.68 && x >= 0.16 && x <= 0.84;
    const pillars = (Math.abs(x - 0.25) <= 0.035 || Math.abs(x - 0.75) <= 0.035) && y >= 0.6 && y <= 0.78;
    return arch || deck || pillars;
  };
  const inBadge = (x: number, y: number) => badge && (x - 0.8) ** 2 + (y - 0.2) ** 2 <= 0.17 ** 2;
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let cover = 0;
      let white = 0;
      let dot = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          if (inBadge(x, y)) dot++;
          else if (inCircle(x, y)) {
            cover++;
            if (inBridge(x, y)) white++;
          }
        }
      }
      const total = n * n;
      const alpha = (cover + dot) / total;
      const i = (py * size + px) * 4;
      if (alpha === 0) continue;
      const w = white / Math.max(cover + dot, 1);
      const d = dot / Math.max(cover + dot, 1);
      const badgeColor: Rgb = [255, 200, 0];
      for (let c = 0; c < 3; c++) {
        out[i + c] = Math.round((color[c] ?? 0) * (1 - w - d) + 255 * w + badgeColor[c]! * d);
      }
      out[i + 3] = Math.round(alpha * 255);
    }
  }
  return out;
};

const here = path.dirname(fileURLToPath(import.meta.url));
const trayDir = path.join(here, 'tray');
mkdirSync(trayDir, { recursive: true });

const appFrames = [16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: encodePng(size, draw(size, COLORS.app, false)) }));
writeFileSync(path.join(here, 'icon.ico'), encodeIco(appFrames));
writeFileSync(path.join(here, 'icon.png'), appFrames.at(-1)!.png);
writeFileSync(path.join(trayDir, 'icon.png'), encodePng(64, draw(64, COLORS.app, false)));
for (const state of ['idle', 'syncing', 'attention'] as const) {
  // Electron picks @2x on high-DPI screens by itself.
  writeFileSync(path.join(trayDir, `tray-${state}.png`), encodePng(16, draw(16, COLORS[state], state === 'attention')));
  writeFileSync(path.join(trayDir, `tray-${state}@2x.png`), encodePng(32, draw(32, COLORS[state], state === 'attention')));
}
console.log(`icons written to ${here}`);
