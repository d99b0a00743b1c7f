// FlowTable: a fixed-capacity open-addressing hash table from a 5-tuple key
// (protocol, source address, source port, destination address, destination port)
// to an i32 value. Sized once at configure time; find/insert/remove allocate
// nothing, so stateful elements (NAT, load balancing, flow monitors) can use it on
// the per-packet path.
//
// Linear probing with backward-shift deletion: no tombstones, so probe lengths
// stay short however many flows come and go. The slot array is a power of two at
// least twice the entry limit, keeping the load factor at or below 1/2.
//
// Addresses are raw (network order, as IPv4Header.src/dst); ports host order.
// Generally useful to element authors: a candidate for the SDK.

// @ts-ignore: decorator
@inline const OCCUPIED: u64 = <u64>1 << 40;

export class FlowTable {
  /** Most entries the table accepts; insert fails beyond it. */
  readonly limit: i32;
  /** Entries present. */
  size: i32 = 0;
  private mask: u32;
  private addrs: StaticArray<u64>;
  private ports: StaticArray<u64>;
  private vals: StaticArray<i32>;

  constructor(limit: i32) {
    if (limit < 1) limit = 1;
    this.limit = limit;
    let n: u32 = 16;
    while (n < <u32>limit * 2) n <<= 1;
    this.mask = n - 1;
    this.addrs = new StaticArray<u64>(<i32>n);
    this.ports = new StaticArray<u64>(<i32>n);
    this.vals = new StaticArray<i32>(<i32>n);
  }

  // @ts-ignore: decorator
  @inline static packAddrs(saddr: u32, daddr: u32): u64 {
    return <u64>saddr | (<u64>daddr << 32);
  }
  // @ts-ignore: decorator
  @inline static packPorts(proto: u8, sport: u16, dport: u16): u64 {
    return <u64>sport | (<u64>dport << 16) | (<u64>proto << 32) | OCCUPIED;
  }

  /** A 64-bit multiply-xorshift mix of the two key words. */
  // @ts-ignore: decorator
  @inline private home(a: u64, b: u64): u32 {
    let h = a * 0x9e3779b97f4a7c15 ^ (b + 0x632be59bd9b4e019) * 0xc2b2ae3d27d4eb4f;
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9;
    h ^= h >> 29;
    return <u32>h & this.mask;
  }

  /** Slot holding the key, or -1. */
  find(proto: u8, saddr: u32, sport: u16, daddr: u32, dport: u16): i32 {
    const a = FlowTable.packAddrs(saddr, daddr);
    const b = FlowTable.packPorts(proto, sport, dport);
    let i = this.home(a, b);
    while (true) {
      const pb = unchecked(this.ports[i]);
      if (pb == 0) return -1;
      if (pb == b && unchecked(this.addrs[i]) == a) return <i32>i;
      i = (i + 1) & this.mask;
    }
    return -1;
  }

  /** The value stored at `slot` (from find or insert). */
  // @ts-ignore: decorator
  @inline value(slot: i32): i32 { return unchecked(this.vals[slot]); }
  // @ts-ignore: decorator
  @inline setValue(slot: i32, v: i32): void { unchecked(this.vals[slot] = v); }

  /** Inserts (or overwrites) the key; returns its slot, or -1 when the table is at its limit. */
  insert(proto: u8, saddr: u32, sport: u16, daddr: u32, dport: u16, value: i32): i32 {
    const a = FlowTable.packAddrs(saddr, daddr);
    const b = FlowTable.packPorts(proto, sport, dport);
    let i = this.home(a, b);
    while (true) {
      const pb = unchecked(this.ports[i]);
      if (pb == 0) break;
      if (pb == b && unchecked(this.addrs[i]) == a) {
        unchecked(this.vals[i] = value);
        return <i32>i;
      }
      i = (i + 1) & this.mask;
    }
    if (this.size >= this.limit) return -1;
    unchecked(this.addrs[i] = a);
    unchecked(this.ports[i] = b);
    unchecked(this.vals[i] = value);
    this.size++;
    return <i32>i;
  }

  /** Removes the key if present; returns whether it was. */
  remove(proto: u8, saddr: u32, sport: u16, daddr: u32, dport: u16): bool {
    const s = this.find(proto, saddr, sport, daddr, dport);
    if (s < 0) return false;
    this.removeSlot(s);
    return true;
  }

  /** Empties `slot` and shifts later members of its probe run back (Knuth's Algorithm R). */
  removeSlot(slot: i32): void {
    const mask = this.mask;
    let i = <u32>slot;
    let j = i;
    while (true) {
      j = (j + 1) & mask;
      const pb = unchecked(this.ports[j]);
      if (pb == 0) break;
      const k = this.home(unchecked(this.addrs[j]), pb);
      // entry j may fill hole i only if its home k is not cyclically in (i, j]
      const stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
      if (stays) continue;
      unchecked(this.addrs[i] = unchecked(this.addrs[j]));
      unchecked(this.ports[i] = pb);
      unchecked(this.vals[i] = unchecked(this.vals[j]));
      i = j;
    }
    unchecked(this.ports[i] = 0);
    unchecked(this.addrs[i] = 0);
    this.size--;
  }

  clear(): void {
    for (let i = 0, n = this.ports.length; i < n; i++) {
      unchecked(this.ports[i] = 0);
      unchecked(this.addrs[i] = 0);
    }
    this.size = 0;
  }
}
