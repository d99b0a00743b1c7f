/*
=c
BenchNull()

=s test
passes every packet to output 0 and does nothing else

=d
Benchmark-only. Pushed batches of one packet, it measures what one host-to-WASM
crossing costs in a host (copy in, call, copy out), since it adds no work of its own.
*/

import { Element, Packet } from "@clickos/sdk";

@element("BenchNull", { ports: "1/1", processing: "a" })
export class BenchNull extends Element {
  simpleAction(p: Packet): i32 {
    return 0;
  }
}
