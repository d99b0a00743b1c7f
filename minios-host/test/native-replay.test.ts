// Conformance between the two hosts at the element level, for EVERY golden
// fixture of the standard elements (elements/*/tests/*.click), whatever its
// graph: the fixture runs in the Node host with a crossing trace (every crossing
// into a WebAssembly element: its inputs and results), every readable module
// handler is read after the run, and clickos-replay re-creates the same elements
// in the native host and repeats each crossing at the recorded virtual time,
// comparing ports, bytes, headroom, header offsets, annotations, emitted
// packets, timer calls and handler values. native-conformance.test.ts compares
// whole captures for the fixtures that are simple chains.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { readFileSync, existsSync, mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildPackage } from "@clickos/sdk";
import { findGoldenCases, isInputVariable } from "@clickos/sdk/testing";
import { ensureStandardElementsBuilt } from "../../test/support/build-once.ts";
import { nativeToolchainMissing, faultyWasm, REPO } from "./native-support.ts";
import { writePcap, readMeta } from "@clickos/runtime";
import { record, replay, replayFor, firstOutputByte } from "./native-replay-support.ts";

const missing = nativeToolchainMissing();
const WASM = join(REPO, "elements", "build", "elements.wasm");
const ALL_CASES = findGoldenCases(join(REPO, "elements"));
// Fixtures of classes that pull for themselves (RoundRobinSched, PrioSched,
// Unqueue): a crossing trace cannot record their calls (they re-enter the
// module through clickos.input_pull), so they are not replayed here; the Click
// userlevel test runs them in both hosts instead.
const PULLERS = ["RoundRobinSched", "PrioSched", "Unqueue"];
const pulls = (c: (typeof ALL_CASES)[number]) => PULLERS.some((n) => new RegExp(`\\b${n}\\b`).test(readFileSync(c.configFile, "utf8")));
const CASES = ALL_CASES.filter((c) => !pulls(c));

function recordCase(c: (typeof CASES)[number]) {
  const files: Record<string, Uint8Array> = {};
  for (const v of c.variables.filter(isInputVariable)) files[v] = new Uint8Array(readFileSync(join(c.dir, `${c.name}.${v}.pcap`)));
  const defines = c.variables.length ? `define(${c.variables.map((v) => `$${v} "${v}"`).join(", ")}); ` : "";
  return record(defines + readFileSync(c.configFile, "utf8"), { files, elements: WASM, configFile: c.configFile });
}

describe.skipIf(missing)(`conformance by crossing replay: Node host vs native host (${missing ?? "wasm2c + cc"})`, () => {
  let exe = "";
  const totals = { fixtures: 0, crossings: 0, pushes: 0, packets: 0, emitted: 0, timers: 0, handler_reads: 0 };
  beforeAll(async () => { exe = await replayFor(await ensureStandardElementsBuilt()); }, 600_000);
  afterAll(() => {
    if (totals.fixtures) console.log(`crossing replay: ${totals.fixtures} fixtures, ${totals.crossings} crossings `
      + `(${totals.pushes} pushes of ${totals.packets} packets, ${totals.emitted} emitted, ${totals.timers} timers, `
      + `${totals.handler_reads} handler reads) identical in both hosts`);
  });

  it("finds every golden fixture of the standard elements", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(49);
    expect(existsSync(WASM)).toBe(true);
    // Exactly the pull and task fixtures are left out, and the list of those classes is complete.
    expect(ALL_CASES.filter(pulls).map((c) => c.name).sort()).toEqual(["PrioSched-01", "RoundRobinSched-01", "Unqueue-01", "Unqueue-02"]);
    const meta = readMeta(new Uint8Array(readFileSync(WASM)), "elements") as { classes: { name: string; processing: string; task?: boolean }[] };
    expect(meta.classes.filter((k) => k.task || /l/.test(k.processing.split("/")[1] ?? "")).map((k) => k.name).sort()).toEqual([...PULLERS].sort());
  });

  it.each(CASES.map((c) => [c.name, c] as const))("%s: every crossing replays identically", (name, c) => {
    const rec = recordCase(c);
    const r = replay(exe, rec.trace.bytes());
    expect(r.status, `${name} (${c.configFile}): the native host differs from the Node host:\n${r.stdout}${r.stderr}`).toBe(0);
    // Every element of the fixture is in the standard module, and something crossed.
    expect(r.counts.skipped, r.stdout).toBe(0);
    expect(r.counts.pushes + r.counts.timers, `${name}: no packet crossed into a module`).toBeGreaterThan(0);
    expect(r.counts.handler_reads).toBe(rec.handlers.length);
    expect(r.counts.pushes).toBe(rec.trace.counts.pushes);
    totals.fixtures++;
    totals.crossings += r.counts.crossings;
    totals.pushes += r.counts.pushes;
    totals.packets += r.counts.packets;
    totals.emitted += r.counts.emitted;
    totals.timers += r.counts.timers;
    totals.handler_reads += r.counts.handler_reads;
  });

  it("names the crossing, element, packet and field of a difference", () => {
    const c = CASES.find((x) => x.name === "DecIPTTL-01")!;
    const bytes = recordCase(c).trace.bytes();
    const at = firstOutputByte(bytes);
    expect(at).not.toBeNull();
    bytes[at!.offset] ^= 0xff;
    const r = replay(exe, bytes);
    expect(r.status).toBe(1);
    const want = `0x${(bytes[at!.offset]).toString(16).padStart(2, "0")}`;
    const got = `0x${(bytes[at!.offset] ^ 0xff).toString(16).padStart(2, "0")}`;
    expect(r.stdout.trim()).toBe(`crossing ${at!.record} (push of ${at!.count} packet${at!.count === 1 ? "" : "s"} on input 0), `
      + `element ${at!.element} (${at!.className}), packet 0: field data[0] expected ${want} got ${got}`);
  });

  it("refuses a truncated or foreign trace with a clear error", () => {
    const c = CASES.find((x) => x.name === "DecIPTTL-01")!;
    const bytes = recordCase(c).trace.bytes();
    const cut = replay(exe, bytes.subarray(0, bytes.length - 3));
    expect(cut.status).toBe(2);
    expect(cut.stderr).toMatch(/truncated/);
    const foreign = replay(exe, new TextEncoder().encode("not a trace"));
    expect(foreign.status).toBe(2);
    expect(foreign.stderr).toMatch(/not a crossing trace/);
  });
});

