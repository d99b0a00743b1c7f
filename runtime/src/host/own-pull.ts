// WebAssembly elements that pull for themselves: a class with pull outputs
// answers a pull with its own code (clickos_pull, a scheduler or a shaper), a
// class with a task runs it (clickos_task_run, an Unqueue). Both get packets
// from upstream through clickos.input_pull, which lends them here: the packet is
// pulled from the element's pull input and copied into a frame of module memory
// that lives until the call is over. The module takes it as a packet it
// emitted; when it comes back out, it goes back into its own host slot (found
// by its buffer), so it keeps its number; a lent packet that does not come
// back was dropped, and one inside a call that trapped is reported lost.
//
// A lend runs whatever is upstream, this module's own elements included: a
// nested crossing into the instance that is waiting in the import. The SDK
// puts the waiting crossing's emitted list aside (sdk/assembly/internal/pull.ts);
// here the waiting call's fuel is put aside (a nested call refuels the module),
// and a trap upstream, already recovered by the element that trapped, ends the
// waiting call too: its instance is gone.

import { MAX_LEND, TASK_WORKED, DESC_BUF } from "../abi.generated.ts";
import { PacketBatch } from "./packet-store.ts";
import { WasmModule, isTrap, type ModuleElement, type Frame } from "./wasm-module.ts";
import { WasmTrap } from "./errors.ts";
import { copyIn } from "./crossing-copy.ts";
import type { ElementHost } from "./element-host.ts";

/** What OwnPull needs of its element (wasm-element.ts). */
export interface OwnPuller extends ModuleElement {
  /** Tripped by its trap policy: its own calls stop. */
  readonly disabled: boolean;
  readonly bypassed: boolean;
  readonly module: WasmModule;
  readonly handle: number;
  readonly router: ElementHost;
  readonly inputs: readonly ({ element: { pull(port: number, max: number, out: PacketBatch): void }; port: number } | null)[];
  readonly inputPull: readonly boolean[];
  /** Routes `count` packets the last call emitted; those for `capturePort` go
   *  into `capture`; `claim` gives a lent packet's host slot back by its buffer. */
  routeEmittedTo(count: number, capturePort: number, capture: PacketBatch | null, claim: (buf: number) => number): void;
}

/** Lent packets are packed into frames of at least this size (a burst of 256
 *  small packets takes one or two). */
const LEND_FRAME_BYTES = 256 * 1024;

export class OwnPull {
  /** True while the element's own pull or task call is running (lends allowed). */
  private open = false;
  /** This call's lent packets: host slots (-1 once claimed back) and buffer addresses. */
  private readonly lentSlots: number[] = [];
  private readonly lentBufs: number[] = [];
  private readonly lentPorts: number[] = [];
  /** Lent packets a trap gave back (settle), lent again first. */
  private readonly held: { slot: number; port: number }[] = [];
  /** A trap's policy waits for the packets it gave back (settle). */
  private policyPending = false;
  private readonly one = new PacketBatch(1);

  constructor(private readonly el: OwnPuller) {}

  /** Click's pull on output `port`: up to `max` calls, one packet each, into `out`. */
  pull(port: number, max: number, out: PacketBatch): void {
    const m = this.el.module;
    for (let k = 0; k < max && !this.el.disabled && !this.el.bypassed; k++) {
      const before = out.count;
      this.call(() => m.exports.clickos_pull(this.el.handle, port), port, out);
      // Nothing came and nothing was taken from upstream: the element is dry.
      if (out.count === before && this.lentSlots.length === 0) return;
      // One packet per pull, as Click's pull returns one: any other the element
      // gave this port in the same call is dropped.
      while (out.count > before + 1) { this.el.router.store.release(out.slots[--out.count]); this.el.router.stats.dropped++; }
    }
  }

  /** Click's run_task: true if the task did work. */
  runTask(): boolean {
    const m = this.el.module;
    const r = this.call(() => m.exports.clickos_task_run(this.el.handle), -1, null);
    // Packets taken from upstream are work done, even by a call that trapped.
    return (r & TASK_WORKED) !== 0 || (r & (TASK_WORKED - 1)) > 0 || this.lentSlots.length > 0;
  }

