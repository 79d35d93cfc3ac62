import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../src/discord/render/encodePng.ts';

/** The chunks of a PNG, each with its CRC checked. */
function chunks(png: Buffer): { type: string; data: Buffer }[] {
  const found: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length), `CRC of ${type}`).toBe(
      crc32(png.subarray(at + 4, at + 8 + length)),
    );
    found.push({ type, data });
    at += 12 + length;
  }
  return found;
}

describe('the PNG encoder', () => {
  it('GIVEN 3×2 RGBA pixels THEN the PNG holds them, row by row, with a valid header and CRCs', async () => {
    const pixels = Buffer.from(Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256));
    const png = await encodePng(pixels, 3, 2);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const [header, data, end] = chunks(png);
    expect(header?.type).toBe('IHDR');
    expect([
      header?.data.readUInt32BE(0),
      header?.data.readUInt32BE(4),
      header?.data[8],
      header?.data[9],
    ]).toEqual([3, 2, 8, 6]);
    expect(data?.type).toBe('IDAT');
    const rows = inflateSync(data?.data ?? Buffer.alloc(0));
    expect(rows).toEqual(
      Buffer.concat([Buffer.from([0]), pixels.subarray(0, 12), Buffer.from([0]), pixels.subarray(12)]),
    );
    expect(end?.type).toBe('IEND');
  });

  it('GIVEN pixels that do not match the size THEN it refuses', async () => {
    await expect(encodePng(Buffer.alloc(10), 3, 2)).rejects.toThrow(/Expected 24 bytes/);
  });
});
