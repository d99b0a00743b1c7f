// A WebAssembly element in the Node host's graph. Packets cross into the module as
// one batch per call (clickos_push). When the next element downstream lives in the
// same module instance, the batch stays resident in module memory: descriptors
// are handed on without copying bytes, so a chain such as
// Strip -> DecIPTTL -> Unstrip copies each packet in once and out once.
// (~640 lines: the element's crossings, routing, pull chains and handlers share
// its frame and trap state; the copies, the delivery order, the trap
// policies and the class's own pulls and task are in crossing-copy.ts,
// delivery.ts, trap-policy.ts and own-pull.ts.)

import { DESC_SIZE, DESC_BUF, DESC_DATA, DESC_LEN, DESC_PORT, DESC_CAP, MAX_BATCH, MAX_EMIT, FUEL_MAX } from "../abi.generated.ts";
import { RuntimeElement, type Handler } from "./element.ts";
import { PacketBatch } from "./packet-store.ts";
import { WasmModule, type ModuleElement, isTrap, type Frame } from "./wasm-module.ts";
import { WasmTrap } from "./errors.ts";
import type { ClassMeta } from "./meta.ts";
import { portFlow, processingVector } from "./check.ts";
import { TRAP_POLICIES, TRAP_POLICY_KEYWORD, extractTrapPolicy, type TrapPolicy } from "./trap-policy.ts";
import { deliveryOrder, groupByPort, frameOf, indexIn, ROUTED, Run } from "./delivery.ts";
import { copyIn, copyOut } from "./crossing-copy.ts";
import { OwnPull } from "./own-pull.ts";

export { TRAP_POLICIES, TRAP_POLICY_KEYWORD, extractTrapPolicy, type TrapPolicy } from "./trap-policy.ts";
export { deliveryOrder } from "./delivery.ts";

const W = DESC_SIZE >> 2;           // descriptor size in 32-bit words
/** Data per crossing the host aims at (a batch of big frames is split). */
const CROSSING_BYTES = 1 << 20;
/** The budget of a handler call (ABI FUEL_MAX: the hosts' bound on any call). */
const HANDLER_FUEL = BigInt(FUEL_MAX);
/** The input frame of a timer's crossing: none. */
const NO_INPUT: Frame = { ptr: 0, size: 0, slotOf: new Int32Array(0), validStart: new Int32Array(0) };

interface PullLink { element: WasmElement; port: number; to: { element: RuntimeElement; port: number } }
interface PullChain { head: WasmElement; headInput: number; links: PullLink[] }

export class WasmElement extends RuntimeElement implements ModuleElement {
  handle = 0;
  traps = 0;
  lastTrap = "";
  /** Dropping everything: by the disable policy, or because re-creation after a trap failed. */
  disabled = false;
  /** Skipped by the bypass policy: packets pass straight to output 0. */
  bypassed = false;
  policy: TrapPolicy = "restart";
  /** The configuration the module sees (TRAP_POLICY removed). */
  private readonly moduleConfig: string;
  private readonly policyError: string | null = null;
  private hostBatches: PacketBatch[] = [];
  /** The element's own pull outputs and task (own-pull.ts), if its class has either. */
  private readonly own: OwnPull | null = null;
  /** Per output: answered by the class's own pull (processing "l"). */
  private ownPullPorts: boolean[] | null = null;

  constructor(name: string, readonly module: WasmModule, readonly cls: ClassMeta, config: string, file = "", line = 0) {
    super(name, cls.name, config, file, line);
    if (cls.task || /l/.test(cls.processing.split("/")[1] ?? cls.processing)) this.own = new OwnPull(this);
    if (cls.task) this.runTask = () => !this.disabled && !this.bypassed && this.own!.runTask();
    const { rest, value } = extractTrapPolicy(config);
    this.moduleConfig = rest;
    if (value !== null) {
      if ((TRAP_POLICIES as readonly string[]).includes(value)) this.policy = value as TrapPolicy;
      else this.policyError = `${TRAP_POLICY_KEYWORD} must be one of ${TRAP_POLICIES.join(", ")} (got '${value}')`;
    }
  }

