// In-Click rows of `npm run bench` (opt-in: CLICKOS_CLICK_BUILD names a Click
// userlevel install prefix, built from a kohler/click checkout the user
// supplies). Each standard element that Click also has runs in the same
// pipeline twice, side by side in one run:
//
//   InfiniteSource(DATA <frame>, LIMIT N, STOP true) -> Strip(14) -> CheckIPHeader -> X(conf) -> Discard
//   InfiniteSource(DATA <frame>, LIMIT N, STOP true) -> MarkMACHeader -> X(conf) -> Discard  (Ethernet elements)
//
// once with Click's own X and once with the WASM class WX (the standard
// elements as a Click package, classes prefixed W). Figures per packet:
//   - instructions: callgrind's total over two packet counts, differenced (so
//     start-up and configuration cancel out);
//   - CPU time: user+system of the click process, minus a LIMIT 1 run of the
//     same configuration, alternating native and WASM repetitions.
// The pipeline ratio is Click's time ÷ WASM's time: the WASM pipeline's rate as
// a fraction of the native one (DESIGN.md: ≥ 0.95).

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createHash } from "node:crypto";
import type { ElementBench } from "../element-configs.ts";
import { summarize, type Sample } from "./node-host.ts";
import { BENCH_DIR, TMP } from "./native.ts";

export interface InClickRow {
  id: string;
  /** Instructions per packet of the whole pipeline. */
  irNative: number;
  irWasm: number;
  /** CPU ns per packet of the whole pipeline. */
  nsNative: Sample;
  nsWasm: Sample;
  /** Click's time ÷ WASM's time, per repetition pair (the WASM pipeline's relative rate). */
  rate: Sample;
}

/** Why the in-Click rows cannot run, or null. */
export function inClickMissing(click = process.env.CLICKOS_CLICK_BUILD): string | null {
  if (!click) return "CLICKOS_CLICK_BUILD is not set (a Click userlevel install prefix)";
  for (const f of ["bin/click", "share/click/pkg-userlevel.mk"]) if (!existsSync(join(click, f))) return `CLICKOS_CLICK_BUILD=${click} has no ${f}`;
  return null;
}

/** Classes of the standard library that Click has too, with the same configuration syntax. */
const IN_CLICK = new Set(["Strip", "Unstrip", "EtherMirror", "EtherRewrite", "EtherEncap", "MarkIPHeader", "CheckIPHeader", "DecIPTTL",
  "Paint", "PaintSwitch", "RoundRobinSwitch", "HashSwitch", "Classifier", "IPClassifier", "IPFilter", "ARPResponder",
  "ICMPPingResponder", "AggregateIPFlows", "IPRewriter", "StaticIPLookup"]);

export function inClickBenches(benches: ElementBench[]): ElementBench[] {
  return benches.filter((b) => IN_CLICK.has(b.cls) && b.inputs === 1 && !b.crefArgsFrom);
}

/** Files whose change changes the Click package: the module, the C host, runtime and Click glue, the generator. */
function packageInputs(wasm: string): string[] {
  const root = join(BENCH_DIR, "..");
  const under = (d: string, re: RegExp) => readdirSync(join(root, d)).filter((f) => re.test(f)).sort().map((f) => join(root, d, f));
  return [wasm, ...under("minios-host/click", /\.(cc|hh)$/), ...under("minios-host/host", /\.([ch]|inc)$/), ...under("minios-host/runtime", /\.[ch]$/),
    ...under("sdk/src/native", /\.ts$/), join(root, "runtime/src/wasm/meter.ts")];
}

