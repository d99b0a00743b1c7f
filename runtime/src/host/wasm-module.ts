// One loaded element module: the compiled WebAssembly.Module, its single live
// instance (shared by every element of its classes), the host imports, the
// crossing frames, and trap recovery (re-instantiate, re-create the elements).

import {
  DESC_SIZE, MAX_BATCH, MAX_EMIT, LOG_ERROR, OK,
} from "../abi.generated.ts";
import { checkInterface, checkMemory, readMeta, HOST_MAX_PAGES } from "./validate.ts";
import { ModuleLoadError, WasmTrap } from "./errors.ts";
import type { ModuleMeta, ClassMeta } from "./meta.ts";
import type { WasmElement } from "./wasm-element.ts";

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
  clickos_handler_read(handle: number, handler: number): number;
  clickos_handler_write(handle: number, handler: number, len: number): number;
  /** Optional (fuel-metered builds): sets the fuel, returns what was left. */
  clickos_fuel_set?(fuel: bigint): bigint;
}

/** What the host allows a module. */
export interface ModuleLimits {
  /** Largest declared memory maximum accepted, in 64 KiB pages. */
  maxPages: number;
  /** Fuel per call into a metered module; null: the budget its metadata names. */
  fuel: number | null;
}

/** The Node host's defaults; `clickos run` and tests may change them before loading. */
export const hostLimits: ModuleLimits = { maxPages: HOST_MAX_PAGES, fuel: null };

/** What the module needs from the router around it. */
export interface ModuleHooks {
  log(element: WasmElement | null, level: number, message: string): void;
  nowNs(): bigint;
  scheduleTimer(element: WasmElement, timer: number, delayNs: bigint): void;
  cancelTimer(element: WasmElement, timer: number): void;
}

export const defaultHooks: ModuleHooks = {
  log: (e, level, m) => { if (level >= LOG_ERROR) console.error(`${e ? e.name + ": " : ""}${m}`); },
  nowNs: () => BigInt(Date.now()) * 1_000_000n,
  scheduleTimer: () => {},
  cancelTimer: () => {},
};

/** A region of module memory the host uses for one crossing, reused at its stack level. */
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
  readonly elements: WasmElement[] = [];
  private byHandle: (WasmElement | undefined)[] = [];
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
  /** Fuel per call into the module (0n: the module is not metered). */
  readonly fuel: bigint = 0n;

  private constructor(readonly name: string, readonly meta: ModuleMeta, private readonly compiled: WebAssembly.Module, hooks: ModuleHooks, limits: ModuleLimits) {
    this.hooks = hooks;
    const metered = WebAssembly.Module.exports(compiled).some((e) => e.name === "clickos_fuel_set");
    const budget = limits.fuel ?? meta.fuel;
    if (metered && budget) this.fuel = BigInt(budget);
    this.instantiate();
  }

  static load(bytes: Uint8Array, name: string, hooks: ModuleHooks = defaultHooks, limits: ModuleLimits = hostLimits): WasmModule {
    const meta = readMeta(bytes, name);
    checkMemory(bytes, name, limits.maxPages);
    let compiled: WebAssembly.Module;
    try {
      compiled = new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
    } catch (e) {
      throw new ModuleLoadError(name, `invalid WebAssembly: ${(e as Error).message}`);
    }
    checkInterface(compiled, name);
    return new WasmModule(name, meta, compiled, hooks, limits);
  }

  /** Gives a metered module its full budget; called before every call into it. */
  refuel(): void {
    if (this.fuel) this.exports.clickos_fuel_set!(this.fuel);
  }

  classByName(name: string): ClassMeta | undefined { return this.meta.classes.find((c) => c.name === name); }

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
    this.refuel();
    const ptr = this.exports.clickos_scratch(bytes.length);
    this.refresh();
    this.mem8.set(bytes, ptr);
    return bytes.length;
  }

  takeErrors(): string[] { const e = this.errors; this.errors = []; return e; }

  /** Creates the element inside the instance; returns the handle. */
  register(e: WasmElement, classId: number): number {
    this.refuel();
    const h = this.exports.clickos_element_new(classId, e.ninputs, e.noutputs);
    if (h <= 0) throw new ModuleLoadError(this.name, `could not create element of class #${classId}`);
    this.byHandle[h] = e;
    if (!this.elements.includes(e)) this.elements.push(e);
    return h;
  }

  /** Runs an ABI call that returns OK/ERR and collects the reported errors. */
  callStatus(fn: () => number): string[] {
    this.errors = [];
    this.refuel();
    const status = fn();
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
      this.refuel();
      if (f) this.exports.clickos_arena_free(f.ptr);
      const ptr = this.exports.clickos_arena_alloc(size);
      this.refresh();
      f = { ptr, size, slotOf: f?.slotOf ?? new Int32Array(MAX_BATCH + MAX_EMIT), validStart: f?.validStart ?? new Int32Array(MAX_BATCH + MAX_EMIT) };
      this.frames[this.depth] = f;
    }
    this.depth++;
    return f;
  }
  popFrame(): void { if (this.depth > 0) this.depth--; }

  static frameBytes(count: number, dataBytes: number): number {
    return count * DESC_SIZE + dataBytes + count * (64 + 64 + 16);
  }

  // ---- traps ----

  /** Records a trap and brings the module back: new instance, elements re-created. */
  recover(err: unknown, where: WasmElement | null): void {
    this.traps++;
    let msg = err instanceof Error ? err.message : String(err);
    // Ask the dead instance for its fuel: below zero, the trap was the fuel running out.
    if (this.fuel) {
      let left = 0n;
      try { left = this.exports.clickos_fuel_set!(0n); } catch { /* keep the trap's own message */ }
      if (left < 0n) msg = `out of fuel: more than ${this.fuel} units of work (calls and loop iterations) in one call into the module; a runaway loop? (${msg})`;
    }
    this.lastTrap = `${where ? where.name + ": " : ""}${msg}`;
    if (where) { where.traps++; where.lastTrap = msg; }
    this.hooks.log(where, LOG_ERROR, `trap: ${msg}; packets in flight dropped, module ${this.name} restarted`);
    this.generation++;
    this.instantiate();
    this.byHandle = [];
    for (const e of this.elements) {
      try {
        e.recreate();
      } catch (re) {
        this.hooks.log(e, LOG_ERROR, `could not re-create after trap: ${(re as Error).message}`);
        e.disabled = true;
        e.recreateFailed = true;
      }
    }
  }
}
