/*
=c
IPClassifier(PATTERN_1, ..., PATTERN_N)

=s ip
classifies IP packets by contents

=d
Classifies IP packets with tcpdump(1)-like patterns. IPClassifier has one output per
pattern; a packet goes to the output of the first pattern it matches, and is dropped
if it matches none. The IP header is found at the network header annotation (set by
CheckIPHeader or MarkIPHeader) or, when that is unset, at the start of the packet.

Primitives:

=item ip proto PROTO
PROTO is a number or one of icmp, igmp, ipip, tcp, udp, gre, sctp, dccp; "tcpudp"
means TCP or UDP. "tcp", "udp", "icmp" alone are shorthands.

=item [SRCORDST] host IPADDR
SRCORDST is src, dst, "src or dst" (the default) or "src and dst".

=item [SRCORDST] net NET
NET is ADDR/LEN or "ADDR mask MASK"; "10.0.0.0/8" alone is a shorthand.

=item [SRCORDST] [tcp | udp] port PORT
PORT is a number or a name (www, http, ssh, dns, domain, smtp, ftp, telnet, https,
ntp, snmp...). Without tcp or udp, either matches. A range LO-HI (e.g. "port
1000-2000") is an extension; Click has no port ranges.

=item ip vers V, ip hl HL, ip id ID, ip tos TOS, ip dscp DSCP, ip ttl TTL, ip len LEN
Header fields (ip hl counts 32-bit words).

=item ip ect, ip ce
ECN capable transport; congestion experienced.

=item ip frag, ip unfrag
Fragments (MF set or nonzero offset), and the rest. "frag"/"unfrag" alone also work.

=item tcp opt FLAG
FLAG is syn, fin, ack, rst, psh or urg; "syn" alone is a shorthand, and "fin ack"
means both bits set.

=item tcp win WIN, icmp type TYPE
TYPE is a number or echo, echo-reply, unreachable, sourcequench, redirect,
routeradvert, routersolicit, timeexceeded, parameterproblem, timestamp,
timestamp-reply, inforeq, inforeq-reply, maskreq, maskreq-reply.

=item ip[POS:LEN] VALUE, transp[POS:LEN] VALUE, tcp[POS:LEN] VALUE ...
Raw bytes of the IP or transport header (LEN 1-4, within one aligned 4-byte word;
ip[POS] means LEN 1).

=item [SRCORDST] ether host ETH
Needs the MAC header annotation.

=item true, false
Every packet, no packet. A pattern that is "-", "any" or "all" matches every packet;
"none" (an extension) matches none.

Primitives combine with and/&&, or/||, not/!, parentheses, "C ? A : B", and adjacency
(which means and). Values may follow an operator ==, !=, <, >, <=, >= (only == and !=
for addresses) and a mask ("src tcp port & 0xff00 == 0x1200"). A bare value reuses
the previous primitive's type: "src host 10.0.0.1 or 10.0.0.2", "dst port 80 or 443".
"port != 80" and "icmp type != echo" match only TCP/UDP or ICMP packets, unlike
"not port 80". Port, tcp opt, tcp win, icmp type and transport byte tests are false
on later fragments and on packets too short to hold the bytes they test.

=h program read-only
The compiled decision program, one test per line.

=e
  IPClassifier(10.0.0.0/24 and syn,
               10.0.0.0/24 and fin ack,
               10.0.0.0/24 and tcp,
               -);

sends TCP SYNs from 10.0.0.x to output 0, FIN+ACKs to 1, other TCP from there to 2,
and everything else to 3.

=a IPFilter, Classifier, CheckIPHeader, MarkIPHeader
*/

import { Args } from "@clickos/sdk";
import { compileFilter } from "../lib/ipfilter-compiler";
import { IPFilter } from "./ipfilter";

// As in Click (class IPClassifier : public IPFilter): the same compiled program,
// run the same way, with the program handler; only the configuration differs
// (one pattern per output instead of actions).
@element("IPClassifier", { ports: "1/-", processing: "h" })
export class IPClassifier extends IPFilter {
  configure(args: Args): void {
    const n = args.positionalCount;
    const patterns = new Array<string>(n);
    for (let i = 0; i < n; i++) patterns[i] = args.positionalAt(i);
    args.consumeAllPositional();
    if (n != this.noutputs) {
      args.error("need " + this.noutputs.toString() + " arguments, one per output port");
      return;
    }
    const r = compileFilter(patterns, this.noutputs, false);
    for (let i = 0; i < r.warnings.length; i++) this.warning(r.warnings[i]);
    for (let i = 0; i < r.errors.length; i++) args.error(r.errors[i]);
    if (r.errors.length == 0) this.prog = r.program;
  }
}
