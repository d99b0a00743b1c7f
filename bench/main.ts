// `npm run bench` (bench/run.mjs starts this under tsx): every figure of the
// performance report, measured side by side in one run, then written to
// bench/results/ (latest.json, latest.md, *.svg). Processing only, on generated
// traffic held in memory; several repetitions, interleaved; min and median.
//
//   node bench/run.mjs [--quick] [--only PATTERN] [--skip SECTION,...] [--out DIR] [--no-callgrind]
//   node bench/run.mjs --report-only      re-renders latest.md and the charts from latest.json
//
// Sections: node (every element, Node host), chains, examples, native (every
// element, wasm2c against plain C), callgrind (instruction counts), crossing,
// batches, graph (bench/graph.ts), alloc, runtimes, click (opt-in: inside a Click
// userlevel build named by CLICKOS_CLICK_BUILD), clickos (opt-in, as root: a ClickOS
// image booted under Xen in QEMU, CLICKOS_SOURCES and CLICKOS_DOM0; see
// minios-host/clickos-image/README.md). --only filters element ids
// and example names (substring, or /regex/).

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ELEMENT_BENCHES, selectBenches, type ElementBench } from "./element-configs.ts";
import { benchConfig, chainConfig, measure, prepare, readElementHandler, summarize, type Sample } from "./lib/node-host.ts";
import { benchExamples } from "./lib/examples.ts";
import { BENCH_DIR, TMP, callgrindNative, framesFile, nativeBench, nativeMallocs, nativeToolchainMissing, runNative, type NativeRun } from "./lib/native.ts";
import { ELEMENTS_DIR, NULL_DIR, moduleFor, type Runtime } from "./lib/modules.ts";
import { hostAllocations, moduleAllocations } from "./lib/alloc.ts";
import { chooseRuntime, writeReport, type Report, type NativeRow } from "./lib/report.ts";
import { inClickOSMissing, benchInClickOS } from "./lib/in-clickos.ts";
import { inClickMissing, inClickBenches, clickElementsPackage, benchOneInClick, inClickExamples, benchExampleInClick, compiledExample, PULL_BENCHES, benchPullInClick } from "./lib/in-click.ts";
import { readMeta } from "@clickos/runtime";
import { buildPackage } from "../sdk/src/build/build.ts";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean" }, only: { type: "string" }, skip: { type: "string" }, out: { type: "string" },
    "no-callgrind": { type: "boolean" }, "report-only": { type: "boolean" },
  },
});
const quick = !!values.quick;
const P = quick ? { node: 200_000, native: 200_000, reps: 3, callgrind: 5_000, alloc: 20_000, heap: 200_000 }
  : { node: 1_000_000, native: 1_000_000, reps: 5, callgrind: 20_000, alloc: 50_000, heap: 1_000_000 };
const skip = new Set((values.skip ?? "").split(",").filter(Boolean));
if (values["no-callgrind"]) skip.add("callgrind");
const outDir = values.out ?? join(BENCH_DIR, "results");
const benches = selectBenches(values.only);
const onlyRe = values.only ? (values.only.startsWith("/") ? new RegExp(values.only.slice(1, -1), "i") : null) : null;
const onlyName = (n: string) => !values.only || (onlyRe ? onlyRe.test(n) : n.toLowerCase().includes(values.only.toLowerCase()));
const log = (m: string) => process.stderr.write(`bench: ${m}\n`);
const BATCHES = [1, 8, 32, 256];
const CURVE_IDS = ["EtherMirror", "DecIPTTL", "IPFilter-firewall", "IPRewriter"];
const THREE = "Strip(14) -> DecIPTTL -> Unstrip(14)";
const CHAINS = [THREE, "EtherMirror", "Strip(14) -> CheckIPHeader -> DecIPTTL -> Unstrip(14) -> EtherMirror"];
const CHAIN_FRAMES = ELEMENT_BENCHES.find((b) => b.id === "EtherMirror")!.traffic;

