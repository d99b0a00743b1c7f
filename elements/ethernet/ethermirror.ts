/*
=c
EtherMirror()

=s ethernet
swaps Ethernet source and destination

=d
Incoming packets are Ethernet. Their source and destination Ethernet addresses
are swapped before they are output. Frames shorter than an Ethernet header (14
bytes) are dropped and counted; Click would read past their end.

=h runts read-only
Number of frames dropped for being shorter than 14 bytes.

=e
  FromNetFront(0) -> EtherMirror -> ToNetFront(0)

reflects every frame back to its sender: ClickOS's simplest middlebox.

=a EtherRewrite
*/

import { Element, Packet, DROP_PACKET } from "@clickos/sdk";

@element("EtherMirror", { ports: "1/1", processing: "a" })
export class EtherMirror extends Element {
  @handler("runts") runts: u64 = 0;

  simpleAction(p: Packet): i32 {
    const eth = p.ether();
    if (eth === null) {
      this.runts++;
      return DROP_PACKET;
    }
    const dst = eth.dstRaw;
    eth.dstRaw = eth.srcRaw;
    eth.srcRaw = dst;
    return 0;
  }
}
