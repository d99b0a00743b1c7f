// The hostile-module corpus: modules written by an attacker, not by the SDK,
// each attack tried against the Node host and the native build and host.
// Every one must be refused with a clear message or contained (a trap that
// costs only its packet); none may run code in the host, hang it or crash it.
import { describe, it, expect, afterAll } from "vitest";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runClick, pcapOf, framesOf } from "@clickos/sdk/testing";
import { buildNative } from "../../sdk/src/native/index.ts";
import { harnessFor, runHarness, nativeToolchainMissing } from "../../minios-host/test/native-support.ts";
import { hostileModule, HOSTILE_META, LOOP_FOREVER, onTrigger } from "../support/hostile-module.ts";
import { normal } from "./support.ts";
import { report } from "./report.ts";

const rows: { input: string; cases: number; outcome: string }[] = [];
afterAll(() => report("hostile-modules", { title: "Hostile modules (both hosts)", rows }));
const missing = nativeToolchainMissing();
const quiet = () => {};
const PAYLOAD = "x */ __attribute__((constructor)) static void pwn(void) { puts(\"PWNED\"); } /*";

function node(wasm: string, conf = "FromDump(in.pcap) -> h :: Hostile -> ToDump(out.pcap);", frames = [normal(1), normal(2), normal(3)]) {
  return runClick(conf, { files: { "in.pcap": pcapOf(frames) }, modules: [wasm], elements: false, log: quiet });
}

/** Every generated C/C++ file of a native build, concatenated. */
async function nativeSources(wasm: string, target = "linux"): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), "clickos-hostile-native-"));
  const r = await buildNative({ wasm, outDir: out, target });
  return r.files.filter((f) => /\.(c|h|cc|hh)$/.test(f)).map((f) => readFileSync(join(out, f), "utf8")).join("\n");
}

describe("hostile modules: build-time injection", () => {
  it("an export named to close wasm2c's comment and inject C is dropped before wasm2c; the Node host ignores it", async () => {
    const wasm = await hostileModule("inject-export", { extra: `(func (export ${JSON.stringify(PAYLOAD)}) (result i32) (i32.const 7))` });
    const r = node(wasm);
    expect(framesOf(r.files["out.pcap"])).toHaveLength(3);
    if (!missing) {
      const c = await nativeSources(wasm);
      expect(c).not.toContain("PWNED");
      expect(c).not.toContain("__attribute__((constructor))");
      const exe = await harnessFor(wasm);
      const h = runHarness(exe, "h :: Hostile", [normal(1)], [], ["h.count"], { out1: false });
      expect(h.status, h.stderr).toBe(0);
      expect(h.stdout + h.stderr).not.toContain("PWNED");
      expect(h.out).toHaveLength(1);
    }
    rows.push({ input: "export name that closes wasm2c's /* export: */ comment and defines a constructor", cases: 1, outcome: "export dropped by the sandbox before wasm2c; generated C free of it; harness runs, payload never runs" });
  });

  it("function names in the name section never reach the C either", async () => {
    const wasm = await hostileModule("inject-name", { names: true, extra: "(func $x*/PWNED/* (export \"clickos_emitted2\") (result i32) (i32.const 1))" });
    if (!missing) expect(await nativeSources(wasm)).not.toContain("PWNED");
    expect(framesOf(node(wasm).files["out.pcap"])).toHaveLength(3);
    rows.push({ input: "function names (name section) crafted as C", cases: 1, outcome: "custom sections but clickos.meta dropped before wasm2c" });
  });

  const metaAttacks: [string, (m: typeof HOSTILE_META) => unknown, RegExp][] = [
    ["handler id as C code", (m) => ({ ...m, classes: [{ ...m.classes[0], handlers: [{ ...m.classes[0].handlers[0], id: "0 }; int pwn = puts(\"PWNED\"); static int x[] = { 0" }] }] }), /classes\[0\]\.handlers\[0\]\.id: must be an integer/],
    ["class name with C", (m) => ({ ...m, classes: [{ ...m.classes[0], name: "A\"; puts(\"PWNED\"); //" }] }), /classes\[0\]\.name: .* does not match/],
    ["port count with C", (m) => ({ ...m, classes: [{ ...m.classes[0], ports: "1/1\"); puts(\"PWNED" }] }), /classes\[0\]\.ports: .* does not match/],
    ["unknown metadata field", (m) => ({ ...m, payload: "*/ puts(\"PWNED\"); /*" }), /payload: not a clickos\.meta field/],
    ["duplicate handler ids", (m) => ({ ...m, classes: [{ ...m.classes[0], handlers: [m.classes[0].handlers[0], { ...m.classes[0].handlers[0], name: "other" }] }] }), /handlers\[1\]\.id: 0 appears twice/],
    ["class id not its position", (m) => ({ ...m, classes: [{ ...m.classes[0], id: 5 }] }), /classes\[0\]\.id: must be 0/],
    ["fuel budget above the host's maximum", (m) => ({ ...m, fuel: 1e15 }), /fuel: must be an integer from 1 to/],
  ];
  for (const [what, edit, message] of metaAttacks) {
    it(`clickos.meta: ${what} is refused by both hosts before any code is generated`, async () => {
      const wasm = await hostileModule("meta", { meta: edit(HOSTILE_META) });
      expect(() => node(wasm)).toThrow(message);
      await expect(buildNative({ wasm, outDir: mkdtempSync(join(tmpdir(), "clickos-hostile-meta-")), target: "linux" })).rejects.toThrow(message);
      rows.push({ input: `clickos.meta: ${what}`, cases: 2, outcome: "refused by the schema check in the Node loader and the native build" });
    });
  }

  it("a .wasm file name never reaches the generated C (a '/' cannot be in it, so '*/' cannot either; '*' is tried)", async () => {
    const wasm = await hostileModule("name*x");
    if (!missing) {
      const out = mkdtempSync(join(tmpdir(), "clickos-hostile-file-"));
      await buildNative({ wasm, outDir: out, target: "linux", prefix: "m" });
      const c = readdirSync(out).filter((f) => /\.(c|h)$/.test(f)).map((f) => readFileSync(join(out, f), "utf8")).join("\n");
      expect(c).not.toContain("name*x");
    }
    rows.push({ input: "a .wasm file name with comment characters", cases: 1, outcome: "no file name is written into generated C" });
  });
});

