// Discard: drops every packet it receives, counting them (1/0, agnostic, as in
// Click). In a pull path it is a task pulling a batch per run while ACTIVE.
import { RuntimeElement, type Handler } from "../element.ts";
import { PacketBatch } from "../packet-store.ts";
import { HostArgs } from "../args.ts";
import type { HostClass } from "../router.ts";
import { boolHandler } from "./bool.ts";

export class Discard extends RuntimeElement {
  private count = 0;
  private active = true;
  private burst = 256;
  private batch = new PacketBatch(256);

  configure(args: string[]): void {
    const a = new HostArgs(args);
    this.active = a.bool("ACTIVE", true);
    this.burst = a.unsigned("BURST", { default: 256 })!;
    if (this.burst < 1) a.errors.push("BURST must be >= 1");
    a.complete();
  }

  push(_port: number, batch: PacketBatch): void {
    this.count += batch.count;
    const store = this.router.store;
    for (let i = 0; i < batch.count; i++) store.release(batch.slots[i]);
    batch.count = 0;
  }

  runTask(): boolean {
    if (!this.inputPull[0] || !this.active) return false;
    const b = this.batch;
    b.clear();
    this.input(0, this.burst, b);
    if (!b.count) return false;
    this.push(0, b);
    return true;
  }

  handlers(): Handler[] {
    return [
      { name: "count", read: () => String(this.count), doc: "Packets discarded." },
      { name: "reset_counts", write: () => { this.count = 0; } },
      boolHandler("active", () => this.active, (v) => { this.active = v; }, "Pull packets (pull mode only)."),
    ];
  }
}

export const DiscardClass: HostClass = {
  name: "Discard", ports: "1/0", processing: "a", doc: "drops all packets",
  create: (n, c, f, l) => new Discard(n, "Discard", c, f, l),
};
