/*
=c
AggregateIPFlows([KEYWORDS])

=s ipmeasure
sets aggregate annotation based on flow, and counts each flow's packets and bytes

=d
Monitors TCP and UDP flows, as Click's AggregateIPFlows: sets the aggregate
annotation (Click's AGGREGATE_ANNO: user annotation bytes 4..7) of every passing
packet to a flow number and the paint annotation to its direction. Flows are
bidirectional: a flow's replies get the same number. Flow numbers are assigned
sequentially from 1. The first packet seen of a flow gets paint 0, its replies
paint 1.

Non-TCP/UDP packets, packets without an IPv4 header, packets with both addresses
0, packets too short to hold the ports, and second and later fragments are
emitted on output 1, or dropped if there is no output 1.

A flow dies when no packet has been seen for its timeout (TCP, completed TCP and
UDP timeouts differ; time is packet timestamps, in whole seconds as in Click);
a later packet with the same addresses and ports starts a new flow number, as
does a SYN after a completed (FIN both ways, or RST) TCP flow. Dead flows are
removed every REAP seconds of packet time.

Additions to Click (which keeps no counters outside its TRACEINFO file): per-flow
packet and byte counters per direction, read with the 'flows' handler, and a
fixed CAPACITY; a new flow that finds the table full even after removing dead
flows is not numbered (aggregate 0), goes to output 1 and is counted in
'failures'. Bytes are IP total lengths.
Not supported: FRAGMENTS true (ClickOS elements cannot hold packets between
batches, so fragments are never reassembled into their flow; FRAGMENTS defaults to
false here), ICMP true, TRACEINFO and SOURCE; AggregateListener notifications.

=item TCP_TIMEOUT
Timeout of active TCP flows. Default 24 hours.

=item TCP_DONE_TIMEOUT
Timeout of completed TCP flows. Default 30 seconds.

=item UDP_TIMEOUT
Timeout of UDP flows. Default 1 minute.

=item REAP
Interval between removals of dead flows, packet time. Default 20 minutes.

=item CAPACITY
Most flows tracked at once, allocated at configuration. Default 65536.

=item FRAGMENT_TIMEOUT
Accepted for compatibility; no effect.

=h flows read-only
Tracked flows by flow number, one per line:
"AGGREGATE PROTO SRC:SPORT > DST:DPORT packets P0 P1 bytes B0 B1",
where SRC is the source of the flow's first packet, P0/B0 count that direction
(paint 0) and P1/B1 the replies.

=h nflows read-only
Number of tracked flows.

=h count read-only
Number of flow numbers assigned so far.

=h failures read-only
New flows not tracked because the table was full.

=h clear write-only
Forgets every flow; later packets get new flow numbers.

=e
  FromDump(trace.pcap, STOP true) -> Strip(14) -> af :: AggregateIPFlows(UDP_TIMEOUT 30) -> Discard;

=a IPRewriter
*/

import { Element, Packet, Args, StringAccum } from "@clickos/sdk";
import { FlowTable } from "../lib/flowtable";

const SEC: i64 = 1_000_000_000;

@element("AggregateIPFlows", { ports: "1/1-2", processing: "a/ah" })
export class AggregateIPFlows extends Element {
  @handler("failures") failures: u64 = 0;
  table: FlowTable = new FlowTable(1);
  capacity: i32 = 1;
  tcpTimeout: i64 = 86400;
  tcpDoneTimeout: i64 = 30;
  udpTimeout: i64 = 60;
  smallest: i64 = 30;
  gcInterval: i64 = 1200;
  /** Next flow number. */
  nextAgg: u32 = 1;
  activeSec: i64 = 0;
  gcSec: i64 = 0;
  // per flow (index = pool slot); key in canonical order (a, pa, b, pb)
  proto: StaticArray<u8> = new StaticArray<u8>(0);
  ka: StaticArray<u32> = new StaticArray<u32>(0);
  kpa: StaticArray<u16> = new StaticArray<u16>(0);
  kb: StaticArray<u32> = new StaticArray<u32>(0);
  kpb: StaticArray<u16> = new StaticArray<u16>(0);
  agg: StaticArray<u32> = new StaticArray<u32>(0);
  /** The flow's first packet went b -> a. */
  rev: StaticArray<u8> = new StaticArray<u8>(0);
  /** Click's _flow_over: 1 FIN on paint 0, 2 FIN on paint 1, 3 done. */
  over: StaticArray<u8> = new StaticArray<u8>(0);
  lastSec: StaticArray<i64> = new StaticArray<i64>(0);
  pkts: StaticArray<u64> = new StaticArray<u64>(0);  // [2 * f + paint]
  bytes: StaticArray<u64> = new StaticArray<u64>(0);
  live: StaticArray<bool> = new StaticArray<bool>(0);
  freeList: StaticArray<i32> = new StaticArray<i32>(0);
  nfree: i32 = 0;
  /** The packet second of the last sweep for dead flows on a full table. */
  fullSweepSec: i64 = -1;

