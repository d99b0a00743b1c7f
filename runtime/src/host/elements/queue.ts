// Queue([CAPACITY]): Click's standard queue. Click's Queue differs from
// SimpleQueue only by its empty/full notifiers, which let idle tasks sleep; the
// Node scheduler polls instead, so the behaviour and handlers are SimpleQueue's.
import { SimpleQueue } from "./simple-queue.ts";
import type { HostClass } from "../router.ts";

export const QueueClass: HostClass = {
  name: "Queue", ports: "1/1-2", processing: "h/lh", doc: "stores packets in a FIFO queue",
  create: (n, c, f, l) => new SimpleQueue(n, "Queue", c, f, l),
};