  /** Creates and configures the element inside the module (Click's configure phase). */
  configureRaw(): string[] {
    this.handle = this.module.register(this, this.cls.id);
    const len = this.module.writeScratch(this.moduleConfig);
    const errs = this.module.callStatus(() => this.module.exports.clickos_element_configure(this.handle, len));
    return this.policyError ? [this.policyError, ...errs] : errs;
  }

  // ---- trap state (what the module tells the element: ModuleElement) ----

  noteTrap(message: string): void { this.lastTrap = message; }
  countTrap(): void { this.traps++; }
  markUnrecoverable(): void { this.disabled = true; this.recreateFailed = true; }

  /** After a trap in this element (module already re-instantiated): apply the policy. */
  applyTrapPolicy(): void {
    if (this.policy === "disable") { this.disabled = true; this.own?.dropHeld(); }
    else if (this.policy === "bypass") this.bypassed = true;
  }

  /** Bypass: the packets of a host batch go on to output 0 untouched. */
  private bypassBatch(batch: PacketBatch): void {
    const o = this.outputs[0];
    if (o && batch.count) o.element.push(o.port, batch);
    else this.router.dropBatch(batch);
  }

  initializeRaw(): string[] {
    return this.module.callStatus(() => this.module.exports.clickos_element_initialize(this.handle));
  }

  /** After a trap: the same element again in the new instance, from its configuration. */
  recreate(): void {
    const errs = [...this.configureRaw(), ...this.initializeRaw()];
    if (errs.length) throw new Error(errs.join("; "));
  }

  private batchFor(port: number): PacketBatch {
    let b = this.hostBatches[port];
    if (!b) b = this.hostBatches[port] = new PacketBatch(MAX_BATCH + MAX_EMIT);
    return b;
  }

  // ---- packets from the host side ----

  push(port: number, batch: PacketBatch): void {
    if (this.disabled) { this.router.dropBatch(batch); return; }
    if (this.bypassed) { this.bypassBatch(batch); return; }
    const store = this.router.store;
    for (let start = 0, n = 0; start < batch.count; start += n) {
      // At most MAX_BATCH packets and about CROSSING_BYTES of data per crossing
      // (always at least one packet), so big frames do not ask the module for
      // more memory than it has.
      let bytes = 0;
      for (n = 0; start + n < batch.count && n < MAX_BATCH; n++) {
        bytes += store.len[batch.slots[start + n]];
        if (n > 0 && bytes > CROSSING_BYTES) break;
      }
      this.contained(batch.slots, start, n, (slots, at, k) => this.crossIn(port, slots, at, k), (s) => {
        // What a tripped policy does with a packet run again.
        const b = this.batchFor(0);
        b.clear(); b.push(s);
        if (this.bypassed) this.bypassBatch(b);
        else this.router.dropBatch(b);
        return true;
      });
    }
  }

  /** Copies n host packets into module memory and runs them through this element
   *  (and the same-module elements after it). */
  private crossIn(port: number, slots: Int32Array, start: number, n: number): void {
    const store = this.router.store, m = this.module;
    let bytes = 0;
    for (let i = 0; i < n; i++) bytes += store.len[slots[start + i]];
    const frame = this.frameFor(slots, start, n, bytes);
    if (!frame) return;
    copyIn(m, store, frame, slots, start, n, bytes);
    this.runFrame(port, frame, n);
    m.popFrame();
  }

  /** A frame for n host packets, or null when the module could not give room
   *  for them (it trapped, and was recovered): then the packets go back to the
   *  entry like any packets inside a trap. */
  private frameFor(slots: Int32Array, start: number, n: number, bytes: number): Frame | null {
    const m = this.module;
    try {
      return m.pushFrame(WasmModule.frameBytes(n, bytes));
    } catch (e) {
      if (!(e instanceof WasmTrap)) throw e;
      for (let i = 0; i < n; i++) {
        if (n === 1) m.culprits.push({ slot: slots[start], element: this.name, message: m.lastTrap });
        else m.orphans.push(slots[start + i]);
      }
      return null;
    }
  }

