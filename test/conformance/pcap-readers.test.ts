// One capture reader behaviour for both hosts: the same pcap and pcapng files,
// good and bad, through the Node host (FromDump -> ToDump) and the native
// harness (clickos-run), give the same records out, or the same located error.
import { describe, it, expect, beforeAll } from "vitest";
import { runClick, framesOf, readCapture } from "@clickos/sdk/testing";
import { ensureStandardElementsBuilt } from "../support/build-once.ts";
import { harnessFor, runHarness, nativeToolchainMissing } from "../../minios-host/test/native-support.ts";
import { concat, pcapHeader, pcapRecord, shb, idb, epb, spb, block, words, seq } from "../../runtime/test/pcap/helpers.ts";

const missing = nativeToolchainMissing();
const LE_US = 0xa1b2c3d4, LE_NS = 0xa1b23c4d;
const f = (n: number, start: number) => seq(n, start);

const CASES: [string, Uint8Array][] = [
  ["classic, microseconds", concat(pcapHeader(true, LE_US), pcapRecord(true, 1, 5, f(60, 1)), pcapRecord(true, 2, 999999, f(61, 2)))],
  ["classic, big-endian nanoseconds", concat(pcapHeader(false, LE_NS), pcapRecord(false, 3, 123456789, f(60, 3)))],
  ["classic, record longer than the snaplen (kept)", concat(pcapHeader(true, LE_US, 64), pcapRecord(true, 0, 0, f(100, 4)))],
  ["classic, fraction past one second (carries)", concat(pcapHeader(true, LE_US), pcapRecord(true, 7, 2_500_000, f(60, 5)))],
  ["classic, link type with FCS bits", concat(pcapHeader(true, LE_US, 65535, 0x10000001), pcapRecord(true, 1, 0, f(60, 6)))],
  ["pcapng, default microseconds", concat(shb(true), idb(true, 1, 65535), epb(true, 0, 1_000_005n, f(60, 7)))],
  ["pcapng, big-endian, nanosecond resolution", concat(shb(false), idb(false, 1, 65535, 9), epb(false, 0, 1_234_567_890n, f(60, 8)))],
  ["pcapng, power-of-two resolution", concat(shb(true), idb(true, 1, 65535, 0x80 | 20), epb(true, 0, 3n << 20n | 12345n, f(60, 9)))],
  ["pcapng, simple packet block cut to the snaplen", concat(shb(true), idb(true, 1, 64), spb(true, f(64, 10), 100))],
  ["pcapng, unknown blocks skipped, two sections", concat(shb(true), block(true, 0x0bad, f(8, 0)), idb(true, 1, 0), epb(true, 0, 5n, f(60, 11)), shb(false), idb(false, 1, 0), epb(false, 0, 6n, f(60, 12)))],
];
const BAD: [string, Uint8Array][] = [
  ["truncated classic record", concat(pcapHeader(true, LE_US), pcapRecord(true, 1, 0, f(60, 1))).subarray(0, 70)],
  ["pcapng, unknown interface", concat(shb(true), idb(true, 1, 0), epb(true, 3, 0n, f(60, 1)))],
  ["pcapng, block length mismatch", concat(shb(true), block(true, 1, words(true, [[16, 1], [16, 0], [32, 0]]), 24))],
  ["pcapng, two link types", concat(shb(true), idb(true, 1, 0), idb(true, 101, 0), epb(true, 0, 0n, f(60, 1)), epb(true, 1, 0n, f(60, 2)))],
];

describe.skipIf(missing)(`pcap and pcapng: the same reading in both hosts (${missing ?? "native harness"})`, () => {
  let exe = "", elements = "";
  beforeAll(async () => { elements = await ensureStandardElementsBuilt(); exe = await harnessFor(elements); }, 600_000);

  for (const [what, file] of CASES) {
    it(what, () => {
      const node = runClick("FromDump(in.pcap) -> Paint(0) -> ToDump(out.pcap, SNAPLEN 262144);", { files: { "in.pcap": file }, elements, log: () => {} });
      const nat = runHarness(exe, "Paint(0)", file, ["--snaplen", "262144"], [], { out1: false });
      expect(nat.status, nat.stderr).toBe(0);
      const a = readCapture(node.files["out.pcap"]).records, b = readCapture(nat.outBytes!).records;
      expect(b.map((r) => [r.timestampNs, Buffer.from(r.data).toString("hex")])).toEqual(a.map((r) => [r.timestampNs, Buffer.from(r.data).toString("hex")]));
      expect(framesOf(node.files["out.pcap"]).length).toBeGreaterThan(0);
    });
  }
  // A bad header or first record refuses the file; a bad record after good ones
  // stops reading there, and the packets before it are processed.
  for (const [what, file] of BAD) {
    it(`refused or cut at the same byte: ${what}`, () => {
      let nodeErr = "", nodeOut: Uint8Array[] = [];
      const logs: string[] = [];
      try {
        const r = runClick("FromDump(in.pcap) -> Paint(0) -> ToDump(out.pcap);", { files: { "in.pcap": file }, elements, log: (m) => logs.push(m) });
        nodeOut = framesOf(r.files["out.pcap"]);
        nodeErr = logs.find((l) => /stopped reading/.test(l)) ?? "";
      } catch (e) { nodeErr = (e as Error).message; }
      const nat = runHarness(exe, "Paint(0)", file, [], [], { out1: false });
      const at = (s: string) => /byte (\d+)/.exec(s)?.[1];
      expect(at(nodeErr), nodeErr).toBeDefined();
      expect(at(nat.stderr), nat.stderr).toBe(at(nodeErr));
      expect(nat.status).toBe(nodeOut.length ? 0 : 1);
      expect(nat.out).toEqual(nodeOut);
    });
  }
});
