// CrossingTrace: an optional record of every crossing into a WebAssembly element
// (create+configure, initialize, push, timer, handler read/write), with what
// went in and what came out, so another host can replay the same crossings and
// compare (minios-host/harness/clickos-replay.c). Off by default: the Node host
// checks `router.trace !== null` once per crossing, never per packet.
//
// File format (little-endian), read by clickos-replay:
//   "CLKTRC01", then records: u8 tag, u32 body length, body.
//   every body starts: u32 element (trace index, creation order), i64 clock (the
//   virtual now_ns the crossing ran at); then per tag:
//   NEW        str module, str class, str name, str config, i32 ninputs, i32 noutputs, u8 ok
//   INITIALIZE u8 ok
//   PUSH       i32 port, u32 n, n x packet (in), u8 trapped, [n x packet (out), u32 e, e x packet (emitted)]
//   TIMER      u32 timer, u8 trapped, [u32 e, e x packet (emitted)]
//   HREAD      str handler, u8 ok, str value
//   HWRITE     str handler, str value, u8 ok
//   and then the timer effects of the call: u32 k, k x (u8 kind 1 schedule | 2 cancel,
//   u32 element, u32 timer, i64 delay).
//   str:    u32 length, UTF-8 bytes.
//   packet: u32 len, u32 head, head + len bytes (headroom, then the data: for inputs
//           all the headroom the module sees, up to 64 bytes; for results the bytes
//           of it the Node host keeps as meaningful; for emitted packets up to 64), i32 mac, net, transport (relative to the data start, REL_NONE if
//           unset), u32 packet type, i64 timestamp, 48 annotation bytes, i32 port
//           (output port, -1 for dropped or out of range), u32 flags.

import { writeFileSync } from "node:fs";
import {
  DESC_SIZE, DESC_BUF, DESC_CAP, DESC_DATA, DESC_LEN, DESC_PORT, DESC_FLAGS, DESC_MAC, DESC_NET,
  DESC_TRANSPORT, DESC_PACKET_TYPE, DESC_TIMESTAMP_NS, DESC_ANNO, ANNO_SIZE, MAX_EMIT, NO_HEADER,
} from "../abi.generated.ts";
import type { Frame, WasmModule } from "./wasm-module.ts";

/** What the trace records of an element (WasmElement, wasm-element.ts, is one):
 *  declared here so the trace and the elements it records do not import each other. */
export interface TracedElement {
  readonly name: string;
  readonly className: string;
  readonly config: string;
  readonly ninputs: number;
  readonly noutputs: number;
  readonly handle: number;
  readonly module: WasmModule;
}
import { extractTrapPolicy } from "./trap-policy.ts";

export const TRACE_MAGIC = "CLKTRC01";
export const TAG = { NEW: 1, INITIALIZE: 2, PUSH: 3, TIMER: 4, HREAD: 5, HWRITE: 6 } as const;
/** A header offset that is not set, in the trace (offsets are relative to the data, so -1 is a real value). */
export const REL_NONE = -0x80000000;
const MAX_HEAD = 64;
const utf8 = new TextEncoder();

export class CrossingTrace {
  private buf = new Uint8Array(1 << 16);
  private dv = new DataView(this.buf.buffer);
  private pos = 0;
  private recordStart = -1;
  private readonly ids = new Map<object, number>();
  private effects: { kind: number; element: number; timer: number; delay: bigint }[] = [];
  /** Records written by kind, for reports. */
  readonly counts = { elements: 0, pushes: 0, packets: 0, emitted: 0, timers: 0, handlers: 0 };

  constructor() { this.bytesOf(TRACE_MAGIC); }

  // ---- what the Node host calls ----

  /** Creates and configures `e` (fn does it), recording the element and whether it worked. */
  configure(e: TracedElement, clock: bigint, fn: () => string[]): string[] {
    const id = this.ids.size;
    this.ids.set(e, id);
    this.counts.elements++;
    this.begin(TAG.NEW, id, clock);
    this.str(e.module.name);
    this.str(e.className);
    this.str(e.name);
    this.str(extractTrapPolicy(e.config).rest);
    this.i32(e.ninputs);
    this.i32(e.noutputs);
    const errs = fn();
    this.u8(errs.length ? 0 : 1);
    this.end();
    return errs;
  }

