// The functions the host calls (sdk/abi/abi.json "exports"). The generated entry
// file re-exports them, so an element author writes no ABI code.

import { ABI_VERSION, OK, ERR, DESC_PORT, RUN_MAX, RUN_EMITTED_SHIFT, TASK_WORKED } from "../abi.generated";
import { Args } from "../args";
import { Batch } from "../batch";
import { scratch, arenaAlloc, arenaFree, stringFromScratch, stringToScratch } from "./memory";
import { resetEmit, emittedBase, emittedCount } from "./emit";
import { resetOrder } from "./order";
import { HANDLER_TEXT, handlerTextLength } from "../string-accum";
import { newElement, elementAt, classAt, pushAt, dropElement } from "./registry";
import { collectIfAllocated, collectAfterCrossing } from "./gc";

const batch = new Batch();

export function clickos_abi_version(): i32 { return ABI_VERSION; }
export function clickos_scratch(minLen: i32): i32 { return <i32>scratch(<usize>minLen); }
export function clickos_arena_alloc(bytes: i32): i32 { return <i32>arenaAlloc(<usize>bytes); }
export function clickos_arena_free(ptr: i32): void { arenaFree(<usize>ptr); }

export function clickos_element_new(classId: i32, ninputs: i32, noutputs: i32): i32 {
  return newElement(classId, ninputs, noutputs);
}

export function clickos_element_configure(handle: i32, confLen: i32): i32 {
  const e = elementAt(handle);
  const args = new Args(stringFromScratch(confLen));
  e._failed = false;
  e.configure(args);
  if (args.errors.length == 0) args.complete();
  for (let i = 0; i < args.errors.length; i++) e.error(args.errors[i]);
  collectIfAllocated();
  return e._failed ? ERR : OK;
}

export function clickos_element_initialize(handle: i32): i32 {
  const e = elementAt(handle);
  e._failed = false;
  resetEmit();
  resetOrder(0, 0);
  e.initialize();
  collectIfAllocated();
  return e._failed ? ERR : OK;
}

export function clickos_element_cleanup(handle: i32): void {
  elementAt(handle).cleanup();
  dropElement(handle);
}

/** One element's turn on `count` descriptors at `base` (a crossing, or one step
 *  of a fused run): a fresh emitted list and output order, then its push. */
// @ts-ignore: decorator
@inline function pushElement(handle: i32, port: i32, base: i32, count: i32): void {
  const e = elementAt(handle);
  resetEmit();
  resetOrder(<usize>base, count);
  batch._base = <usize>base;
  batch._count = count;
  pushAt(handle)(e, port, batch);
}

export function clickos_push(handle: i32, port: i32, base: i32, count: i32): i32 {
  pushElement(handle, port, base, count);
  collectAfterCrossing();
  return emittedCount();
}

// Fusion (clickos_push_run): one packet through a run of elements in one call
// into the module — the host's crossing, guard and fuel refill paid once for
// the whole run. The host checked the first element's input port and that each
// element can take the packet; it reads `run[count]` after a trap to learn
// which element trapped.
export function clickos_push_run(run: i32, count: i32, port: i32, desc: i32): i32 {
  if (count < 1 || count > RUN_MAX) abort("bad run length");
  const at = <usize>run + (<usize>count << 2);
  let i = 0;
  for (;;) {
    store<i32>(at, i);
    pushElement(load<i32>(<usize>run + (<usize>i << 2)), i ? 0 : port, desc, 1);
    const emitted = emittedCount();
    if (emitted || i + 1 == count || load<i32>(<usize>desc + DESC_PORT) != 0) {
      collectAfterCrossing();
      return i | (emitted << RUN_EMITTED_SHIFT);
    }
    i++;
  }
  return 0;   // not reached
}

export function clickos_emitted(): i32 { return <i32>emittedBase(); }

export function clickos_timer_fire(handle: i32, timer: i32): i32 {
  const e = elementAt(handle);
  resetEmit();
  resetOrder(0, 0);
  e._fireTimer(timer);
  collectIfAllocated();
  return emittedCount();
}

// Pull outputs and tasks: packets the element pulls (clickos.input_pull) or makes
// come back as emitted ones; the one a pull returns carries the pulled port.
export function clickos_pull(handle: i32, port: i32): i32 {
  const e = elementAt(handle);
  resetEmit();
  resetOrder(0, 0);
  const p = e.pull(port);
  if (p !== null) p.setOutput(port);
  collectAfterCrossing();
  return emittedCount();
}

export function clickos_task_run(handle: i32): i32 {
  const e = elementAt(handle);
  resetEmit();
  resetOrder(0, 0);
  const worked = e.runTask();
  collectAfterCrossing();
  return emittedCount() | (worked ? TASK_WORKED : 0);
}

export function clickos_handler_read(handle: i32, handler: i32): i32 {
  const e = elementAt(handle);
  e._failed = false;
  const value = classAt(handle).read(e, handler);
  // A StringAccum handler's text is already in the scratch buffer.
  const len = e._failed ? ERR
    : changetype<usize>(value) == changetype<usize>(HANDLER_TEXT) ? handlerTextLength() : stringToScratch(value);
  collectIfAllocated();
  return len;
}

export function clickos_handler_write(handle: i32, handler: i32, len: i32): i32 {
  const e = elementAt(handle);
  e._failed = false;
  classAt(handle).write(e, handler, stringFromScratch(len));
  collectIfAllocated();
  return e._failed ? ERR : OK;
}
