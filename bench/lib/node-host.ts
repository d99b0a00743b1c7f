// Node host, processing only: a host source hands out frames held in memory
// (cycling through the traffic of an element-configs entry) in bursts of B, and
// a sink releases whatever leaves any output. One router is built per
// configuration and reused for every repetition (rebuilding would recompile the
// module and run part of each repetition on V8's baseline tier); the source is
// driven directly, without the scheduler, so nothing but the push path runs.
//
// "processing" = time(source -> element -> sink) - time(source -> sink), the
// two timed alternately, repetition by repetition, in the same process.

import { buildRouter, runClick, RuntimeElement, PacketBatch, type HostClass, type Router } from "../../runtime/src/index.ts";

export class MemSource extends RuntimeElement {
  frames: Uint8Array[] = [];
  sent = 0;
  total = 0;
  burst = 256;
  private b = new PacketBatch(256);
  private next = 0;
  runTask(): boolean {
    if (this.sent >= this.total) return false;
    const st = this.router.store, b = this.b, frames = this.frames;
    b.clear();
    const n = Math.min(this.burst, this.total - this.sent);
    for (let i = 0; i < n; i++) {
      const f = frames[this.next];
      if (++this.next === frames.length) this.next = 0;
      const s = st.alloc(f.length);
      st.bytes.set(f, st.dataOff[s]);
      st.tsLo[s] = 1_000_000_000; // 1 s: elements read the packet clock, not the host's
      b.push(s);
    }
    this.sent += n;
    this.output(0, b);
    return true;
  }
  get exhausted(): boolean { return this.sent >= this.total; }
}

export class MemSink extends RuntimeElement {
  count = 0;
  push(_p: number, b: PacketBatch): void {
    this.count += b.count;
    const st = this.router.store;
    for (let i = 0; i < b.count; i++) st.release(b.slots[i]);
    b.count = 0;
  }
}

export const HOST_CLASSES: HostClass[] = [
  { name: "BenchSource", ports: "0/1", processing: "h", create: (n, c, f, l) => new MemSource(n, "BenchSource", c, f, l) },
  { name: "BenchSink", ports: "-/0", processing: "h", create: (n, c, f, l) => new MemSink(n, "BenchSink", c, f, l) },
];

/** A Click config: source -> [element config] -> sink, every output of the element to the sink. */
export function benchConfig(element: string | null, inputs = 1, outputs = 1): string {
  if (element === null) return "src :: BenchSource -> sink :: BenchSink;";
  const lines = [`src :: BenchSource -> e :: ${element};`];
  for (let k = 0; k < outputs; k++) lines.push(`e[${k}] -> sink${k === 0 ? " :: BenchSink" : ""};`);
  for (let k = 1; k < inputs; k++) lines.push(`Idle -> [${k}]e;`);
  return lines.join("\n");
}

/** The value of read handler `handler` of `element` (a class with its configuration). */
export function readElementHandler(element: string, outputs: number, handler: string, elements: string): string {
  const lines = [`Idle -> e :: ${element};`];
  for (let k = 0; k < outputs; k++) lines.push(`e[${k}] -> Discard;`);
  return runClick(lines.join("\n"), { elements }).read(`e.${handler}`);
}

/** A chain config: source -> A -> B -> ... -> sink (chain text in Click syntax, "" for none). */
export function chainConfig(chain: string): string {
  return `src :: BenchSource -> ${chain ? chain + " -> " : ""}sink :: BenchSink;`;
}

export interface Prepared { router: Router; src: MemSource; sink: MemSink }

/** elements: the standard module to load (false: none, e.g. with `modules` only). */
export function prepare(config: string, frames: Uint8Array[], o: { elements?: string | false; modules?: string[] } = {}): Prepared {
  const { router } = buildRouter(config, { hostClasses: HOST_CLASSES, elements: o.elements, modules: o.modules, files: {}, log: () => {} });
  const src = router.byName.get("src") as MemSource;
  src.frames = frames;
  return { router, src, sink: router.byName.get("sink") as MemSink };
}

/** This process's CPU time in ms: on a shared machine, other processes taking the
 *  core stretch wall time but hardly our CPU time. (It includes V8's helper
 *  threads, e.g. concurrent GC, which is part of the cost anyway.) */
export function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/** Pushes `packets` packets in bursts of `burst`; returns CPU milliseconds and packets out. */
export function drive(p: Prepared, packets: number, burst: number): { ms: number; out: number } {
  p.src.total = packets; p.src.sent = 0; p.src.burst = burst; p.sink.count = 0;
  const t0 = cpuMs();
  while (p.src.runTask()) { /* the push path runs inside runTask */ }
  return { ms: cpuMs() - t0, out: p.sink.count };
}

export const median = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

export interface Sample { min: number; median: number; samples: number[] }
export const summarize = (s: number[]): Sample => ({ min: Math.min(...s), median: median(s), samples: s });

/**
 * ns/packet of processing for each (baseline, case) pair: the case's own
 * baseline (same frames, no element) is timed right before it, repetition by
 * repetition, so slow drifts of a shared machine hit both alike. Also returns
 * the fraction of packets that came out (a sanity figure).
 */
export function measure(pairs: { base: Prepared; run: Prepared }[], o: { packets: number; reps: number; burst: number }): { ns: Sample; outFraction: number }[] {
  const warm = Math.min(o.packets, 200_000);
  for (const p of pairs) { drive(p.base, warm, o.burst); drive(p.run, warm, o.burst); }
  const samples = pairs.map(() => [] as number[]);
  const outs = pairs.map(() => 0);
  for (let r = 0; r < o.reps; r++) {
    pairs.forEach((p, i) => {
      const b = drive(p.base, o.packets, o.burst);
      const t = drive(p.run, o.packets, o.burst);
      outs[i] = t.out / o.packets;
      samples[i].push(Math.max(0.01, ((t.ms - b.ms) * 1e6) / o.packets));
    });
  }
  return pairs.map((_, i) => ({ ns: summarize(samples[i]), outFraction: outs[i] }));
}
