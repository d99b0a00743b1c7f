// Batch: the descriptors handed over in one crossing. One Batch object is reused
// for every crossing, so iterating a batch allocates nothing.

import { DESC_SIZE } from "./abi.generated";
import { Packet } from "./packet";

export class Batch {
  /** @internal */ _base: usize = 0;
  /** @internal */ _count: i32 = 0;

  /** Number of packets in the batch. */
  @inline get length(): i32 { return this._count; }

  /** Packet number i (0-based); i must be below length. */
  @inline at(i: i32): Packet {
    return changetype<Packet>(this._base + <usize>i * DESC_SIZE);
  }
}