  /** Runs host packets into the module with `run` so that a trap costs only the
   *  packet that caused it. After a trap the packets that were still inside
   *  (their host slots hold them as they entered) run again, one crossing each,
   *  in their batch order, on the new instance; a packet that traps on its own
   *  is the one that caused it: it alone is dropped, and reported with its
   *  number, timestamp and element. A trap in a call that carried one packet
   *  blames it at once. `tripped` is offered a packet when the trap policy (or
   *  a module that cannot restart) no longer runs the element normally; it
   *  returns false to have the packet run all the same. */
  private contained(slots: Int32Array, start: number, n: number,
    run: (slots: Int32Array, start: number, n: number) => void, tripped: (slot: number) => boolean): void {
    const m = this.module;
    const om = m.orphans.length, cm = m.culprits.length, um = m.unblamed.length;
    run(slots, start, n);
    let blamed = this.blame(cm);
    if (m.orphans.length > om) {
      const lost = new Set(m.orphans.splice(om));
      const ordered: number[] = [];
      for (let i = 0; i < n; i++) if (lost.delete(slots[start + i])) ordered.push(slots[start + i]);
      ordered.push(...lost); // sent in by a nested entry that did not take them back (not expected)
      const one = new Int32Array(1);
      for (const s of ordered) {
        if ((this.disabled || this.bypassed || m.dead) && tripped(s)) continue;
        one[0] = s;
        const om1 = m.orphans.length, cm1 = m.culprits.length;
        run(one, 0, 1);
        // A single packet's trap normally blames it (culprits); anything left
        // inside after that is blamed the same way.
        for (const t of m.orphans.splice(om1)) m.culprits.push({ slot: t, element: m.lastTrapElement?.name ?? this.name, message: m.lastTrapElement?.lastTrap ?? m.lastTrap });
        blamed += this.blame(cm1);
      }
    }
    // A trap no single packet reproduces still counts, once, and trips its policy.
    if (blamed) m.unblamed.splice(um);
    else m.countUnblamed(um);
  }

  /** Reports and releases the culprits recorded since `mark`; returns how many. */
  private blame(mark: number): number {
    const m = this.module;
    const found = m.culprits.splice(mark);
    for (const c of found) {
      this.router.reportTrap(c.element, c.slot, c.message);
      this.router.store.release(c.slot);
    }
    return found.length;
  }

  // ---- one crossing, then routing ----

  /** Runs the element on `n` resident descriptors of `frame` (ports already 0). */
  runFrame(port: number, frame: Frame, n: number): void {
    const m = this.module;
    const gen = m.generation;
    if (this.disabled || this.bypassed) {
      // Resident packets reach a tripped element only through a caller that did not
      // look (a pull): their ports are 0 here, so bypass routes them all to output 0.
      if (this.bypassed) { this.route(frame, n, gen, null, 0, false); return; }
      for (let i = 0; i < n; i++) if (frame.slotOf[i] >= 0) { this.router.store.release(frame.slotOf[i]); frame.slotOf[i] = -1; this.router.stats.dropped++; }
      return;
    }
    let emitted: number;
    const trace = this.router.trace;
    try {
      m.refuel();
      // Tracing (off unless asked for): one check per crossing, the trace makes the call.
      if (trace === null) emitted = m.exports.clickos_push(this.handle, port, frame.ptr, n);
      else emitted = trace.push(this, port, frame, n, this.router.nowNs);
      m.refresh();
    } catch (e) {
      this.trapped(e, frame, n, gen);
      return;
    }
    try {
      // Emitted packets and the frame's leave together, in the element's output order.
      if (emitted > 0) this.routeEmitted(emitted, frame, n);
      else this.route(frame, n, gen);
    } catch (e) {
      // A host check on what the element handed back (descriptors, emitted list)
      // failed, or a call made on its behalf trapped and already recovered.
      this.trapped(e, frame, n, gen);
    }
  }