  /** One call into the element, then its emitted and lent packets routed. Lent
   *  frames sit above the frame stack's depth at the start; they are released
   *  when the call is over. Returns the call's result (0 after a trap). */
  private call(fn: () => number, capturePort: number, capture: PacketBatch | null): number {
    const m = this.el.module, gen = m.generation, um = m.unblamed.length, depth = m.depth;
    const om = m.orphans.length, cm = m.culprits.length;
    if (this.el.router.trace !== null) {
      throw new Error(`${this.el.name}: a crossing trace cannot record pull outputs and tasks written in WebAssembly yet (their calls re-enter the module); run without --trace`);
    }
    let r = 0, trap = "", own = false;
    this.open = true;
    this.lentSlots.length = 0;
    this.lentBufs.length = 0;
    this.lentPorts.length = 0;
    this.lendFrame = null;
    try {
      m.refuel();
      r = fn();
      m.refresh();
      this.open = false;
      const emitted = r & (TASK_WORKED - 1);
      if (emitted > 0) this.el.routeEmittedTo(emitted, capturePort, capture, this.claim);
    } catch (e) {
      if (!isTrap(e)) throw e;
      r = 0;
      // A trap in this element (or a host check on what it handed back) restarts
      // the module here; one upstream, inside a lend, was recovered and blamed
      // where it happened, and only ended this call.
      own = m.generation === gen;
      if (own) trap = m.recover(e, this.el);
      else trap = m.lastTrap || "trap upstream";
    } finally {
      this.open = false;
      this.lendFrame = null;
      if (m.generation === gen) m.depth = depth;
    }
    this.settle(trap, own, om, cm);
    // Packets this call emitted have no host copies to run again: a trap on
    // them downstream (in this module) blames none, so it counts here.
    m.countUnblamed(um);
    return r;
  }

  /** After a call: lent packets that did not come back were dropped. After a
   *  trap in the element, the last packet lent is the one it trapped on: it
   *  alone is reported lost, and the others go back to the front of their
   *  inputs (held), to be lent again first, as a push's packets run again; after
   *  a trap upstream they all go back. Packets a trap downstream left inside the
   *  module (no entry runs them again, unlike a push's) are reported lost. */
  private settle(trap: string, own: boolean, om: number, cm: number): void {
    const el = this.el, m = el.module, router = el.router;
    let culprit = -1;
    if (trap && own) for (let k = this.lentSlots.length - 1; k >= 0 && culprit < 0; k--) if (this.lentSlots[k] >= 0) culprit = k;
    const back: { slot: number; port: number }[] = [];
    for (let k = 0; k < this.lentSlots.length; k++) {
      const s = this.lentSlots[k];
      if (s < 0) continue; // claimed: it went on in its own slot
      if (k === culprit) { router.reportTrap(el.name, s, trap); router.store.release(s); }
      else if (trap && !el.disabled) back.push({ slot: s, port: this.lentPorts[k] });
      else { router.stats.dropped++; router.store.release(s); }
    }
    if (back.length) this.held.unshift(...back);
    // The trap policy trips once the packets given back have run again, as it
    // does for a push's packets (so the outcome does not depend on how many
    // packets a call took); until then lends give only those (lend).
    if (trap && own) this.policyPending = true;
    if (this.policyPending && this.held.length === 0) { this.policyPending = false; el.applyTrapPolicy(); }
    for (const c of m.culprits.splice(cm)) { router.reportTrap(c.element, c.slot, c.message); router.store.release(c.slot); }
    for (const s of m.orphans.splice(om)) { router.reportTrap(m.lastTrapElement?.name ?? el.name, s, m.lastTrap); router.store.release(s); }
  }

  /** Packets held back after a trap, oldest first: input `port`'s first one, or -1. */
  private takeHeld(port: number): number {
    for (let i = 0; i < this.held.length; i++) {
      if (this.held[i].port === port) return this.held.splice(i, 1)[0].slot;
    }
    return -1;
  }