  initialize(e: TracedElement, clock: bigint, fn: () => string[]): string[] {
    this.begin(TAG.INITIALIZE, this.idOf(e), clock);
    const errs = fn();
    this.u8(errs.length ? 0 : 1);
    this.end();
    return errs;
  }

  /** One clickos_push of the frame's first n descriptors; records them before and after. */
  push(e: TracedElement, port: number, frame: Frame, n: number, clock: bigint): number {
    const m = e.module;
    this.begin(TAG.PUSH, this.idOf(e), clock);
    this.i32(port);
    this.u32(n);
    this.counts.pushes++;
    this.counts.packets += n;
    // Inputs: every headroom byte the module can see (up to 64, what the native host
    // gives), not only the meaningful ones: a packet copied in has zeros there, but
    // one handed on inside the module holds what earlier elements left, and an
    // element may read it (Unstrip past the headroom copies it all), so the replay
    // must show the module the same bytes.
    for (let i = 0; i < n; i++) this.packet(e, frame.ptr + i * DESC_SIZE, -1);
    let emitted: number;
    try {
      emitted = m.exports.clickos_push(e.handle, port, frame.ptr, n);
      m.refresh();
    } catch (err) {
      this.u8(1);
      this.end();
      throw err;
    }
    this.u8(0);
    for (let i = 0; i < n; i++) this.packet(e, frame.ptr + i * DESC_SIZE, frame.validStart[i]);
    this.emitted(e, emitted);
    this.end();
    return emitted;
  }

  /** One clickos_timer_fire. */
  timer(e: TracedElement, timer: number, clock: bigint): number {
    const m = e.module;
    this.begin(TAG.TIMER, this.idOf(e), clock);
    this.u32(timer);
    this.counts.timers++;
    let emitted: number;
    try {
      emitted = m.exports.clickos_timer_fire(e.handle, timer);
      m.refresh();
    } catch (err) {
      this.u8(1);
      this.end();
      throw err;
    }
    this.u8(0);
    this.emitted(e, emitted);
    this.end();
    return emitted;
  }

  handlerRead(e: TracedElement, handler: string, clock: bigint, fn: () => string): string {
    this.begin(TAG.HREAD, this.idOf(e), clock);
    this.str(handler);
    this.counts.handlers++;
    let v: string;
    try {
      v = fn();
    } catch (err) {
      this.u8(0); this.str(""); this.end();
      throw err;
    }
    this.u8(1); this.str(v); this.end();
    return v;
  }

  handlerWrite(e: TracedElement, handler: string, value: string, clock: bigint, fn: () => void): void {
    this.begin(TAG.HWRITE, this.idOf(e), clock);
    this.str(handler);
    this.str(value);
    this.counts.handlers++;
    try {
      fn();
    } catch (err) {
      this.u8(0); this.end();
      throw err;
    }
    this.u8(1); this.end();
  }

  /** A timer_schedule (delay >= 0) or timer_cancel (delay null) during the current crossing. */
  timerEffect(e: { readonly name: string }, timer: number, delay: bigint | null): void {
    const id = this.ids.get(e);
    // Outside a record: re-creating elements after a trap (the crossing that
    // trapped is already written; the replaying host re-creates on its own).
    if (id === undefined || this.recordStart < 0) return;
    this.effects.push({ kind: delay === null ? 2 : 1, element: id, timer, delay: delay ?? 0n });
  }

  /** The trace so far. */
  bytes(): Uint8Array { return this.buf.slice(0, this.pos); }
  save(path: string): void { writeFileSync(path, this.bytes()); }

  // ---- records ----

  private idOf(e: { readonly name: string }): number {
    const id = this.ids.get(e);
    if (id === undefined) throw new Error(`trace: element ${e.name} crossed before it was configured`);
    return id;
  }

