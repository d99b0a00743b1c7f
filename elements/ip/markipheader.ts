/*
=c
MarkIPHeader([OFFSET])

=s ip
sets IP header annotation

=d
Marks packets as IP packets by setting the IP header annotation. The IP header
starts OFFSET bytes into the packet. Default OFFSET is 0. The header length is
read from the IHL field, as in Click.

Does not check length fields for sanity, shorten packets to the IP length, or
set the destination IP address annotation. Use CheckIPHeader for that.
Packets with no byte at OFFSET pass unchanged, without the annotation (Click
would read past their end), and are counted.

=item OFFSET

Unsigned integer. Byte position at which the IP header begins. Default is 0.

=h short read-only
Number of packets no longer than OFFSET.

=e
  Classifier(12/0800) -> MarkIPHeader(14) -> ...

=a CheckIPHeader, CheckIPHeader2, StripIPHeader
*/

import { Element, Packet, Args } from "@clickos/sdk";

@element("MarkIPHeader", { ports: "1/1", processing: "a" })
export class MarkIPHeader extends Element {
  @handler("short") short: u64 = 0;
  offset: u32 = 0;

  configure(args: Args): void {
    this.offset = args.readP("OFFSET").unsigned(0);
  }

  simpleAction(p: Packet): i32 {
    const o = this.offset;
    if (o >= p.length) {
      this.short++;
      return 0;
    }
    p.setNetworkHeader(o, (<u32>p.u8(o) & 15) << 2);
    return 0;
  }
}
