// When the module collects garbage. The SDK builds with AssemblyScript's
// minimal runtime by default (measured 10% faster than incremental on the
// stateful elements: no write barriers), which collects only when asked. A
// collection marks everything live (~7,000 instructions for the standard
// library's elements, more with large tables), so it runs only after something
// was allocated: heapTotal() is the runtime's own count of allocated bytes
// (sdk/src/build/heap-total.ts), unchanged by a crossing that allocated
// nothing. Control-plane calls (configure, initialize, handlers, timers)
// collect as soon as they allocated; packet crossings, which may allocate
// a little per packet, collect after COLLECT_BYTES or COLLECT_EVERY crossings
// that allocated.

import { nested } from "./emit";

// @ts-ignore: decorator
@external("clickos_internal", "heap_total")
declare function heapTotal(): usize;

const COLLECT_BYTES: usize = 256 * 1024;
const COLLECT_EVERY: u32 = 256;
let atCollect: usize = 0;
let allocatingCrossings: u32 = 0;

function collectNow(): void {
  // A crossing nested in another (pull.ts) must not collect: the outer one's
  // objects may be live only in its frames, which the minimal runtime cannot see.
  if (nested()) return;
  __collect();
  atCollect = heapTotal();
  allocatingCrossings = 0;
}

/** After a control-plane call. */
export function collectIfAllocated(): void {
  if (ASC_RUNTIME == 1 && heapTotal() != atCollect) collectNow();
}

/** After a packet crossing: nothing unless it allocated. */
// @ts-ignore: decorator
@inline export function collectAfterCrossing(): void {
  if (ASC_RUNTIME == 1) {
    const t = heapTotal();
    if (t != atCollect && (t - atCollect >= COLLECT_BYTES || ++allocatingCrossings >= COLLECT_EVERY)) collectNow();
  }
}