  private trapped(e: unknown, frame: Frame, n: number, gen: number): void {
    const m = this.module;
    if (!isTrap(e)) throw e;
    let inside = 0;
    for (let i = 0; i < n; i++) if (frame.slotOf[i] >= 0) inside++;
    const fresh = m.generation === gen;
    const msg = fresh ? m.recover(e, this, inside > 1) : m.lastTrap;
    // One packet inside: it caused the trap. Several: they go back to the host
    // entry that sent them in, which runs them again one by one (contained):
    // their host slots still hold them as they entered.
    for (let i = 0; i < n; i++) {
      const s = frame.slotOf[i];
      if (s < 0) continue;
      frame.slotOf[i] = -1;
      if (inside === 1) m.culprits.push({ slot: s, element: this.name, message: msg });
      else m.orphans.push(s);
    }
    // Several inside: the policy waits for the packet that caused the trap
    // (its own trap, when it runs again alone, trips it; see contained).
    if (inside <= 1 || !fresh) this.applyTrapPolicy();
  }

  /** Emitted descriptors live in the SDK's emit area until the next call; move them
   *  into a frame of their own (bytes included) before anything else runs, then
   *  route them with the crossing's input frame (n descriptors; none for a timer). */
  private routeEmitted(count: number, frame: Frame, n: number, claim: ((buf: number) => number) | null = null): void {
    const m = this.module;
    m.refuel();
    const base = m.exports.clickos_emitted();
    m.refresh();
    if (count > MAX_EMIT || base <= 0 || base + count * DESC_SIZE > m.mem8.length) {
      throw new WasmTrap(`${this.name}: bad emitted packet list (${count} at ${base})`);
    }
    let bytes = 0;
    for (let i = 0; i < count; i++) bytes += m.mem32[((base >> 2) + i * W) + (DESC_LEN >> 2)] >>> 0;
    const gen = m.generation;
    const f = m.pushFrame(WasmModule.frameBytes(count, bytes));
    const mem8 = m.mem8, mem32 = m.mem32; // pushFrame may grow memory
    let cursor = f.ptr + count * DESC_SIZE;
    for (let i = 0; i < count; i++) {
      const sw = (base >> 2) + i * W, dw = (f.ptr >> 2) + i * W;
      mem8.copyWithin(f.ptr + i * DESC_SIZE, base + i * DESC_SIZE, base + (i + 1) * DESC_SIZE);
      const buf = mem32[sw + (DESC_BUF >> 2)] >>> 0, cap = mem32[sw + (DESC_CAP >> 2)] >>> 0;
      if (buf + cap > mem8.length || cap > 1 << 20) throw new WasmTrap(`${this.name}: emitted packet outside memory`);
      const nb = (cursor + 7) & ~7;
      mem8.copyWithin(nb, buf, buf + cap);
      const shift = nb - buf;
      mem32[dw + (DESC_BUF >> 2)] = nb;
      mem32[dw + (DESC_DATA >> 2)] = (mem32[sw + (DESC_DATA >> 2)] >>> 0) + shift;
      f.slotOf[i] = -1;
      f.validStart[i] = nb;
      cursor = nb + cap;
    }
    // A packet lent by input_pull comes back in its own host slot (own-pull.ts),
    // so it keeps its number; claimed only once every descriptor checked out.
    if (claim !== null) for (let i = 0; i < count; i++) f.slotOf[i] = claim(mem32[(base >> 2) + i * W + (DESC_BUF >> 2)] >>> 0);
    try {
      this.route(frame, n, gen, f, count);
    } finally {
      // Claimed packets nobody took (dropped, or left behind by a trap downstream).
      if (claim !== null) for (let i = 0; i < count; i++) if (f.slotOf[i] >= 0) { this.router.store.release(f.slotOf[i]); f.slotOf[i] = -1; this.router.stats.dropped++; }
    }
    m.popFrame();
  }

