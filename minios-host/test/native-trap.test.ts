// Trap containment in the C host, through the harness: a module whose element
// traps on marked packets (test/faulty: unreachable, out-of-bounds load,
// abort(), runaway recursion) keeps forwarding the other packets; each trap
// drops only the batch in flight, is counted and described, and the module is
// re-instantiated with its elements re-created from their configurations.
import { describe, it, expect, beforeAll } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writePcap } from "@clickos/runtime";
import { faultyWasm, harnessFor, nativeToolchainMissing, runHarness } from "./native-support.ts";
import { hasTool } from "./support.ts";

const missing = nativeToolchainMissing();

/** A frame whose first byte is the marker and second its index. */
const frame = (marker: number, i: number) => new Uint8Array([marker, i, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0x11, 0x22, 0x33]);
const MARKERS = [0x00, 0xff, 0x01, 0xfe, 0x02, 0xfd, 0x03, 0xfc, 0x04];
const CHAIN = 'f :: NativeFaulty(LABEL "hello, world") -> d :: NativeDup';

describe.skipIf(missing)(`native trap containment (${missing ?? "wasm2c + cc"})`, () => {
  let exe = "";
  beforeAll(async () => { exe = await harnessFor(await faultyWasm()); }, 600_000);

  it("with batches of one: only the faulty packets are lost, each trap is counted and described", () => {
    const input = MARKERS.map(frame);
    const r = runHarness(exe, CHAIN, input, ["--batch", "1"], ["f.seen", "f.config", "traps"]);
    expect(r.status, r.stderr).toBe(0);
    const good = input.filter((f) => f[0] < 0xfc);
    expect(r.out.map((f) => f[1])).toEqual(good.map((f) => f[1]));
    expect(r.out).toEqual(good);
    // NativeDup's emitted copies (first byte 0xEE) on port 1, one per surviving packet
    expect(r.out1.map((f) => [f[0], f[1]])).toEqual(good.map((f) => [0xee, f[1]]));
    expect(r.handlers["traps"]).toBe("4");
    expect(r.stderr).toMatch(/f: trap \(unreachable executed\); 1 packet\(s\) dropped, module re-instantiated/);
    expect(r.stderr).toMatch(/f: trap \(out of bounds memory access\)/);
    // env.abort: the AssemblyScript UTF-16 message decoded to UTF-8
    expect(r.stderr).toMatch(/f: trap \(abort: faulty packet: é ∑ 😀/);
    expect(r.stderr).toMatch(/f: trap \(call stack exhausted\)/);
    expect(r.stderr).toMatch(/9 in, 5 out, 5 on port 1, 4 dropped, 4 trap\(s\) \(last: call stack exhausted\)/);
    // re-created from the saved configuration; state since the last re-instantiation only
    expect(r.handlers["f.config"]).toBe("hello, world");
    expect(r.handlers["f.seen"]).toBe("1");
  });

  it("a runaway loop ends in a contained 'fuel exhausted' trap (the build meters fuel)", () => {
    const input = [frame(0, 0), frame(0xfb, 1), frame(0, 2)];
    const r = runHarness(exe, CHAIN, input, ["--batch", "1"], ["traps", "f.config"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.out.map((f) => f[1])).toEqual([0, 2]);
    expect(r.handlers["traps"]).toBe("1");
    expect(r.stderr).toMatch(/f: trap \(fuel exhausted: more than \d+ units of work in one call \(a runaway loop\?\)\)/);
    expect(r.handlers["f.config"]).toBe("hello, world");
  });

  it("a trap costs only its packet: the rest of the batch runs again, one packet at a time", () => {
    const input = [frame(0, 0), frame(0, 1), frame(0xff, 2), frame(0, 3), frame(0, 4), frame(0, 5)];
    const r = runHarness(exe, CHAIN, input, ["--batch", "3"], ["traps", "f.seen"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.out.map((f) => f[1])).toEqual([0, 1, 3, 4, 5]);
    expect(r.handlers["traps"]).toBe("1");
    // re-created at the poisoned packet's own trap: it has seen 3, 4, 5 since
    expect(r.handlers["f.seen"]).toBe("3");
    expect(r.stderr).toMatch(/trap \(.*\); packet at 3000 ns dropped, the rest of its batch run again/);
  });

  it("a module trapping on every packet never stops the harness", () => {
    const input = Array.from({ length: 300 }, (_, i) => frame(i % 2 ? 0xff : 0xfe, i % 256));
    const r = runHarness(exe, CHAIN, input, ["--batch", "2"], ["traps"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.out.length).toBe(0);
    // one trap per packet: each batch of two traps, then each packet traps alone
    expect(r.handlers["traps"]).toBe("300");
    expect(r.stderr).toMatch(/300 in, 0 out, 0 on port 1, 300 dropped, 300 trap/);
  });

  // The trap policies, as the Node host's TRAP_POLICY keyword: the first trap sets
  // them off; copied or zero-copy input, the same outcome.
  const POLICY_INPUT = [frame(0, 0), frame(0xff, 1), frame(0, 2), frame(0xfe, 3), frame(0, 4)];
  for (const way of [[], ["--zero-copy"]]) {
    it(`TRAP_POLICY bypass: after its first trap the element is skipped, packets go on untouched ${way.join(" ")}`, () => {
      const r = runHarness(exe, 'f :: NativeFaulty(LABEL "x, y", TRAP_POLICY bypass) -> d :: NativeDup', POLICY_INPUT, ["--batch", "1", ...way],
        ["traps", "f.trap_state", "f.trap_policy", "f.config"]);
      expect(r.status, r.stderr).toBe(0);
      // packet 1 trapped (dropped); 3 would trap too but f is bypassed by then
      expect(r.out.map((f) => f[1])).toEqual([0, 2, 3, 4]);
      expect(r.out[2]).toEqual(POLICY_INPUT[3]);
      expect(r.out1.length).toBe(4);   // d still runs: its copies
      expect(r.handlers).toEqual({ traps: "1", "f.trap_state": "bypassed", "f.trap_policy": "bypass", "f.config": "x, y" });
    });
    it(`TRAP_POLICY disable: after its first trap the element drops everything ${way.join(" ")}`, () => {
      const r = runHarness(exe, "f :: NativeFaulty(TRAP_POLICY disable, LABEL z) -> d :: NativeDup", POLICY_INPUT, ["--batch", "1", ...way],
        ["traps", "f.trap_state", "f.config"]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.out.map((f) => f[1])).toEqual([0]);
      expect(r.handlers).toEqual({ traps: "1", "f.trap_state": "disabled", "f.config": "z" });
      expect(r.stderr).toMatch(/5 in, 1 out, 1 on port 1, 4 dropped, 1 trap/);
    });
  }

  it("TRAP_POLICY restart is the default; a bad policy is a configuration error naming the element", () => {
    const r = runHarness(exe, "f :: NativeFaulty(TRAP_POLICY restart) -> d :: NativeDup", POLICY_INPUT, ["--batch", "1"], ["traps", "f.trap_state"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.out.map((f) => f[1])).toEqual([0, 2, 4]);
    expect(r.handlers).toEqual({ traps: "2", "f.trap_state": "active" });
    const bad = runHarness(exe, "f :: NativeFaulty(TRAP_POLICY sometimes)", POLICY_INPUT, [], []);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("f :: NativeFaulty: TRAP_POLICY must be one of restart, bypass, disable (got ' sometimes')");
  });

  it.skipIf(!hasTool("valgrind"))("traps, re-instantiation and emitted packets leave no invalid access or leak (valgrind)", () => {
    const dir = mkdtempSync(join(tmpdir(), "clickos-trap-vg-"));
    writeFileSync(join(dir, "in.pcap"), writePcap(MARKERS.map((m, i) => ({ data: frame(m, i) }))));
    const r = spawnSync("valgrind", ["--error-exitcode=9", "--leak-check=full", "--errors-for-leak-kinds=definite,indirect", "-q", exe,
      "--chain", CHAIN, "--in", join(dir, "in.pcap"), "--out", join(dir, "o.pcap"), "--out1", join(dir, "o1.pcap"), "--batch", "2", "-h", "f.seen"],
    { encoding: "utf8", timeout: 300_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/4 trap\(s\)/);
  }, 600_000);
});
