/*
=c
HashSwitch(OFFSET, LENGTH)

=s classification
classifies packets by hash of contents

=d
Can have any number of outputs. Chooses the output on which to emit each packet
based on a hash of the LENGTH bytes starting at OFFSET: the sum of those bytes,
folded as (sum ^ (sum >> 4)) & (N - 1) when there are 2, 4 or 8 outputs and
taken modulo N otherwise, exactly as Click does, so the same packet picks the
same output under both. Packets shorter than OFFSET + LENGTH go to output 0.
Could be used for stochastic fair queuing.

=item OFFSET

Unsigned integer. Offset of the first byte hashed.

=item LENGTH

Unsigned integer, greater than 0. Number of bytes hashed.

=e
This element expects IP packets and chooses the output based on a hash of the
IP destination address:

  HashSwitch(16, 4)

=a Switch, RoundRobinSwitch, StrideSwitch, RandomSwitch
*/

import { Element, Packet, Args } from "@clickos/sdk";

@element("HashSwitch", { ports: "1/1-", processing: "h" })
export class HashSwitch extends Element {
  offset: u32 = 0;
  length: u32 = 0;

  configure(args: Args): void {
    this.offset = args.readMP("OFFSET").unsigned(0);
    this.length = args.readMP("LENGTH").unsigned(0);
    if (this.length == 0) args.error("length must be > 0");
  }

  simpleAction(p: Packet): i32 {
    const o = this.offset, end = <u64>o + this.length;
    if (<u64>p.length < end) return 0;
    let d: u32 = 0;
    for (let i = o; <u64>i < end; i++) d += p.u8(i);
    const n = this.noutputs;
    if (n == 2 || n == 4 || n == 8) return <i32>((d ^ (d >> 4)) & <u32>(n - 1));
    return n > 0 ? <i32>(d % <u32>n) : 0;
  }
}
