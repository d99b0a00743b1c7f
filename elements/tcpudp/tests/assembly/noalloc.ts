// Test entry: the per-packet paths of IPRewriter, CGNAT, IPLoadBalancer and
// AggregateIPFlows over host-written packet descriptors. Compiled with the stub
// runtime (allocation only moves a bump pointer), so noalloc.test.ts can prove the
// packet path allocates nothing: flow creation, lookup, rewrite, expiry,
// reclaiming and table-full drops included.
import { Args, Packet } from "@clickos/sdk";
import { IPRewriter } from "../../iprewriter";
import { CGNAT } from "../../cgnat";
import { IPLoadBalancer } from "../../iploadbalancer";
import { AggregateIPFlows } from "../../../analysis/aggregateipflows";

let rw: IPRewriter | null = null;
let cg: CGNAT | null = null;
let lb: IPLoadBalancer | null = null;
let af: AggregateIPFlows | null = null;

export function setup(): i32 {
  const a = new IPRewriter(); a.ninputs = 1; a.noutputs = 2;
  const args1 = new Args("pattern 198.51.100.1 1024-1100 - - 0 1, CAPACITY 64, UDP_TIMEOUT 1, TCP_NODATA_TIMEOUT 1, SEED 5");
  a.configure(args1); args1.complete();
  const b = new CGNAT(); b.ninputs = 2; b.noutputs = 2;
  const args2 = new Args("POOL 198.51.100.0/30, BLOCK_SIZE 16, PORTS 1024-1087, CAPACITY 64, UDP_TIMEOUT 1, TCP_NODATA_TIMEOUT 1, SEED 5");
  b.configure(args2); args2.complete();
  const c = new IPLoadBalancer(); c.ninputs = 2; c.noutputs = 2;
  const args3 = new Args("203.0.113.5, 10.0.0.1, 10.0.0.2:8080, CAPACITY 64, UDP_TIMEOUT 1, TCP_NODATA_TIMEOUT 1");
  c.configure(args3); args3.complete();
  const d = new AggregateIPFlows(); d.ninputs = 1; d.noutputs = 2;
  const args4 = new Args("CAPACITY 64, UDP_TIMEOUT 1, TCP_TIMEOUT 1, REAP 2");
  d.configure(args4); args4.complete();
  rw = a; cg = b; lb = c; af = d;
  return args1.errors.length + args2.errors.length + args3.errors.length + args4.errors.length;
}

/** Runs `n` descriptors (96 bytes each from `base`) through element `which` on `port`. */
export function run(which: i32, port: i32, base: usize, n: i32): i32 {
  let x = 0;
  for (let i = 0; i < n; i++) {
    const p = changetype<Packet>(base + <usize>i * 96);
    let o: i32;
    if (which == 0) o = rw!.process(port, p);
    else if (which == 1) o = cg!.process(port, p);
    else if (which == 2) o = lb!.process(port, p);
    else o = af!.simpleAction(p);
    x += o + 2;
  }
  return x;
}

/** Live mappings (flows) of element `which`: proof that the run did create state. */
export function live(which: i32): i32 {
  if (which == 0) return rw!.flows.count;
  if (which == 1) return cg!.flows.count;
  if (which == 2) return lb!.flows.count;
  return af!.capacity - af!.nfree;
}
