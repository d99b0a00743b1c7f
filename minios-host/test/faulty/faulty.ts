/*
=c
NativeFaulty()

=s test
passes packets through, traps on a marker first byte

=d
Test-only, for the native host's trap containment tests. Packets pass through
unchanged to output 0, except by their first data byte: 0xFF executes
`unreachable`, 0xFE reads far outside linear memory (an out-of-bounds trap),
0xFD calls abort() with a message (AssemblyScript's env.abort), 0xFC recurses
without end (call stack exhausted), 0xFB loops forever (fuel exhausted: the
build meters fuel).

=h seen read-only
Packets seen since the module was (re-)instantiated.

=h config read-only
The configuration string (to check it is replayed after a trap).
*/

import { Element, Packet, Args } from "@clickos/sdk";

@element("NativeFaulty", { ports: "1/1", processing: "a" })
export class NativeFaulty extends Element {
  @handler("seen") seen: u64 = 0;
  label: string = "";

  configure(args: Args): void {
    this.label = args.read("LABEL").string("none");
  }

  @handler("config")
  config(): string { return this.label; }

  simpleAction(p: Packet): i32 {
    this.seen++;
    if (p.length == 0) return 0;
    const b = p.u8(0);
    if (b == 0xff) unreachable();
    if (b == 0xfe) return <i32>load<u8>(<usize>0xfffffff0);
    if (b == 0xfd) abort("faulty packet: é ∑ 😀");
    if (b == 0xfc) return this.deep(1);
    if (b == 0xfb) {
      let n: u32 = 0;
      while (p.length > 0) n++;
      return <i32>n;
    }
    return 0;
  }

  deep(n: i32): i32 { return n > 0 ? this.deep(n + 1) + 1 : 0; }
}

/*
=c
NativeDup()

=s test
emits a copy of every packet

=d
Test-only: every packet leaves on output 0 and a copy whose first byte is
replaced by 0xEE is emitted on output 1 (dropped if output 1 is not connected).
*/
@element("NativeDup", { ports: "1/1-2", processing: "a" })
export class NativeDup extends Element {
  simpleAction(p: Packet): i32 {
    const q = p.clone();
    if (q !== null) {
      if (q.length > 0) q.setU8(0, 0xee);
      this.emit(1, q);
    }
    return 0;
  }
}
