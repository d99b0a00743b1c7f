/*
=c
Classifier(pattern1, ..., patternN)

=s classification
classifies packets by contents

=d
Classifies packets. The Classifier has N outputs, each associated with the
corresponding pattern from the configuration string. A pattern is a set of
clauses, where each clause is either "offset/value" or "offset/value%mask". A
pattern matches if the packet has the indicated value at each offset.

The clauses in each pattern are separated by spaces. A clause consists of the
offset, "/", the value, and (optionally) "%" and a mask. The offset is in
decimal. The value and mask are in hex. The length of the value is implied by
the number of hex digits, which must be even. "?" is also allowed as a "hex
digit"; it means "don't care about the value of this nibble".

If present, the mask must have the same number of hex digits as the value. The
matcher will only check bits that are 1 in the mask.

A clause may be preceded by "!", in which case the clause must NOT match the
packet.

As a special case, a pattern consisting of "-" matches every packet.

The patterns are scanned in order, and the packet is sent to the output
corresponding to the first matching pattern. Thus more specific patterns
should come before less specific ones. Packets that match no pattern are
dropped. A clause that needs bytes past the end of a packet does not match it
(so "!" of that clause does). You will get a warning for a pattern that follows
one matching every packet.

=h program read-only
Returns a human-readable form of the program: one line per pattern, with each
clause as 4-byte "offset/value%mask" words (ANDed with "&", "!" for negated
clauses). Click prints its optimised decision tree here instead; this element
runs the patterns in order, with the same results.

=e
For example,

  Classifier(12/0806 20/0001,
             12/0806 20/0002,
             12/0800,
             -);

creates an element with four outputs intended to process Ethernet packets.
ARP requests are sent to output 0, ARP replies are sent to output 1, IP
packets to output 2, and all others to output 3.

=a IPClassifier, IPFilter
*/

import { Element, Packet, Args, DROP_PACKET } from "@clickos/sdk";
import { ClassifierProgram } from "../lib/classifier-program";
import { parseClassifierPattern } from "../lib/classifier-parse";

@element("Classifier", { ports: "1/-", processing: "h" })
export class Classifier extends Element {
  prog: ClassifierProgram = new ClassifierProgram();

  configure(args: Args): void {
    const n = args.positionalCount;
    if (n != this.noutputs) {
      args.error("need " + this.noutputs.toString() + " arguments, one per output port");
    }
    const prog = new ClassifierProgram();
    const errors: string[] = [];
    for (let i = 0; i < n; i++) parseClassifierPattern(i, args.positionalAt(i), prog, errors);
    args.consumeAllPositional();
    for (let i = 0; i < errors.length; i++) args.error(errors[i]);
    if (errors.length > 0) return;
    for (let i = 0; i + 1 < n; i++) {
      if (prog.matchesAll(i)) {
        this.warning("patterns after pattern " + i.toString() + " can never match (it matches every packet)");
        break;
      }
    }
    prog.finish();
    this.prog = prog;
  }

  simpleAction(p: Packet): i32 {
    const k = this.prog.match(p);
    return k < 0 ? DROP_PACKET : k;
  }

  @handler("program") program(): string { return this.prog.toString(); }
}
