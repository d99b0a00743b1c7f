// Counter: counts packets and bytes passing through (1/1, agnostic, as in
// Click). Handlers count, byte_count, rate, bit_rate, byte_rate, reset.
// Deviation: Click's rates are an exponentially weighted average over recent
// packets; here they are the mean between the first and the last packet, timed
// by their timestamps (a replayed trace's clock) or else the router's clock.

import { RuntimeElement, type Handler } from "../element.ts";
import type { PacketBatch } from "../packet-store.ts";
import { HostArgs } from "../args.ts";
import type { HostClass } from "../router.ts";

export class Counter extends RuntimeElement {
  count = 0;
  byteCount = 0;
  private firstNs = -1n;
  private lastNs = 0n;

  configure(args: string[]): void {
    const a = new HostArgs(args);
    // Click's COUNT_CALL / BYTE_COUNT_CALL are not supported: refused by complete().
    a.complete();
  }

  private see(batch: PacketBatch, from: number): void {
    const len = this.router.store.len;
    let bytes = 0;
    for (let i = from; i < batch.count; i++) bytes += len[batch.slots[i]];
    const n = batch.count - from;
    if (!n) return;
    this.count += n;
    this.byteCount += bytes;
    // The packets' own timestamps when they have one (a replayed trace), else the router's clock.
    const store = this.router.store;
    const t = (s: number) => { const ts = store.timestamp(s); return ts > 0n ? ts : this.router.nowNs; };
    if (this.firstNs < 0n) this.firstNs = t(batch.slots[from]);
    this.lastNs = t(batch.slots[batch.count - 1]);
  }

  push(_port: number, batch: PacketBatch): void {
    this.see(batch, 0);
    this.output(0, batch);
  }

  pull(_port: number, max: number, out: PacketBatch): void {
    const before = out.count;
    this.input(0, max, out);
    this.see(out, before);
  }

  private perSecond(v: number): string {
    if (this.firstNs < 0n || this.lastNs <= this.firstNs) return "0";
    return String(Math.round(v * 1e9 / Number(this.lastNs - this.firstNs)));
  }

  handlers(): Handler[] {
    const reset = () => { this.count = 0; this.byteCount = 0; this.firstNs = -1n; };
    return [
      { name: "count", read: () => String(this.count), doc: "Packets counted." },
      { name: "byte_count", read: () => String(this.byteCount), doc: "Bytes counted." },
      { name: "rate", read: () => this.perSecond(this.count), doc: "Packets per second." },
      { name: "bit_rate", read: () => this.perSecond(this.byteCount * 8) },
      { name: "byte_rate", read: () => this.perSecond(this.byteCount) },
      { name: "reset", write: reset, doc: "Resets the counts." },
      { name: "reset_counts", write: reset },
    ];
  }
}

export const CounterClass: HostClass = {
  name: "Counter", ports: "1/1", processing: "a", doc: "measures packet count and rate",
  create: (n, c, f, l) => new Counter(n, "Counter", c, f, l),
};