// Traps and emitted packets, which the golden fixtures do not produce: the test
// module's NativeFaulty traps on a marker byte, NativeDup emits a copy of each packet.
describe.skipIf(missing)("crossing replay across traps and emitted packets", () => {
  let exe = "", wasm = "";
  beforeAll(async () => { wasm = await faultyWasm(); exe = await replayFor(wasm); }, 600_000);

  it("replays a trap (the rest of the batch run again, elements re-created) and the crossings after it", () => {
    const frame = (first: number, n: number) => Uint8Array.from({ length: 60 }, (_, i) => (i === 0 ? first : (i * n) & 0xff));
    // BURST 2: batches [ok, ok], [ok, unreachable], [ok, abort], [ok, ok].
    const firsts = [1, 2, 3, 0xff, 4, 0xfd, 5, 6];
    const IN = writePcap(firsts.map((b, i) => ({ data: frame(b, i + 1), timestampNs: BigInt(i + 1) * 1_000_000n })));
    const config = 'FromDump("IN", BURST 2) -> f :: NativeFaulty(LABEL "a, b") -> d :: NativeDup; d[0] -> ToDump("OUT"); d[1] -> ToDump("OUT1");';
    const rec = record(config, { files: { IN }, elements: false, modules: [wasm], configFile: "faulty-replay.click" });
    const r = replay(exe, rec.trace.bytes());
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    // f crosses once per batch; two batches trap (the module is re-instantiated
    // and both elements re-created), and the Node host runs each of their two
    // packets again alone: the good one passes, the bad one traps again. So f
    // crosses 4 + 4 times, d sees two whole batches and the two good packets run
    // again (4 crossings), and emits a copy of each of their 6 packets. The C
    // host replays exactly these crossings (it does not run batches again itself).
    expect(r.counts.pushes).toBe(8 + 4);
    expect(r.counts.traps).toBe(4);
    expect(r.counts.emitted).toBe(6);
    expect(r.counts.handler_reads).toBe(rec.handlers.length);
    expect(rec.handlers).toEqual(expect.arrayContaining(["f.seen", "f.config"]));
  });
});

// Timers, which no standard element uses: a test element built here schedules a
// timer at initialize, emits a packet each time it fires, reschedules twice, and
// reads the virtual clock per packet.
const TICKER = `/*
=c
ReplayTicker([INTERVAL])

=s test
emits a packet per timer tick

=d
Test-only (native-replay.test.ts): timer 0 fires every INTERVAL ns, three times.
*/
import { Element, Packet, Args } from "@clickos/sdk";

@element("ReplayTicker", { ports: "1/1", processing: "a" })
export class ReplayTicker extends Element {
  @handler("fired") fired: u64 = 0;
  @handler("last") last: u64 = 0;
  interval: i64 = 0;
  configure(args: Args): void { this.interval = args.read("INTERVAL").i64(1000000); }
  initialize(): void { this.scheduleTimer(0, this.interval); }
  simpleAction(p: Packet): i32 { this.last = <u64>this.nowNs(); return 0; }
  runTimer(timer: i32): void {
    this.fired++;
    const p = Packet.make(20);
    if (p !== null) { p.setU8(0, <u8>this.fired); this.emit(0, p); }
    if (this.fired < 3) this.scheduleTimer(0, this.interval);
    else this.cancelTimer(1);
  }
}
`;

describe.skipIf(missing)("crossing replay of timers", () => {
  let exe = "", wasm = "", dir = "";
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "clickos-replay-ticker-"));
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "replay-ticker", version: "0.0.0", private: true, type: "module", clickos: { abi: 1, wasm: "build/ticker.wasm" } }));
    writeFileSync(join(dir, "ticker.ts"), TICKER);
    mkdirSync(join(dir, "node_modules", "@clickos"), { recursive: true });
    symlinkSync(join(REPO, "sdk"), join(dir, "node_modules", "@clickos", "sdk"));
    wasm = (await buildPackage({ dir })).wasm;
    exe = await replayFor(wasm);
  }, 600_000);
  afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it("replays timer fires at their virtual time, their emitted packets and timer calls", () => {
    // Timestamps from now on: the Node host's clock starts at real time (timers
    // scheduled at initialize count from it) and then follows the capture.
    const t0 = BigInt(Date.now()) * 1_000_000n;
    const IN = writePcap([1, 2].map((i) => ({ data: new Uint8Array(40).fill(i), timestampNs: t0 + BigInt(i) * 500_000n })));
    const config = 'FromDump("IN") -> t :: ReplayTicker(INTERVAL 1000000) -> ToDump("OUT");';
    const rec = record(config, { files: { IN }, elements: false, modules: [wasm], configFile: "ticker.click" });
    const r = replay(exe, rec.trace.bytes());
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    expect(r.counts.timers).toBe(3);
    expect(r.counts.emitted).toBe(3);
    expect(rec.handlers).toEqual(["t.fired", "t.last"]);
  });
});