const sampleOf = (a: number[]): Sample => summarize(a);
const ratioSample = (num: number[], den: number[]): Sample => summarize(num.map((x, i) => x / Math.max(den[i], 0.05)));

function git(args: string[]): string { return spawnSync("git", args, { cwd: BENCH_DIR, encoding: "utf8" }).stdout?.trim() ?? ""; }

/** What the sections of the report share. */
interface Bench {
  report: Report;
  fail: (what: string, e: unknown) => void;
  /** The standard elements built with the runtime `clickos build` uses by default. */
  elementsWasm: string;
  framesOf: Map<string, Uint8Array[]>;
  /** The native bench program (wasm2c + cc), or null if it could not be built. */
  exe: string | null;
  /** Why the native toolchain is missing, or null. */
  missing: string | null;
}

const nativeArgs = ({ framesOf, elementsWasm }: Bench, b: ElementBench) => ({ input: framesFile(b.id, framesOf.get(b.id) ?? b.traffic()), elem: `${b.cls}(${b.conf})`, inputs: b.inputs, outputs: b.outputs, cref: b.cref,
  cargs: b.crefArgsFrom ? readElementHandler(`${b.cls}(${b.conf})`, b.outputs, b.crefArgsFrom, elementsWasm).trim().split("\n").join(";") : b.cargs });
/** Processing time per packet: the run minus its baseline, per repetition. */
const proc = (r: NativeRun, v: "wasm" | "c") => r[v] ? r[v]!.ns.map((x, i) => Math.max(0.05, x - r.base!.ns[i])) : null;
// Zero copy against its own loop (which receives into module memory instead of host buffers).
const procZc = (r: NativeRun) => r.zc && r.zbase ? r.zc.ns.map((x, i) => Math.max(0.05, x - r.zbase!.ns[i])) : null;

async function main(): Promise<void> {
  const t0 = Date.now();
  const report: Report = {
    meta: {
      date: new Date().toISOString(), commit: git(["rev-parse", "--short", "HEAD"]), quick, only: values.only ?? null,
      node: process.version, cc: spawnSync("cc", ["--version"], { encoding: "utf8" }).stdout?.split("\n")[0] ?? "",
      cpu: cpus()[0]?.model ?? "", cores: cpus().length, loadavg: loadavg().map((x) => +x.toFixed(2)),
      packets: { node: P.node, native: P.native }, reps: P.reps, timing: "CPU time of the measuring thread/process; processing = run - baseline",
    },
    nodeElements: [], chains: [], examples: [], native: [], crossing: {}, batches: { node: {}, native: {}, c: {} },
    graph: null, alloc: { module: [], host: null }, runtimes: null, failures: [], ratios: { nativeOverC: {}, nodeOverNative: {}, graphOverChain: {} },
  };
  const fail = (what: string, e: unknown) => { const m = `${what}: ${(e as Error).message.split("\n").slice(0, 3).join(" / ")}`; report.failures.push(m); log(`FAILED ${m}`); };

  // The runtime `clickos build` uses by default (the runtimes section compares all three).
  const elementsWasm = await moduleFor(ELEMENTS_DIR, "minimal", { log });
  const framesOf = new Map<string, Uint8Array[]>(benches.map((b) => [b.id, b.traffic()]));

  // wasm2c against plain C, same loop: the native build shared by several sections.
  const missing = nativeToolchainMissing();
  let exe: string | null = null;
  if (missing) report.failures.push(`native sections skipped: ${missing}`);
  else if (!skip.has("native") || !skip.has("batches") || !skip.has("callgrind")) {
    try { log("building the native bench (wasm2c + cc)..."); exe = await nativeBench(elementsWasm); } catch (e) { fail("native build", e); }
  }
  const bx: Bench = { report, fail, elementsWasm, framesOf, exe, missing };

  benchNodeElements(bx);
  benchChains(bx);
  benchExampleRows(bx);
  benchNative(bx);
  await benchCrossing(bx);
  benchBatches(bx);
  benchGraph(bx);
  await benchAllocations(bx);
  await benchRuntimes(bx);
  computeRatios(bx);
  await benchInClick(bx);
  benchInClickOSImage(bx);

  report.meta.seconds = Math.round((Date.now() - t0) / 1000);
  mkdirSync(outDir, { recursive: true });
  const files = writeReport(report, outDir);
  log(`wrote ${files.join(", ")} in ${report.meta.seconds} s; ${report.failures.length} failure(s)`);
  for (const f of report.failures) log(`  - ${f}`);
}

