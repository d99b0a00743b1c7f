// The order a crossing's packets leave a WebAssembly element in (ABI ORDER_SHIFT):
// Click pushes one packet at a time, so where two outputs meet again downstream
// packets arrive in the order the element pushed them. The element stamps each
// packet as it gives it an output; the host sorts by the stamps and hands on
// runs of consecutive packets for one output (wasm-element.ts route/deliver).

import { DESC_SIZE, DESC_FLAGS, DESC_PORT, ORDER_SHIFT } from "../abi.generated.ts";
import type { Frame } from "./wasm-module.ts";

/** DESC_PORT of a descriptor already handed on (its packet is no longer here). */
export const ROUTED = -2;

/** Consecutive packets of one crossing for one output: entries from..to of the
 *  delivery order; an entry below n is descriptor e of `frame`, above it
 *  descriptor e - n of `extra` (the emitted packets). One object per element,
 *  reused crossing after crossing (a new one only while the element's own is
 *  being routed, a push cycle back into it): the per-packet path makes no
 *  closures and no objects. */
export class Run {
  frame!: Frame;
  n = 0;
  extra: Frame | null = null;
  /** Entry k of the order is order[k]; null: batch order (entry k is k). */
  order: Int32Array | null = null;
  from = 0;
  to = 0;

  /** Sets the crossing this run reads. */
  reset(frame: Frame, n: number, extra: Frame | null, order: Int32Array | null): this {
    this.frame = frame; this.n = n; this.extra = extra; this.order = order; this.from = this.to = 0;
    return this;
  }

  entryAt(k: number): number { const o = this.order; return o === null ? k : o[k]; }

  /** The 32-bit word index of entry e's descriptor in module memory. */
  wordOf(e: number): number { return (e < this.n ? this.frame.ptr + e * DESC_SIZE : this.extra!.ptr + (e - this.n) * DESC_SIZE) >> 2; }
}

/** The frame holding entry `e` of a run, and its index there (no object per packet). */
export function frameOf(run: Run, e: number): Frame { return e < run.n ? run.frame : run.extra!; }
export function indexIn(run: Run, e: number): number { return e < run.n ? e : e - run.n; }

/** The sort key of entry e: its stamp, unstamped after every stamp, ties in entry order. */
function orderKey(mem32: Int32Array, framePtr: number, n: number, extraPtr: number, e: number): number {
  const w = ((e < n ? framePtr + e * DESC_SIZE : extraPtr + (e - n) * DESC_SIZE) >> 2) + (DESC_FLAGS >> 2);
  const stamp = mem32[w] >>> ORDER_SHIFT;
  return stamp === 0 ? UNSTAMPED + e : stamp * 4096 + e;
}

/** The order a crossing's packets leave in (ABI ORDER_SHIFT): by the element's
 *  stamps, unstamped packets after the stamped ones, ties and unstamped in batch
 *  order (input, then emitted). Null when that is simply batch order, the usual
 *  case (the default push stamps 1, 2, 3, ...). */
export function deliveryOrder(mem32: Int32Array, framePtr: number, n: number, extraPtr: number, ne: number): Int32Array | null {
  const total = n + ne;
  let prev = -1, inOrder = true;
  for (let e = 0; e < total; e++) {
    const k = orderKey(mem32, framePtr, n, extraPtr, e);
    if (k < prev) { inOrder = false; break; }
    prev = k;
  }
  if (inOrder) return null;
  const keys = new Float64Array(total);
  for (let e = 0; e < total; e++) keys[e] = orderKey(mem32, framePtr, n, extraPtr, e);
  return Int32Array.from({ length: total }, (_, e) => e).sort((a, b) => keys[a] - keys[b]);
}
/** Above every stamp key (stamps < 2^24, entries < 4096). */
const UNSTAMPED = 2 ** 24 * 4096;

/** The run's entries 0..total regrouped by output port, each port's entries in
 *  their order (a stable counting sort); entries for no valid port are left out.
 *  Uses `scratch` (at least total + noutputs + 1 long) and returns a view of it. */
export function groupByPort(mem32: Int32Array, run: Run, total: number, noutputs: number, scratch: Int32Array): Int32Array {
  const counts = scratch.subarray(total, total + noutputs + 1).fill(0);
  let kept = 0;
  for (let k = 0; k < total; k++) {
    const p = mem32[run.wordOf(run.entryAt(k)) + (DESC_PORT >> 2)];
    if (p >= 0 && p < noutputs) { counts[p + 1]++; kept++; }
  }
  for (let p = 1; p <= noutputs; p++) counts[p] += counts[p - 1];
  const out = scratch.subarray(0, kept);
  for (let k = 0; k < total; k++) {
    const p = mem32[run.wordOf(run.entryAt(k)) + (DESC_PORT >> 2)];
    if (p >= 0 && p < noutputs) out[counts[p]++] = run.entryAt(k);
  }
  return out;
}
