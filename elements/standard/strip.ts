/*
=c
Strip(LENGTH)

=s basicmod
strips bytes from front of packets

=d
Deletes the first LENGTH bytes from each packet. A packet shorter than LENGTH
bytes loses all its data and leaves as an empty packet, as Click's
Packet::pull does (Click also prints a warning; this element counts them in
the C<short> handler instead).

=item LENGTH

Unsigned integer. Number of bytes to remove.

=h short read-only
Number of packets that were shorter than LENGTH.

=e
Use this to get rid of the Ethernet header:

  Strip(14)

=a Unstrip, StripToNetworkHeader, StripIPHeader, EtherEncap, IPEncap, Truncate
*/

import { Element, Packet, Args } from "@clickos/sdk";

@element("Strip", { ports: "1/1", processing: "a" })
export class Strip extends Element {
  @handler("short") short: u64 = 0;
  nbytes: u32 = 0;

  configure(args: Args): void {
    this.nbytes = args.readMP("LENGTH").unsigned(0);
  }

  simpleAction(p: Packet): i32 {
    let n = this.nbytes;
    if (n > p.length) {
      this.short++;
      n = p.length;
    }
    p.pull(n);
    return 0;
  }
}
