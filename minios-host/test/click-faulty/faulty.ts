/*
=c
Faulty()

=s test
passes IP packets through, traps on TTL 13

=d
Test-only. Expects IP packets with the IP header at the start of the data.
Packets pass through unchanged to output 0, except that a packet whose IP TTL
is 13 makes the element execute `unreachable` (a WebAssembly trap), so tests
can check that the host contains the trap, drops only the packets in flight and
keeps forwarding.

=h seen read-only
Packets seen since the module was (re-)instantiated.

=e
  ... -> Strip(14) -> CheckIPHeader -> Faulty -> ...
*/

import { Element, Packet } from "@clickos/sdk";

@element("Faulty", { ports: "1/1", processing: "a" })
export class Faulty extends Element {
  @handler("seen") seen: u64 = 0;

  simpleAction(p: Packet): i32 {
    this.seen++;
    // IPv4 TTL is byte 8 of the header; the trap is the point of this element.
    if (p.length > 8 && p.u8(8) == 13) unreachable();
    return 0;
  }
}
