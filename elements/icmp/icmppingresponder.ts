/*
=c
ICMPPingResponder()

=s icmp
responds to ICMP echo requests

=d
Responds to ICMP echo requests. Incoming packets should have their IP header
annotations set (as by CheckIPHeader or MarkIPHeader); without one, the IP
header is taken to start at the beginning of the data. The corresponding reply
is made in place from any ICMP echo request and emitted on output 0: source
and destination addresses are swapped, the fragment field is cleared, the TTL
is set to 255, the ICMP type and code become 0 (echo reply), and both
checksums are updated incrementally (RFC 1624). The reply's destination IP
address annotation is set, its paint annotation is cleared, and its timestamp
is set to the current time. Other annotations are kept.

Packets other than ICMP echo requests -- including ones without a valid IPv4
header or with fewer than 8 bytes after the IP header -- are emitted on the
second output, if there are two outputs; otherwise, they are dropped.

=n
ICMPPingResponder does not pay attention to source route options (nor does
Click's).

=e
  ... -> CheckIPHeader -> ip :: IPClassifier(icmp type echo, -);
  ip[0] -> ICMPPingResponder -> EtherMirror -> ...

=a ICMPSendPings, ICMPError
*/

import { Element, Packet, DROP_PACKET, IP_PROTO_ICMP, ICMP_ECHO, ICMP_ECHO_REPLY,
  incrementalUpdate16 } from "@clickos/sdk";

@element("ICMPPingResponder", { ports: "1/1-2", processing: "a/ah" })
export class ICMPPingResponder extends Element {
  simpleAction(p: Packet): i32 {
    const other = this.noutputs == 2 ? 1 : DROP_PACKET;
    const ip = p.ip();
    if (ip === null || ip.protocol != IP_PROTO_ICMP) return other;
    const icmp = p.icmp();
    if (icmp === null || icmp.type != ICMP_ECHO) return other;

    // Swapping the addresses leaves the header sum unchanged.
    const src = ip.src;
    ip.src = ip.dst;
    ip.dst = src;
    // Clear MF, DF and the offset, then TTL := 255 (the TTL/protocol word changes).
    let sum = incrementalUpdate16(ip.checksum, ip.fragWord, 0);
    ip.fragWord = 0;
    const oldTtlProto = (<u16>ip.ttl << 8) | <u16>ip.protocol;
    ip.ttl = 255;
    sum = incrementalUpdate16(sum, oldTtlProto, (<u16>255 << 8) | <u16>ip.protocol);
    ip.checksum = sum;

    p.dstIPAnno = ip.dst;
    p.timestampNs = this.nowNs();
    p.paint = 0;

    const oldTypeCode = (<u16>icmp.type << 8) | <u16>icmp.code;
    icmp.type = ICMP_ECHO_REPLY;
    icmp.code = 0;
    icmp.checksum = incrementalUpdate16(icmp.checksum, oldTypeCode, 0);
    return 0;
  }
}