  private begin(tag: number, element: number, clock: bigint): void {
    if (this.recordStart >= 0) throw new Error("trace: nested crossing");
    this.u8(tag);
    this.recordStart = this.pos;
    this.u32(0);          // body length, patched by end()
    this.u32(element);
    this.i64(clock);
    this.effects = [];
  }

  private end(): void {
    this.u32(this.effects.length);
    for (const f of this.effects) { this.u8(f.kind); this.u32(f.element); this.u32(f.timer); this.i64(f.delay); }
    this.effects = [];
    this.dv.setUint32(this.recordStart, this.pos - this.recordStart - 4, true);
    this.recordStart = -1;
  }

  /** The emitted descriptors of the last crossing (count from its return value). */
  private emitted(e: TracedElement, count: number): void {
    const m = e.module;
    if (count <= 0) { this.u32(0); return; }
    const base = m.exports.clickos_emitted();
    m.refresh();
    // A bad list is a host check failure (a trap for the Node host): record none.
    if (count > MAX_EMIT || base <= 0 || base + count * DESC_SIZE > m.mem8.length) { this.u32(0); return; }
    this.u32(count);
    this.counts.emitted += count;
    // Emitted packets: their whole headroom is meaningful (the Node host keeps it).
    for (let i = 0; i < count; i++) this.packet(e, base + i * DESC_SIZE, -1);
  }

  /** One descriptor at `at` in module memory; `validStart` is the first meaningful
   *  byte before the data (-1: from the buffer start; at most 64 bytes are kept). */
  private packet(e: TracedElement, at: number, validStart: number): void {
    const m = e.module;
    const dv = new DataView(m.mem8.buffer);
    const buf = dv.getUint32(at + DESC_BUF, true), cap = dv.getUint32(at + DESC_CAP, true);
    const data = dv.getUint32(at + DESC_DATA, true), len = dv.getUint32(at + DESC_LEN, true);
    const ok = data >= buf && data + len <= buf + cap && buf + cap <= m.mem8.length;
    const head = ok ? Math.max(0, Math.min(MAX_HEAD, data - buf, validStart < 0 ? MAX_HEAD : data - validStart)) : 0;
    this.u32(ok ? len : 0);
    this.u32(head);
    if (ok) this.raw(m.mem8.subarray(data - head, data + len));
    const rel = (off: number) => this.i32(off === NO_HEADER ? REL_NONE : off - (data - buf));
    rel(dv.getInt32(at + DESC_MAC, true));
    rel(dv.getInt32(at + DESC_NET, true));
    rel(dv.getInt32(at + DESC_TRANSPORT, true));
    this.u32(dv.getUint32(at + DESC_PACKET_TYPE, true));
    this.i64(dv.getBigInt64(at + DESC_TIMESTAMP_NS, true));
    this.raw(m.mem8.subarray(at + DESC_ANNO, at + DESC_ANNO + ANNO_SIZE));
    const port = dv.getInt32(at + DESC_PORT, true);
    this.i32(port >= 0 && port < e.noutputs ? port : -1);
    this.u32(dv.getUint32(at + DESC_FLAGS, true));
  }

  // ---- encoding ----

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const b = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    b.set(this.buf.subarray(0, this.pos));
    this.buf = b;
    this.dv = new DataView(b.buffer);
  }
  private u8(v: number): void { this.room(1); this.buf[this.pos++] = v; }
  private u32(v: number): void { this.room(4); this.dv.setUint32(this.pos, v >>> 0, true); this.pos += 4; }
  private i32(v: number): void { this.room(4); this.dv.setInt32(this.pos, v | 0, true); this.pos += 4; }
  private i64(v: bigint): void { this.room(8); this.dv.setBigInt64(this.pos, BigInt.asIntN(64, v), true); this.pos += 8; }
  private raw(b: Uint8Array): void { this.room(b.length); this.buf.set(b, this.pos); this.pos += b.length; }
  private str(s: string): void { const b = utf8.encode(s); this.u32(b.length); this.raw(b); }
  private bytesOf(s: string): void { this.raw(utf8.encode(s)); }
}
