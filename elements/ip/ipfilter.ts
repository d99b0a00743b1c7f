/*
=c
IPFilter(ACTION_1 PATTERN_1, ..., ACTION_N PATTERN_N)

=s ip
filters IP packets by contents

=d
Filters IP packets with rules, each an ACTION followed by a PATTERN in IPClassifier's
language (see IPClassifier for the primitives). Rules are tried in order and the
first whose pattern matches decides: ACTION "allow" sends the packet to output 0, a
number N sends it to output N, "deny" or "drop" drops it. A packet no rule matches is
dropped. "allow" alone, or "allow all" / "allow -" / "allow any", matches everything.
The IP header is found at the network header annotation or at the start of the data.

=h program read-only
The compiled decision program, one test per line.

=e
A firewall in front of a web and mail server:

  IPFilter(deny src net 10.0.0.0/8,
           allow tcp && dst host 192.168.1.10 && dst port www or https,
           allow tcp && dst host 192.168.1.25 && dst port smtp,
           allow udp && src port dns,
           allow icmp type echo-reply or unreachable,
           deny all);

=a IPClassifier, Classifier, CheckIPHeader, MarkIPHeader
*/

import { Element, Packet, Args, DROP_PACKET } from "@clickos/sdk";
import { configureFilter } from "../lib/ipfilter-compiler";
import { Program } from "../lib/ipfilter-program";
import { runProgram } from "../lib/ipfilter-eval";

@element("IPFilter", { ports: "1/-", processing: "h" })
export class IPFilter extends Element {
  prog: Program | null = null;

  configure(args: Args): void {
    this.prog = configureFilter(this, args);
  }

  simpleAction(p: Packet): i32 {
    const prog = this.prog;
    return prog === null ? DROP_PACKET : runProgram(prog, p);
  }

  @handler("program") program(): string {
    const prog = this.prog;
    return prog === null ? "" : prog.toString();
  }
}
