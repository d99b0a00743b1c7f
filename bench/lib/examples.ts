// Every example configuration (examples/*/*.click) in the Node host, processing
// only: each capture source (FromNetFront(N, ...) reading netfrontN.pcap, or
// FromDump(FILE)) becomes a BenchSource cycling that capture's frames held in
// memory, each sink (ToNetFront, ToDump) a BenchSink. The baseline is the same
// sources wired straight to a sink. ns/packet = (config - baseline) / packets.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildRouter, readCapture, type Router } from "../../runtime/src/index.ts";
import { HOST_CLASSES, MemSink, MemSource, cpuMs, summarize, type Sample } from "./node-host.ts";

export interface ExampleCase { name: string; config: string; sources: Uint8Array[][] }

/** Click's argument list of the call starting at `open` (the "("), and the index after ")". */
function callArgs(text: string, open: number): { args: string; end: number } {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return { args: text.slice(open + 1, i), end: i + 1 };
  }
  throw new Error(`unbalanced parentheses after offset ${open}`);
}

/** An example's configuration (comments removed) and its capture I/O: each
 *  FromNetFront(N, ...) / FromDump(FILE) source with the frames of its capture,
 *  each ToNetFront / ToDump a sink, replaced by what `source(i)` and `sink()`
 *  return (the bench's in-memory elements here, Click's own in in-click.ts). */
export function rewriteExampleIo(dir: string, source: (i: number) => string, sink: () => string): { name: string; file: string; config: string; sources: Uint8Array[][] } | null {
  const click = readdirSync(dir).find((f) => f.endsWith(".click"));
  if (!click) return null;
  let text = readFileSync(join(dir, click), "utf8").replace(/\/\/[^\n]*/g, "");
  const sources: Uint8Array[][] = [];
  const frames = (file: string) => readCapture(new Uint8Array(readFileSync(join(dir, file)))).records.map((r) => r.data);
  for (;;) {
    const m = /\b(FromNetFront|FromDump|ToNetFront|ToDump)\s*\(/.exec(text);
    if (!m) break;
    const { args, end } = callArgs(text, m.index + m[0].length - 1);
    const first = args.split(",")[0].trim();
    let repl: string;
    if (m[1] === "FromNetFront" || m[1] === "FromDump") {
      const file = m[1] === "FromDump" ? first : `netfront${first}.pcap`;
      if (!existsSync(join(dir, file))) throw new Error(`${click}: ${m[1]}(${args}) reads ${file}, which the example does not have`);
      repl = source(sources.length);
      sources.push(frames(file));
    } else repl = sink();
    text = text.slice(0, m.index) + repl + text.slice(end);
  }
  if (!sources.length) return null;
  return { name: dir.split("/").pop()!, file: click, config: text, sources };
}

/** The example's config with its I/O replaced, and each source's frames. */
export function loadExample(dir: string): ExampleCase | null {
  const ex = rewriteExampleIo(dir, (i) => `bench_src${i} :: BenchSource`, () => "BenchSink");
  return ex && { name: ex.name, config: ex.config, sources: ex.sources };
}

interface Built { router: Router; srcs: MemSource[]; sinks: MemSink[] }

function build(config: string, sources: Uint8Array[][], elements?: string): Built {
  const { router } = buildRouter(config, { hostClasses: HOST_CLASSES, elements, files: {}, log: () => {} });
  const srcs = sources.map((f, i) => {
    const s = router.byName.get(`bench_src${i}`) as MemSource;
    s.frames = f;
    return s;
  });
  return { router, srcs, sinks: router.elements.filter((e): e is MemSink => e instanceof MemSink) };
}

/** Packets split over the sources in proportion to their captures; sources take turns, a burst each. */
function drive(b: Built, packets: number, burst: number): { ms: number; out: number } {
  const total = b.srcs.reduce((n, s) => n + s.frames.length, 0);
  let given = 0;
  b.srcs.forEach((s, i) => {
    s.total = i === b.srcs.length - 1 ? packets - given : Math.floor((packets * s.frames.length) / total);
    given += s.total;
    s.sent = 0; s.burst = burst;
  });
  for (const k of b.sinks) k.count = 0;
  const t0 = cpuMs();
  for (let busy = true; busy;) {
    busy = false;
    for (const s of b.srcs) if (s.runTask()) busy = true;
  }
  return { ms: cpuMs() - t0, out: b.sinks.reduce((n, k) => n + k.count, 0) };
}

export interface ExampleResult { name: string; ns: Sample; mpps: number; outFraction: number; error?: string }

export function benchExamples(root: string, o: { packets: number; reps: number; elements?: string; only?: (name: string) => boolean }): ExampleResult[] {
  const res: ExampleResult[] = [];
  for (const d of readdirSync(root).sort()) {
    const dir = join(root, d);
    if (d === "lib" || !existsSync(join(dir, "README.md"))) continue;
    if (o.only && !o.only(d)) continue;
    try {
      const ex = loadExample(dir);
      if (!ex) continue;
      const baseCfg = ex.sources.map((_, i) => `bench_src${i} :: BenchSource -> BenchSink;`).join("\n");
      const base = build(baseCfg, ex.sources, o.elements), run = build(ex.config, ex.sources, o.elements);
      drive(base, Math.min(o.packets, 100_000), 256); drive(run, Math.min(o.packets, 100_000), 256);
      const s: number[] = [];
      let out = 0;
      for (let r = 0; r < o.reps; r++) {
        const b = drive(base, o.packets, 256), t = drive(run, o.packets, 256);
        s.push(Math.max(0.01, ((t.ms - b.ms) * 1e6) / o.packets));
        out = t.out / o.packets;
      }
      const ns = summarize(s);
      res.push({ name: d, ns, mpps: 1000 / ns.median, outFraction: out });
    } catch (e) {
      res.push({ name: d, ns: summarize([NaN]), mpps: NaN, outFraction: 0, error: (e as Error).message.split("\n")[0] });
    }
  }
  return res;
}
