// One loaded element module: the compiled WebAssembly.Module, its single live
// instance (shared by every element of its classes), the host imports, the
// crossing frames, and trap recovery (re-instantiate, re-create the elements).

import {
  DESC_SIZE, MAX_BATCH, MAX_EMIT, LOG_ERROR, OK, DEFAULT_HEADROOM, DEFAULT_TAILROOM, HANDLER_TEXT_MAX,
} from "../abi.generated.ts";

/** Per-packet alignment slack in a frame (8-byte buffer start, word-aligned data). */
const FRAME_SLACK = 16;
import { checkInterface, checkMemory, readMeta, HOST_MAX_PAGES } from "./validate.ts";
import { sandboxModule, fuelBudget } from "./sandbox.ts";
import { ModuleLoadError, WasmTrap } from "./errors.ts";
import type { ModuleMeta, ClassMeta } from "./meta.ts";

export interface AbiExports {
  memory: WebAssembly.Memory;
  clickos_abi_version(): number;
  clickos_scratch(minLen: number): number;
  clickos_arena_alloc(bytes: number): number;
  clickos_arena_free(ptr: number): void;
  clickos_element_new(classId: number, ninputs: number, noutputs: number): number;
  clickos_element_configure(handle: number, len: number): number;
  clickos_element_initialize(handle: number): number;
  clickos_element_cleanup(handle: number): void;
  clickos_push(handle: number, port: number, batch: number, count: number): number;
  clickos_emitted(): number;
  clickos_timer_fire(handle: number, timer: number): number;
  /** Optional: present when a class has pull outputs or a task (checked at load). */
  clickos_pull(handle: number, port: number): number;
  clickos_task_run(handle: number): number;
  clickos_handler_read(handle: number, handler: number): number;
  clickos_handler_write(handle: number, handler: number, len: number): number;
  /** Added by the host's sandbox (sandbox.ts): sets the fuel, returns what was left. */
  clickos_fuel_set(fuel: bigint): bigint;
}

/** What the host allows a module. */
export interface ModuleLimits {
  /** Largest declared memory maximum accepted, in 64 KiB pages. */
  maxPages: number;
  /** Fuel per call into the module; null: the budget its metadata names (at most FUEL_MAX). */
  fuel: number | null;
  /** Exports beyond the ABI's kept for the host's own measurements (bench/lib/alloc.ts keeps __new). */
  keepExports?: readonly string[];
}

/** The Node host's defaults; `clickos run` and tests may change them before loading. */
export const hostLimits: ModuleLimits = { maxPages: HOST_MAX_PAGES, fuel: null };

/** What a module needs of the elements it hosts (ModuleElement, wasm-element.ts):
 *  their names, and that they keep their own trap state — the module tells
 *  them of a trap and asks them to come back after one, and never writes their
 *  fields. Declared here so the module and its elements do not import each other. */
export interface ModuleElement {
  readonly name: string;
  /** Connected ports, passed to clickos_element_new. */
  readonly ninputs: number;
  readonly noutputs: number;
  /** The message of the element's last trap ("" if none). */
  readonly lastTrap: string;
  /** A trap in a call on this element's behalf: its message (the `last_trap` handler). */
  noteTrap(message: string): void;
  /** ...and its count (`traps`), when the trap is counted. */
  countTrap(): void;
  /** Applies the element's trap policy after its trap (restart, bypass, disable). */
  applyTrapPolicy(): void;
  /** The same element again in the module's new instance, from its configuration; throws if it cannot be. */
  recreate(): void;
  /** clickos.input_pull: during the element's own pull or task call, one packet
   *  from pull input `port` lent into module memory (its descriptor's address), or 0. */
  lend?(port: number): number;
  /** The element cannot come back (its re-creation failed, or the module is dead): it drops everything. */
  markUnrecoverable(): void;
  /** Runs timer `timer` (the router's timer queue calls it). */
  fireTimer(timer: number): void;
}

/** What the module needs from the router around it. */
export interface ModuleHooks {
  log(element: ModuleElement | null, level: number, message: string): void;
  nowNs(): bigint;
  scheduleTimer(element: ModuleElement, timer: number, delayNs: bigint): void;
  cancelTimer(element: ModuleElement, timer: number): void;
  /** Called at every trap (the module is about to be re-instantiated). */
  trapped?(element: ModuleElement | null, message: string): void;
}