  configure(args: Args): void {
    this.tcpTimeout = args.read("TCP_TIMEOUT").interval(86400 * SEC) / SEC;
    this.tcpDoneTimeout = args.read("TCP_DONE_TIMEOUT").interval(30 * SEC) / SEC;
    this.udpTimeout = args.read("UDP_TIMEOUT").interval(60 * SEC) / SEC;
    this.gcInterval = args.read("REAP").interval(1200 * SEC) / SEC;
    args.read("FRAGMENT_TIMEOUT").interval(30 * SEC);
    if (args.read("FRAGMENTS").bool(false)) args.error("FRAGMENTS true is not supported (fragments cannot be held between batches)");
    if (args.read("ICMP").bool(false)) args.error("ICMP true is not supported");
    const cap = args.read("CAPACITY").int(65536);
    if (cap < 1) args.error("CAPACITY must be at least 1");
    const n = cap < 1 ? 1 : cap;
    this.capacity = n;
    this.smallest = min(min(this.tcpTimeout, this.tcpDoneTimeout), this.udpTimeout);
    this.table = new FlowTable(n);
    this.proto = new StaticArray<u8>(n);
    this.ka = new StaticArray<u32>(n); this.kpa = new StaticArray<u16>(n);
    this.kb = new StaticArray<u32>(n); this.kpb = new StaticArray<u16>(n);
    this.agg = new StaticArray<u32>(n);
    this.rev = new StaticArray<u8>(n);
    this.over = new StaticArray<u8>(n);
    this.lastSec = new StaticArray<i64>(n);
    this.pkts = new StaticArray<u64>(2 * n);
    this.bytes = new StaticArray<u64>(2 * n);
    this.live = new StaticArray<bool>(n);
    this.freeList = new StaticArray<i32>(n);
    this.resetPool();
  }

  private resetPool(): void {
    for (let i = 0; i < this.capacity; i++) {
      this.freeList[i] = this.capacity - 1 - i; // flow slot 0 first
      this.live[i] = false;
    }
    this.nfree = this.capacity;
    this.table.clear();
  }

  simpleAction(p: Packet): i32 {
    let ts = p.timestampNs;
    if (ts == 0) ts = this.nowNs();
    const sec = ts / SEC;
    const action = this.handle(p, sec);
    // Click reaps once the packet clock passes the next collection time
    if (this.activeSec >= this.gcSec) this.reap();
    return action;
  }

  private handle(p: Packet, sec: i64): i32 {
    const iph = p.ip();
    if (iph === null) return 1;
    const proto = iph.protocol;
    const src = iph.src, dst = iph.dst;
    if ((proto != 6 && proto != 17) || (src == 0 && dst == 0)) return 1;
    // canonical host pair: a is the numerically smaller raw address (Click's HostPair)
    let dir: u8 = src > dst ? 1 : 0;
    if ((iph.fragWord & 0x1fff) != 0) {
      // a later fragment: no ports, so no flow (FRAGMENTS false)
      p.setUserAnnoU32(4, 0);
      p.paint = dir;
      return 1;
    }
    const off = p.ipPayloadOffset;
    const tlen = <u32>off <= p.length ? p.length - <u32>off : 0;
    if (tlen < 4) return 1;
    const tp = iph.payloadPtr();
    const sport = bswap<u16>(load<u16>(tp)), dport = bswap<u16>(load<u16>(tp, 2));
    if (src == dst && sport > dport) dir = 1;
    const a = dir ? dst : src, pa = dir ? dport : sport, b = dir ? src : dst, pb = dir ? sport : dport;
    const tcpFlags: u8 = proto == 6 && tlen >= 14 ? load<u8>(tp, 13) : 0;

    let f: i32;
    const slot = this.table.find(proto, a, pa, b, pb);
    if (slot >= 0) {
      f = this.table.value(slot);
      const age = sec - unchecked(this.lastSec[f]);
      const dead = age > this.smallest && age > this.timeoutOf(f);
      const reopened = unchecked(this.over[f]) == 3 && proto == 6 && (tcpFlags & 0x02) != 0;
      if (dead || reopened) this.renumber(f, dir, sec);
    } else {
      f = this.allocate(sec);
      if (f < 0) {
        this.failures++;
        p.setUserAnnoU32(4, 0);
        return 1;
      }
      unchecked(this.proto[f] = proto);
      unchecked(this.ka[f] = a); unchecked(this.kpa[f] = pa);
      unchecked(this.kb[f] = b); unchecked(this.kpb[f] = pb);
      unchecked(this.live[f] = true);
      this.table.insert(proto, a, pa, b, pb, f);
      this.renumber(f, dir, sec);
    }
    const paint = dir ^ unchecked(this.rev[f]);
    p.setUserAnnoU32(4, unchecked(this.agg[f]));
    p.paint = paint;

    // Click's packet_emit_hook: last time seen, TCP completion, and our counters
    unchecked(this.lastSec[f] = sec);
    this.activeSec = sec;
    if (tcpFlags & 0x04) unchecked(this.over[f] = 3);
    else if (tcpFlags & 0x01) unchecked(this.over[f] |= <u8>(1 << paint));
    else if (tcpFlags & 0x02) unchecked(this.over[f] = 0);
    const k = 2 * f + <i32>paint;
    unchecked(this.pkts[k] += 1);
    unchecked(this.bytes[k] += iph.totalLength);
    return 0;
  }

