// copyBytes moves packet bytes between the store and module memory by words when
// alignment allows; every offset, length and alignment must copy exactly.
import { it, expect } from "vitest";
import { copyBytes } from "../../src/host/copy.ts";

it("copies every length and alignment exactly, touching nothing else", () => {
  const src = new Uint8Array(4096), dst = new Uint8Array(4096);
  for (let i = 0; i < src.length; i++) src[i] = (i * 131 + 7) & 0xff;
  const s32 = new Int32Array(src.buffer), d32 = new Int32Array(dst.buffer);
  for (const len of [0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 60, 64, 127, 511, 512, 1500]) {
    for (let so = 0; so < 8; so++) for (let doff = 0; doff < 8; doff++) {
      dst.fill(0xee);
      copyBytes(dst, d32, 100 + doff, src, s32, 200 + so, len);
      for (let i = 0; i < len; i++) if (dst[100 + doff + i] !== src[200 + so + i]) throw new Error(`len ${len} so ${so} do ${doff} byte ${i}`);
      expect(dst[99 + doff]).toBe(0xee);
      expect(dst[100 + doff + len]).toBe(0xee);
    }
  }
});
