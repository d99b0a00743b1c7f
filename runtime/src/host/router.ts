// The Node host's router: builds a graph of host and WebAssembly elements from a
// flattened Click configuration, configures and initializes it (collecting every
// error in Click's format), runs its tasks and timers until the sources are done,
// and exposes handlers.

import { RuntimeElement, type Handler } from "./element.ts";
import { PacketStore, PacketBatch } from "./packet-store.ts";
import { TimerQueue } from "./timers.ts";
import { WasmElement } from "./wasm-element.ts";
import { WasmModule, type ModuleHooks } from "./wasm-module.ts";
import { ConfigureError } from "./errors.ts";
import type { ElementHost, FileAccess, RunStats, TrapReport } from "./element-host.ts";
export type { FileAccess, OutputFile, RunStats, TrapReport } from "./element-host.ts";
import { splitConfig } from "../click/index.ts";
import type { FlatGraph } from "../click/index.ts";
import type { ClassMeta } from "./meta.ts";
import { LOG_WARNING } from "../abi.generated.ts";
import { checkGraph } from "./check.ts";
import { markMerges } from "./merges.ts";
import { runScheduler, type RunLoopOptions } from "./scheduler.ts";
import type { CrossingTrace } from "./trace.ts";

export interface HostClass {
  name: string;
  ports: string;
  processing: string;
  flowCode?: string;
  doc?: string;
  create(name: string, config: string, file: string, line: number): RuntimeElement;
}

export type ResolvedClass = { kind: "host"; host: HostClass } | { kind: "wasm"; module: WasmModule; cls: ClassMeta };

export interface ClassResolver {
  resolve(name: string): ResolvedClass | undefined;
  names(): string[];
}

export interface RouterOptions {
  files: FileAccess;
  log?: (message: string) => void;
  /** Handler writes applied after initialization, before the run ("elem.handler" → value). */
  writes?: Record<string, string>;
}

/** Trap reports kept per run (the count goes on). */
export const MAX_TRAP_REPORTS = 1000;

export class Router implements ElementHost {
  readonly store = new PacketStore();
  readonly elements: RuntimeElement[] = [];
  readonly byName = new Map<string, RuntimeElement>();
  readonly timers = new TimerQueue();
  readonly stats = { dropped: 0, trapDrops: 0, traps: 0, packetsIn: 0, packetsOut: 0 };
  /** The packets traps cost, in order (at most MAX_TRAP_REPORTS). */
  readonly trapReports: TrapReport[] = [];

  /** Records a packet lost to a trap in `element`. */
  reportTrap(element: string, slot: number, message: string): void {
    this.stats.trapDrops++;
    if (this.trapReports.length < MAX_TRAP_REPORTS) this.trapReports.push({ element, packet: this.store.seq[slot], timestampNs: this.store.timestamp(slot), message });
  }
  /** Virtual clock (ns since epoch): the newest packet timestamp seen by a source, or real time. */
  nowNs: bigint = BigInt(Date.now()) * 1_000_000n;
  private stopRequested = false;
  readonly log: (m: string) => void;
  /** Records every crossing into a WebAssembly element when set (trace.ts); null: off. */
  trace: CrossingTrace | null = null;

  constructor(readonly files: FileAccess, log?: (m: string) => void) {
    this.log = log ?? ((m) => console.error(m));
  }

  /** Module hooks bound to this router (log, clock, timers). */
  hooks(): ModuleHooks {
    return {
      log: (e, level, m) => { if (level >= LOG_WARNING) this.log(`${e ? e.name + ": " : ""}${m}`); },
      trapped: () => { this.stats.traps++; },
      nowNs: () => this.nowNs,
      scheduleTimer: (e, timer, delay) => {
        if (this.trace !== null) this.trace.timerEffect(e, timer, delay);
        this.timers.schedule(`${e.name}#${timer}`, this.nowNs + delay, () => e.fireTimer(timer));
      },
      cancelTimer: (e, timer) => {
        if (this.trace !== null) this.trace.timerEffect(e, timer, null);
        this.timers.cancel(`${e.name}#${timer}`);
      },
    };
  }

