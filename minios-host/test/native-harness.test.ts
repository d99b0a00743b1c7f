// The Linux harness (harness/clickos-run.c) over the standard elements compiled
// by wasm2c: DecIPTTL and EtherMirror chains on pcaps from the packet builder,
// handlers, port 1, batch sizes, bad input (chains, configs, pcaps), --bench.
import { describe, it, expect, beforeAll } from "vitest";
import { ensureStandardElementsBuilt } from "../../test/support/build-once.ts";
import { pkt, internetChecksum } from "@clickos/sdk/testing";
import { writePcap } from "@clickos/runtime";
import { harnessFor, nativeToolchainMissing, runHarness } from "./native-support.ts";

const missing = nativeToolchainMissing();
const MAC_A = "00:11:22:33:44:55", MAC_B = "66:77:88:99:aa:bb";

function frame(ttl: number, payload = "hello"): Uint8Array {
  return pkt.ether({ src: MAC_A, dst: MAC_B }).ipv4({ src: "10.0.0.1", dst: "10.0.0.2", ttl }).udp({ sport: 1000, dport: 2000 }).payload(payload).build();
}

describe.skipIf(missing)(`native harness (${missing ?? "wasm2c + cc"})`, () => {
  let exe = "";
  beforeAll(async () => { exe = await harnessFor(await ensureStandardElementsBuilt()); }, 600_000);

  const TTLS = [64, 2, 1, 0, 255, 17];
  const DEC = "Strip(14) -> CheckIPHeader -> dt :: DecIPTTL -> Unstrip(14)";

  it("DecIPTTL: decrements TTL with a valid checksum, expired packets leave on port 1, drops counted", () => {
    const input = TTLS.map((t, i) => frame(t, `packet ${i}`));
    const r = runHarness(exe, DEC, input, [], ["dt.drops", "dt.malformed", "traps"]);
    expect(r.status, r.stderr).toBe(0);
    const live = TTLS.map((t, i) => [t, i]).filter(([t]) => t > 1);
    expect(r.out.length).toBe(live.length);
    r.out.forEach((f, k) => {
      const [ttl, i] = live[k];
      expect(f[14 + 8], `packet ${i} TTL`).toBe(ttl - 1);
      expect(internetChecksum(f.subarray(14, 34)), `packet ${i} IP checksum`).toBe(0);
      // everything but TTL and checksum unchanged, Ethernet header restored by Unstrip
      const want = input[i].slice();
      want[14 + 8] = ttl - 1;
      want[14 + 10] = f[14 + 10]; want[14 + 11] = f[14 + 11];
      expect(Buffer.from(f).equals(Buffer.from(want)), `packet ${i} bytes`).toBe(true);
    });
    // expired packets leave DecIPTTL[1] unchanged (before Unstrip: no Ethernet header)
    expect(r.out1.map((f) => Buffer.from(f).toString("hex"))).toEqual(
      TTLS.map((t, i) => [t, i]).filter(([t]) => t <= 1).map(([, i]) => Buffer.from(input[i].subarray(14)).toString("hex")));
    expect(r.handlers["dt.drops"]).toBe("2");
    expect(r.handlers["dt.malformed"]).toBe("0");
    expect(r.handlers["traps"]).toBe("0");
  });

  it("gives the same output with batches of 1, 3 and 256", () => {
    const input = Array.from({ length: 40 }, (_, i) => frame(i % 7, "x".repeat(i)));
    const runs = ["1", "3", "256"].map((b) => runHarness(exe, DEC, input, ["--batch", b], ["dt.drops"]));
    for (const r of runs) expect(r.status, r.stderr).toBe(0);
    expect(runs[1].outBytes).toEqual(runs[0].outBytes);
    expect(runs[2].outBytes).toEqual(runs[0].outBytes);
    expect(runs.map((r) => r.handlers["dt.drops"])).toEqual(["12", "12", "12"]);
  });

  it("without --out1 DecIPTTL has one output and drops expired packets", () => {
    const input = TTLS.map((t) => frame(t));
    const r = runHarness(exe, DEC, input, [], ["dt.drops"], { out1: false });
    expect(r.status, r.stderr).toBe(0);
    expect(r.out.map((f) => f[14 + 8])).toEqual(TTLS.filter((t) => t > 1).map((t) => t - 1));
    expect(r.handlers["dt.drops"]).toBe("2");
    expect(r.stderr).toMatch(/6 in, 4 out, 0 on port 1, 2 dropped, 0 trap/);
  });

  it("EtherMirror swaps source and destination addresses and leaves the rest", () => {
    const input = [frame(64), frame(3, "other payload")];
    const r = runHarness(exe, "m :: EtherMirror", input, [], ["m.runts"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.out.length).toBe(2);
    r.out.forEach((f, i) => {
      expect(Buffer.from(f.subarray(0, 6))).toEqual(Buffer.from(input[i].subarray(6, 12)));
      expect(Buffer.from(f.subarray(6, 12))).toEqual(Buffer.from(input[i].subarray(0, 6)));
      expect(Buffer.from(f.subarray(12))).toEqual(Buffer.from(input[i].subarray(12)));
    });
    expect(r.handlers["m.runts"]).toBe("0");
  });

  it("reports chain and configuration errors with their position, exit 1", () => {
    const input = [frame(64)];
    let r = runHarness(exe, "Strip(14) -> NoSuchElement -> Unstrip(14)", input);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--chain position 13: class 'NoSuchElement' is not in this module/);
    r = runHarness(exe, "Strip(14 -> DecIPTTL", input);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/position 5: unbalanced '\('/);
    r = runHarness(exe, "Strip(14) -> DecIPTTL ->", input);
    expect(r.stderr).toMatch(/expected an element after '->'/);
    r = runHarness(exe, "a[1] -> DecIPTTL", input);
    expect(r.stderr).toMatch(/port syntax/);
    r = runHarness(exe, "Strip(14) -> dt :: DecIPTTL(MULTICAST maybe)", input);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/configuration error/);
    expect(r.stderr).toMatch(/dt :: DecIPTTL: .*MULTICAST/);
    r = runHarness(exe, "m :: EtherMirror", input, [], ["m.nosuch"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/-h m.nosuch: .*no such read handler/);
  });

  it("rejects malformed pcaps with the byte offset, never crashes", () => {
    const good = writePcap([{ data: frame(64) }, { data: frame(65) }]);
    const cases: [Uint8Array, RegExp][] = [
      [good.subarray(0, 10), /byte 10: file too short for a pcap header/],
      [new Uint8Array(40).fill(7), /byte 0: not a pcap file/],
      [good.subarray(0, 24 + 10), /byte 24: truncated record header/],
    ];
    const huge = good.slice();
    new DataView(huge.buffer).setUint32(24 + 8, 0x7fffffff, true);
    cases.push([huge, /byte 32: record length larger than 262144 bytes/]);
    for (const [bytes, msg] of cases) {
      const r = runHarness(exe, "EtherMirror", bytes);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toMatch(msg);
    }
    // A bad record after good ones stops reading there; the packets before it
    // are processed (as the Node host's FromDump does).
    const cut = runHarness(exe, "EtherMirror", good.subarray(0, good.length - 3));
    expect(cut.status, cut.stderr).toBe(0);
    expect(cut.stderr).toMatch(/byte \d+: truncated record data; stopped reading \(packets before it were processed\)/);
    expect(cut.out).toHaveLength(1);
  });

  it("--bench runs the chain N times in memory and prints ns/packet", () => {
    const input = Array.from({ length: 64 }, (_, i) => frame(64, "y".repeat(i)));
    const r = runHarness(exe, DEC, input, ["--bench", "3"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^bench: 3 x 64 packets, batch 256: [\d.]+ ns\/packet \([\d.]+ ns\/packet inside clickos_push\), [\d.]+ ns\/packet CPU time$/m);
    expect(r.stderr).toMatch(/192 in, 192 out/);
  });
});