describe("hostile modules: run time", () => {
  describe("clickos.handler_text from a hostile handler", () => {
    const HT = `(import "clickos" "handler_text" (func $ht (param i32 i32)))`;
    const read = async (name: string, body: string) => {
      const wasm = await hostileModule(name, { imports: HT, handlerRead: body });
      const r = runClick("InfiniteSource(LIMIT 1) -> h :: Hostile -> Discard;", { files: {}, elements: false, modules: [wasm], log: () => {} });
      return { r, read: () => r.read("h.count") };
    };

    it("a piece outside memory traps the handler (and only it): a clear error, the router goes on", async () => {
      const { r, read: count } = await read("ht-oob", "(call $ht (i32.const 0x7ffffff0) (i32.const 64)) (i32.const 0)");
      expect(count).toThrow(/trap in handler: .*handler_text: region out of bounds/);
      expect(r.read("h.module_traps")).toBe("1");
    });

    it("pieces past HANDLER_TEXT_MAX fail the read with a message, never fill the host's memory", async () => {
      // 2,000 pieces of 64 KiB: 128 MiB claimed, twice the limit.
      const body = `(local.set $i (i32.const 0))
        (loop $l (call $ht (i32.const 0) (i32.const 65536)) (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $l (i32.lt_u (local.get $i) (i32.const 2000))))
        (i32.const 0)`;
      const { r, read: count } = await read("ht-flood", body);
      expect(count).toThrow(/handler text larger than 67108864 bytes \(ABI HANDLER_TEXT_MAX\)/);
      expect(r.read("h.module_traps")).toBe("0");
    });

    it("pieces and the returned last piece make one text, in order", async () => {
      const body = `(i32.store8 (i32.const 0) (i32.const 97)) (i32.store8 (i32.const 1) (i32.const 98))
        (call $ht (i32.const 0) (i32.const 2))
        (i32.store8 (i32.const 1024) (i32.const 99))
        (i32.const 1)`;
      const { read: count } = await read("ht-join", body);
      expect(count()).toBe("abc");
    });
  });

  it("a push that loops for ever without fuel of its own traps on the host's fuel, per packet", async () => {
    const wasm = await hostileModule("loop", { push: onTrigger(LOOP_FOREVER) });
    const frames = [normal(1), normal(2), normal(3)];
    frames[1] = frames[1].slice(); frames[1][0] = 0xff;
    const r = node(wasm, undefined, frames);
    expect(r.read("h.last_trap")).toMatch(/out of fuel/);
    expect(framesOf(r.files["out.pcap"])).toEqual([frames[0], frames[2]]);
    expect(r.stats.trapReports.map((t) => t.packet)).toEqual([2]);
    if (!missing) {
      const h = runHarness(await harnessFor(wasm), "h :: Hostile", frames, [], ["traps"], { out1: false });
      expect(h.status, h.stderr).toBe(0);
      expect(h.stderr).toMatch(/fuel exhausted/);
      expect(h.out).toEqual([frames[0], frames[2]]);
    }
    rows.push({ input: "endless loop in push, module without fuel of its own", cases: missing ? 1 : 2, outcome: "host fuel traps it; only the looping packet is lost (Node and native)" });
  });

  it.skipIf(!!missing)("a fused run's call (clickos_push_run) that lies about where the packet left, or traps after writing a bogus element index, is contained (native)", async () => {
    const frames = [normal(1), normal(2), normal(3)];
    // Claims the packet left at element 255 having emitted 255 packets (the list it points at is empty memory).
    const lies = await hostileModule("run-lies", { extra: `(func (export "clickos_push_run") (param $run i32) (param $count i32) (param $port i32) (param $desc i32) (result i32) (i32.const 0xffff))` });
    const a = runHarness(await harnessFor(lies), "a :: Hostile -> b :: Hostile", frames, ["--one"], ["traps"], { out1: false });
    expect(a.status, a.stderr).toBe(0);
    // Each packet leaves from the run's last element as the module left it; what the
    // bogus emitted list holds (empty memory) goes out too, checked descriptor by descriptor.
    const hex = (f: Uint8Array) => Buffer.from(f).toString("hex");
    for (const f of frames) expect(a.out.map(hex)).toContain(hex(f));
    expect(a.stderr).toMatch(/clickos-run: 3 in, \d+ out/);
    // Writes an index far outside the run where the host reads which element trapped, then traps.
    const traps = await hostileModule("run-traps", { extra: `(func (export "clickos_push_run") (param $run i32) (param $count i32) (param $port i32) (param $desc i32) (result i32)
      (i32.store (i32.add (local.get $run) (i32.shl (local.get $count) (i32.const 2))) (i32.const 0x7fffffff)) unreachable)` });
    const t = runHarness(await harnessFor(traps), "a :: Hostile -> b :: Hostile", [...frames, ...frames], ["--one"], ["traps"], { out1: false });
    expect(t.status, t.stderr).toBe(0);
    // The packet that trapped is dropped; the next one crosses the general way
    // (the host's error list is cleared first), which this module does not trap in.
    expect(t.stderr).toMatch(/clickos-run: 6 in, 3 out, 0 on port 1, 3 dropped, 3 trap\(s\)/);
    expect(t.stderr).toMatch(/clickos-run: a: trap \(unreachable/);   // the bogus index, clamped to an element of the run
    expect(t.stderr).not.toMatch(/clickos-run: b: trap/);
    rows.push({ input: "a fused run's call lying about the exit element and emitted count, or trapping after a bogus element index", cases: 2, outcome: "clamped to the run; every packet accounted for; the trap blamed on an element of the run (native)" });
  });

  it("a module's own clickos_fuel_set (claiming endless fuel) is replaced by the host's", async () => {
    const wasm = await hostileModule("fakefuel", { push: LOOP_FOREVER, extra: `(func (export "clickos_fuel_set") (param i64) (result i64) (i64.const 9223372036854775807))` });
    const r = node(wasm, undefined, [normal(1)]);
    expect(r.read("h.last_trap")).toMatch(/out of fuel/);
    rows.push({ input: "module exports its own clickos_fuel_set that ignores the host", cases: 1, outcome: "dropped; the host's counter stops the loop" });
  });

  it("a start function that loops for ever is metered: refused at load, not a hang", async () => {
    const wasm = await hostileModule("startloop", { start: LOOP_FOREVER });
    expect(() => node(wasm)).toThrow(/trapped in its start function/);
    if (!missing) {
      const h = runHarness(await harnessFor(wasm), "h :: Hostile", [normal(1)], [], [], { out1: false });
      expect(h.status).not.toBe(0);
      expect(h.stderr).toMatch(/fuel|trap/);
    }
    rows.push({ input: "endless loop in the start function", cases: missing ? 1 : 2, outcome: "metered: load refused with a message (Node), module open fails (native); no hang" });
  });

  it("a module that traps on every packet costs each packet only itself; the graph keeps running", async () => {
    const wasm = await hostileModule("alwaystrap", { push: "(unreachable)" });
    const r = node(wasm, undefined, Array.from({ length: 40 }, (_, i) => normal(i)));
    expect(r.stats.trapDrops).toBe(40);
    expect(r.read("h.traps")).toBe("40");
    rows.push({ input: "every packet traps", cases: 1, outcome: "each packet costs only itself; 40 traps, 40 reports" });
  });

  it("instructions the meter does not know (SIMD) are refused with a clear message", async () => {
    const binaryen = (await import("binaryen")).default;
    const wasm = await hostileModule("plain");
    // Append a SIMD-using function by rewriting the module with Binaryen.
    const mod = binaryen.readBinary(new Uint8Array(readFileSync(wasm)));
    mod.setFeatures(binaryen.Features.All);
    mod.addFunction("simd", binaryen.none, binaryen.none, [], mod.drop(mod.v128.const([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])));
    const path = wasm.replace(/\.wasm$/, "-simd.wasm");
    (await import("node:fs")).writeFileSync(path, mod.emitBinary());
    mod.dispose();
    expect(() => node(path)).toThrow(/cannot be metered, refused: byte \d+: instruction 0xfd \(SIMD\)/);
    rows.push({ input: "SIMD instruction", cases: 1, outcome: "refused: cannot be metered, with byte offset" });
  });
});

describe("hostile traffic: host calls into the module are guarded", () => {
  it("300 frames of 65,000 bytes through Paint(1): no crash, every frame forwarded", async () => {
    const { ensureStandardElementsBuilt } = await import("../support/build-once.ts");
    const elements = await ensureStandardElementsBuilt();
    const frames = Array.from({ length: 300 }, (_, i) => { const f = new Uint8Array(65000); f[0] = 2; f[1] = i & 255; return f; });
    const r = runClick("FromDump(in.pcap) -> Paint(1) -> ToDump(out.pcap);", { files: { "in.pcap": pcapOf(frames) }, elements, log: quiet });
    expect(framesOf(r.files["out.pcap"])).toHaveLength(300);
    expect(r.stats.traps).toBe(0);
    rows.push({ input: "300 frames of 65,000 bytes through Paint(1) (was: unguarded arena allocation, process exit)", cases: 1, outcome: "crossings split by size; all forwarded; arena allocation guarded" });
  });
});

describe("clickos run reports traps and fails on them", () => {
  it("names each packet a trap cost, exits 3, and 0 with --allow-traps; --json carries the reports", async () => {
    const { spawnSync } = await import("node:child_process");
    const { writeFileSync } = await import("node:fs");
    const wasm = await hostileModule("cli", { push: onTrigger("(unreachable)") });
    const dir = mkdtempSync(join(tmpdir(), "clickos-hostile-cli-"));
    const frames = [normal(1), normal(2), normal(3)];
    frames[1] = frames[1].slice(); frames[1][0] = 0xff;
    writeFileSync(join(dir, "in.pcap"), pcapOf(frames));
    const cli = join(new URL("../..", import.meta.url).pathname, "sdk/bin/clickos.js");
    const run = (...extra: string[]) => spawnSync(process.execPath, [cli, "run", "h :: Hostile", "--in", "in.pcap", "--out", "out.pcap", "--module", wasm, "-q", ...extra], { cwd: dir, encoding: "utf8" });
    const r = run();
    expect(r.status, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/clickos run: trap in h: packet 2 \(timestamp \d+\.\d{9}\) dropped: unreachable/);
    expect(framesOf(new Uint8Array(readFileSync(join(dir, "out.pcap"))))).toEqual([frames[0], frames[2]]);
    expect(run("--allow-traps").status).toBe(0);
    const j = run("--json");
    expect(j.status).toBe(3);
    const report = JSON.parse(j.stdout);
    expect(report.stats.trapReports).toEqual([expect.objectContaining({ element: "h", packet: 2 })]);
    rows.push({ input: "clickos run on a capture with a trapping packet", cases: 3, outcome: "packet named on stderr and in --json; exit 3, or 0 with --allow-traps; the other packets written" });
  });
});
