// The Node host's run loop. Tasks are the elements that start work: push
// sources (FromDump, InfiniteSource, FromNetFront in push mode) push a batch
// down their push path, pull sinks (ToDump, Discard, ToNetFront in pull mode)
// pull a batch through their pull path, which ends at a Queue or a pull-mode
// source. Rounds run every task once, then the due timers.
//
// The run ends
// - when stop() was called (Click's STOP true, or the `stop` handler): after
//   the current round, packets still queued stay queued, as in Click;
// - or cleanly, when a round did no work and every source says it is
//   exhausted: the queues are then drained too (the sinks pulled nothing).
//   Pending timers still fire then, on the virtual clock advanced to them.

import type { RuntimeElement } from "./element.ts";
import type { RunStats, TrapReport } from "./element-host.ts";
import type { TimerQueue } from "./timers.ts";

/** What the run loop needs of the router (router.ts). */
export interface SchedulerHost {
  readonly elements: RuntimeElement[];
  readonly timers: TimerQueue;
  nowNs: bigint;
  /** True once stop() was called: the run ends after the current round. */
  readonly stopping: boolean;
  readonly stats: { dropped: number; trapDrops: number; traps: number; packetsIn: number; packetsOut: number };
  readonly trapReports: TrapReport[];
}

export interface RunLoopOptions {
  /** Called at most every progressEveryMs with the packets read so far. */
  onProgress?: (packets: number, elapsedMs: number) => void;
  progressEveryMs?: number;
}

/** Timers further than this beyond the last work are not waited for (a periodic timer would never end the run). */
const TIMER_HORIZON_NS = 3_600_000_000_000n;

export function runScheduler(r: SchedulerHost, opts: RunLoopOptions = {}): RunStats {
  const t0 = performance.now();
  let lastProgress = t0;
  const tasks = r.elements.filter((e) => typeof e.runTask === "function");
  const every = opts.progressEveryMs ?? 500;
  for (;;) {
    let worked = false;
    for (let i = 0; i < tasks.length; i++) if (tasks[i].runTask!()) worked = true;
    if (r.timers.runDue(r.nowNs) > 0) worked = true;
    if (r.stopping) break;
    if (!worked) {
      let sourcesDone = true;
      for (const t of tasks) if (!t.exhausted) { sourcesDone = false; break; }
      if (!sourcesDone) continue;
      const due = r.timers.nextDue();
      if (due === null || due - r.nowNs > TIMER_HORIZON_NS) break;
      if (due > r.nowNs) r.nowNs = due;
      continue;
    }
    if (opts.onProgress) {
      const now = performance.now();
      if (now - lastProgress >= every) { lastProgress = now; opts.onProgress(r.stats.packetsIn, now - t0); }
    }
  }
  for (const e of r.elements) e.cleanup();
  return { ...r.stats, trapReports: r.trapReports, elapsedMs: performance.now() - t0 };
}
