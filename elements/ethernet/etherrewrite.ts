/*
=c
EtherRewrite(SRC, DST)

=s ethernet
rewrite source and destination Ethernet address

=d
Rewrites the source and the destination address in the Ethernet header. The
ETHERTYPE is left untouched. The header is the one at the MAC header
annotation, or at the start of the data when the annotation is unset.
Packets with fewer than 12 bytes there are dropped and counted (Click would
write past their end).

=item SRC

Ethernet address. New source address.

=item DST

Ethernet address. New destination address.

=h src read-only
Returns the SRC parameter (Click's form, 00-01-02-03-04-05). Click's handler is
also writable; the SDK has no read/write method handlers yet.

=h dst read-only
Returns the DST parameter.

=h runts read-only
Number of packets dropped for being too short.

=e
Ensure that source address of all packets passing by is 1:1:1:1:1:1, and the
destination address is 2:2:2:2:2:2:

  EtherRewrite(1:1:1:1:1:1, 2:2:2:2:2:2)

=n
This element is useful if there is only one possible nexthop on a given link
(such as for a network-layer transparent firewall), meaning that source and
destination ethernet address will always be the same for a given output.

=a EtherEncap, EtherVLANEncap, ARPQuerier, EnsureEther, StoreEtherAddress, EtherMirror
*/

import { Element, Packet, Args, DROP_PACKET } from "@clickos/sdk";
import { unparseEtherDash } from "./ether-unparse";

@element("EtherRewrite", { ports: "1/1", processing: "a" })
export class EtherRewrite extends Element {
  @handler("runts") runts: u64 = 0;
  src: u64 = 0;
  dst: u64 = 0;

  configure(args: Args): void {
    const src = args.readMP("SRC").ether(null);
    const dst = args.readMP("DST").ether(null);
    if (src !== null) this.src = src.raw;
    if (dst !== null) this.dst = dst.raw;
  }

  simpleAction(p: Packet): i32 {
    const mac = p.macHeaderOffset;
    const at: u32 = mac < 0 ? 0 : <u32>mac;
    if (<u64>at + 12 > <u64>p.length) {
      this.runts++;
      return DROP_PACKET;
    }
    // Six bytes each, written as 32 + 16 bits. The raw values hold the bytes in
    // wire order (first byte lowest), and the 12 bytes were checked above: plain
    // stores, without the per-access check and byte swaps of Packet.setU32.
    const d = this.dst, s = this.src;
    const ptr = p.dataAddress + at;
    store<u32>(ptr, <u32>d);
    store<u16>(ptr, <u16>(d >>> 32), 4);
    store<u32>(ptr, <u32>s, 6);
    store<u16>(ptr, <u16>(s >>> 32), 10);
    return 0;
  }

  @handler("src") srcText(): string { return unparseEtherDash(this.src); }
  @handler("dst") dstText(): string { return unparseEtherDash(this.dst); }
}
