/*
=c
TemplateElement([PROTOCOL])

=s classification
splits IP packets by protocol

=d
Sends IPv4 packets whose protocol field equals PROTOCOL to output 0, and every
other packet to output 1: IPv4 packets of other protocols and packets that do
not hold a valid IPv4 header. Expects the network header annotation to be set
(as by CheckIPHeader) or the IP header at the start of the data (as FromDump
gives for raw-IP captures). Packets are not modified.

Keyword arguments are:

=item PROTOCOL

IP protocol: a number from 0 to 255, or one of the names C<tcp>, C<udp>,
C<icmp>. Default is tcp.

=h matched read-only
Number of packets sent to output 0.

=h unmatched read-only
Number of packets sent to output 1.

=e
Separates UDP from everything else:

  c :: TemplateElement(udp);
  FromDump(in.pcap) -> c;
  c[0] -> ToDump(udp.pcap, ENCAP IP);
  c[1] -> ToDump(rest.pcap, ENCAP IP);

=a IPClassifier, Classifier, IPFilter
*/

import { Element, Packet, Args } from "@clickos/sdk";

const NO_PROTOCOL: i32 = -1;

/** "tcp", "udp", "icmp" or a decimal number 0-255; NO_PROTOCOL otherwise. */
function parseProtocol(s: string): i32 {
  if (s == "tcp") return 6;
  if (s == "udp") return 17;
  if (s == "icmp") return 1;
  if (s.length == 0 || s.length > 3) return NO_PROTOCOL;
  let v: i32 = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NO_PROTOCOL;
    v = v * 10 + c;
  }
  return v <= 255 ? v : NO_PROTOCOL;
}

@element("TemplateElement", { ports: "1/2", processing: "h" })
export class TemplateElement extends Element {
  @handler("matched") matched: u64 = 0;
  @handler("unmatched") unmatched: u64 = 0;
  protocol: u8 = 6;

  configure(args: Args): void {
    const word = args.readP("PROTOCOL").word("tcp");
    const proto = parseProtocol(word.toLowerCase());
    if (proto == NO_PROTOCOL) args.error("PROTOCOL: expected tcp, udp, icmp or a number from 0 to 255, got '" + word + "'");
    else this.protocol = <u8>proto;
  }

  simpleAction(p: Packet): i32 {
    const ip = p.ip();
    if (ip !== null && ip.protocol == this.protocol) {
      this.matched++;
      return 0;
    }
    this.unmatched++;
    return 1;
  }
}
