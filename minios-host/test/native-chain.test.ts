// Resident chains in the C host (clickos_push_chain): the harness keeps a batch
// in module memory across consecutive elements (one copy in, one copy out) unless
// told --per-element, where every element is its own clickos_push with a copy
// each way, or --zero-copy, where input batches are received straight into
// module memory (clickos_resident_*) for the first element. All three must give
// the same captures, the same handler values and the same trap accounting,
// whatever the batch size: packets that leave early on
// port 1, drops, annotations written in one crossing and read in the next
// (FLAG_ANNO), headroom a Strip removed and a later Unstrip restores, packets
// an element emits (the run stops there), and traps in the middle of a run.
import { describe, it, expect, beforeAll } from "vitest";
import { ensureStandardElementsBuilt } from "../../test/support/build-once.ts";
import { pkt } from "@clickos/sdk/testing";
import { faultyWasm, harnessFor, nativeToolchainMissing, runHarness, type HarnessRun } from "./native-support.ts";

const missing = nativeToolchainMissing();

const frame = (i: number, ttl: number) =>
  pkt.ether({ src: "00:11:22:33:44:55", dst: "66:77:88:99:aa:bb" })
    .ipv4({ src: `10.0.${i >> 8}.${i & 255}`, dst: "10.9.0.2", ttl }).udp({ sport: 1000 + i, dport: 53 }).payload("x".repeat(i % 23)).build();

/** Runs every way and checks they agree; returns the resident run. */
function bothWays(exe: string, chain: string, input: Uint8Array[], extra: string[], handlers: string[], ways = ["--per-element", "--zero-copy", "--one"]): HarnessRun {
  const resident = runHarness(exe, chain, input, extra, handlers);
  expect(resident.status, resident.stderr).toBe(0);
  const summary = (r: HarnessRun) => /clickos-run: \d+ in.*/.exec(r.stderr)?.[0];
  for (const way of ways) {
    const other = runHarness(exe, chain, input, [...extra, way], handlers);
    expect(other.status, other.stderr).toBe(0);
    expect(other.stderr, "no fallback to copying").not.toContain("copying instead");
    const where = `${chain} ${extra.join(" ")} (resident chain vs ${way})`;
    expect(other.outBytes, `${where}: output 0`).toEqual(resident.outBytes);
    expect(other.out1Bytes, `${where}: output 1`).toEqual(resident.out1Bytes);
    expect(other.handlers, `${where}: handlers`).toEqual(resident.handlers);
    expect(summary(other), `${where}: counts`).toEqual(summary(resident));
  }
  return resident;
}

