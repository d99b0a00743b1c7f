// Fuzzing the pcap and pcapng readers (runtime/src/pcap/): valid captures with
// random damage — bad magic, truncation anywhere, flipped bytes, huge caplen and
// block lengths. Property: reading either succeeds or throws the reader's own
// PcapError naming a byte offset inside the input — never another exception.
import { describe, it, expect, afterAll } from "vitest";
import fc from "fast-check";
import { readCapture, writePcap, PcapError } from "@clickos/runtime";
import { concat, shb, idb, epb, spb, words } from "../../runtime/test/pcap/helpers.ts";
import { report, fuzzRuns, SEED } from "./report.ts";

const RUNS = fuzzRuns(1500);
const tally: Record<string, { cases: number; ok: number; errors: number }> = {};
afterAll(() => report("pcap-fuzz", {
  title: "pcap / pcapng reader fuzzing",
  rows: Object.entries(tally).map(([k, v]) => ({ input: k, cases: v.cases, outcome: `${v.ok} read, ${v.errors} refused with a located PcapError; nothing else thrown` })),
}));

function check(kind: string, bytes: Uint8Array): void {
  const t = (tally[kind] ??= { cases: 0, ok: 0, errors: 0 });
  t.cases++;
  try {
    const c = readCapture(bytes, "f.pcap");
    for (const r of c.records) expect(r.data.length).toBeLessThanOrEqual(bytes.length);
    t.ok++;
  } catch (e) {
    if (!(e instanceof PcapError)) throw new Error(`readCapture threw ${(e as Error)?.name}: ${(e as Error)?.message}`);
    t.errors++;
    expect(e.offset).toBeGreaterThanOrEqual(0);
    expect(e.offset).toBeLessThanOrEqual(bytes.length);
    expect(e.message).toMatch(/^f\.pcap: byte \d+: ./);
  }
}

const frames = fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 6 });
const classic = fc.tuple(frames, fc.boolean()).map(([fs, ns]) => writePcap(fs.map((data, i) => ({ data, timestampNs: BigInt(i) * 1000n })), { nanosecond: ns }));
const pcapng = fc.tuple(frames, fc.boolean()).map(([fs, le]) => concat(shb(le), idb(le, 1, 65535), ...fs.map((d, i) => (i % 3 === 2 ? spb(le, d) : epb(le, 0, BigInt(i), d)))));
const damage = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), v: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("u32" as const), at: fc.nat(), v: fc.constantFrom(0, 0xffffffff, 0x7fffffff, 0x40000, 0x40001, 3, 13) }),
);

function damaged(b: Uint8Array, ds: { kind: string; at: number; v?: number }[]): Uint8Array {
  let out = b.slice();
  for (const d of ds) {
    if (!out.length) break;
    const at = d.at % out.length;
    if (d.kind === "truncate") out = out.slice(0, at);
    else if (d.kind === "flip") out[at] = d.v!;
    else out.set(words(true, [[32, d.v!]]).subarray(0, Math.min(4, out.length - at)), at);
  }
  return out;
}

describe("pcap / pcapng reader fuzzing", () => {
  it("classic pcap with damage (truncation, flipped bytes, huge lengths)", () => {
    fc.assert(fc.property(classic, fc.array(damage, { maxLength: 4 }), (b, ds) => check("classic pcap, damaged", damaged(b, ds))), { seed: SEED, numRuns: RUNS });
  });
  it("pcapng with damage", () => {
    fc.assert(fc.property(pcapng, fc.array(damage, { maxLength: 4 }), (b, ds) => check("pcapng (SHB, IDB, EPB, SPB), damaged", damaged(b, ds))), { seed: SEED, numRuns: RUNS });
  });
  it("bad magic, random bytes and huge caplen", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => check("random bytes", b)), { seed: SEED, numRuns: RUNS >> 1 });
    fc.assert(fc.property(frames.filter((f) => f.length > 0), fc.constantFrom(0x40001, 0xffffffff, 0x7fffffff), (fs, cap) => {
      const b = writePcap(fs.map((data) => ({ data })));
      b.set(words(true, [[32, cap]]), 24 + 8);   // first record's caplen
      check("classic pcap, caplen above the limit", b);
      expect(() => readCapture(b, "f.pcap")).toThrow(/f\.pcap: byte 32: /);
    }), { seed: SEED, numRuns: 50 });
  });
});
