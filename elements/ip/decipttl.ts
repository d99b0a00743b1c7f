/*
=c
DecIPTTL([ACTIVE, MULTICAST])

=s ip
decrements IP time-to-live, drops dead packets

=d
Expects IP packets as input, with the network header annotation set (as by
CheckIPHeader or MarkIPHeader) or the IP header at the start of the data. If the
TTL is 1 or less (the packet has expired), DecIPTTL sends the packet to output 1,
or drops it if output 1 is not connected. Otherwise it decrements the TTL,
updates the header checksum incrementally (RFC 1624) and sends the packet to
output 0. Packets that do not hold a valid IPv4 header are dropped and counted.

Ordinarily output 1 is connected to an ICMP error generator.

Keyword arguments are:

=item ACTIVE

Boolean. If false, do not decrement any packets' TTLs: every packet leaves on
output 0 unchanged. Default is true.

=item MULTICAST

Boolean. If false, multicast packets pass through unchanged. Default is true.

=h active read/write
Whether DecIPTTL decrements TTLs (the ACTIVE argument).

=h drops read-only
Number of packets that expired (TTL <= 1).

=h malformed read-only
Number of packets dropped because they held no valid IPv4 header.

=e
This is a typical IP input processing sequence:

  ... -> CheckIPHeader -> dt :: DecIPTTL -> ...
  dt[1] -> ICMPError(18.26.4.24, timeexceeded) -> ...

=a ICMPError, CheckIPHeader
*/

import { Element, Packet, Args, DROP_PACKET } from "@clickos/sdk";

@element("DecIPTTL", { ports: "1/1-2", processing: "a/ah" })
export class DecIPTTL extends Element {
  @handler("drops") drops: u64 = 0;
  @handler("malformed") malformed: u64 = 0;
  @handler("active", "rw") active: bool = true;
  multicast: bool = true;

  configure(args: Args): void {
    this.active = args.read("ACTIVE").bool(true);
    this.multicast = args.read("MULTICAST").bool(true);
  }

  simpleAction(p: Packet): i32 {
    // As Click: an inactive DecIPTTL passes every packet on untouched, unread.
    if (!this.active) return 0;
    const ip = p.ip();
    if (ip === null) {
      this.malformed++;
      return DROP_PACKET;
    }
    // 224.0.0.0/4, tested on the raw network-order address's first byte.
    if (!this.multicast && (ip.dst & 0xf0) == 0xe0) return 0;
    const ttl = ip.ttl;
    if (ttl <= 1) {
      this.drops++;
      return this.noutputs > 1 ? 1 : DROP_PACKET;
    }
    ip.ttl = ttl - 1;
    // RFC 1624: the 16-bit word holding TTL (high byte) and protocol drops by 0x0100,
    // so HC' = ~(~HC + ~m + m') = ~(~HC + 0xfeff) after folding, as Click does.
    const sum: u32 = (<u32>(~ip.checksum) & 0xffff) + 0xfeff;
    ip.checksum = <u16>~(sum + (sum >> 16));
    return 0;
  }
}
