import { describe, expect, it } from "vitest";
import { readCapture } from "../../src/pcap/index.js";
import { block, bytes, concat, epb, idb, seq, shb, spb, words } from "./helpers.js";

describe("pcapng", () => {
  for (const le of [true, false]) {
    it(`reads EPBs with the default µs resolution (${le ? "little" : "big"}-endian)`, () => {
      const file = concat(shb(le), idb(le, 1, 65535), epb(le, 0, 1_500_000n, seq(60)), epb(le, 0, 1_500_001n, seq(42), 100));
      const cap = readCapture(file);
      expect(cap).toMatchObject({ format: "pcapng", linkType: 1, snaplen: 65535, nanosecond: false });
      expect(cap.records.map((r) => r.timestampNs)).toEqual([1_500_000_000n, 1_500_001_000n]);
      expect([...cap.records[0].data]).toEqual([...seq(60)]);
      expect(cap.records[1].originalLength).toBe(100);
    });
  }

  it("handles two interfaces with different if_tsresol", () => {
    const le = true;
    const file = concat(
      shb(le),
      idb(le, 1, 0, 9), // 10^-9: nanoseconds
      idb(le, 1, 0, 0x80 | 10), // 2^-10 seconds
      epb(le, 0, 1_234_567_891n, seq(20)),
      epb(le, 1, 3n * 1024n + 512n, seq(21)),
      epb(le, 0, 7n, seq(22)),
    );
    const cap = readCapture(file);
    expect(cap.nanosecond).toBe(true);
    expect(cap.snaplen).toBe(0);
    expect(cap.records.map((r) => r.timestampNs)).toEqual([1_234_567_891n, 3_500_000_000n, 7n]);
    expect(cap.records.map((r) => r.data.length)).toEqual([20, 21, 22]);
  });

  it("supports a millisecond resolution (10^-3)", () => {
    const file = concat(shb(true), idb(true, 1, 0, 3), epb(true, 0, 1500n, seq(4)));
    expect(readCapture(file).records[0].timestampNs).toBe(1_500_000_000n);
  });

  it("reads simple packet blocks, cut to the interface snaplen", () => {
    const file = concat(shb(true), idb(true, 1, 8), spb(true, seq(8), 30), spb(true, seq(5)));
    const cap = readCapture(file);
    expect(cap.records.map((r) => [r.data.length, r.originalLength, r.timestampNs])).toEqual([
      [8, 30, 0n],
      [5, 5, 0n],
    ]);
  });

  it("skips unknown and name-resolution blocks", () => {
    const le = false;
    const file = concat(
      shb(le),
      block(le, 0x0000_0004, seq(13)), // name resolution block, odd body padded
      idb(le, 101, 1500),
      block(le, 0x4000_1234, new Uint8Array(0)), // unknown type, empty body
      epb(le, 0, 0n, seq(9)),
      block(le, 0x0000_0005, seq(16)), // interface statistics
    );
    const cap = readCapture(file);
    expect(cap.linkType).toBe(101);
    expect(cap.records).toHaveLength(1);
    expect([...cap.records[0].data]).toEqual([...seq(9)]);
  });

  it("restarts interface numbering in a new section, which may switch byte order", () => {
    const file = concat(
      shb(true), idb(true, 1, 0), epb(true, 0, 1n, seq(3)),
      shb(false), idb(false, 1, 0, 9), epb(false, 0, 2n, seq(4)),
    );
    const cap = readCapture(file);
    expect(cap.records.map((r) => [r.timestampNs, r.data.length])).toEqual([[1000n, 3], [2n, 4]]);
  });

  it("ignores unused interfaces with another link type", () => {
    const file = concat(shb(true), idb(true, 1, 0), idb(true, 105, 0), epb(true, 0, 0n, seq(3)));
    expect(readCapture(file).linkType).toBe(1);
  });

  it("reports packets from interfaces with differing link types at the packet's offset", () => {
    const head = concat(shb(true), idb(true, 1, 0), idb(true, 228, 0), epb(true, 0, 0n, seq(4)));
    const file = concat(head, epb(true, 1, 0n, seq(4)));
    expect(() => readCapture(file, "mixed.pcapng")).toThrow(
      `mixed.pcapng: byte ${head.length}: packet on interface 1 has link type 228, but earlier packets have link type 1 (one link type per capture is supported)`,
    );
  });

  it("honours if_tsoffset", () => {
    const opts = concat(words(true, [[16, 14], [16, 8], [64, 100n]]), words(true, [[16, 0], [16, 0]]));
    const iface = block(true, 1, concat(words(true, [[16, 1], [16, 0], [32, 0]]), opts));
    const cap = readCapture(concat(shb(true), iface, epb(true, 0, 5n, bytes(1))));
    expect(cap.records[0].timestampNs).toBe(100_000_005_000n);
  });

  it("a section header alone is an empty Ethernet capture", () => {
    expect(readCapture(shb(true))).toMatchObject({ format: "pcapng", records: [], linkType: 1 });
  });
});
