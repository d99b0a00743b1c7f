// The output order of one crossing (ABI ORDER_SHIFT): each Packet.setOutput stamps
// the packet with the next number, so the host can deliver the crossing's packets,
// input and emitted alike, in the order a one-packet-at-a-time Click element would
// have pushed them, even when the element works on the batch as a whole.

import { DESC_FLAGS, DESC_SIZE, ORDER_SHIFT } from "../abi.generated";

const LOW_BITS: u32 = (1 << ORDER_SHIFT) - 1;
let next: u32 = 0;

/** Starts a crossing: numbering from 1, and the input descriptors' stale stamps
 *  (from an element earlier in a resident chain) cleared. */
export function resetOrder(base: usize, count: i32): void {
  next = 0;
  for (let i = 0; i < count; i++) {
    const f = base + <usize>i * DESC_SIZE + DESC_FLAGS;
    store<u32>(f, load<u32>(f) & LOW_BITS);
  }
}

/** Stamps the descriptor at `d` as the next packet given an output. */
// @ts-ignore: decorator
@inline export function stampOrder(d: usize): void {
  const f = d + DESC_FLAGS;
  store<u32>(f, (load<u32>(f) & LOW_BITS) | (++next << ORDER_SHIFT));
}

/** The numbering so far, to put back after a nested crossing (pull.ts) restarted it. */
export function orderNow(): u32 { return next; }
export function orderRestore(n: u32): void { next = n; }