/** Node host, every element, batch 256. */
function benchNodeElements(bx: Bench): void {
  const { report, fail, elementsWasm, framesOf } = bx;
  if (!skip.has("node")) {
    log(`Node host: ${benches.length} elements`);
    for (const b of benches) {
      if (b.crefArgsFrom) continue;   // the same element and packets as its row without a second C reference
      try {
        const fr = framesOf.get(b.id)!;
        const pair = { base: prepare(benchConfig(null), fr, { elements: elementsWasm }), run: prepare(benchConfig(`${b.cls}(${b.conf})`, b.inputs, b.outputs), fr, { elements: elementsWasm }) };
        const [r] = measure([pair], { packets: P.node, reps: P.reps, burst: 256 });
        report.nodeElements.push({ id: b.id, ns: r.ns, mpps: 1000 / r.ns.median, outFraction: r.outFraction });
      } catch (e) { fail(`node ${b.id}`, e); }
    }
  }
}

/** Node host, chains (the 3-element chain is the DESIGN.md budget). */
function benchChains(bx: Bench): void {
  const { report, fail, elementsWasm } = bx;
  if (!skip.has("chains")) {
    log("Node host: chains");
    const fr = CHAIN_FRAMES();
    for (const c of CHAINS) {
      try {
        const [r] = measure([{ base: prepare(chainConfig(""), fr, { elements: elementsWasm }), run: prepare(chainConfig(c), fr, { elements: elementsWasm }) }], { packets: P.node, reps: P.reps, burst: 256 });
        report.chains.push({ chain: c, elements: c.split("->").length, ns: r.ns, mpps: 1000 / r.ns.median });
      } catch (e) { fail(`chain ${c}`, e); }
    }
  }
}

/** Examples. */
function benchExampleRows(bx: Bench): void {
  const { report, fail, elementsWasm } = bx;
  if (!skip.has("examples")) {
    log("Node host: examples");
    try {
      report.examples = benchExamples(join(BENCH_DIR, "..", "examples"), { packets: P.node, reps: P.reps, elements: elementsWasm, only: values.only ? onlyName : undefined });
      for (const x of report.examples) if (x.error) report.failures.push(`example ${x.name}: ${x.error}`);
    } catch (e) { fail("examples", e); }
  }
}

/** Native: wasm2c against plain C, same loop. */
function benchNative(bx: Bench): void {
  const { report, fail, exe } = bx;
  if (exe && !skip.has("native")) {
    log(`native host: ${benches.length} elements`);
    for (const b of benches) {
      try {
        const r = runNative(exe, { ...nativeArgs(bx, b), batch: 256, packets: P.native, reps: P.reps });
        const w = proc(r, "wasm")!, c = proc(r, "c"), z = procZc(r);
        const row: NativeRow = { id: b.id, cref: b.cref ?? null, note: b.checkNote, wasm: sampleOf(w), zc: z ? sampleOf(z) : null, c: c ? sampleOf(c) : null,
          ratio: c && z ? ratioSample(z, c) : null, copyRatio: c ? ratioSample(w, c) : null,
          check: (r as NativeRun & { check?: NativeRow["check"] }).check ?? null, traps: r.traps, emitted: r.emitted, instr: null };
        if (r.traps) report.failures.push(`native ${b.id}: ${r.traps} trap(s) during the run`);
        report.native.push(row);
      } catch (e) { fail(`native ${b.id}`, e); }
    }
  }
  if (exe && !skip.has("callgrind")) {
    log("native host: callgrind instruction counts");
    for (const row of report.native) {
      const b = benches.find((x) => x.id === row.id)!;
      try {
        const ir = callgrindNative(exe, { ...nativeArgs(bx, b), batch: 256, packets: P.callgrind });
        if (!ir) { report.failures.push("callgrind: valgrind not installed"); break; }
        const w = ir.wasm - ir.base, c = ir.c !== undefined ? ir.c - ir.base : null, z = ir.zc - ir.zbase;
        row.instr = { wasm: w, zc: z, c, ratio: c ? z / Math.max(c, 0.5) : null, copyRatio: c ? w / Math.max(c, 0.5) : null };
      } catch (e) { fail(`callgrind ${row.id}`, e); }
    }
  }
}

