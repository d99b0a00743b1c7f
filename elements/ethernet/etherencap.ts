/*
=c
EtherEncap(ETHERTYPE, SRC, DST)

=s ethernet
encapsulates packets in Ethernet header

=d
Encapsulates each packet in the Ethernet header specified by its arguments.
ETHERTYPE should be in host order. The new header becomes the packet's MAC
header annotation.

=item ETHERTYPE

Unsigned 16-bit integer (decimal or 0x hex), e.g. 0x0800 for IP.

=item SRC

Ethernet address. Source address.

=item DST

Ethernet address. Destination address.

=h src read-only
Returns the SRC parameter (Click's form, 00-01-02-03-04-05). Click's handler is
also writable; the SDK has no read/write method handlers yet.

=h dst read-only
Returns the DST parameter.

=h ethertype read/write
Returns or sets the ETHERTYPE parameter (decimal on read).

=h nospace read-only
Number of packets dropped because they had less than 14 bytes of headroom
(Click would copy them into a bigger buffer; the host leaves 64 bytes, so only
a chain of encapsulations gets here).

=e
Encapsulate packets in an Ethernet header with type ETHERTYPE_IP (0x0800),
source address 1:1:1:1:1:1, and destination address 2:2:2:2:2:2:

  EtherEncap(0x0800, 1:1:1:1:1:1, 2:2:2:2:2:2)

=n
For IP packets you probably want to use ARPQuerier instead.

=a EtherVLANEncap, ARPQuerier, EnsureEther, StoreEtherAddress, EtherRewrite
*/

import { Element, Packet, Args, DROP_PACKET } from "@clickos/sdk";
import { unparseEtherDash } from "./ether-unparse";

@element("EtherEncap", { ports: "1/1", processing: "a" })
export class EtherEncap extends Element {
  @handler("ethertype", "rw") ethertype: u16 = 0;
  @handler("nospace") nospace: u64 = 0;
  src: u64 = 0;
  dst: u64 = 0;

  configure(args: Args): void {
    const type = args.readMP("ETHERTYPE").unsigned(0);
    if (type > 0xffff) args.error("ETHERTYPE must fit in 16 bits");
    this.ethertype = <u16>type;
    const src = args.readMP("SRC").ether(null);
    const dst = args.readMP("DST").ether(null);
    if (src !== null) this.src = src.raw;
    if (dst !== null) this.dst = dst.raw;
  }

  simpleAction(p: Packet): i32 {
    // Click reallocates when headroom is short; the host leaves 64 bytes, so this
    // only fails after many encapsulations, and then the packet is dropped.
    if (!p.push(14)) {
      this.nospace++;
      return DROP_PACKET;
    }
    const eth = p.ether()!;
    eth.dstRaw = this.dst;
    eth.srcRaw = this.src;
    eth.type = this.ethertype;
    p.setMacHeader(0);
    return 0;
  }

  @handler("src") srcText(): string { return unparseEtherDash(this.src); }
  @handler("dst") dstText(): string { return unparseEtherDash(this.dst); }
}
