// PortBlocks: carrier-grade NAT port-block allocation. The public pool's ports
// PORT_LO..PORT_HI on every pool address are cut into blocks of BLOCK_SIZE ports;
// an internal (subscriber) address gets one block when its first flow appears and
// gives it back when its last mapping goes, so each subscriber's traffic is
// confined to (and logged as) one public address and port range.
// Blocks are handed out lowest first, round the pool addresses first (block b is
// address b % naddrs, ports PORT_LO + (b / naddrs) * BLOCK_SIZE onwards), so
// subscribers spread over the public addresses. All arrays are allocated at
// configure time; nothing here allocates per packet.

import { FlowTable } from "./flowtable";

export class PortBlocks {
  readonly naddrs: i32;
  readonly nblocks: i32;
  readonly blockSize: u32;
  readonly portLo: u32;
  private pool: StaticArray<u32>;
  private owner: StaticArray<u32>;
  private refs: StaticArray<i32>;
  private free: StaticArray<i32>;
  private nfree: i32;
  /** subscriber address -> block */
  private subs: FlowTable;

  constructor(pool: u32[], portLo: u32, portHi: u32, blockSize: u32) {
    const copy = new StaticArray<u32>(pool.length);
    for (let i = 0; i < pool.length; i++) copy[i] = pool[i];
    const perAddr = blockSize > 0 ? <i32>((portHi - portLo + 1) / blockSize) : 0;
    const nblocks = perAddr * pool.length;
    const n = max<i32>(nblocks, 1);
    this.naddrs = pool.length;
    this.pool = copy;
    this.blockSize = blockSize;
    this.portLo = portLo;
    this.nblocks = nblocks;
    this.owner = new StaticArray<u32>(n);
    this.refs = new StaticArray<i32>(n);
    this.free = new StaticArray<i32>(n);
    this.subs = new FlowTable(n);
    this.nfree = 0;
    this.reset();
  }

  reset(): void {
    this.subs.clear();
    for (let i = 0; i < this.nblocks; i++) {
      this.free[i] = this.nblocks - 1 - i; // lowest block on top of the stack
      this.refs[i] = 0;
    }
    this.nfree = this.nblocks;
  }

  /** The subscriber's block, allocating one if it has none; -1 when none is free. */
  blockFor(inAddr: u32): i32 {
    const slot = this.subs.find(0, inAddr, 0, 0, 0);
    if (slot >= 0) return this.subs.value(slot);
    if (this.nfree == 0) return -1;
    const b = unchecked(this.free[--this.nfree]);
    unchecked(this.owner[b] = inAddr);
    unchecked(this.refs[b] = 0);
    this.subs.insert(0, inAddr, 0, 0, 0, b);
    return b;
  }

  ref(b: i32): void { unchecked(this.refs[b] += 1); }

  /** Drops one reference; the block returns to the pool with its last mapping. */
  unref(b: i32): void {
    const r = unchecked(this.refs[b]) - 1;
    unchecked(this.refs[b] = r);
    if (r > 0) return;
    this.subs.remove(0, unchecked(this.owner[b]), 0, 0, 0);
    unchecked(this.free[this.nfree++] = b);
  }

  /** Public address (raw) of block b. */
  // @ts-ignore: decorator
  @inline addr(b: i32): u32 { return unchecked(this.pool[b % this.naddrs]); }
  /** First port of block b. */
  // @ts-ignore: decorator
  @inline base(b: i32): u32 { return this.portLo + <u32>(b / this.naddrs) * this.blockSize; }
  owned(b: i32): bool { return unchecked(this.refs[b]) > 0; }
  ownerOf(b: i32): u32 { return unchecked(this.owner[b]); }
  refsOf(b: i32): i32 { return unchecked(this.refs[b]); }
  get subscribers(): i32 { return this.nblocks - this.nfree; }
}