/** Crossing: the empty element, batches of 1. */
async function benchCrossing(bx: Bench): Promise<void> {
  const { report, fail, missing } = bx;
  let nullWasm: string | null = null;
  if (!skip.has("crossing") || !skip.has("batches")) {
    try { nullWasm = await moduleFor(NULL_DIR, "minimal", { log }); } catch (e) { fail("BenchNull build", e); }
  }
  const nullFrames = CHAIN_FRAMES();
  if (nullWasm && !skip.has("crossing")) {
    log("crossing cost");
    try {
      const base = prepare(benchConfig(null), nullFrames, { elements: false }), run = prepare(benchConfig("BenchNull"), nullFrames, { elements: false, modules: [nullWasm] });
      for (const batch of [1, 256]) {
        const [r] = measure([{ base, run }], { packets: batch === 1 ? Math.min(P.node, 300_000) : P.node, reps: P.reps, burst: batch });
        report.crossing[`node_b${batch}`] = r.ns;
      }
    } catch (e) { fail("crossing node", e); }
    if (!missing) {
      try {
        const nexe = await nativeBench(nullWasm);
        const input = framesFile("BenchNull", nullFrames);
        for (const batch of [1, 256]) {
          const r = runNative(nexe, { input, elem: "BenchNull", inputs: 1, outputs: 1, cref: "null", batch, packets: P.native, reps: P.reps });
          report.crossing[`native_b${batch}`] = sampleOf(proc(r, "wasm")!);
          report.crossing[`c_b${batch}`] = sampleOf(proc(r, "c")!);
        }
      } catch (e) { fail("crossing native", e); }
    }
  }
}

/** Batch-size curves. */
function benchBatches(bx: Bench): void {
  const { report, fail, elementsWasm, framesOf, exe } = bx;
  if (!skip.has("batches")) {
    log("batch sizes");
    const curve = [...benches.filter((b) => CURVE_IDS.includes(b.id))];
    for (const b of curve) {
      const fr = framesOf.get(b.id)!;
      report.batches.node[b.id] = {}; report.batches.native[b.id] = {}; report.batches.c[b.id] = {};
      try {
        const pair = { base: prepare(benchConfig(null), fr, { elements: elementsWasm }), run: prepare(benchConfig(`${b.cls}(${b.conf})`, b.inputs, b.outputs), fr, { elements: elementsWasm }) };
        for (const batch of BATCHES) {
          const [r] = measure([pair], { packets: batch === 1 ? Math.min(P.node, 300_000) : P.node, reps: P.reps, burst: batch });
          report.batches.node[b.id][batch] = r.ns.median;
        }
      } catch (e) { fail(`batches node ${b.id}`, e); }
      if (exe) {
        for (const batch of BATCHES) {
          try {
            const r = runNative(exe, { ...nativeArgs(bx, b), batch, packets: P.native, reps: P.reps });
            report.batches.native[b.id][batch] = sampleOf(proc(r, "wasm")!).median;
            const c = proc(r, "c");
            if (c) report.batches.c[b.id][batch] = sampleOf(c).median;
          } catch (e) { fail(`batches native ${b.id} batch ${batch}`, e); }
        }
      }
    }
  }
}

