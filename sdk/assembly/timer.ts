// Timer: Click's Timer for an element, over the host's timer services (the ABI's
// clickos.timer_schedule/timer_cancel and clickos_timer_fire). Each has the
// number its element's runTimer receives when it fires:
//
//   gc: Timer = new Timer(this, 0);
//   initialize(): void { this.gc.scheduleAfterSec(60); }
//   runTimer(timer: i32): void { if (timer == this.gc.id) { this.sweep(); this.gc.scheduleAfterSec(60); } }

import { Element } from "./element";

export class Timer {
  /** @internal */ _scheduled: bool = false;

  constructor(private owner: Element, readonly id: i32) {
    owner._timers.push(this);
  }

  /** Fires after `delayNs` nanoseconds (rescheduling it if pending). */
  scheduleAfter(delayNs: i64): void {
    this.owner.scheduleTimer(this.id, delayNs < 0 ? 0 : delayNs);
    this._scheduled = true;
  }
  scheduleAfterMsec(ms: i64): void { this.scheduleAfter(ms * 1_000_000); }
  scheduleAfterSec(s: i64): void { this.scheduleAfter(s * 1_000_000_000); }
  /** Fires as soon as the host runs timers. */
  schedule(): void { this.scheduleAfter(0); }
  /** Cancels it if pending. */
  unschedule(): void {
    this.owner.cancelTimer(this.id);
    this._scheduled = false;
  }
  /** True while it is pending (until it fires or is unscheduled). */
  get scheduled(): bool { return this._scheduled; }
}
