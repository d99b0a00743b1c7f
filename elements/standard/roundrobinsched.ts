/*
=c
RoundRobinSched

=s scheduling
pulls from round-robin inputs

=d
Each time a pull comes in the output, pulls from its inputs in turn until one
produces a packet. When the next pull comes in, it starts from the input after
the one that last produced a packet. This amounts to a round robin scheduler.

The inputs usually come from Queues or other pull schedulers. (Click's
RoundRobinSched also skips inputs whose Queue says it is empty, through
notification; this one asks each input in turn, which gives the same packets.)

=e
  q0 :: Queue; q1 :: Queue;
  q0 -> [0]rr :: RoundRobinSched; q1 -> [1]rr;
  rr -> ToDevice(eth0);

=a PrioSched, RoundRobinSwitch, Unqueue
*/

import { Element, Packet } from "@clickos/sdk";

@element("RoundRobinSched", { ports: "-/1", processing: "l/l" })
export class RoundRobinSched extends Element {
  next: i32 = 0;

  pull(port: i32): Packet | null {
    const n = this.ninputs;
    let i = this.next;
    for (let j = 0; j < n; j++) {
      const p = this.pullInput(i);
      i = i + 1 >= n ? 0 : i + 1;
      if (p !== null) {
        this.next = i;
        return p;
      }
    }
    return null;
  }
}
