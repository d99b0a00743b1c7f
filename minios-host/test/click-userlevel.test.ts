// Opt-in: the generated Click element classes inside a real Click userlevel
// driver. Set CLICKOS_CLICK_BUILD to a Click install prefix built with
// --enable-userlevel (bin/click, share/click/config.mk); Click is never built
// from this repository. Each module becomes a Click package (.uo) through
// Click's own pkg-userlevel.mk, loaded with require(package "...").
import { describe, it, expect, beforeAll } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildNative, registerNativeGlue } from "../../sdk/src/native/index.ts";
import { clickGlue } from "../../sdk/src/native/click-glue.ts";
import { buildPackage } from "@clickos/sdk";
import { standardElementsWasm } from "./click-support.ts";
import { pkt, internetChecksum } from "@clickos/sdk/testing";
import { readCapture, writePcap } from "@clickos/runtime";
import { hasTool, TEST_DIR } from "./support.ts";
import { faultyWasm } from "../../test/support/cached-build.ts";
import { normal, poison } from "../../test/reliability/support.ts";

const CLICK = process.env.CLICKOS_CLICK_BUILD;

function skipReason(): string | null {
  if (!CLICK) return "CLICKOS_CLICK_BUILD is not set (point it at a Click userlevel install prefix, e.g. /opt/click)";
  for (const f of ["bin/click", "share/click/config.mk", "share/click/pkg-userlevel.mk"]) {
    if (!existsSync(join(CLICK, f))) return `CLICKOS_CLICK_BUILD=${CLICK} has no ${f} (needs a Click install built with --enable-userlevel)`;
  }
  const missing = ["wasm2c", "make", "g++", "cc"].filter((t) => !hasTool(t));
  return missing.length ? `not installed: ${missing.join(", ")}` : null;
}
const reason = skipReason();

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", timeout: 300_000, maxBuffer: 256 << 20, env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "", error: r.error };
}

/** wasm → buildNative(click-userlevel) → `<pkg>.uo` with Click's package rules. */
async function clickPackage(wasm: string, pkg: string, classPrefix: string): Promise<string> {
  registerNativeGlue("click-userlevel", (ctx) => clickGlue(ctx, { classPrefix, packageName: pkg }));
  const dir = mkdtempSync(join(tmpdir(), `click-pkg-${pkg}-`));
  await buildNative({ wasm, outDir: dir, target: "click-userlevel" });
  const make = sh("make", ["-j2", "-f", "click-package.mk", `CLICK_PREFIX=${CLICK}`], dir);
  if (make.status !== 0) throw new Error(`make ${pkg}.uo failed (${make.error ?? make.status}):\n${make.stderr.slice(-4000)}`);
  expect(existsSync(join(dir, `${pkg}.uo`))).toBe(true);
  return dir;
}

/** Runs click on a configuration; returns handler values printed by -h. */
function runClick(cwd: string, clickpath: string[], conf: string, handlers: string[]) {
  writeFileSync(join(cwd, "test.click"), conf);
  const args = handlers.flatMap((h) => ["-h", h]);
  const r = sh(join(CLICK!, "bin/click"), [...args, "test.click"], cwd, { CLICKPATH: clickpath.join(":") });
  // `click -h e.h` prints "e.h:\n" then the value and a blank line, in -h order
  // (with a single -h, only the value).
  const values: Record<string, string> = {};
  if (handlers.length === 1) return { ...r, values: { [handlers[0]]: r.stdout.replace(/\n+$/, "") } };
  let at = 0;
  handlers.forEach((h, i) => {
    const start = r.stdout.indexOf(`${h}:\n`, at);
    if (start < 0) return;
    const from = start + h.length + 2;
    const next = i + 1 < handlers.length ? r.stdout.indexOf(`\n${handlers[i + 1]}:\n`, from - 1) : -1;
    values[h] = r.stdout.slice(from, next < 0 ? undefined : next).replace(/\n+$/, "");
    at = next < 0 ? r.stdout.length : next;
  });
  return { ...r, values };
}

