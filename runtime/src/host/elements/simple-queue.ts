// SimpleQueue([CAPACITY]): stores pushed packets in a FIFO and hands them out
// when pulled (the push-to-pull boundary). Full: the packet leaves on output 1
// if connected, else it is dropped and counted. CAPACITY defaults to 1000.
// Ports 1/1-2, processing h/lh, as in Click. Queue is the same here (Click's
// Queue adds notification, which this scheduler does not need).

import { RuntimeElement, type Handler } from "../element.ts";
import { PacketBatch } from "../packet-store.ts";
import { HostArgs } from "../args.ts";
import type { HostClass } from "../router.ts";

export class SimpleQueue extends RuntimeElement {
  capacity = 1000;
  drops = 0;
  highwater = 0;
  /** Ring of packet slots. */
  private ring = new Int32Array(256);
  private head = 0;
  private size = 0;
  private overflow = new PacketBatch(64);

  configure(args: string[]): void {
    const a = new HostArgs(args);
    this.capacity = a.unsigned("CAPACITY", { positional: true, default: 1000 })!;
    a.complete();
  }

  get length(): number { return this.size; }

  /** The ring grows on demand up to CAPACITY (a huge CAPACITY costs nothing until used). */
  private grow(): void {
    const r = new Int32Array(Math.min(this.capacity, this.ring.length * 2));
    for (let i = 0; i < this.size; i++) r[i] = this.ring[(this.head + i) % this.ring.length];
    this.ring = r;
    this.head = 0;
  }

  push(_port: number, batch: PacketBatch): void {
    const store = this.router.store, cap = this.capacity;
    const over = this.overflow;
    over.clear();
    for (let i = 0; i < batch.count; i++) {
      const s = batch.slots[i];
      if (this.size >= cap) {
        this.drops++;
        if (this.outputs[1]) over.push(s);
        else { store.release(s); this.router.stats.dropped++; }
        continue;
      }
      if (this.size === this.ring.length) this.grow();
      this.ring[(this.head + this.size) % this.ring.length] = s;
      this.size++;
    }
    batch.count = 0;
    if (this.size > this.highwater) this.highwater = this.size;
    if (over.count) this.output(1, over);
  }

  pull(_port: number, max: number, out: PacketBatch): void {
    const ring = this.ring;
    const n = Math.min(max, this.size);
    for (let i = 0; i < n; i++) {
      out.push(ring[this.head]);
      this.head = (this.head + 1) % ring.length;
    }
    this.size -= n;
  }

  /** Drops every queued packet (the `reset` handler and cleanup). */
  private flush(): void {
    const store = this.router.store;
    while (this.size > 0) {
      store.release(this.ring[this.head]);
      this.head = (this.head + 1) % this.ring.length;
      this.size--;
    }
  }

  cleanup(): void { /* queued packets stay readable through `length` after the run */ }

  handlers(): Handler[] {
    return [
      { name: "length", read: () => String(this.size), doc: "Packets in the queue." },
      { name: "highwater_length", read: () => String(this.highwater), doc: "Most packets ever in the queue." },
      { name: "drops", read: () => String(this.drops), doc: "Packets dropped because the queue was full." },
      {
        name: "capacity", read: () => String(this.capacity), doc: "Maximum length.",
        write: (v) => {
          if (!/^\d+$/.test(v.trim())) throw new Error("capacity: expected unsigned integer");
          const c = Number(v.trim());
          if (c < this.size) throw new Error(`capacity: ${c} is below the current length ${this.size}`);
          this.capacity = c;
        },
      },
      { name: "reset_counts", write: () => { this.drops = 0; this.highwater = this.size; }, doc: "Resets drops and highwater_length." },
      { name: "reset", write: () => this.flush(), doc: "Drops every queued packet." },
    ];
  }
}

export const SimpleQueueClass: HostClass = {
  name: "SimpleQueue", ports: "1/1-2", processing: "h/lh", doc: "stores packets in a FIFO queue",
  create: (n, c, f, l) => new SimpleQueue(n, "SimpleQueue", c, f, l),
};