export const defaultHooks: ModuleHooks = {
  log: (e, level, m) => { if (level >= LOG_ERROR) console.error(`${e ? e.name + ": " : ""}${m}`); },
  nowNs: () => BigInt(Date.now()) * 1_000_000n,
  scheduleTimer: () => {},
  cancelTimer: () => {},
};

/** A region of module memory the host uses for one crossing, reused at its stack level. */
/** The pieces of one handler read's text (clickos.handler_text). */
interface HandlerText { pieces: Uint8Array[]; bytes: number; overflow: boolean }

export interface Frame {
  ptr: number;
  size: number;
  /** Per descriptor: the host slot the packet came from, or -1 (new packet, or gone). */
  slotOf: Int32Array;
  /** Per descriptor: address of its first meaningful byte (headroom content starts here). */
  validStart: Int32Array;
}

const utf8 = new TextDecoder();
const utf8enc = new TextEncoder();

export class WasmModule {
  exports!: AbiExports;
  mem8!: Uint8Array;
  mem32!: Int32Array;
  private buffer!: ArrayBuffer;
  /** Elements in creation order (re-created in this order after a trap, so handles match). */
  readonly elements: ModuleElement[] = [];
  private byHandle: (ModuleElement | undefined)[] = [];
  traps = 0;
  lastTrap = "";
  /** Bumped at every re-instantiation; frames of an older generation are gone. */
  generation = 0;
  private frames: Frame[] = [];
  depth = 0;
  /** Errors reported through clickos.error during the current call. */
  private errors: string[] = [];
  private abortMessage: string | null = null;
  hooks: ModuleHooks;
  /** Fuel per call into the module: every module is metered by the host. */
  readonly fuel: bigint;
  /** Set when the module cannot be brought back after a trap (its start function traps). */
  dead = false;

  private constructor(readonly name: string, readonly meta: ModuleMeta, private readonly compiled: WebAssembly.Module, hooks: ModuleHooks, budget: number) {
    this.hooks = hooks;
    this.fuel = BigInt(budget);
    try {
      this.instantiate();
    } catch (e) {
      if (!isTrap(e)) throw e;
      throw new ModuleLoadError(name, `trapped in its start function: ${this.trapMessage(e, false)}`);
    }
  }