/** The standard elements as a Click package (classes prefixed W), cached by content. */
export async function clickElementsPackage(click: string, wasm: string): Promise<string> {
  const h = createHash("sha256").update(click);
  for (const f of packageInputs(wasm)) h.update(readFileSync(f));
  const key = h.digest("hex").slice(0, 12);
  const dir = join(TMP, `click-pkg-${key}`);
  if (existsSync(join(dir, "clickos_bench.uo"))) return dir;
  mkdirSync(dir, { recursive: true });
  const { buildNative } = await import("../../sdk/src/native/index.ts");
  await buildNative({ wasm, outDir: dir, target: "click-userlevel", classPrefix: "W", packageName: "clickos_bench" });
  const make = spawnSync("make", ["-j2", "-f", "click-package.mk", `CLICK_PREFIX=${click}`], { cwd: dir, encoding: "utf8", maxBuffer: 64 << 20 });
  if (make.status !== 0) throw new Error(`building the Click package failed:\n${(make.stderr ?? "").slice(-2000)}`);
  return dir;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
function ether(ip: Uint8Array): Uint8Array {
  const f = new Uint8Array(14 + ip.length);
  f.set([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0]);
  f.set(ip, 14);
  return f;
}

/** The pipeline with class `cls` (Click's, or the W-prefixed WASM one) as X. */
export function pipeline(b: ElementBench, cls: string, packets: number, wasm: boolean): string {
  const first = b.traffic()[0];
  const frame = b.encap === "ip" ? ether(first) : first;
  const lines = [
    ...(wasm ? ['require(package "clickos_bench");'] : []),
    `src :: InfiniteSource(DATA \\<${hex(frame)}>, LIMIT ${packets}, STOP true, BURST 1);`,
    `x :: ${cls}(${b.conf});`,
    // Ethernet elements get the MAC header annotation a device would set (Click's
    // EtherRewrite writes through it), the same in both pipelines.
    b.encap === "ip" ? "src -> Strip(14) -> CheckIPHeader -> x;" : "src -> MarkMACHeader -> x;",
    ...Array.from({ length: b.outputs }, (_, i) => `x[${i}] -> Discard;`),
  ];
  return lines.join("\n") + "\n";
}

function clickRun(click: string, dir: string, conf: string, tool: string[] = []): { status: number | null; stderr: string; cpu: number } {
  const file = join(dir, `bench-${process.pid}.click`);
  writeFileSync(file, conf);
  const cmd = [...tool, join(click, "bin/click"), file].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const r = spawnSync("bash", ["-c", `TIMEFORMAT='%3U %3S'; { time ${cmd} >/dev/null 2>${dir}/err.txt; } 2>&1`],
    { cwd: dir, encoding: "utf8", env: { ...process.env, CLICKPATH: dir }, maxBuffer: 64 << 20 });
  const m = /([\d.]+) ([\d.]+)\s*$/.exec(r.stdout ?? "");
  const err = existsSync(join(dir, "err.txt")) ? readFileSync(join(dir, "err.txt"), "utf8") : "";
  return { status: r.status, stderr: err, cpu: m ? Number(m[1]) + Number(m[2]) : NaN };
}

/** Total instructions callgrind counts for one run. */
function callgrindIr(click: string, dir: string, conf: string): number {
  const out = join(dir, `cg-${process.pid}.out`);
  const r = clickRun(click, dir, conf, ["valgrind", "--tool=callgrind", `--callgrind-out-file=${out}`]);
  const m = /summary:\s+(\d+)/.exec(existsSync(out) ? readFileSync(out, "utf8") : "");
  if (!m) throw new Error(`callgrind gave no summary (exit ${r.status}): ${r.stderr.slice(-500)}`);
  return Number(m[1]);
}

type InClickOptions = { packets: number; reps: number; callgrind: number };
type PairFigures = Omit<InClickRow, "id">;

/** Click's pipeline and the WASM one (`conf(wasm, packets)`), side by side:
 *  instructions per packet (callgrind, two packet counts differenced) and CPU
 *  time (start-up subtracted, alternating runs). `perPacket`: packets that one
 *  count stands for (every capture source of an example sends that many). */
function measurePair(click: string, dir: string, what: string, conf: (wasm: boolean, n: number) => string, o: InClickOptions, perPacket = 1): PairFigures {
  for (const wasm of [false, true]) {
    const r = clickRun(click, dir, conf(wasm, 10));
    if (r.status !== 0) throw new Error(`${what}${wasm ? " (W classes)" : ""}: click failed: ${r.stderr.trim().split("\n").slice(0, 3).join(" / ")}`);
  }
  const ir = (wasm: boolean) => {
    const lo = o.callgrind, hi = o.callgrind * 3;
    return (callgrindIr(click, dir, conf(wasm, hi)) - callgrindIr(click, dir, conf(wasm, lo))) / ((hi - lo) * perPacket);
  };
  const irNative = ir(false), irWasm = ir(true);
  const startup = (wasm: boolean) => Math.min(...[0, 1, 2].map(() => clickRun(click, dir, conf(wasm, 1)).cpu));
  const s0 = { native: startup(false), wasm: startup(true) };
  const nat: number[] = [], was: number[] = [];
  for (let k = 0; k < o.reps; k++) {
    // Alternate which goes first: a machine that speeds up or slows down mid-run is shared by both.
    const order = k % 2 ? [true, false] : [false, true];
    for (const wasm of order) {
      const t = clickRun(click, dir, conf(wasm, o.packets)).cpu - (wasm ? s0.wasm : s0.native);
      (wasm ? was : nat).push((Math.max(t, 1e-6) * 1e9) / (o.packets * perPacket));
    }
  }
  return { irNative, irWasm, nsNative: summarize(nat), nsWasm: summarize(was), rate: summarize(nat.map((n, i) => n / was[i])) };
}

export function benchOneInClick(click: string, dir: string, b: ElementBench, o: InClickOptions): InClickRow {
  const conf = (wasm: boolean, n: number) => pipeline(b, wasm ? `W${b.cls}` : b.cls, n, wasm);
  return { id: b.id, ...measurePair(click, dir, b.cls, conf, o) };
}

// ---- pull outputs and tasks ----------------------------------------------------
//
// The standard library's classes that pull for themselves, each between Click's
// own elements in both pipelines: InfiniteSources in pull mode (a packet per
// pull until LIMIT; STOP true stops the driver when one runs dry, so the packet
// count is exact), the scheduler or Unqueue, and Click's Unqueue and Discard.

export const PULL_BENCHES = [
  { id: "RoundRobinSched (pull, 2 inputs)", cls: "RoundRobinSched", inputs: 2 },
  { id: "PrioSched (pull, 2 inputs)", cls: "PrioSched", inputs: 2 },
  { id: "Unqueue (task)", cls: "Unqueue", inputs: 1 },
] as const;

function pullPipeline(b: (typeof PULL_BENCHES)[number], wasm: boolean, packets: number): string {
  const frame = ether(new Uint8Array(46));
  const x = `${wasm ? "W" : ""}${b.cls}`;
  const src = () => `InfiniteSource(DATA \\<${hex(frame)}>, LIMIT ${packets}, STOP true)`;
  const lines = wasm ? ['require(package "clickos_bench");'] : [];
  if (b.cls === "Unqueue") lines.push(`${src()} -> x :: ${x}(BURST 8) -> Discard;`);
  else {
    lines.push(`x :: ${x} -> Unqueue(BURST 8) -> Discard;`);
    // PrioSched's first input never runs dry before the driver stops: the second is never pulled.
    for (let i = 0; i < b.inputs; i++) lines.push(`${src()} -> [${i}]x;`);
  }
  return lines.join("\n") + "\n";
}

export function benchPullInClick(click: string, dir: string, b: (typeof PULL_BENCHES)[number], o: InClickOptions): InClickRow {
  const perPacket = b.cls === "RoundRobinSched" ? b.inputs : 1;
  return { id: b.id, ...measurePair(click, dir, b.cls, (wasm, n) => pullPipeline(b, wasm, n), o, perPacket) };
}

// ---- examples ---------------------------------------------------------------
//
// Each example configuration (examples/*/*.click) whose WebAssembly elements
// Click also has runs twice in the same Click build: once as written (Click's
// own elements) and once with every standard element replaced by its W class,
// consecutive ones of the module fused into one crossing. Capture sources become
// FromDump of a file cycling the capture's frames (the same count for every
// source), sinks become Discard; Click's FromDump cost is in both pipelines.

export interface InClickExampleRow extends InClickRow {
  /** Standard elements of the example, replaced by W classes. */
  classes: string[];
}

export interface ClickExample { id: string; classes: string[]; native: (files: string[]) => string; wasm: (files: string[]) => string; sources: Uint8Array[][] }

/** `text` with each of `classes` used as its W class (the Click package's prefix);
 *  an anonymous element's name (Strip@4, as a flattened configuration has them) is left alone. */
function wClasses(text: string, classes: string[]): string {
  return classes.reduce((t, c) => t.replace(new RegExp(`(?<![@\\w])${c}\\b`, "g"), `W${c}`), text);
}

/** The examples that can run in Click with either set of elements, and why the others cannot. */
export async function inClickExamples(examplesDir: string, standardClasses: string[]): Promise<{ cases: ClickExample[]; skipped: string[] }> {
  const { rewriteExampleIo } = await import("./examples.ts");
  const cases: ClickExample[] = [], skipped: string[] = [];
  for (const d of readdirSync(examplesDir).sort()) {
    const dir = join(examplesDir, d);
    if (d === "lib" || !existsSync(join(dir, "README.md"))) continue;
    const ex = rewriteExampleIo(dir, (i) => `@@SRC${i}@@`, () => "Discard");
    if (!ex) continue;
    const used = standardClasses.filter((c) => new RegExp(`\\b${c}\\b`).test(ex.config));
    const missing = used.filter((c) => !IN_CLICK.has(c));
    if (!used.length) { skipped.push(`${d}: no WebAssembly element`); continue; }
    if (missing.length) { skipped.push(`${d}: Click has no ${missing.join(", ")}`); continue; }
    const source = (text: string, files: string[]) => text.replace(/@@SRC(\d+)@@/g, (_, i) => `FromDump(${files[Number(i)]}, STOP true)`);
    const wasmText = wClasses(ex.config, used);
    cases.push({
      id: d, classes: used, sources: ex.sources,
      native: (files) => source(ex.config, files),
      wasm: (files) => `require(package "clickos_bench");\n` + source(wasmText, files),
    });
  }
  return { cases, skipped };
}

/** Source files of `n` packets each (the capture's frames cycled), written once per size. */
function sourceFiles(dir: string, ex: ClickExample, n: number, writePcap: (r: { data: Uint8Array; timestampNs: bigint }[]) => Uint8Array): string[] {
  return ex.sources.map((frames, i) => {
    const file = `${ex.id.replace(/\W+/g, "_")}-src${i}-${n}.pcap`;
    if (!existsSync(join(dir, file))) {
      const recs = Array.from({ length: n }, (_, k) => ({ data: frames[k % frames.length], timestampNs: BigInt(k + 1) * 1000n }));
      writeFileSync(join(dir, file), writePcap(recs));
    }
    return file;
  });
}

export async function benchExampleInClick(click: string, dir: string, ex: ClickExample, o: InClickOptions): Promise<InClickExampleRow> {
  const { writePcap } = await import("../../runtime/src/index.ts");
  const conf = (wasm: boolean, n: number) => (wasm ? ex.wasm : ex.native)(sourceFiles(dir, ex, n, writePcap));
  return { id: ex.id, classes: ex.classes, ...measurePair(click, dir, ex.id, conf, o, ex.sources.length) };
}

// ---- examples with compiled classifiers (clickos fastclassifier) ------------
//
// The same example with its IPFilter/IPClassifier rules compiled ahead of time:
// the configuration as clickos fastclassifier writes it (flattened, the
// classifiers replaced by generated classes), the generated classes built into
// the standard elements' module so they fuse with their neighbours. Click's
// side is the example as written (Click's own interpreted IPFilter).

/** The compiled variant of `ex`, or null when it has no classifier to compile. */
export async function compiledExample(ex: ClickExample, standardClasses: string[]): Promise<{ ex: ClickExample; sources: string } | null> {
  const { fastClassifiers } = await import("../../sdk/src/fastclassifier/index.ts");
  const text = ex.native(ex.sources.map((_, i) => `@@FILE${i}@@`));
  if (!/\b(IPFilter|IPClassifier)\b/.test(text)) return null;
  const r = fastClassifiers(text, `${ex.id}.click`);
  const dir = join(TMP, `fast-${ex.id}-${createHash("sha256").update(r.classes.map((c) => c.source).join("\0")).digest("hex").slice(0, 10)}`);
  mkdirSync(dir, { recursive: true });
  for (const c of r.classes) writeFileSync(join(dir, c.fileName), c.source);
  const wasmText = wClasses(r.config, [...standardClasses, ...r.classes.map((c) => c.className)]);
  const files = (text: string, f: string[]) => text.replace(/@@FILE(\d+)@@/g, (_, i) => f[Number(i)]);
  return {
    sources: dir,
    ex: {
      id: `${ex.id} (compiled classifiers)`, classes: [...ex.classes.filter((c) => !/^IP(Filter|Classifier)$/.test(c)), ...r.classes.map((c) => c.className)],
      sources: ex.sources, native: ex.native,
      wasm: (f) => `require(package "clickos_bench");\n` + files(wasmText, f),
    },
  };
}