  /** Sends the crossing's packets on: the frame's n descriptors and, when the element
   *  emitted, the `ne` descriptors of `extra`. They leave in the element's output
   *  order (ABI ORDER_SHIFT), as Click's element would have pushed them one at a
   *  time, consecutive packets for one output as one batch; so where outputs meet
   *  again downstream packets arrive as in Click. During a pull, packets for the
   *  pulled output (capturePort) are copied out into captureBatch. `stamped` is
   *  false when the element did not run (bypass): the order is the frame's. */
  private route(frame: Frame, n: number, gen: number, extra: Frame | null = null, ne = 0, stamped = true): void {
    const m = this.module, store = this.router.store;
    const total = n + ne;
    const order = stamped ? deliveryOrder(m.mem32, frame.ptr, n, extra ? extra.ptr : 0, ne) : null;
    // Fast path: nothing emitted, every packet to output 0 in batch order, and output 0
    // an element of the same module: the frame itself goes on.
    const o0 = this.outputs[0];
    if (ne === 0 && order === null && o0 && o0.element instanceof WasmElement && o0.element.module === m && !o0.element.disabled) {
      const mem32 = m.mem32, fw = frame.ptr >> 2;
      let all = true;
      for (let i = 0; i < n; i++) if (mem32[fw + i * W + (DESC_PORT >> 2)] !== 0) { all = false; break; }
      if (all) {
        (o0.element as WasmElement).runFrame(o0.port, frame, n);
        return;
      }
    }
    // This element's Run object, or a new one while that one is being routed (a
    // push cycle back into this element).
    const run = (this.routing ? new Run() : this.runView).reset(frame, n, extra, order);
    let count = total;
    const regroup = !this.outputsMeet && this.noutputs > 1;
    if (regroup) {
      // Nothing downstream sees two outputs' packets side by side (merges.ts): the
      // order between outputs is unobservable, so each output's packets, still in
      // order, go as one run (a RoundRobinSwitch makes 4 runs a batch, not 256).
      run.order = groupByPort(m.mem32, run, total, this.noutputs, this.portScratch(total));
      count = run.order.length;
    }
    // While this loop reads the regrouped entries, a push cycle back into this
    // element must not reuse the array (portScratch gives it a fresh one).
    const outer = this.regrouping, outerRouting = this.routing;
    if (regroup) this.regrouping = true;
    this.routing = true;
    try {
      for (let at = 0; at < count && m.generation === gen;) {
        const port = m.mem32[run.wordOf(run.entryAt(at)) + (DESC_PORT >> 2)];
        let end = at + 1;
        while (end < count && m.mem32[run.wordOf(run.entryAt(end)) + (DESC_PORT >> 2)] === port) end++;
        if (port >= 0 && port < this.noutputs) {
          run.from = at;
          run.to = end;
          this.deliver(port, run);
        }
        at = end;
      }
    } finally {
      this.regrouping = outer;
      this.routing = outerRouting;
    }
    // Everything else: dropped, unconnected or out-of-range ports; or, after a
    // trap downstream, not yet routed (back to the host entry to run again).
    // (Emitted packets hold no host slot.)
    const trappedMeanwhile = m.generation !== gen;
    for (let i = 0; i < n; i++) {
      const s = frame.slotOf[i];
      if (s < 0) continue;
      frame.slotOf[i] = -1;
      if (trappedMeanwhile) m.orphans.push(s);
      else { store.release(s); this.router.stats.dropped++; }
    }
  }