function ipFrame(ttl: number, id: number): Uint8Array {
  return pkt.ether({ src: "00:00:00:00:00:01", dst: "00:00:00:00:00:02" })
    .ipv4({ src: "10.0.0.1", dst: "10.0.0.2", ttl, id })
    .udp({ sport: 1000, dport: 2000 }).payload("hello").build();
}

function writeInput(dir: string, name: string, frames: Uint8Array[]): void {
  writeFileSync(join(dir, name), writePcap(frames.map((data, i) => ({ data, timestampNs: BigInt(i + 1) * 1_000_000n }))));
}

function readOutput(dir: string, name: string): Uint8Array[] {
  return readCapture(new Uint8Array(readFileSync(join(dir, name))), name).records.map((r) => r.data);
}

describe.skipIf(reason !== null)(`generated classes in Click userlevel${reason ? ` — skipped: ${reason}` : ""}`, () => {
  let std = "";
  let faulty = "";
  let pullers = "";
  beforeAll(async () => {
    std = await clickPackage(await standardElementsWasm(), "clickos_std", "W");
    pullers = await clickPackage(await faultyWasm(), "clickos_pullers", "Y");
    const fdir = resolve(TEST_DIR, "click-faulty");
    const out = join(mkdtempSync(join(tmpdir(), "click-faulty-wasm-")), "faulty.wasm");
    await buildPackage({ dir: fdir, out });
    faulty = await clickPackage(out, "clickos_faulty", "X");
  }, 600_000);

  it("mixes native Click elements and WDecIPTTL: TTL decremented, checksum valid, handlers", () => {
    writeInput(std, "in.pcap", [ipFrame(64, 1), ipFrame(1, 2), ipFrame(17, 3)]);
    const r = runClick(std, [std], [
      'require(package "clickos_std");',
      "FromDump(in.pcap, STOP true) -> Strip(14) -> CheckIPHeader -> dt :: WDecIPTTL -> Unstrip(14) -> ToDump(out.pcap);",
    ].join("\n"), ["dt.drops", "dt.malformed", "dt.traps", "dt.last_trap", "dt.class", "dt.handlers"]);
    expect(r.status, r.stderr).toBe(0);
    const out = readOutput(std, "out.pcap");
    expect(out.length).toBe(2);  // the TTL-1 packet expired and output 1 is absent
    const ttls = out.map((f) => f[14 + 8]);
    expect(ttls).toEqual([63, 16]);
    for (const f of out) {
      expect(internetChecksum(f.subarray(14, 34)), "IP header checksum").toBe(0);
      expect(f[14 + 4] * 256 + f[14 + 5]).toBeGreaterThan(0);  // IP id kept
    }
    expect(out.map((f) => f[14 + 5])).toEqual([1, 3]);
    expect(r.values["dt.drops"]).toBe("1");
    expect(r.values["dt.malformed"]).toBe("0");
    expect(r.values["dt.traps"]).toBe("0");
    expect(r.values["dt.last_trap"]).toBe("");
    expect(r.values["dt.class"]).toBe("WDecIPTTL");
    expect(r.values["dt.handlers"]).toMatch(/^drops\tr$/m);
    expect(r.values["dt.handlers"]).toMatch(/^traps\tr$/m);
  });

  it("never writes into a buffer Click's clones share: a Tee's other copy keeps its bytes; readers are not copied", () => {
    writeInput(std, "in.pcap", [ipFrame(64, 1), ipFrame(9, 2)]);
    const r = runClick(std, [std], [
      'require(package "clickos_std");',
      "FromDump(in.pcap, STOP true) -> t :: Tee(3);",
      "t[0] -> Strip(14) -> CheckIPHeader -> WDecIPTTL -> Unstrip(14) -> ToDump(dec.pcap);",
      "t[1] -> ToDump(orig.pcap);",
      "t[2] -> WStrip(14) -> WPaint(3) -> WUnstrip(14) -> ToDump(same.pcap);",
    ].join("\n"), []);
    expect(r.status, r.stderr).toBe(0);
    expect(readOutput(std, "dec.pcap").map((f) => f[14 + 8])).toEqual([63, 8]);
    // The clone the WASM element wrote through was copied first; the others still hold the original bytes.
    expect(readOutput(std, "orig.pcap")).toEqual([ipFrame(64, 1), ipFrame(9, 2)]);
    expect(readOutput(std, "same.pcap")).toEqual([ipFrame(64, 1), ipFrame(9, 2)]);
  });

  it("a WClassifier's outputs meeting in one ToDump keep Click's order (the glue delivers in the module's output order)", () => {
    const arp = (i: number) => pkt.ether().arp({ op: "request", senderIp: `10.0.0.${i}`, targetIp: "10.0.0.254" }).build();
    const input = [ipFrame(64, 1), arp(2), ipFrame(64, 3), arp(4), arp(5), ipFrame(64, 6)];
    writeInput(std, "in.pcap", input);
    const r = runClick(std, [std], [
      'require(package "clickos_std");',
      "FromDump(in.pcap, STOP true) -> c :: WClassifier(12/0800, -);",
      "c[0] -> td :: ToDump(merged.pcap);",
      "c[1] -> td;",
    ].join("\n"), []);
    expect(r.status, r.stderr).toBe(0);
    expect(readOutput(std, "merged.pcap")).toEqual(input);
  });

  it("fusion: a run of WASM elements of one module forwards exactly as Click's own elements, handlers and side ports intact", () => {
    const bad = ipFrame(64, 9).slice();
    bad[14 + 10] ^= 0xff;   // IP checksum broken: CheckIPHeader drops it
    const input = [ipFrame(64, 1), ipFrame(1, 2), bad, ipFrame(17, 3), ipFrame(2, 4), ipFrame(1, 5)];
    writeInput(std, "in.pcap", input);
    const chain = (p: string) => `FromDump(in.pcap, STOP true) -> s :: ${p}Strip(14) -> ch :: ${p}CheckIPHeader -> dt :: ${p}DecIPTTL -> u :: ${p}Unstrip(14) -> ToDump(${p || "n"}out.pcap);\n` +
      `dt[1] -> ToDump(${p || "n"}expired.pcap);`;
    const native = runClick(std, [std], chain(""), ["ch.drops", "dt.drops"]);
    expect(native.status, native.stderr).toBe(0);
    const fused = runClick(std, [std], ['require(package "clickos_std");', chain("W")].join("\n"), ["ch.drops", "dt.drops", "dt.traps", "s.class", "u.class", "s.fused", "dt.fused", "u.fused"]);
    expect(fused.status, fused.stderr).toBe(0);
    expect(readOutput(std, "Wout.pcap")).toEqual(readOutput(std, "nout.pcap"));
    expect(readOutput(std, "Wout.pcap").map((f) => f[14 + 8])).toEqual([63, 16, 1]);
    // Packets that left the run on DecIPTTL's output 1 went on from DecIPTTL, untouched.
    expect(readOutput(std, "Wexpired.pcap")).toEqual(readOutput(std, "nexpired.pcap"));
    expect(readOutput(std, "Wexpired.pcap").length).toBe(2);
    expect(fused.values["ch.drops"]).toBe(native.values["ch.drops"]);
    expect(fused.values["dt.drops"]).toBe(native.values["dt.drops"]);
    expect([fused.values["s.class"], fused.values["u.class"]]).toEqual(["WStrip", "WUnstrip"]);
    // One crossing for the whole run from s; u's own run is itself (ToDump is Click's).
    expect([fused.values["s.fused"], fused.values["dt.fused"], fused.values["u.fused"]]).toEqual(["s ch dt u", "dt u", "u"]);
  });

  it("fusion: a trap inside a run costs only its packet, names the element that trapped, and the run carries on", () => {
    const ttls = [64, 13, 30, 13, 40];
    writeInput(faulty, "in.pcap", ttls.map((t, i) => ipFrame(t, i + 1)));
    const r = runClick(faulty, [faulty], [
      'require(package "clickos_faulty");',
      "FromDump(in.pcap, STOP true) -> Strip(14) -> a :: XFaulty -> b :: XFaulty -> Unstrip(14) -> ToDump(out.pcap);",
    ].join("\n"), ["a.traps", "a.seen", "b.seen"]);
    expect(r.status, r.stderr).toBe(0);
    expect(readOutput(faulty, "out.pcap").map((f) => f[14 + 8])).toEqual([64, 30, 40]);
    expect(Number(r.values["a.traps"])).toBe(2);
    expect(r.stderr).toMatch(/^a: trap: .*unreachable/m);
    expect(r.stderr).not.toMatch(/^b: trap/m);
    // Re-instantiated after the second trap: both fresh elements have seen only the last packet.
    expect([r.values["a.seen"], r.values["b.seen"]]).toEqual(["1", "1"]);
  });

  it("reports configuration errors through Click's ErrorHandler, at the element", () => {
    const r = runClick(std, [std], [
      'require(package "clickos_std");',
      "InfiniteSource(LIMIT 1, STOP true) -> dt :: WDecIPTTL(MULTICAST maybe) -> Discard;",
    ].join("\n"), []);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/test\.click:2: While configuring 'dt :: WDecIPTTL'/);
    expect(r.stderr).toMatch(/^\s+MULTICAST/m);
    expect(r.stderr).not.toMatch(/dt :: DecIPTTL:/);  // the host's own prefix is stripped
  });

  it("contains a trap in a generated element: later packets still forward, traps > 0", () => {
    const ttls = [64, 13, 30, 13, 40];
    writeInput(faulty, "in.pcap", ttls.map((t, i) => ipFrame(t, i + 1)));
    const r = runClick(faulty, [faulty, std], [
      'require(package "clickos_faulty");',
      'require(package "clickos_std");',
      "FromDump(in.pcap, STOP true) -> Strip(14) -> CheckIPHeader -> f :: XFaulty -> dt :: WDecIPTTL -> Unstrip(14) -> ToDump(out.pcap);",
    ].join("\n"), ["f.traps", "f.last_trap", "f.seen", "dt.traps"]);
    expect(r.status, r.stderr).toBe(0);
    const out = readOutput(faulty, "out.pcap");
    // Both TTL-13 packets were in flight when the module trapped: only they are lost.
    expect(out.map((f) => f[14 + 8])).toEqual([63, 29, 39]);
    expect(Number(r.values["f.traps"])).toBe(2);
    expect(r.values["f.last_trap"]).toMatch(/unreachable/);
    // Re-instantiated after the second trap: the fresh element has seen only the last packet.
    expect(r.values["f.seen"]).toBe("1");
    expect(r.values["dt.traps"]).toBe("0");  // another module is unaffected
    expect(r.stderr).toMatch(/f: trap: .*unreachable/);
  });

  it("pull outputs and tasks: WRoundRobinSched, WPrioSched and WUnqueue forward as Click's own, through a nested crossing", () => {
    const frames = Array.from({ length: 200 }, (_, i) => ipFrame(64, i + 1));
    const conf = (rr: string, unq: string) => [
      'require(package "clickos_std");',
      "FromDump(in.pcap, STOP true) -> s :: RoundRobinSwitch;",
      `s[0] -> q0 :: Queue(1000) -> [0]rr :: ${rr};`,
      // An agnostic WASM chain between a Queue and the scheduler: each pull it
      // answers is a crossing nested inside the scheduler's own.
      `s[1] -> q1 :: Queue(1000) -> WStrip(14) -> WCheckIPHeader -> WDecIPTTL -> WUnstrip(14) -> [1]rr;`,
      `rr -> u :: ${unq}(BURST 4) -> c :: Counter -> ToDump(out.pcap);`,
      "DriverManager(pause, wait 0.5s, stop);",
    ].join("\n");
    writeInput(std, "in.pcap", frames);
    const ours = runClick(std, [std], conf("WRoundRobinSched", "WUnqueue"), ["c.count", "u.count", "rr.traps"]);
    expect(ours.status, ours.stderr).toBe(0);
    const got = readOutput(std, "out.pcap");
    const theirs = runClick(std, [std], conf("RoundRobinSched", "Unqueue"), ["c.count"]);
    expect(theirs.status, theirs.stderr).toBe(0);
    expect(got).toEqual(readOutput(std, "out.pcap"));
    expect(got).toHaveLength(200);
    expect(got.map((f) => f[14 + 8])).toEqual(frames.map((_, i) => (i % 2 ? 63 : 64)));
    expect(ours.values["u.count"]).toBe("200");
    expect(ours.values["rr.traps"]).toBe("0");
    // PrioSched over pull-mode InfiniteSources: input 0 dry first, then input 1 (no timing involved).
    const prio = (p: string) => [
      'require(package "clickos_std");',
      `p :: ${p} -> ToDump(out.pcap);`,
      "InfiniteSource(DATA \\<aaaaaaaaaaaaaaaaaaaaaaaaaaaa>, LIMIT 3) -> [0]p;",
      "InfiniteSource(DATA \\<bbbbbbbbbbbbbbbbbbbbbbbbbbbb>, LIMIT 2) -> [1]p;",
      "DriverManager(wait 0.5s, stop);",
    ].join("\n");
    const pw = runClick(std, [std], prio("WPrioSched"), []);
    expect(pw.status, pw.stderr).toBe(0);
    const wOut = readOutput(std, "out.pcap");
    expect(runClick(std, [std], prio("PrioSched"), []).status).toBe(0);
    expect(wOut).toEqual(readOutput(std, "out.pcap"));
    expect(wOut.map((f) => f[0])).toEqual([0xaa, 0xaa, 0xaa, 0xbb, 0xbb]);
  });

  it("a trap in a WASM pull or task costs the packet it was working on, and the router goes on", () => {
    const frames = Array.from({ length: 40 }, (_, i) => (i === 10 ? poison() : normal(i)));
    writeInput(pullers, "in.pcap", frames);
    const conf = (chain: string) => [
      'require(package "clickos_pullers");',
      `FromDump(in.pcap, STOP true) -> q :: Queue(1000) -> ${chain} -> ToDump(out.pcap);`,
      "DriverManager(pause, wait 0.5s, stop);",
    ].join("\n");
    // In the scheduler's own pull: one packet per pull, so only the poisoned one.
    const sched = runClick(pullers, [pullers], conf("s :: YFaultySched(abort)"), ["s.traps"]);
    expect(sched.status, sched.stderr).toBe(0);
    expect(readOutput(pullers, "out.pcap")).toEqual(frames.filter((_, i) => i !== 10));
    expect(sched.values["s.traps"]).toBe("1");
    // Upstream of it, in a crossing nested inside its pull: the same.
    const nested = runClick(pullers, [pullers], conf("f :: YFaulty(abort) -> s :: YFaultySched(none)"), ["s.traps", "f.seen"]);
    expect(nested.status, nested.stderr).toBe(0);
    expect(readOutput(pullers, "out.pcap")).toEqual(frames.filter((_, i) => i !== 10));
    expect(nested.values["s.traps"]).toBe("1");
    // In a task: the poisoned packet alone, however many it had pulled in that
    // run: the glue gives the others back and they are lent again first.
    const task = runClick(pullers, [pullers], conf("u :: YFaultyUnqueue(abort)"), ["u.traps", "u.sent"]);
    expect(task.status, task.stderr).toBe(0);
    expect(readOutput(pullers, "out.pcap")).toEqual(frames.filter((_, i) => i !== 10));
    expect(task.values["u.traps"]).toBe("1");
  });

  it("TRAP_POLICY bypass in a Click configuration: after the first trap the element is skipped", () => {
    const ttls = [64, 13, 30, 13, 40];
    writeInput(faulty, "in.pcap", ttls.map((t, i) => ipFrame(t, i + 1)));
    const r = runClick(faulty, [faulty, std], [
      'require(package "clickos_faulty");',
      'require(package "clickos_std");',
      "FromDump(in.pcap, STOP true) -> Strip(14) -> CheckIPHeader -> f :: XFaulty(TRAP_POLICY bypass) -> dt :: WDecIPTTL -> Unstrip(14) -> ToDump(out.pcap);",
    ].join("\n"), ["f.traps", "f.trap_state", "f.trap_policy"]);
    expect(r.status, r.stderr).toBe(0);
    // The first TTL-13 packet trapped; the second passed the bypassed element untouched.
    expect(readOutput(faulty, "out.pcap").map((f) => f[14 + 8])).toEqual([63, 29, 12, 39]);
    expect(r.values["f.traps"]).toBe("1");
    expect(r.values["f.trap_state"]).toBe("bypassed");
    expect(r.values["f.trap_policy"]).toBe("bypass");
  });
});