describe.skipIf(missing)(`native resident chains (${missing ?? "wasm2c + cc"})`, () => {
  let exe = "";
  beforeAll(async () => { exe = await harnessFor(await ensureStandardElementsBuilt()); }, 600_000);

  const input = Array.from({ length: 300 }, (_, i) => frame(i, [64, 1, 0, 9, 255][i % 5]));

  it("Strip -> CheckIPHeader -> DecIPTTL -> Unstrip: same output resident and element by element, any batch", () => {
    const chain = "Strip(14) -> CheckIPHeader -> dt :: DecIPTTL -> Unstrip(14) -> EtherMirror";
    for (const b of ["1", "7", "256"]) {
      const r = bothWays(exe, chain, input, ["--batch", b], ["dt.drops"]);
      // TTL 1 and 0 leave DecIPTTL on port 1 (stripped), the others come out mirrored, Ethernet header restored
      expect(r.out.length).toBe(180);
      expect(r.out1.length).toBe(120);
      expect(r.handlers["dt.drops"]).toBe("120");
      const src = input[0];
      expect(Buffer.from(r.out[0].subarray(0, 6))).toEqual(Buffer.from(src.subarray(6, 12)));
      expect(Buffer.from(r.out[0].subarray(6, 12))).toEqual(Buffer.from(src.subarray(0, 6)));
      expect(r.out1[0].length).toBe(input[1].length - 14);
    }
  });

  it("headroom removed by Strip comes back with Unstrip, across crossings and within a run", () => {
    for (const extra of [[], ["--per-element"]]) {
      const r = runHarness(exe, "Strip(14) -> Strip(6) -> Unstrip(6) -> Unstrip(14)", input, extra);
      expect(r.status, r.stderr).toBe(0);
      expect(r.out).toEqual(input);
    }
  });

  it("--zero-copy falls back to copying, with the same output, when frames are too long for resident buffers", () => {
    const jumbo = [frame(1, 64), pkt.ether({ src: "00:11:22:33:44:55", dst: "66:77:88:99:aa:bb" }).payload(new Uint8Array(70_000).fill(7)).build(), frame(2, 64)];
    const copied = runHarness(exe, "EtherMirror", jumbo, ["--snaplen", "262144"]);
    const zero = runHarness(exe, "EtherMirror", jumbo, ["--snaplen", "262144", "--zero-copy"]);
    expect(zero.status, zero.stderr).toBe(0);
    expect(zero.stderr).toMatch(/--zero-copy: .*resident packets: max_len above 65536; copying instead/);
    expect(zero.out).toEqual(copied.out);
    expect(zero.out.length).toBe(3);
  });

  it("annotations written in one crossing are read in the next (Paint -> PaintSwitch)", () => {
    const r = bothWays(exe, "Paint(1) -> PaintSwitch", input.slice(0, 50), ["--batch", "16"], []);
    expect(r.out.length).toBe(0);
    expect(r.out1.length).toBe(50);
  });
});

describe.skipIf(missing)(`native resident chains: emitted packets and traps (${missing ?? "wasm2c + cc"})`, () => {
  let exe = "";
  beforeAll(async () => { exe = await harnessFor(await faultyWasm()); }, 600_000);

  const frame1 = (marker: number, i: number) => new Uint8Array([marker, i, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0x11, 0x22, 0x33]);
  const input = Array.from({ length: 40 }, (_, i) => frame1(i % 13 === 5 ? 0xff : i % 17 === 3 ? 0xfd : 0x00, i));
  const CHAIN = "a :: NativeFaulty(LABEL one) -> d :: NativeDup -> f :: NativeFaulty(LABEL two) -> e :: NativeDup";

  it("an element that emits ends the run; its packets and the emitted ones go on as element by element", () => {
    for (const b of ["1", "4", "256"]) {
      const ok = input.map((f) => frame1(0, f[1]));
      const r = bothWays(exe, CHAIN, ok, ["--batch", b, "--port1", "e"], ["a.seen", "f.seen", "traps"]);
      expect(r.out.length).toBe(40);
      expect(r.out1.length).toBe(40);   // e's copies; d's go to output 1, unconnected, dropped
      expect(r.handlers["f.seen"]).toBe("40");
    }
  });

  // (Both NativeFaulty trap on the same markers, so the trap is always at the head
  // of a run; a trap further down is dropped the same way, by the same code.)
  it("a trap costs only its packet (the rest of the batch runs again) and re-creates every element of the run; later batches flow", () => {
    const chain = "a :: NativeFaulty(LABEL one) -> f :: NativeFaulty(LABEL two) -> e :: NativeDup";
    const traps = input.filter((f) => f[0] !== 0).length;
    for (const b of ["1", "3", "256"]) {
      // Zero-copy (resident) input still loses the whole batch at a trap (not
      // yet run again packet by packet), so it is compared at batch 1 only.
      const r = bothWays(exe, chain, input, ["--batch", b, "--port1", "e"], ["traps", "a.config", "f.config", "f.seen"], b === "1" ? undefined : ["--per-element"]);
      if (b === "1") {
        expect(r.handlers["traps"]).toBe(String(traps));
        expect(r.out.length).toBe(40 - traps);
        expect(r.out1.length).toBe(40 - traps);
      } else {
        expect(Number(r.handlers["traps"])).toBeGreaterThan(0);
      }
      expect(r.handlers["a.config"]).toBe("one");
      expect(r.handlers["f.config"]).toBe("two");
    }
  });
});