  private readonly runView = new Run();
  private routing = false;
  private portScratchArray: Int32Array | null = null;
  /** Room to regroup `total` entries by port: this element's own array, or a new
   *  one while that one is in use (a push cycle back into this element). */
  private portScratch(total: number): Int32Array {
    const a = this.portScratchArray;
    if (a !== null && !this.regrouping && a.length >= total + this.noutputs + 1) return a;
    const fresh = new Int32Array(Math.max(total, MAX_BATCH + MAX_EMIT) + this.noutputs + 1);
    if (a === null) this.portScratchArray = fresh;
    return fresh;
  }
  private regrouping = false;

  /** Hands one run of consecutive packets for output `o` downstream. */
  private deliver(o: number, run: Run): void {
    const m = this.module;
    const target = this.outputs[o];
    if (!target) {
      if (o === this.capturePort && this.captureBatch) {
        for (let k = run.from; k < run.to; k++) this.takeOut(run, run.entryAt(k), this.captureBatch);
      }
      return;
    }
    const t = target.element;
    const count = run.to - run.from;
    if (t instanceof WasmElement && t.module === m && !t.disabled) {
      // Same module: the descriptors move into a sub-frame; the bytes stay put.
      const sub = m.pushFrame(count * DESC_SIZE);
      const mem8 = m.mem8, w32 = m.mem32;
      for (let k = 0; k < count; k++) {
        const e = run.entryAt(run.from + k);
        const f = frameOf(run, e), i = indexIn(run, e);
        mem8.copyWithin(sub.ptr + k * DESC_SIZE, f.ptr + i * DESC_SIZE, f.ptr + (i + 1) * DESC_SIZE);
        w32[(sub.ptr >> 2) + k * W + (DESC_PORT >> 2)] = 0;
        sub.validStart[k] = f.validStart[i];
        sub.slotOf[k] = f.slotOf[i];
        f.slotOf[i] = -1;
        w32[(f.ptr >> 2) + i * W + (DESC_PORT >> 2)] = ROUTED;
      }
      t.runFrame(target.port, sub, count);
      m.popFrame();
    } else {
      const out = this.batchFor(o);
      out.clear();
      for (let k = run.from; k < run.to; k++) this.takeOut(run, run.entryAt(k), out);
      t.push(target.port, out);
    }
  }

  /** Copies entry `e` of a run out of module memory into `into`. */
  private takeOut(run: Run, e: number, into: PacketBatch): void {
    const f = frameOf(run, e), i = indexIn(run, e);
    into.push(copyOut(this.module, this.router.store, this.name, f, i));
    f.slotOf[i] = -1;
    this.module.mem32[(f.ptr >> 2) + i * W + (DESC_PORT >> 2)] = ROUTED;
  }

  // ---- pull: an agnostic element in a pull path ----

  private pullIn: PacketBatch | null = null;
  private pullFrom: Int32Array | null = null;
  private pullChains: (PullChain | null | undefined)[] = [];
  private captureBatch: PacketBatch | null = null;
  private capturePort = -1;

  /** True when the class answers pulls on output `port` itself (processing "l"). */
  pullsItself(port: number): boolean {
    if (this.own === null) return false;
    if (this.ownPullPorts === null) this.ownPullPorts = processingVector(this.cls.processing, this.ninputs, this.noutputs, []).outs.map((c) => c === "l");
    return this.ownPullPorts[port] === true;
  }

  /** clickos.input_pull for this element (own-pull.ts). */
  lend(port: number): number { return this.own === null ? 0 : this.own.lend(port); }

  /** Routes what an own pull or task call emitted; packets for `capturePort` go
   *  into `capture`; `claim` gives a lent packet's host slot back by its buffer. */
  routeEmittedTo(count: number, capturePort: number, capture: PacketBatch | null, claim: (buf: number) => number): void {
    this.captureBatch = capture;
    this.capturePort = capturePort;
    try {
      this.routeEmitted(count, NO_INPUT, 0, claim);
    } finally {
      this.captureBatch = null;
      this.capturePort = -1;
    }
  }

