// XorShift32: a tiny deterministic random number generator for per-packet choices
// (NAT port selection, load-balancing tie breaks). Seeded once, at configure time,
// from the host's clickos.random (or from a SEED argument, so tests are
// reproducible); drawing a number allocates nothing and never calls the host.

import { host_random } from "@clickos/sdk/assembly/abi.generated";

/** Four bytes of host randomness (clickos.random), never 0. */
export function hostSeed(): u32 {
  const buf = memory.data(4);
  host_random(<i32>buf, 4);
  const s = load<u32>(buf);
  return s != 0 ? s : 0x9e3779b9;
}

export class XorShift32 {
  private state: u32;

  /** A seed of 0 means "ask the host" (0 is not a valid xorshift state). */
  constructor(seed: u32 = 0) {
    this.state = seed != 0 ? seed : hostSeed();
  }

  reseed(seed: u32): void {
    this.state = seed != 0 ? seed : hostSeed();
  }

  /** Marsaglia's xorshift32 (13, 17, 5): period 2^32 - 1. */
  next(): u32 {
    let x = this.state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    this.state = x;
    return x;
  }

  /** A number in [0, n) (n > 0), by multiply-shift (Lemire), no division. */
  below(n: u32): u32 {
    return <u32>((<u64>this.next() * <u64>n) >> 32);
  }
}
