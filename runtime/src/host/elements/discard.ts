// Discard: drops every packet it receives, counting them.
import { RuntimeElement, type Handler } from "../element.ts";
import type { PacketBatch } from "../packet-store.ts";
import { HostArgs } from "../args.ts";
import type { HostClass } from "../router.ts";

export class Discard extends RuntimeElement {
  private count = 0;
  configure(args: string[]): void {
    const a = new HostArgs(args);
    a.bool("ACTIVE", true); a.unsigned("BURST", {});
    a.complete();
  }
  push(_port: number, batch: PacketBatch): void {
    this.count += batch.count;
    const store = this.router.store;
    for (let i = 0; i < batch.count; i++) store.release(batch.slots[i]);
    batch.count = 0;
  }
  handlers(): Handler[] {
    return [
      { name: "count", read: () => String(this.count) },
      { name: "reset_counts", write: () => { this.count = 0; } },
    ];
  }
}

export const DiscardClass: HostClass = {
  name: "Discard", ports: "1/0", processing: "a", doc: "drops all packets",
  create: (n, c, f, l) => new Discard(n, "Discard", c, f, l),
};
