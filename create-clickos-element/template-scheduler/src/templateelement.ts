/*
=c
TemplateElement([WEIGHT0, WEIGHT1, ...])

=s scheduling
pulls from its inputs in weighted round robin

=d
A pull scheduler. Each time a pull comes in its output, TemplateElement pulls
from its current input and returns what it gets. It stays on an input for
WEIGHTi packets in a row, then moves on to the next; an input that has nothing
is skipped at once. Inputs without a weight get weight 1, so with no
arguments it is Click's RoundRobinSched.

The inputs usually come from Queues or other pull schedulers; the output goes
to a pull sink (ToDevice, ToDump) or an Unqueue.

=item WEIGHTi

Unsigned integer from 1 to 1000000. How many packets input i gives in a row.

=h pulled read-only
Packets pulled from each input, in input order, separated by spaces.

=e
  hi :: Queue; lo :: Queue;
  hi -> [0]s :: TemplateElement(3, 1); lo -> [1]s;
  s -> ToDevice(eth0);

=a RoundRobinSched, PrioSched
*/

import { Element, Packet, Args } from "@clickos/sdk";

@element("TemplateElement", { ports: "-/1", processing: "l/l" })
export class TemplateElement extends Element {
  weights: StaticArray<u32> = new StaticArray<u32>(0);
  counts: StaticArray<u64> = new StaticArray<u64>(0);
  current: i32 = 0;
  given: u32 = 0;

  configure(args: Args): void {
    const n = args.positionalCount;
    args.consumeAllPositional();
    if (n > this.ninputs) args.error(n.toString() + " weights for " + this.ninputs.toString() + " input(s)");
    this.weights = new StaticArray<u32>(this.ninputs);
    this.counts = new StaticArray<u64>(this.ninputs);
    for (let i = 0; i < this.ninputs; i++) {
      let w: u32 = 1;
      if (i < n) {
        const t = args.positionalAt(i);
        const v = U32.parseInt(t);
        if (t.length == 0 || t.length > 7 || v < 1 || v > 1000000 || v.toString() != t) {
          args.error("WEIGHT" + i.toString() + " must be an integer from 1 to 1000000, not '" + t + "'");
        } else w = v;
      }
      this.weights[i] = w;
    }
  }

  pull(port: i32): Packet | null {
    const n = this.ninputs;
    for (let tried = 0; tried < n; tried++) {
      const i = this.current;
      const p = this.pullInput(i);
      if (p !== null) {
        this.counts[i]++;
        // Its weight used up: the next pull starts at the next input.
        if (++this.given >= this.weights[i]) this.advance();
        return p;
      }
      this.advance();   // nothing there: try the next one now
    }
    return null;
  }

  private advance(): void {
    this.current = this.current + 1 >= this.ninputs ? 0 : this.current + 1;
    this.given = 0;
  }

  @handler("pulled") pulled(): string {
    let s = "";
    for (let i = 0; i < this.counts.length; i++) s += (i ? " " : "") + this.counts[i].toString();
    return s;
  }
}
