import { describe, expect, it } from "vitest";
import { iterateCapture, readCapture, writePcap } from "../../src/pcap/index.js";
import { concat, pcapHeader, pcapRecord, seq } from "./helpers.js";

describe("classic pcap", () => {
  it("round-trips writePcap → readCapture with µs timestamps", () => {
    const recs = [
      { data: seq(60), timestampNs: 1_700_000_000_123_456_000n },
      { data: seq(1514, 7), timestampNs: 1_700_000_001_000_001_000n },
      { data: new Uint8Array(0), timestampNs: 5n * 1_000_000_000n },
    ];
    const cap = readCapture(writePcap(recs));
    expect(cap).toMatchObject({ format: "pcap", linkType: 1, snaplen: 262144, nanosecond: false });
    expect(cap.records.map((r) => [...r.data])).toEqual(recs.map((r) => [...r.data]));
    expect(cap.records.map((r) => r.timestampNs)).toEqual(recs.map((r) => r.timestampNs));
    expect(cap.records.map((r) => r.originalLength)).toEqual([60, 1514, 0]);
  });

  it("µs output drops sub-microsecond digits; ns output keeps them", () => {
    const rec = [{ data: seq(4), timestampNs: 10_000_000_123_456_789n }];
    expect(readCapture(writePcap(rec)).records[0].timestampNs).toBe(10_000_000_123_456_000n);
    const ns = readCapture(writePcap(rec, { nanosecond: true }));
    expect(ns.nanosecond).toBe(true);
    expect(ns.records[0].timestampNs).toBe(10_000_000_123_456_789n);
  });

  it("writes the header fields exactly (little-endian, version 2.4)", () => {
    const out = writePcap([{ data: seq(3) }], { linkType: 101, snaplen: 1000 });
    expect([...out.subarray(0, 24)]).toEqual([
      0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xe8, 0x03, 0, 0, 101, 0, 0, 0,
    ]);
    expect(out.length).toBe(24 + 16 + 3);
  });

  it("truncates packets to snaplen and keeps the original length", () => {
    const cap = readCapture(writePcap([{ data: seq(100) }], { snaplen: 64 }));
    expect(cap.records[0].data.length).toBe(64);
    expect(cap.records[0].originalLength).toBe(100);
  });

  it("preserves originalLength when re-writing a read capture", () => {
    const first = readCapture(writePcap([{ data: seq(100) }], { snaplen: 64 }));
    const again = readCapture(writePcap(first.records, { snaplen: 64 }));
    expect(again.records[0].originalLength).toBe(100);
  });

  it("rejects timestamps that do not fit the header", () => {
    expect(() => writePcap([{ data: seq(1), timestampNs: -1n }])).toThrow(/record 1: timestamp/);
    expect(() => writePcap([{ data: seq(1), timestampNs: 2n ** 33n * 1_000_000_000n }])).toThrow(RangeError);
  });

  for (const le of [true, false]) {
    for (const [magic, ns] of [[0xa1b2c3d4, false], [0xa1b23c4d, true]] as const) {
      const label = `${le ? "little" : "big"}-endian, ${ns ? "ns" : "µs"} magic`;
      it(`reads a hand-built ${label} file`, () => {
        const file = concat(
          pcapHeader(le, magic, 2000, 228),
          pcapRecord(le, 100, 250, seq(20)),
          pcapRecord(le, 101, 0, seq(10, 50), 1500),
        );
        const cap = readCapture(file, "x.pcap");
        expect(cap).toMatchObject({ format: "pcap", linkType: 228, snaplen: 2000, nanosecond: ns });
        expect(cap.records).toHaveLength(2);
        expect(cap.records[0].timestampNs).toBe(100_000_000_000n + 250n * (ns ? 1n : 1000n));
        expect([...cap.records[1].data]).toEqual([...seq(10, 50)]);
        expect(cap.records[1].originalLength).toBe(1500);
      });
    }
  }

  it("returns zero-copy views into the input", () => {
    const file = writePcap([{ data: seq(8) }]);
    const rec = readCapture(file).records[0];
    expect(rec.data.buffer).toBe(file.buffer);
    expect(rec.data.byteOffset).toBe(40);
  });

  it("works on a subarray of a larger buffer", () => {
    const file = writePcap([{ data: seq(8) }]);
    const big = new Uint8Array(file.length + 10);
    big.set(file, 5);
    const cap = readCapture(big.subarray(5, 5 + file.length));
    expect([...cap.records[0].data]).toEqual([...seq(8)]);
  });

  it("iterateCapture streams the same records lazily", () => {
    const file = writePcap([{ data: seq(5) }, { data: seq(6) }]);
    const it = iterateCapture(file);
    expect(it.next().value?.data.length).toBe(5);
    expect([...it].map((r) => r.data.length)).toEqual([6]);
  });

  it("an empty capture (header only) has no records", () => {
    expect(readCapture(writePcap([])).records).toEqual([]);
  });
});
