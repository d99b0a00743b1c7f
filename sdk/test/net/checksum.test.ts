import { describe, it, expect, beforeAll } from "vitest";
import { loadAS, type ASModule } from "../support/as-compile.ts";
import { refChecksum, refSum, rng, ipRaw, pseudo4, pseudo6, ip6Bytes } from "./frames.ts";

let m: ASModule;
let e: Record<string, any>;

beforeAll(async () => {
  m = await loadAS({ file: "sdk/test/net/assembly/checksum.ts" });
  e = m.exports;
});

const hex = (v: number) => "0x" + (v >>> 0).toString(16).padStart(4, "0");

describe("internet checksum (RFC 1071)", () => {
  it("matches the RFC 1071 §3 example", () => {
    // 00 01 f2 03 f4 f5 f6 f7: the sum is ddf2, the checksum its complement 220d
    const p = m.writeBytes([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]);
    expect(hex(e.sum(p, 8, 0))).toBe("0xddf2");
    expect(hex(e.checksum(p, 8))).toBe("0x220d");
    expect(hex(e.fold(0x1ddf1))).toBe("0x220d"); // 0x1ddf1 folds to 0xddf2
  });

  it("gives b861 for a real IPv4 header and 0 over it once filled in", () => {
    const hdr = [0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00,
      0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7];
    const p = m.writeBytes(hdr);
    expect(hex(e.checksum(p, 20))).toBe("0xb861");
    const q = m.writeBytes([...hdr.slice(0, 10), 0xb8, 0x61, ...hdr.slice(12)]);
    expect(e.checksum(q, 20)).toBe(0);
  });

  it("handles empty, odd-length and misaligned buffers like the reference", () => {
    const r = rng(1071);
    const buf = Array.from({ length: 300 }, () => Math.floor(r() * 256));
    const base = m.writeBytes(buf);
    for (let off = 0; off < 9; off++) {
      for (const len of [0, 1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 33, 64, 127, 255, 290]) {
        const want = refChecksum(buf.slice(off, off + len));
        expect(hex(e.checksum(base + off, len)), `offset ${off} length ${len}`).toBe(hex(want));
      }
    }
  });

  it("sums all-ones data to 0xffff (checksum 0) and chains partial sums", () => {
    const ones = m.writeBytes(new Array(64).fill(0xff));
    expect(hex(e.sum(ones, 64, 0))).toBe("0xffff");
    expect(e.checksum(ones, 64)).toBe(0);
    const r = rng(7);
    const buf = Array.from({ length: 100 }, () => Math.floor(r() * 256));
    const p = m.writeBytes(buf);
    const chained = e.sum(p + 40, 60, e.sum(p, 40, 0));
    expect(hex(e.fold(chained))).toBe(hex(refChecksum(buf)));
    // a large initial value is folded in, not lost
    expect(hex(e.fold(e.sum(p, 100, 0x2fffd)))).toBe(hex(refChecksum(buf, 0x2fffd)));
  });

  it("sums 64 KiB of data (many carries) correctly", () => {
    const big = new Uint8Array(65536).fill(0xfe);
    const p = m.writeBytes(big);
    expect(hex(e.checksum(p, big.length))).toBe(hex(refChecksum(big)));
  });
});

