/*
=c
PrioSched

=s scheduling
pulls from priority-scheduled inputs

=d
Each time a pull comes in the output, PrioSched pulls from each of the inputs
starting from input 0. The packet from the first successful pull is returned.
This amounts to a strict priority scheduler.

The inputs usually come from Queues or other pull schedulers.

=e
  hi :: Queue; lo :: Queue;
  hi -> [0]p :: PrioSched; lo -> [1]p;
  p -> ToDevice(eth0);

=a RoundRobinSched, Unqueue
*/

import { Element, Packet } from "@clickos/sdk";

@element("PrioSched", { ports: "-/1", processing: "l/l" })
export class PrioSched extends Element {
  pull(port: i32): Packet | null {
    for (let i = 0, n = this.ninputs; i < n; i++) {
      const p = this.pullInput(i);
      if (p !== null) return p;
    }
    return null;
  }
}