  /** Gives flow f a new flow number, with `dir` as its forward direction. */
  private renumber(f: i32, dir: u8, sec: i64): void {
    unchecked(this.agg[f] = this.nextAgg++);
    unchecked(this.rev[f] = dir);
    unchecked(this.over[f] = 0);
    unchecked(this.lastSec[f] = sec);
    unchecked(this.pkts[2 * f] = 0); unchecked(this.pkts[2 * f + 1] = 0);
    unchecked(this.bytes[2 * f] = 0); unchecked(this.bytes[2 * f + 1] = 0);
  }

  private allocate(sec: i64): i32 {
    // A full table looks for dead flows at most once per second of packet time:
    // timeouts count whole seconds, so nothing more can have died within one,
    // and a sweep of the whole pool per refused packet would be quadratic.
    if (this.nfree == 0 && sec != this.fullSweepSec) {
      this.fullSweepSec = sec;
      this.removeDead(sec);
    }
    if (this.nfree == 0) return -1;
    return unchecked(this.freeList[--this.nfree]);
  }

  private timeoutOf(f: i32): i64 {
    if (unchecked(this.proto[f]) == 17) return this.udpTimeout;
    return unchecked(this.over[f]) == 3 ? this.tcpDoneTimeout : this.tcpTimeout;
  }

  private remove(f: i32): void {
    this.table.remove(this.proto[f], this.ka[f], this.kpa[f], this.kb[f], this.kpb[f]);
    this.live[f] = false;
    this.freeList[this.nfree++] = f;
  }

  /** Click's reap_map: forget flows idle for longer than their timeout at `sec`. */
  private removeDead(sec: i64): void {
    for (let f = 0; f < this.capacity; f++) {
      if (this.live[f] && this.lastSec[f] < sec - this.timeoutOf(f)) this.remove(f);
    }
  }

  private reap(): void {
    if (this.gcSec != 0) this.removeDead(this.activeSec);
    this.gcSec = this.activeSec + this.gcInterval;
  }

  @handler("flows") flows(sa: StringAccum): void {
    // In flow-number order: a heap sort of the live slots by flow number
    // (n log n, in place: a full table of 65536 flows sorts in a handler call).
    const order = new StaticArray<i32>(this.capacity - this.nfree);
    let n = 0;
    for (let f = 0; f < this.capacity && n < order.length; f++) if (this.live[f]) order[n++] = f;
    sortByKey(order, n, this.agg);
    // One StringAccum, formatted in place: a table of 65536 flows fits in memory.
    for (let i = 0; i < n; i++) {
      const f = order[i];
      const r = this.rev[f] != 0;
      const src = r ? this.kb[f] : this.ka[f], sp = r ? this.kpb[f] : this.kpa[f];
      const dst = r ? this.ka[f] : this.kb[f], dp = r ? this.kpa[f] : this.kpb[f];
      sa.u32(this.agg[f]).add(this.proto[f] == 6 ? " tcp " : " udp ")
        .ip4(src).char(58).u32(sp).add(" > ").ip4(dst).char(58).u32(dp)
        .add(" packets ").u64(this.pkts[2 * f]).char(32).u64(this.pkts[2 * f + 1])
        .add(" bytes ").u64(this.bytes[2 * f]).char(32).u64(this.bytes[2 * f + 1]).char(10);
    }
  }

  @handler("nflows") nflows(): string { return (this.capacity - this.nfree).toString(); }
  @handler("count") count(): string { return (this.nextAgg - 1).toString(); }
  @handler("clear", "w") clear(v: string): void { this.resetPool(); }
}

/** Sorts a[0..n) so that key[a[i]] ascends (heap sort: in place, n log n). */
function sortByKey(a: StaticArray<i32>, n: i32, key: StaticArray<u32>): void {
  for (let i = (n >> 1) - 1; i >= 0; i--) siftDown(a, i, n, key);
  for (let end = n - 1; end > 0; end--) {
    const t = a[0]; a[0] = a[end]; a[end] = t;
    siftDown(a, 0, end, key);
  }
}

function siftDown(a: StaticArray<i32>, i: i32, n: i32, key: StaticArray<u32>): void {
  for (;;) {
    let c = 2 * i + 1;
    if (c >= n) return;
    if (c + 1 < n && key[a[c + 1]] > key[a[c]]) c++;
    if (key[a[i]] >= key[a[c]]) return;
    const t = a[i]; a[i] = a[c]; a[c] = t;
    i = c;
  }
}
