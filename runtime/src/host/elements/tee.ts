// Tee([N]): pushes a copy of each packet to every output (1/1-, push, as in
// Click). Outputs 0..n-2 get copies (store.clone), the last output the original.
// N, if given, must equal the number of outputs.

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
}

export const TeeClass: HostClass = {
  name: "Tee", ports: "1/1-", processing: "h", doc: "duplicates packets",
  create: (n, c, f, l) => new Tee(n, "Tee", c, f, l),
};
