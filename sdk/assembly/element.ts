// Element: the base class of every ClickOS element written with the SDK. Mirrors
// Click's Element: configure from Args, initialize, per-packet simpleAction or a
// batch push, timers, handlers (declared with @handler on fields and methods and
// wired by `clickos build`), and errors reported Click-style to the host.

import { Args } from "./args";
import { Batch } from "./batch";
import { Packet } from "./packet";
import { DROP, LOG_DEBUG, LOG_INFO, LOG_WARNING, LOG_ERROR,
  host_error, host_timer_schedule, host_timer_cancel, host_now_ns } from "./abi.generated";
import { logAt } from "./log";
import { Timer } from "./timer";
import { pullInput } from "./internal/pull";

/** Returned by simpleAction to drop the packet. */
export const DROP_PACKET: i32 = DROP;

export abstract class Element {
  /** @internal handle assigned by the host */ _handle: i32 = 0;
  /** Number of connected input ports. */
  ninputs: i32 = 0;
  /** Number of connected output ports. */
  noutputs: i32 = 0;
  /** @internal set when error() was called */ _failed: bool = false;
  /** The input port of the batch being handled: what simpleAction's packet came in
   *  on (Click's simple_action has no port; an element with ports that differ,
   *  like a two-input ICMPPingResponder, reads it here instead of overriding push). */
  inputPort: i32 = 0;
  /** @internal the element's Timer objects (timer.ts), told when theirs fires */
  _timers: Timer[] = [];

  /** Reads the configuration. Report problems with args' readers or this.error(). */
  configure(args: Args): void {}
  /** Runs once all elements are configured. Report problems with this.error(). */
  initialize(): void {}
  /** Runs when the element is destroyed. */
  cleanup(): void {}

  /** Click's simple_action: returns the output port for `p`, or DROP_PACKET. The
   *  default sends everything to output 0. */
  simpleAction(p: Packet): i32 { return 0; }

  /** Handles a batch arriving on input `port`. The default calls simpleAction on each
   *  packet; override it for elements that look at the batch as a whole. */
  push(port: i32, batch: Batch): void {
    this.inputPort = port;
    for (let i = 0, n = batch.length; i < n; i++) {
      const p = batch.at(i);
      p.setOutput(this.simpleAction(p));
    }
  }

  /** Click's pull, for classes with pull outputs (processing "l/l", "h/l", ...):
   *  returns the packet for output `port`, or null. Get packets from upstream with
   *  pullInput; the packet returned, whichever it is (pulled, made, cloned), goes
   *  to the puller, and every other packet of the call goes where its output says
   *  (emit), or is dropped. */
  pull(port: i32): Packet | null { return null; }

  /** Click's run_task, for elements that start work themselves (an Unqueue):
   *  the host runs it again and again while the router runs. Return true if it
   *  did work. Packets from pullInput or Packet.make leave through emit. */
  runTask(): bool { return false; }

  /** Click's input(port).pull(): one packet from pull input `port`, or null. Only
   *  inside pull and runTask (elsewhere, and past ABI MAX_LEND packets in one
   *  call, it returns null). The packet is dropped unless the element emits or
   *  returns it. */
  pullInput(port: i32): Packet | null { return pullInput(this._handle, port); }

  /** Runs timer number `timer` (see scheduleTimer, or a Timer object's id). */
  runTimer(timer: i32): void {}

  /** @internal A timer fired: its Timer object, if any, is no longer pending; then runTimer. */
  _fireTimer(timer: i32): void {
    for (let i = 0, n = this._timers.length; i < n; i++) if (this._timers[i].id == timer) this._timers[i]._scheduled = false;
    this.runTimer(timer);
  }

  // ---- services ----
  /** Sends `p` to output `port` (a packet from this batch or one made with Packet.make). */
  emit(port: i32, p: Packet): void { p.setOutput(port); }
  /** Schedules timer `timer` to fire after `delayNs` nanoseconds (rescheduling if pending). */
  scheduleTimer(timer: i32, delayNs: i64): void { host_timer_schedule(this._handle, timer, delayNs); }
  cancelTimer(timer: i32): void { host_timer_cancel(this._handle, timer); }
  /** Current time in nanoseconds since the epoch (virtual time when replaying captures). */
  nowNs(): i64 { return host_now_ns(); }
  /** Reports an error: configuration or initialization fails, or a handler write is refused. */
  error(message: string): void {
    this._failed = true;
    const buf = String.UTF8.encode(message, false);
    host_error(this._handle, <i32>changetype<usize>(buf), buf.byteLength);
  }
  debug(m: string): void { logAt(this._handle, LOG_DEBUG, m); }
  info(m: string): void { logAt(this._handle, LOG_INFO, m); }
  warning(m: string): void { logAt(this._handle, LOG_WARNING, m); }
  logError(m: string): void { logAt(this._handle, LOG_ERROR, m); }
}
