/*
=c
RoundRobinSwitch

=s classification
sends packets to round-robin outputs

=d
Pushes each arriving packet to one of the N outputs. The next packet will be
pushed to the following output in round-robin order.

=e
  rr :: RoundRobinSwitch;
  rr[0] -> q0 :: Queue; rr[1] -> q1 :: Queue;

=a StrideSwitch, Switch, HashSwitch, RandomSwitch, RoundRobinSched
*/

import { Element, Packet } from "@clickos/sdk";

@element("RoundRobinSwitch", { ports: "1/1-", processing: "h" })
export class RoundRobinSwitch extends Element {
  next: i32 = 0;

  simpleAction(p: Packet): i32 {
    const i = this.next;
    this.next = i + 1 >= this.noutputs ? 0 : i + 1;
    return i;
  }
}
