// Idle: never produces packets; drops whatever is pushed to it. Any number of
// ports, agnostic, flow code x/y (no packet travels through it), as in Click:
// it plugs ports that must be connected.

import { RuntimeElement } from "../element.ts";
import type { PacketBatch } from "../packet-store.ts";
import { HostArgs } from "../args.ts";
import type { HostClass } from "../router.ts";

export class Idle extends RuntimeElement {
  configure(args: string[]): void { new HostArgs(args).complete(); }
  push(_port: number, batch: PacketBatch): void { this.router.dropBatch(batch); }
  pull(): void {}
}

export const IdleClass: HostClass = {
  name: "Idle", ports: "-/-", processing: "a", flowCode: "x/y", doc: "discards packets, generates none",
  create: (n, c, f, l) => new Idle(n, "Idle", c, f, l),
};
