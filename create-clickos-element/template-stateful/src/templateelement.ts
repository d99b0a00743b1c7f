/*
=c
TemplateElement([CAPACITY])

=s counters
counts packets per IPv4 flow

=d
Counts the packets of each IPv4 flow, a flow being the tuple (source address,
destination address, protocol, source port, destination port); the ports are 0
for protocols other than TCP and UDP and for later fragments. Every packet
leaves on output 0 unchanged, including packets that hold no IPv4 header (they
are not counted).

The flow table is allocated once, when the element is configured: CAPACITY
flows, kept in open addressing with linear probing over twice as many slots, so
the per-packet path allocates nothing. Once CAPACITY flows are known, packets
of new flows are counted in C<overflows> and not tracked.

Keyword arguments are:

=item CAPACITY

Unsigned integer from 1 to 1048576. The most flows tracked. Default is 1024.

=h flows read-only
Number of flows in the table.

=h overflows read-only
Number of packets of flows that did not fit in the table.

=h table read-only
One line per flow, in the order the flows were first seen: source, destination,
protocol, source port, destination port, packets.

=h reset write-only
Empties the table and zeroes the counters.

=e
  FromDump(in.pcap) -> fc :: TemplateElement(CAPACITY 4096) -> Discard;

Afterwards, reading C<fc.table> lists the flows of the capture.

=a AggregateIPFlows, AggregateCounter, IPRateMonitor
*/

import { Element, Packet, Args, IPAddress } from "@clickos/sdk";

const MAX_CAPACITY: u32 = 1 << 20;
const EMPTY: u32 = 0xffffffff;

@element("TemplateElement", { ports: "1/1", processing: "a" })
export class TemplateElement extends Element {
  @handler("flows") flows: u32 = 0;
  @handler("overflows") overflows: u64 = 0;
  capacity: u32 = 1024;

  // The table: slotFlow maps a hash slot to a flow number (EMPTY if free); flows are
  // numbered in first-seen order and their keys and counts kept in parallel arrays.
  private mask: u32 = 0;
  private slotFlow: StaticArray<u32> = new StaticArray<u32>(0);
  private src: StaticArray<u32> = new StaticArray<u32>(0);
  private dst: StaticArray<u32> = new StaticArray<u32>(0);
  private ports: StaticArray<u32> = new StaticArray<u32>(0);
  private proto: StaticArray<u8> = new StaticArray<u8>(0);
  private packets: StaticArray<u64> = new StaticArray<u64>(0);

  configure(args: Args): void {
    const capacity = args.readP("CAPACITY").unsigned(1024);
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      args.error("CAPACITY must be between 1 and 1048576");
      return;
    }
    this.capacity = capacity;
    // Twice as many slots as flows keeps probe sequences short when the table is full.
    let slots: u32 = 2;
    while (slots < capacity * 2) slots <<= 1;
    this.mask = slots - 1;
    this.slotFlow = new StaticArray<u32>(slots);
    this.src = new StaticArray<u32>(capacity);
    this.dst = new StaticArray<u32>(capacity);
    this.ports = new StaticArray<u32>(capacity);
    this.proto = new StaticArray<u8>(capacity);
    this.packets = new StaticArray<u64>(capacity);
    this.clear();
  }

  simpleAction(p: Packet): i32 {
    const ip = p.ip();
    if (ip === null) return 0;
    const proto = ip.protocol;
    let ports: u32 = 0;
    const off = p.ipPayloadOffset;
    if ((proto == 6 || proto == 17) && !ip.isLaterFragment && off >= 0 && <u32>off + 4 <= p.length) {
      ports = p.u32(<u32>off); // source port in the high half, destination port in the low half
    }
    this.count(ip.src, ip.dst, proto, ports);
    return 0;
  }

  private count(src: u32, dst: u32, proto: u8, ports: u32): void {
    let slot = hash(src, dst, proto, ports) & this.mask;
    for (;;) {
      const f = unchecked(this.slotFlow[slot]);
      if (f == EMPTY) break;
      if (unchecked(this.src[f]) == src && unchecked(this.dst[f]) == dst
        && unchecked(this.ports[f]) == ports && unchecked(this.proto[f]) == proto) {
        unchecked(this.packets[f] += 1);
        return;
      }
      slot = (slot + 1) & this.mask;
    }
    if (this.flows >= this.capacity) {
      this.overflows++;
      return;
    }
    const f = this.flows++;
    unchecked(this.slotFlow[slot] = f);
    unchecked(this.src[f] = src);
    unchecked(this.dst[f] = dst);
    unchecked(this.ports[f] = ports);
    unchecked(this.proto[f] = proto);
    unchecked(this.packets[f] = 1);
  }

  private clear(): void {
    for (let i = 0; i < this.slotFlow.length; i++) unchecked(this.slotFlow[i] = EMPTY);
    this.flows = 0;
    this.overflows = 0;
  }

  // Handlers run outside the packet path, so building strings here is fine.
  @handler("table")
  table(): string {
    let out = "";
    for (let f: u32 = 0; f < this.flows; f++) {
      const ports = this.ports[f];
      out += new IPAddress(this.src[f]).toString() + " " + new IPAddress(this.dst[f]).toString()
        + " " + this.proto[f].toString() + " " + (ports >>> 16).toString() + " " + (ports & 0xffff).toString()
        + " " + this.packets[f].toString() + "\n";
    }
    return out;
  }

  @handler("reset", "w")
  reset(_value: string): void {
    this.clear();
  }
}

/** Mixes the flow key into 32 bits (multiply-xorshift, as in MurmurHash3's finalizer). */
function hash(src: u32, dst: u32, proto: u8, ports: u32): u32 {
  let h = src * 0x9e3779b1;
  h ^= rotl<u32>(dst, 16) * 0x85ebca6b;
  h ^= ports * 0xc2b2ae35;
  h ^= <u32>proto;
  h ^= h >>> 16;
  h *= 0x85ebca6b;
  h ^= h >>> 13;
  h *= 0xc2b2ae35;
  h ^= h >>> 16;
  return h;
}