  /** The pull input feeding output `port` (the first one its flow code reaches), or -1. */
  private pullInputFor(port: number): number {
    if (!this.pullFrom) {
      this.pullFrom = new Int32Array(this.noutputs).fill(-1);
      for (let o = 0; o < this.noutputs; o++) {
        const travels = portFlow(this.cls.flowCode, true, o, this.ninputs);
        for (let i = 0; i < this.ninputs; i++) if (travels[i] && this.inputPull[i] && this.inputs[i]) { this.pullFrom[o] = i; break; }
      }
    }
    return port < this.pullFrom.length ? this.pullFrom[port] : -1;
  }

  /** The run of same-module elements upstream of output `port` along pull
   *  connections, ending at the first element that pulls from elsewhere. */
  private chainFor(port: number): PullChain | null {
    let c = this.pullChains[port];
    if (c !== undefined) return c;
    let cur: WasmElement = this, curPort = port;
    const links: PullLink[] = [];
    c = null;
    for (;;) {
      const ip = cur.pullInputFor(curPort);
      if (ip < 0) break;
      const up = cur.inputs[ip]!;
      const u = up.element;
      if (u instanceof WasmElement && u.module === this.module && u !== this && !links.some((l) => l.element === u) && !u.pullsItself(up.port) && u.pullInputFor(up.port) >= 0) {
        links.push({ element: u, port: up.port, to: { element: cur, port: ip } });
        cur = u;
        curPort = up.port;
        continue;
      }
      c = { head: cur, headInput: ip, links };
      break;
    }
    this.pullChains[port] = c;
    return c;
  }

  /** Pulls up to one batch into the most upstream element of the same-module
   *  run feeding `port`, and runs the run on it resident in module memory (the
   *  pull connections inside it act as pushes for this one call), so a pulled
   *  batch is copied in once and out once, as on a push path. The packets this
   *  element sends to `port` are appended to `out`; packets sent to push outputs
   *  are pushed on; packets for other pull outputs are dropped (nobody asked
   *  for them: Click's pull returns packets to one caller). */
  pull(port: number, max: number, out: PacketBatch): void {
    if (this.disabled) return;
    if (this.pullsItself(port)) {
      // Bypassed: pulls go straight through to input 0, as packets would.
      if (this.bypassed) this.own!.pullThrough(max, out, (k, o) => this.input(0, k, o));
      else this.own!.pull(port, max, out);
      return;
    }
    const ch = this.chainFor(port);
    if (!ch) return;
    const inb = this.pullIn ?? (this.pullIn = new PacketBatch(MAX_BATCH));
    inb.clear();
    ch.head.input(ch.headInput, Math.min(max, MAX_BATCH), inb);
    const n = inb.count;
    if (!n) return;
    inb.count = 0;
    this.contained(inb.slots, 0, n, (slots, at, k) => this.pullRun(ch, slots, at, k, port, out), (s) => {
      if (!this.disabled && !this.module.dead) return false; // bypassed: runFrame passes it on
      this.router.store.release(s);
      this.router.stats.dropped++;
      return true;
    });
  }

  /** Runs n pulled packets through the chain to this element's `port`, capturing
   *  what leaves there into `out`. */
  private pullRun(ch: PullChain, slots: Int32Array, start: number, n: number, port: number, out: PacketBatch): void {
    const store = this.router.store, m = this.module, head = ch.head;
    let bytes = 0;
    for (let i = 0; i < n; i++) bytes += store.len[slots[start + i]];
    const frame = this.frameFor(slots, start, n, bytes);
    if (!frame) return;
    copyIn(m, store, frame, slots, start, n, bytes);
    const links = ch.links;
    for (let i = 0; i < links.length; i++) links[i].element.outputs[links[i].port] = links[i].to;
    this.captureBatch = out;
    this.capturePort = port;
    try {
      head.runFrame(ch.headInput, frame, n);
    } finally {
      for (let i = 0; i < links.length; i++) links[i].element.outputs[links[i].port] = null;
      this.captureBatch = null;
      this.capturePort = -1;
      m.popFrame();
    }
  }