/** Graph vs chain (bench/graph.ts, another engineer's). */
function benchGraph(bx: Bench): void {
  const { report, fail, elementsWasm } = bx;
  if (!skip.has("graph") && existsSync(join(BENCH_DIR, "graph.ts"))) {
    log("graph vs chain (bench/graph.ts)");
    const r = spawnSync(process.execPath, [...process.execArgv, join(BENCH_DIR, "graph.ts"), "--json", "--packets", String(P.node), "--reps", String(P.reps), "--elements", elementsWasm],
      { encoding: "utf8", timeout: 900_000 });
    try {
      if (r.status !== 0) throw new Error(r.stderr || `exit ${r.status}`);
      report.graph = JSON.parse(r.stdout.slice(r.stdout.indexOf("{")));
    } catch (e) { fail("graph.ts", e); }
  }
}

/** Allocations. */
async function benchAllocations(bx: Bench): Promise<void> {
  const { report, fail, elementsWasm, exe } = bx;
  if (!skip.has("alloc")) {
    log("allocations (stub runtime bump probe; PacketStore; V8 heap)");
    try {
      const stubRt = await moduleFor(ELEMENTS_DIR, "stub", { exportRuntime: true, log });
      report.alloc.module = moduleAllocations(stubRt, benches, P.alloc);
      for (const a of report.alloc.module) if (a.error) report.failures.push(`alloc ${a.id}: ${a.error}`);
    } catch (e) { fail("module allocations", e); }
    try { report.alloc.host = await hostAllocations(THREE, CHAIN_FRAMES(), P.heap, elementsWasm); } catch (e) { fail("host allocations", e); }
    if (exe) {
      report.alloc.native = [];
      for (const b of benches.filter((x) => CURVE_IDS.includes(x.id) || x.stateful)) {
        try {
          const m = nativeMallocs(exe, nativeArgs(bx, b), 2000);
          if (m === null) { report.failures.push("native allocations: valgrind not installed"); break; }
          report.alloc.native.push({ id: b.id, mallocsPerPacket: m });
        } catch (e) { fail(`native allocations ${b.id}`, e); }
      }
    }
  }
}

/** AssemblyScript runtimes, stateful elements. */
async function benchRuntimes(bx: Bench): Promise<void> {
  const { report, fail, framesOf } = bx;
  if (!skip.has("runtimes")) {
    log("AssemblyScript runtimes: stub, minimal, incremental");
    const stateful = benches.filter((b) => b.stateful);
    const rts: Runtime[] = ["stub", "minimal", "incremental"];
    try {
      const wasm: Record<string, string> = {};
      for (const rt of rts) wasm[rt] = await moduleFor(ELEMENTS_DIR, rt, { log });
      const rows: Record<string, Record<string, Sample | null>> = {};
      const errors: string[] = [];
      for (const b of stateful) {
        rows[b.id] = {};
        const fr = framesOf.get(b.id)!;
        const pairs = rts.map((rt) => ({ base: prepare(benchConfig(null), fr, { elements: wasm[rt] }), run: prepare(benchConfig(`${b.cls}(${b.conf})`, b.inputs, b.outputs), fr, { elements: wasm[rt] }) }));
        try {
          const r = measure(pairs, { packets: P.node, reps: P.reps, burst: 256 });
          rts.forEach((rt, i) => { rows[b.id][rt] = r[i].ns; });
        } catch (e) { errors.push(`${b.id}: ${(e as Error).message.split("\n")[0]}`); }
      }
      const sizes = Object.fromEntries(rts.map((rt) => [rt, readFileSync(wasm[rt]).length]));
      report.runtimes = { sizes, rows, errors, choice: chooseRuntime(rows) };
    } catch (e) { fail("runtimes", e); }
  }
}

/** Ratios. */
function computeRatios(bx: Bench): void {
  const { report } = bx;
  for (const row of report.native) {
    if (row.ratio) report.ratios.nativeOverC[row.id] = { time: row.ratio.median, timeMin: row.ratio.min, instr: row.instr?.ratio ?? null, cNs: row.c!.median };
    const n = report.nodeElements.find((x) => x.id === row.id);
    if (n) report.ratios.nodeOverNative[row.id] = n.ns.median / Math.max(row.wasm.median, 0.05);
  }
  if (report.graph) report.ratios.graphOverChain = { push: report.graph.ratioPush, pull: report.graph.ratioPull };
}