  static load(bytes: Uint8Array, name: string, hooks: ModuleHooks = defaultHooks, limits: ModuleLimits = hostLimits): WasmModule {
    const meta = readMeta(bytes, name);
    checkMemory(bytes, name, limits.maxPages);
    const budget = fuelBudget(meta, limits.fuel);
    // Validate first, so a corrupt module gets the engine's message, not the meter's
    // (validate compiles nothing; only a failure compiles, for the message).
    if (!WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>)) {
      try {
        new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
      } catch (e) {
        throw new ModuleLoadError(name, `invalid WebAssembly: ${(e as Error).message}`);
      }
    }
    const compiled = new WebAssembly.Module(sandboxModule(bytes, name, undefined, hostLimits.keepExports ?? []) as Uint8Array<ArrayBuffer>);
    checkInterface(compiled, name);
    checkPullExports(compiled, meta, name);
    return new WasmModule(name, meta, compiled, hooks, budget);
  }

  /** The budget given before the last call (for the out-of-fuel message). */
  private lastBudget = 0n;

  /** Gives the module its full budget; called before every call into it.
   *  Handler calls are control plane and get FUEL_MAX (handlerBudget). */
  refuel(budget: bigint = this.fuel): void {
    this.lastBudget = budget;
    this.exports.clickos_fuel_set(budget);
  }

  /** Runs one call into the module with a full budget; a trap inside it is
   *  recorded and the module brought back (recover) before it is rethrown as
   *  a WasmTrap, so no caller can see the dead instance. */
  guard<T>(where: ModuleElement | null, fn: () => T, budget: bigint = this.fuel): T {
    const gen = this.generation;
    try {
      this.refuel(budget);
      const r = fn();
      this.refresh();
      return r;
    } catch (e) {
      if (!isTrap(e)) throw e;
      if (this.generation === gen && !this.recovering) this.recover(e, where);
      throw e instanceof WasmTrap ? e : new WasmTrap((e as Error).message);
    }
  }

  classByName(name: string): ClassMeta | undefined { return this.meta.classes.find((c) => c.name === name); }

  /** The pieces of text the handler read in progress gave (clickos.handler_text), or null. */
  private handlerText: HandlerText | null = null;

  /** Runs a handler read (`call` returns the length of the last piece, in the
   *  scratch buffer, or < 0) and returns its whole text: the pieces it handed over
   *  on the way, then that last piece. Throws Error(message) when it failed. */
  readHandlerText(call: () => number): string {
    const t: HandlerText = { pieces: [], bytes: 0, overflow: false };
    this.handlerText = t;
    let len: number;
    try { len = call(); } finally { this.handlerText = null; }
    if (len < 0) throw new Error(this.takeErrors().join("; ") || "read failed");
    this.refuel(); // the read may have spent its budget; clickos_scratch(0) only returns the address
    const ptr = this.exports.clickos_scratch(0);
    this.refresh();
    if (t.overflow || t.bytes + len > HANDLER_TEXT_MAX) throw new Error(`handler text larger than ${HANDLER_TEXT_MAX} bytes (ABI HANDLER_TEXT_MAX)`);
    if (!t.pieces.length) return this.readUtf8(ptr, len);
    if (ptr < 0 || ptr + len > this.mem8.length) throw new WasmTrap("handler text out of bounds");
    const all = new Uint8Array(t.bytes + len);
    let at = 0;
    for (const p of t.pieces) { all.set(p, at); at += p.length; }
    all.set(this.mem8.subarray(ptr, ptr + len), at);
    return new TextDecoder().decode(all);
  }

  private instantiate(): void {
    const imports = {
      clickos: {
        log: (h: number, level: number, ptr: number, len: number) => this.hooks.log(this.byHandle[h] ?? null, level, this.readUtf8(ptr, len)),
        error: (_h: number, ptr: number, len: number) => { this.errors.push(this.readUtf8(ptr, len)); },
        now_ns: () => this.hooks.nowNs(),
        random: (ptr: number, len: number) => {
          this.refresh();
          if (ptr < 0 || len < 0 || ptr + len > this.mem8.length) throw new WasmTrap("clickos.random: region out of bounds");
          crypto.getRandomValues(this.mem8.subarray(ptr, ptr + len));
        },
        timer_schedule: (h: number, timer: number, delay: bigint) => { const e = this.byHandle[h]; if (e) this.hooks.scheduleTimer(e, timer, delay < 0n ? 0n : delay); },
        timer_cancel: (h: number, timer: number) => { const e = this.byHandle[h]; if (e) this.hooks.cancelTimer(e, timer); },
        input_pull: (h: number, port: number) => this.byHandle[h]?.lend?.(port) ?? 0,
        handler_text: (ptr: number, len: number) => {
          const t = this.handlerText;
          if (t === null) return; // only a handler read collects pieces
          this.refresh();
          if (ptr < 0 || len < 0 || ptr + len > this.mem8.length) throw new WasmTrap("clickos.handler_text: region out of bounds");
          if (t.bytes + len > HANDLER_TEXT_MAX) { t.overflow = true; return; }
          t.pieces.push(this.mem8.slice(ptr, ptr + len));
          t.bytes += len;
        },
      },
      env: {
        abort: (msg: number, file: number, line: number, col: number) => {
          const m = this.readAsString(msg) ?? "abort";
          const f = this.readAsString(file);
          this.abortMessage = f ? `${m} (${f}:${line}:${col})` : m;
          throw new WasmTrap(`abort: ${this.abortMessage}`);
        },
        trace: (msg: number, n: number, ...args: number[]) => this.hooks.log(null, 0, `trace: ${this.readAsString(msg)} ${args.slice(0, n).join(", ")}`),
        seed: () => Date.now(),
      },
    };
    const instance = new WebAssembly.Instance(this.compiled, imports);
    this.exports = instance.exports as unknown as AbiExports;
    this.buffer = undefined as unknown as ArrayBuffer;
    this.refresh();
    this.frames = [];
    this.depth = 0;
  }

  /** Re-reads the memory views if memory grew (growing detaches the old buffer). */
  refresh(): void {
    const b = this.exports.memory.buffer;
    if (b !== this.buffer) {
      this.buffer = b as ArrayBuffer;
      this.mem8 = new Uint8Array(b);
      this.mem32 = new Int32Array(b);
    }
  }

  readUtf8(ptr: number, len: number): string {
    this.refresh();
    if (ptr < 0 || len < 0 || ptr + len > this.mem8.length) return "<invalid string>";
    return utf8.decode(this.mem8.subarray(ptr, ptr + len));
  }

  /** An AssemblyScript string (UTF-16LE, byte length at ptr - 4). */
  readAsString(ptr: number): string | null {
    this.refresh();
    if (!ptr || ptr < 4 || ptr > this.mem8.length) return null;
    const len = this.mem32[(ptr - 4) >> 2] >>> 0;
    if (ptr + len > this.mem8.length || len > 1 << 20) return null;
    return String.fromCharCode(...new Uint16Array(this.mem8.slice(ptr, ptr + (len & ~1)).buffer));
  }

  /** Writes a string into the scratch buffer; returns its byte length. */
  writeScratch(s: string): number {
    const bytes = utf8enc.encode(s);
    const ptr = this.guard(null, () => this.exports.clickos_scratch(bytes.length)) >>> 0;
    if (ptr + bytes.length > this.mem8.length) throw new WasmTrap(`${this.name}: clickos_scratch returned a buffer outside memory`);
    this.mem8.set(bytes, ptr);
    return bytes.length;
  }

  takeErrors(): string[] { const e = this.errors; this.errors = []; return e; }

  /** Creates the element inside the instance; returns the handle. */
  register(e: ModuleElement, classId: number): number {
    const h = this.guard(null, () => this.exports.clickos_element_new(classId, e.ninputs, e.noutputs));
    if (h <= 0) throw new ModuleLoadError(this.name, `could not create element of class #${classId}`);
    this.byHandle[h] = e;
    if (!this.elements.includes(e)) this.elements.push(e);
    return h;
  }

  /** Runs an ABI call that returns OK/ERR and collects the reported errors. */
  callStatus(fn: () => number): string[] {
    this.errors = [];
    const status = this.guard(null, fn);
    const errs = this.takeErrors();
    if (status !== OK && !errs.length) errs.push("failed");
    return status === OK ? [] : errs;
  }

  // ---- crossing frames ----

  /** Takes the next frame on the stack with room for `bytes`; release with popFrame. */
  pushFrame(bytes: number): Frame {
    let f = this.frames[this.depth];
    if (!f || f.size < bytes) {
      const size = Math.max(bytes, 64 * 1024, f ? f.size * 2 : 0);
      const old = f;
      const ptr = this.guard(null, () => {
        if (old) this.exports.clickos_arena_free(old.ptr);
        return this.exports.clickos_arena_alloc(size);
      }) >>> 0;
      if (!ptr || ptr + size > this.mem8.length) throw new WasmTrap(`${this.name}: clickos_arena_alloc(${size}) returned no usable region (${ptr})`);
      f = { ptr, size, slotOf: f?.slotOf ?? new Int32Array(MAX_BATCH + MAX_EMIT), validStart: f?.validStart ?? new Int32Array(MAX_BATCH + MAX_EMIT) };
      this.frames[this.depth] = f;
    }
    this.depth++;
    return f;
  }
  popFrame(): void { if (this.depth > 0) this.depth--; }

  /** Room for `count` packets holding `dataBytes` of data: descriptors, and per
   *  packet its headroom and tailroom plus alignment slack (copyIn starts each
   *  buffer on 8 bytes and shifts the data up to 3 more to keep word alignment). */
  static frameBytes(count: number, dataBytes: number): number {
    return count * DESC_SIZE + dataBytes + count * (DEFAULT_HEADROOM + DEFAULT_TAILROOM + FRAME_SLACK);
  }

  // ---- traps ----

  /** Host slots of packets that were inside the module when it trapped, not yet
   *  taken back by the host entry point that sent them in (which runs them again). */
  readonly orphans: number[] = [];
  /** Packets known to have caused a trap (the trapping call carried only them),
   *  not yet reported and released by the entry point that sent them in. */
  readonly culprits: { slot: number; element: string; message: string }[] = [];
  /** Traps in a call that carried several packets: counted only if running
   *  those packets again one by one blames none of them. */
  readonly unblamed: { where: ModuleElement | null; message: string }[] = [];

  /** Counts a trap in the module, its element and the router. */
  countTrap(where: ModuleElement | null, message: string): void {
    this.traps++;
    if (where) where.countTrap();
    this.hooks.trapped?.(where, message);
  }

  /** Counts the traps deferred since `mark` (no packet blamed for them) and trips their elements' policies. */
  countUnblamed(mark: number): void {
    for (const u of this.unblamed.splice(mark)) { this.countTrap(u.where, u.message); u.where?.applyTrapPolicy(); }
  }

  /** The element of the last trap (null: a call on no element's behalf). */
  lastTrapElement: ModuleElement | null = null;

  /** A trap's message; asks the trapped instance for its fuel: below zero, the
   *  trap was the fuel running out. */
  private trapMessage(err: unknown, probe = true): string {
    const msg = err instanceof Error ? err.message : String(err);
    let left = 0n;
    if (probe) try { left = this.exports?.clickos_fuel_set(0n) ?? 0n; } catch { /* keep the trap's own message */ }
    return left < 0n ? `out of fuel: more than ${this.lastBudget} units of work (calls and loop iterations) in one call into the module; a runaway loop? (${msg})` : msg;
  }

  /** Records a trap and brings the module back: new instance, elements re-created. */
  recover(err: unknown, where: ModuleElement | null, deferCount = false): string {
    const msg = this.trapMessage(err);
    this.lastTrap = `${where ? where.name + ": " : ""}${msg}`;
    this.lastTrapElement = where;
    if (where) where.noteTrap(msg);
    if (deferCount) this.unblamed.push({ where, message: msg });
    else this.countTrap(where, msg);
    this.hooks.log(where, LOG_ERROR, `trap: ${msg}; module ${this.name} restarted`);
    this.generation++;
    try {
      this.instantiate();
    } catch (e) {
      if (!isTrap(e)) throw e;
      // The start function itself traps (it is metered too): nothing can run.
      this.dead = true;
      this.hooks.log(null, LOG_ERROR, `module ${this.name} cannot be restarted (its start function: ${this.trapMessage(e, false)}); its elements drop everything`);
      for (const el of this.elements) el.markUnrecoverable();
      return msg;
    }
    this.byHandle = [];
    // A trap while re-creating is not recovered from again (that could recurse
    // for ever): the element that failed stays disabled.
    this.recovering = true;
    try {
      for (const e of this.elements) {
        try {
          e.recreate();
        } catch (re) {
          this.hooks.log(e, LOG_ERROR, `could not re-create after trap: ${(re as Error).message}`);
          e.markUnrecoverable();
        }
      }
    } finally {
      this.recovering = false;
    }
    return msg;
  }
  private recovering = false;
}

/** A class with pull outputs needs clickos_pull, one with a task clickos_task_run
 *  (optional exports: modules without such classes may lack them). */
function checkPullExports(compiled: WebAssembly.Module, meta: ModuleMeta, name: string): void {
  const have = new Set(WebAssembly.Module.exports(compiled).filter((e) => e.kind === "function").map((e) => e.name));
  for (const c of meta.classes) {
    const outs = c.processing.split("/")[1] ?? c.processing;
    if (outs.includes("l") && !have.has("clickos_pull")) throw new ModuleLoadError(name, `class ${c.name} has pull outputs (processing '${c.processing}') but the module does not export clickos_pull (rebuild with clickos build)`);
    if (c.task && !have.has("clickos_task_run")) throw new ModuleLoadError(name, `class ${c.name} has a task but the module does not export clickos_task_run (rebuild with clickos build)`);
  }
}

/** A failure inside the module (rather than a bug in the host). */
export function isTrap(e: unknown): boolean {
  return e instanceof WebAssembly.RuntimeError || e instanceof WasmTrap || e instanceof RangeError;
}