  // ---- timers and handlers ----

  fireTimer(timer: number): void {
    if (this.disabled || this.bypassed) return;
    const m = this.module;
    const gen = m.generation;
    const um = m.unblamed.length;
    try {
      m.refuel();
      const trace = this.router.trace;
      const emitted = trace === null ? m.exports.clickos_timer_fire(this.handle, timer) : trace.timer(this, timer, this.router.nowNs);
      m.refresh();
      if (emitted > 0) this.routeEmitted(emitted, NO_INPUT, 0);
    } catch (e) {
      if (!isTrap(e)) throw e;
      if (m.generation === gen) m.recover(e, this);
      this.applyTrapPolicy();
    }
    // Packets a timer emits have no host copies to run again: a trap on them
    // downstream (in this module) blames none, so it counts here.
    m.countUnblamed(um);
  }

  handlers(): Handler[] {
    const m = this.module;
    const read = (id: number): string => m.readHandlerText(() => this.guarded(() => m.exports.clickos_handler_read(this.handle, id)));
    const write = (id: number, v: string): void => {
      const len = m.writeScratch(v);
      const errs = m.callStatus(() => this.guarded(() => m.exports.clickos_handler_write(this.handle, id, len)));
      if (errs.length) throw new Error(errs.join("; "));
    };
    // The router is unset for an element used outside a graph; tracing needs one.
    const trace = () => this.router?.trace ?? null;
    const list: Handler[] = this.cls.handlers.map((h) => ({
      name: h.name,
      doc: h.doc,
      read: h.read ? () => {
        const t = trace();
        return t === null ? read(h.id) : t.handlerRead(this, h.name, this.router.nowNs, () => read(h.id));
      } : undefined,
      write: h.write ? (v: string) => {
        const t = trace();
        if (t === null) write(h.id, v);
        else t.handlerWrite(this, h.name, v, this.router.nowNs, () => write(h.id, v));
      } : undefined,
    }));
    list.push(
      { name: "traps", read: () => String(this.traps), doc: "Traps inside this element since start." },
      { name: "last_trap", read: () => this.lastTrap, doc: "Message of the last trap." },
      { name: "module_traps", read: () => String(m.traps), doc: "Traps in this element's module (any element)." },
      { name: "trap_policy", read: () => this.policy, write: (v) => {
        const p = v.trim();
        if (!(TRAP_POLICIES as readonly string[]).includes(p)) throw new Error(`trap_policy: expected ${TRAP_POLICIES.join(", ")}, got '${p}'`);
        this.policy = p as TrapPolicy;
        // Writing a policy re-arms an element a policy had tripped: the module was
        // already re-instantiated and the element re-created at the trap.
        this.bypassed = false;
        if (this.tripDisabled()) this.disabled = false;
      }, doc: "What a trap does besides dropping the packets in flight: restart (default), bypass (skip the element: packets go straight to output 0), disable (drop everything it receives). Writing it re-arms a tripped element." },
      { name: "trap_state", read: () => (this.disabled ? "disabled" : this.bypassed ? "bypassed" : "active"), doc: "active, bypassed or disabled (after a trap, by the trap policy)." },
    );
    return list;
  }

  /** Disabled by the policy rather than by a failed re-creation (which stays disabled). */
  private tripDisabled(): boolean { return this.disabled && !this.recreateFailed; }
  recreateFailed = false;

  /** Runs a handler call; a trap there is contained like one in push. */
  /** A handler call: control plane, so the module gets FUEL_MAX (a table of any
   *  size can be printed); a trap is reported with its explained message. */
  private guarded(fn: () => number): number {
    try {
      return this.module.guard(this, fn, HANDLER_FUEL);
    } catch (e) {
      if (!(e instanceof WasmTrap)) throw e;
      this.applyTrapPolicy();
      throw new Error(`trap in handler: ${this.lastTrap || e.message}`);
    }
  }
}
