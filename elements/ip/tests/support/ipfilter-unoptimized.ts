/*
=c
IPFilterUnoptimized(ACTION_1 PATTERN_1, ...)

=s test
IPFilter without the program optimiser

=d
Test-only twin of IPFilter (elements/ip/ipfilter.ts) whose program is used as the
builder emits it, without ipfilter-optimize.ts: the optimiser's differential test
(ipfilter-optimize.test.ts) runs both on the same rules and packets.

=h program read-only
The program, as IPFilter's.
*/

import { Element, Packet, Args, DROP_PACKET } from "@clickos/sdk";
import { configureFilter } from "../../../lib/ipfilter-compiler";
import { Program } from "../../../lib/ipfilter-program";
import { runProgram } from "../../../lib/ipfilter-eval";

@element("IPFilterUnoptimized", { ports: "1/-", processing: "h" })
export class IPFilterUnoptimized extends Element {
  prog: Program | null = null;

  configure(args: Args): void {
    this.prog = configureFilter(this, args, false);
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