/** Inside real Click (opt-in). */
async function benchInClick(bx: Bench): Promise<void> {
  const { report, fail, elementsWasm } = bx;
  const noClick = inClickMissing();
  if (!skip.has("click") && noClick === null) {
    const click = process.env.CLICKOS_CLICK_BUILD!;
    try {
      log("inside Click userlevel: building the Click package");
      const dir = await clickElementsPackage(click, elementsWasm);
      report.inClick = [];
      for (const b of inClickBenches(benches)) {
        log(`inside Click: ${b.id}`);
        try { report.inClick.push(benchOneInClick(click, dir, b, { packets: quick ? 200_000 : 1_000_000, reps: P.reps, callgrind: quick ? 2_000 : 5_000 })); }
        catch (e) { fail(`in Click ${b.id}`, e); }
      }
      for (const b of PULL_BENCHES.filter((x) => onlyName(x.cls))) {
        log(`inside Click: ${b.id}`);
        try { report.inClick.push(benchPullInClick(click, dir, b, { packets: quick ? 200_000 : 1_000_000, reps: P.reps, callgrind: quick ? 2_000 : 5_000 })); }
        catch (e) { fail(`in Click ${b.id}`, e); }
      }
      const classes = readMeta(new Uint8Array(readFileSync(elementsWasm)), elementsWasm).classes.map((c) => c.name);
      const { cases, skipped } = await inClickExamples(join(BENCH_DIR, "..", "examples"), classes);
      report.inClickExamples = { rows: [], skipped };
      const exOpts = { packets: quick ? 50_000 : 300_000, reps: P.reps, callgrind: quick ? 1_000 : 3_000 };
      for (const ex of cases.filter((c) => onlyName(c.id))) {
        log(`inside Click: example ${ex.id}`);
        try { report.inClickExamples.rows.push(await benchExampleInClick(click, dir, ex, exOpts)); }
        catch (e) { fail(`in Click example ${ex.id}`, e); }
        // With its classifiers compiled (clickos fastclassifier), built into the standard module.
        try {
          const compiled = await compiledExample(ex, classes);
          if (!compiled) continue;
          log(`inside Click: example ${compiled.ex.id}`);
          const wasm = join(TMP, `elements-fast-${ex.id}.wasm`);
          await buildPackage({ dir: ELEMENTS_DIR, sources: [".", compiled.sources], out: wasm });
          const fastDir = await clickElementsPackage(click, wasm);
          report.inClickExamples.rows.push(await benchExampleInClick(click, fastDir, compiled.ex, exOpts));
        } catch (e) { fail(`in Click example ${ex.id} (compiled classifiers)`, e); }
      }
    } catch (e) { fail("in Click", e); }
  } else if (!skip.has("click")) log(`inside Click: skipped (${noClick})`);
}


/** Inside a ClickOS image (opt-in: CLICKOS_SOURCES, CLICKOS_DOM0, root). */
function benchInClickOSImage({ report, fail }: Bench): void {
  if (skip.has("clickos")) return;
  const missing = inClickOSMissing();
  if (missing) { log(`inside ClickOS: skipped (${missing})`); return; }
  try { report.inClickOS = benchInClickOS({ tmp: TMP, wait: quick ? 15 : 30, log }); }
  catch (e) { fail("inside ClickOS", e); }
  for (const r of report.inClickOS ?? []) if (r.error) report.failures.push(`inside ClickOS ${r.pipeline}: ${r.error}`);
}

if (values["report-only"]) {
  const r = JSON.parse(readFileSync(join(outDir, "latest.json"), "utf8")) as Report;
  for (const row of r.native) row.note ??= ELEMENT_BENCHES.find((b) => b.id === row.id)?.checkNote;   // notes are configuration, not measurements
  log(`re-rendered ${writeReport(r, outDir).join(", ")} from ${join(outDir, "latest.json")}`);
} else main().catch((e) => { console.error(e); process.exit(1); });
