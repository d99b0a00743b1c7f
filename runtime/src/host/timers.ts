// Timers of the Node host: a binary min-heap ordered by due time (ns), on the
// router's clock (virtual when replaying captures, so timeouts follow the trace).

export interface TimerEntry { due: bigint; seq: number; fire: () => void; key: string; cancelled: boolean }

export class TimerQueue {
  private heap: TimerEntry[] = [];
  private byKey = new Map<string, TimerEntry>();
  private seq = 0;

  schedule(key: string, due: bigint, fire: () => void): void {
    this.cancel(key);
    const e: TimerEntry = { due, seq: this.seq++, fire, key, cancelled: false };
    this.byKey.set(key, e);
    this.heap.push(e);
    this.up(this.heap.length - 1);
  }
  cancel(key: string): void {
    const e = this.byKey.get(key);
    if (e) { e.cancelled = true; this.byKey.delete(key); }
  }
  get size(): number { return this.byKey.size; }
  nextDue(): bigint | null {
    this.skipCancelled();
    return this.heap.length ? this.heap[0].due : null;
  }
  /** Fires every timer due at or before `now`; returns how many fired. */
  runDue(now: bigint): number {
    let n = 0;
    for (;;) {
      this.skipCancelled();
      const top = this.heap[0];
      if (!top || top.due > now) return n;
      this.pop();
      this.byKey.delete(top.key);
      top.fire();
      n++;
    }
  }
  private skipCancelled(): void { while (this.heap.length && this.heap[0].cancelled) this.pop(); }
  private less(a: TimerEntry, b: TimerEntry): boolean { return a.due < b.due || (a.due === b.due && a.seq < b.seq); }
  private pop(): void {
    const last = this.heap.pop()!;
    if (this.heap.length) { this.heap[0] = last; this.down(0); }
  }
  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }
  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l], h[m])) m = l;
      if (r < h.length && this.less(h[r], h[m])) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
}