  /** Builds the graph into `into` (a router whose hooks the modules were loaded with) or a new router. */
  static build(graph: FlatGraph, classes: ClassResolver, opts: RouterOptions, into?: Router): Router {
    const r = into ?? new Router(opts.files, opts.log);
    // Port counts, push/pull, unused ports and cycles are checked before any
    // element exists, every problem reported at once (check.ts).
    const check = checkGraph(graph, (name) => {
      const c = classes.resolve(name);
      return c ? (c.kind === "host" ? c.host : c.cls) : undefined;
    }, (name) => {
      const near = nearest(name, classes.names());
      return `unknown element class '${name}'${near ? ` (did you mean '${near}'?)` : ""}`;
    });
    for (const w of check.warnings) r.log(`warning: ${w}`);
    if (check.errors.length) throw new ConfigureError(check.errors);
    const errors: string[] = [];
    for (const fe of graph.elements) {
      const c = classes.resolve(fe.className)!;
      const e = c.kind === "host" ? c.host.create(fe.name, fe.config, fe.file, fe.line) : new WasmElement(fe.name, c.module, c.cls, fe.config, fe.file, fe.line);
      const p = check.ports.get(fe.name)!;
      e.router = r;
      e.ninputs = p.ninputs;
      e.noutputs = p.noutputs;
      e.inputPull = p.inputPull;
      e.outputPull = p.outputPull;
      e.outputs = new Array(p.noutputs).fill(null);
      e.inputs = new Array(p.ninputs).fill(null);
      r.elements.push(e);
      r.byName.set(fe.name, e);
    }
    // outputs[] holds push outputs only, inputs[] pull inputs only.
    for (const c of check.connections) {
      const from = r.byName.get(c.from)!, to = r.byName.get(c.to)!;
      if (!from.outputPull[c.fromPort]) from.outputs[c.fromPort] = { element: to, port: c.toPort };
      if (to.inputPull[c.toPort]) to.inputs[c.toPort] = { element: from, port: c.fromPort };
    }
    markMerges(r.elements, check.connections);
    // Configure every element, then initialize, reporting all errors at once like Click.
    for (const e of r.elements) {
      const errs = r.configureOne(e);
      if (errs.length) errors.push(`${e.landmark}:\n${errs.map((m) => "  " + m).join("\n")}`);
    }
    if (errors.length) throw new ConfigureError(errors);
    for (const e of r.elements) {
      let errs: string[] = [];
      try {
        if (e instanceof WasmElement) errs = r.trace === null ? e.initializeRaw() : r.trace.initialize(e, r.nowNs, () => e.initializeRaw());
        else e.initialize();
      } catch (err) { errs = String((err as Error).message).split("\n"); }
      if (errs.length) errors.push(`${e.landmark.replace("While configuring", "While initializing")}:\n${errs.map((m) => "  " + m).join("\n")}`);
    }
    if (errors.length) throw new ConfigureError(errors);
    for (const [path, value] of Object.entries(opts.writes ?? {})) r.writeHandler(path, value);
    return r;
  }

  private configureOne(e: RuntimeElement): string[] {
    try {
      if (e instanceof WasmElement) return this.trace === null ? e.configureRaw() : this.trace.configure(e, this.nowNs, () => e.configureRaw());
      e.configure(splitConfig(e.config));
      return [];
    } catch (err) {
      return String((err as Error).message).split("\n");
    }
  }

  // ---- packets ----
  dropBatch(batch: PacketBatch): void {
    for (let i = 0; i < batch.count; i++) this.store.release(batch.slots[i]);
    this.stats.dropped += batch.count;
    batch.count = 0;
  }

  /** Asks the run loop to stop after the current task (Click's STOP / stop handler). */
  stop(): void { this.stopRequested = true; }

  /** Runs tasks and timers until every source is exhausted and no work remains (scheduler.ts). */
  run(opts: RunLoopOptions = {}): RunStats {
    return runScheduler(this, opts);
  }

  /** True once stop() was called (the scheduler ends the run after the current round). */
  get stopping(): boolean { return this.stopRequested; }

  // ---- handlers ----
  private findHandler(path: string): { element: RuntimeElement | null; handler: Handler } {
    const dot = path.lastIndexOf(".");
    if (dot < 0) {
      const h = this.globalHandlers().find((x) => x.name === path);
      if (!h) throw new Error(`no global handler '${path}'`);
      return { element: null, handler: h };
    }
    const name = path.slice(0, dot), hname = path.slice(dot + 1);
    const e = this.byName.get(name);
    if (!e) throw new Error(`no element named '${name}'`);
    const h = this.handlersOf(e).find((x) => x.name === hname);
    if (!h) throw new Error(`element '${name}' has no handler '${hname}' (it has: ${this.handlersOf(e).map((x) => x.name).join(", ")})`);
    return { element: e, handler: h };
  }

  handlersOf(e: RuntimeElement): Handler[] {
    return [
      ...e.handlers(),
      { name: "class", read: () => e.className },
      { name: "name", read: () => e.name },
      { name: "config", read: () => e.config },
      { name: "ports", read: () => `${e.ninputs} input${e.ninputs === 1 ? "" : "s"}, ${e.noutputs} output${e.noutputs === 1 ? "" : "s"}` },
      { name: "handlers", read: () => this.handlersOf(e).map((h) => `${h.name}\t${h.read ? "r" : ""}${h.write ? "w" : ""}`).join("\n") },
    ];
  }

  globalHandlers(): Handler[] {
    return [
      { name: "list", read: () => this.elements.map((e) => e.name).join("\n") },
      { name: "classes", read: () => [...new Set(this.elements.map((e) => e.className))].sort().join("\n") },
      { name: "stop", write: () => this.stop() },
    ];
  }

  readHandler(path: string): string {
    const { handler } = this.findHandler(path);
    if (!handler.read) throw new Error(`handler '${path}' is not readable`);
    return handler.read();
  }

  writeHandler(path: string, value: string): void {
    const { handler } = this.findHandler(path);
    if (!handler.write) throw new Error(`handler '${path}' is not writable`);
    handler.write(value);
  }
}

/** The closest name by edit distance, if close enough to be a typo. */
export function nearest(name: string, names: string[]): string | null {
  let best: string | null = null, bestD = Infinity;
  const lower = name.toLowerCase();
  for (const n of names) {
    const d = editDistance(lower, n.toLowerCase());
    if (d < bestD) { bestD = d; best = n; }
  }
  return best !== null && bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : null;
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}