describe("pseudo-header sums", () => {
  it("IPv4: equal to the reference pseudo-header", () => {
    const cases: Array<[string, string, number, number]> = [
      ["192.168.0.1", "192.168.0.199", 17, 0x5f],
      ["10.0.0.1", "255.255.255.255", 6, 65535],
      ["0.0.0.0", "0.0.0.0", 1, 0],
      ["203.0.113.9", "198.51.100.77", 6, 0x12345],
    ];
    for (const [s, d, proto, len] of cases) {
      const got = e.fold(e.pseudo4(ipRaw(s), ipRaw(d), proto, len));
      const want = refChecksum([], pseudo4(s, d, proto, len & 0xffff) + (len >>> 16));
      expect(hex(got), `${s} ${d} ${proto} ${len}`).toBe(hex(want));
    }
  });

  it("IPv6: equal to the reference pseudo-header", () => {
    const src = ip6Bytes([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    const dst = ip6Bytes([0xfe80, 0, 0, 0, 0x0211, 0x22ff, 0xfe33, 0x4455]);
    const ps = m.writeBytes(src);
    const pd = m.writeBytes(dst);
    for (const [proto, len] of [[58, 32], [6, 1460], [17, 0x10008]]) {
      const got = e.fold(e.pseudo6(ps, pd, proto, len));
      expect(hex(got)).toBe(hex(refChecksum([], pseudo6(src, dst, proto, len))));
    }
  });
});

describe("incremental update (RFC 1624)", () => {
  it("fixes the RFC 1624 §4 -0 case: eqn. 3 gives 0x0000, not 0xffff", () => {
    // The other words sum to 0xcd7a; m = 0x5555 gives HC = ~(0xcd7a + 0x5555) = 0xdd2f.
    // m' = 0x3285: recomputing gives ~(0xcd7a + 0x3285) = ~0xffff = 0x0000, and so must eqn. 3
    // (RFC 1141's eqn. 2 gives 0xffff here).
    expect(hex(e.inc16(0xdd2f, 0x5555, 0x3285))).toBe("0x0000");
    // and back again
    expect(hex(e.inc16(0x0000, 0x3285, 0x5555))).toBe("0xdd2f");
    // no change, no checksum change
    expect(hex(e.inc16(0xdd2f, 0x5555, 0x5555))).toBe("0xdd2f");
  });

  it("equals a full recompute for 1,000 random 16-bit changes in IPv4 headers", () => {
    const r = rng(1624);
    const special = [0x0000, 0xffff, 0x0001, 0xfffe, 0x8000];
    const pick = () => (r() < 0.2 ? special[Math.floor(r() * special.length)] : Math.floor(r() * 65536));
    const p = m.writeBytes(new Array(20).fill(0));
    const mem = () => new DataView(m.memory.buffer, p, 20);
    for (let n = 0; n < 1000; n++) {
      const hdr = Array.from({ length: 20 }, () => Math.floor(r() * 256));
      if (n % 50 === 0) hdr.fill(n % 100 === 0 ? 0 : 0xff); // degenerate headers too
      hdr[10] = hdr[11] = 0;
      new Uint8Array(m.memory.buffer, p, 20).set(hdr);
      const ck = e.checksum(p, 20);
      mem().setUint16(10, ck);
      let word = Math.floor(r() * 9);
      if (word >= 5) word++; // any word but the checksum
      const oldV = mem().getUint16(word * 2);
      const newV = pick();
      const inc = e.inc16(ck, oldV, newV);
      mem().setUint16(word * 2, newV);
      mem().setUint16(10, 0);
      const full = e.checksum(p, 20);
      expect(hex(inc), `case ${n}: word ${word} ${hex(oldV)} -> ${hex(newV)}, old checksum ${hex(ck)}`).toBe(hex(full));
      mem().setUint16(10, inc);
      expect(e.checksum(p, 20), `case ${n}: header no longer verifies`).toBe(0);
    }
  });

  it("equals a full recompute for 1,000 random address rewrites (32-bit, host and raw)", () => {
    const r = rng(32);
    const p = m.writeBytes(new Array(20).fill(0));
    for (let n = 0; n < 1000; n++) {
      const hdr = Array.from({ length: 20 }, () => Math.floor(r() * 256));
      hdr[10] = hdr[11] = 0;
      const view = new DataView(m.memory.buffer, p, 20);
      new Uint8Array(m.memory.buffer, p, 20).set(hdr);
      const ck = e.checksum(p, 20);
      const at = r() < 0.5 ? 12 : 16;
      const oldHost = view.getUint32(at);
      const oldRaw = view.getUint32(at, true);
      const newHost = n % 10 === 0 ? [0, 0xffffffff][n % 20 === 0 ? 0 : 1] : Math.floor(r() * 2 ** 32);
      view.setUint32(at, newHost);
      const newRaw = view.getUint32(at, true);
      const full = e.checksum(p, 20);
      expect(hex(e.inc32(ck, oldHost, newHost)), `case ${n}`).toBe(hex(full));
      expect(hex(e.incRaw32(ck, oldRaw, newRaw)), `case ${n} (raw)`).toBe(hex(full));
    }
  });
});
