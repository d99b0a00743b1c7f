// Tee([N]): pushes a copy of each packet to every output (1/1-, push, as in
// Click). Outputs 0..n-2 get copies (store.clone), the last output the original.
// N, if given, must equal the number of outputs. Where outputs meet again
// downstream it goes packet by packet, so packets arrive in Click's order.

import { RuntimeElement } from "../element.ts";
import { PacketBatch } from "../packet-store.ts";
import { HostArgs } from "../args.ts";
import type { HostClass } from "../router.ts";

export class Tee extends RuntimeElement {
  private copies: PacketBatch[] = [];

  configure(args: string[]): void {
    const a = new HostArgs(args);
    const n = a.unsigned("N", { positional: true });
    a.complete();
    if (n !== undefined && n !== this.noutputs) throw new Error(`${this.noutputs} outputs implies ${this.noutputs} arms`);
    for (let o = 0; o + 1 < this.noutputs; o++) this.copies.push(new PacketBatch(256));
  }

  push(_port: number, batch: PacketBatch): void {
    if (this.outputsMeet) { this.pushEach(batch); return; }
    const store = this.router.store;
    const last = this.noutputs - 1;
    for (let o = 0; o < last; o++) {
      const c = this.copies[o];
      c.clear();
      for (let i = 0; i < batch.count; i++) c.push(store.clone(batch.slots[i]));
      this.output(o, c);
    }
    this.output(last, batch);
  }

  /** Click's order where the outputs meet again: each packet's copies, then the
   *  packet itself, before the next packet. */
  private pushEach(batch: PacketBatch): void {
    const store = this.router.store;
    const last = this.noutputs - 1;
    const one = this.one ??= new PacketBatch(1);
    for (let i = 0; i < batch.count; i++) {
      const s = batch.slots[i];
      for (let o = 0; o < last; o++) {
        one.clear(); one.push(store.clone(s));
        this.output(o, one);
      }
      one.clear(); one.push(s);
      this.output(last, one);
    }
    batch.count = 0;
  }
  private one: PacketBatch | null = null;
}

export const TeeClass: HostClass = {
  name: "Tee", ports: "1/1-", processing: "h", doc: "duplicates packets",
  create: (n, c, f, l) => new Tee(n, "Tee", c, f, l),
};
