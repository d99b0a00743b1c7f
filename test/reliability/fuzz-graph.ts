// A reusable graph for packet fuzzing: in-memory sources feeding every input of
// one element, a sink on every output. Built once per element class (one module
// instance), then driven case by case; each case reports what went in, what
// came out, what the element created, and whether every packet slot was released.
import { buildRouter, RuntimeElement, PacketBatch, type HostClass, type Router } from "@clickos/runtime";
import type { FuzzTarget } from "./element-configs.ts";

class FuzzSource extends RuntimeElement {
  private b = new PacketBatch(256);
  /** Pushes the frames in batches of up to `burst`. */
  send(frames: Uint8Array[], burst: number): void {
    const st = this.router.store;
    for (let i = 0; i < frames.length; i += burst) {
      this.b.clear();
      for (const f of frames.slice(i, i + burst)) this.b.push(st.fromBytes(f, 1_000_000_000n));
      this.output(0, this.b);
    }
  }
}

class FuzzSink extends RuntimeElement {
  count = 0;
  bytes: Uint8Array[] | null = null;
  push(_p: number, b: PacketBatch): void {
    const st = this.router.store;
    for (let i = 0; i < b.count; i++) {
      if (this.bytes) this.bytes.push(st.data(b.slots[i]).slice());
      st.release(b.slots[i]);
    }
    this.count += b.count;
    b.count = 0;
  }
}

/** A sink that pulls: drain() pulls its input until nothing comes. */
class FuzzPullSink extends FuzzSink {
  private b = new PacketBatch(256);
  drain(): void {
    for (;;) {
      this.b.clear();
      this.input(0, 64, this.b);
      if (!this.b.count) return;
      this.push(0, this.b);
    }
  }
}

const HOST: HostClass[] = [
  { name: "FuzzSource", ports: "0/1", processing: "h", create: (n, c, f, l) => new FuzzSource(n, "FuzzSource", c, f, l) },
  { name: "FuzzSink", ports: "-/0", processing: "h", create: (n, c, f, l) => new FuzzSink(n, "FuzzSink", c, f, l) },
  { name: "FuzzPullSink", ports: "1/0", processing: "l", create: (n, c, f, l) => new FuzzPullSink(n, "FuzzPullSink", c, f, l) },
];

export interface CaseResult { in: number; out: number; emitted: number; leaked: number; traps: number; lastTrap: string }

export class FuzzGraph {
  readonly router: Router;
  private srcs: FuzzSource[] = [];
  private sink: FuzzSink;
  private allocs = 0;

  constructor(readonly t: FuzzTarget, elements: string) {
    // Classes that pull for themselves get Queues in front, and a pulling sink
    // behind pull outputs; a task is run after each case until it is idle.
    const queue = t.pulls ? " -> Queue(100000)" : "";
    const lines = [`e :: ${t.cls}(${t.conf});`, `sink :: ${t.pulls === "pull" ? "FuzzPullSink" : "FuzzSink"};`];
    for (let k = 0; k < t.inputs; k++) lines.push(`src${k} :: FuzzSource${queue} -> [${k}]e;`);
    for (let k = 0; k < t.outputs; k++) lines.push(`e[${k}] -> [0]sink;`);
    this.router = buildRouter(lines.join("\n"), { hostClasses: HOST, elements, files: {}, log: () => {} }).router;
    for (let k = 0; k < t.inputs; k++) this.srcs.push(this.router.byName.get(`src${k}`) as FuzzSource);
    this.sink = this.router.byName.get("sink") as FuzzSink;
    // Count every slot the store hands out: what the sources did not allocate, the element created.
    const store = this.router.store, alloc = store.alloc.bind(store);
    store.alloc = (n: number) => { this.allocs++; return alloc(n); };
  }

  /** Runs one case: frames[k] into input k. */
  run(frames: Uint8Array[][], burst: number, keepOutput = false): CaseResult & { output?: Uint8Array[] } {
    const store = this.router.store;
    const live0 = store.live, allocs0 = this.allocs, out0 = this.sink.count;
    const traps0 = this.traps();
    this.sink.bytes = keepOutput ? [] : null;
    let n = 0;
    frames.forEach((f, k) => { if (k < this.srcs.length) { this.srcs[k].send(f, burst); n += f.length; } });
    if (this.t.pulls === "pull") (this.sink as FuzzPullSink).drain();
    if (this.t.pulls === "task") { const e = this.router.byName.get("e")!; while (e.runTask!()); }
    const res = {
      in: n, out: this.sink.count - out0, emitted: this.allocs - allocs0 - n,
      leaked: store.live - live0, traps: this.traps() - traps0, lastTrap: this.router.readHandler("e.last_trap"),
      ...(keepOutput ? { output: this.sink.bytes! } : {}),
    };
    return res;
  }

  private traps(): number { return Number(this.router.readHandler("e.traps")); }
}