  /** Bypassed (trap policy): pulls pass through to input 0, held packets first. */
  pullThrough(max: number, out: PacketBatch, pullInput: (max: number, out: PacketBatch) => void): void {
    for (let s; out.count < max && (s = this.takeHeld(0)) >= 0;) out.push(s);
    if (out.count < max) pullInput(max - out.count, out);
  }

  /** The element was disabled (trap policy): what it held is dropped. */
  dropHeld(): void {
    for (const h of this.held.splice(0)) { this.el.router.store.release(h.slot); this.el.router.stats.dropped++; }
  }

  /** A lent packet's host slot, by the buffer its descriptor names; -1 for any
   *  other packet (made or cloned by the element), or a buffer claimed already. */
  private readonly claim = (buf: number): number => {
    for (let k = 0; k < this.lentBufs.length; k++) {
      if (this.lentBufs[k] === buf && this.lentSlots[k] >= 0) {
        const s = this.lentSlots[k];
        this.lentSlots[k] = -1;
        return s;
      }
    }
    return -1;
  };

  /** The frame lent packets are being packed into, and how much of it is used. */
  private lendFrame: Frame | null = null;
  private lendUsed = 0;
  private readonly slice: Frame = { ptr: 0, size: 0, slotOf: new Int32Array(1), validStart: new Int32Array(1) };

  /** Room for one lent packet: the next `bytes` of the call's lend frame, or of a
   *  new frame pushed when it is full (frames stay until the call is over). */
  private room(bytes: number): Frame {
    const m = this.el.module;
    let f = this.lendFrame;
    if (f === null || this.lendUsed + bytes > f.size) {
      f = this.lendFrame = m.pushFrame(Math.max(bytes, LEND_FRAME_BYTES));
      this.lendUsed = 0;
    }
    const at = (f.ptr + this.lendUsed + 7) & ~7;
    this.lendUsed = at + bytes - f.ptr;
    this.slice.ptr = at;
    this.slice.size = bytes;
    return this.slice;
  }

  /** clickos.input_pull(handle, port): the descriptor address of one lent packet, or 0. */
  lend(port: number): number {
    const el = this.el, m = el.module;
    if (!this.open || this.lentSlots.length >= MAX_LEND) return 0;
    if (!Number.isInteger(port) || port < 0 || port >= el.ninputs || !el.inputPull[port] || !el.inputs[port]) return 0;
    // Packets a trap gave back come first; while a trap policy waits for them, nothing else.
    const again = this.takeHeld(port);
    if (again < 0 && this.policyPending) return 0;
    const gen = m.generation;
    // The waiting call may have grown the module's memory: the host's views of
    // it must be fresh before anything upstream copies packets in.
    m.refresh();
    // What the waiting call has left; nested calls upstream refuel the module.
    const left = m.exports.clickos_fuel_set(0n);
    const b = this.one;
    b.clear();
    if (again >= 0) b.push(again);
    else {
      // No lends for this element while its input runs (a pull cycle back into it).
      this.open = false;
      try {
        el.inputs[port]!.element.pull(el.inputs[port]!.port, 1, b);
      } finally {
        this.open = true;
      }
    }
    // From here the packet is this call's: settle() releases it unless it comes
    // back. (Upstream gives at most the one asked for; any more are dropped.)
    const first = this.lentSlots.length;
    for (let i = 0; i < b.count; i++) { this.lentSlots.push(b.slots[i]); this.lentBufs.push(-1); this.lentPorts.push(port); }
    if (m.generation !== gen) {
      this.open = false;
      throw new WasmTrap(`${el.name}: the module trapped upstream while pulling input ${port}`);
    }
    let at = 0;
    if (b.count) {
      const store = el.router.store, s = b.slots[0], len = store.len[s];
      const f = this.room(WasmModule.frameBytes(1, len));
      m.refresh(); // pushFrame may have grown the module's memory
      copyIn(m, store, f, b.slots, 0, 1, len);
      f.slotOf[0] = -1;
      this.lentBufs[first] = m.mem32[(f.ptr + DESC_BUF) >> 2] >>> 0;
      at = f.ptr;
    }
    m.exports.clickos_fuel_set(left);
    return at;
  }
}
