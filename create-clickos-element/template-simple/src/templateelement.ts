/*
=c
TemplateElement([TTL])

=s ip
sets the IP time-to-live and counts packets

=d
Expects IPv4 packets, with the network header annotation set (as by
CheckIPHeader or MarkIPHeader) or the IP header at the start of the data (as
FromDump gives for raw-IP captures). Sets the time-to-live to TTL, updates the
header checksum incrementally (RFC 1624) and sends the packet to output 0.
Packets that do not hold a valid IPv4 header are dropped and counted.

Keyword arguments are:

=item TTL

Unsigned integer from 1 to 255. The new time-to-live. Default is 64.

=h count read-only
Number of packets whose time-to-live was set.

=h malformed read-only
Number of packets dropped because they held no valid IPv4 header.

=e
Rewrites every packet of a capture to leave with TTL 32:

  FromDump(in.pcap) -> TemplateElement(TTL 32) -> ToDump(out.pcap);

=a DecIPTTL, CheckIPHeader
*/

import { Element, Packet, Args, DROP_PACKET, incrementalUpdate16 } from "@clickos/sdk";

@element("TemplateElement", { ports: "1/1", processing: "a" })
export class TemplateElement extends Element {
  @handler("count") count: u64 = 0;
  @handler("malformed") malformed: u64 = 0;
  ttl: u8 = 64;

  configure(args: Args): void {
    const ttl = args.readP("TTL").unsigned(64);
    if (ttl < 1 || ttl > 255) args.error("TTL must be between 1 and 255");
    this.ttl = <u8>ttl;
  }

  simpleAction(p: Packet): i32 {
    const ip = p.ip();
    if (ip === null) {
      this.malformed++;
      return DROP_PACKET;
    }
    const old = ip.ttl;
    if (old != this.ttl) {
      // The TTL is the high byte of the 16-bit word it shares with the protocol, so
      // the checksum changes as if that word went from (old, proto) to (ttl, proto).
      const proto = <u16>ip.protocol;
      ip.checksum = incrementalUpdate16(ip.checksum, (<u16>old << 8) | proto, (<u16>this.ttl << 8) | proto);
      ip.ttl = this.ttl;
    }
    this.count++;
    return 0;
  }
}
