// NatFlows: the mapping table shared by IPRewriter, CGNAT and IPLoadBalancer.
//
// A flow (Click's IPRewriterFlow) pairs an original flow ID (SA, SP, DA, DP) with
// a rewritten one (SA', SP', DA', DP') for one protocol, and owns two hash entries:
//   forward  (SA, SP, DA, DP)     -> rewrite to (SA', SP', DA', DP'), output FOUTPUT
//   reverse  (DA', DP', SA', SP') -> rewrite to (DA, DP, SA, SP),     output ROUTPUT
// Entry values are `flow << 1 | direction`.
//
// Everything is preallocated from CAPACITY at configure time (parallel StaticArrays
// and a FlowTable with room for two keys per flow); lookup, create, apply and
// destroy allocate nothing. Only the handler text (unparse) allocates.
//
// Time is nanoseconds supplied by the caller (packet timestamps when present).
// Deviation from Click, on purpose: Click keeps an expired mapping usable until
// its garbage-collection timer (REAP_INTERVAL, 15 minutes) runs, and evicts the
// soonest-to-expire mapping when full; here a mapping is gone as soon as its
// timeout passes (checked at lookup), expired mappings are reclaimed when the
// table fills, and a new flow that still finds the table full is dropped and
// counted. That makes behaviour exact and replayable from packet timestamps.

import { Packet, IPv4Header, IPAddress, StringAccum, incrementalUpdateRaw32, incrementalUpdate16 } from "@clickos/sdk";
import { FlowTable } from "./flowtable";

export const PROTO_TCP: u8 = 6;
export const PROTO_UDP: u8 = 17;
export const SEC: i64 = 1_000_000_000;

/** A flow ID being built (a rewritten flow, a lookup key); reused, never per packet. */
export class FlowId {
  saddr: u32 = 0;
  sport: u16 = 0;
  daddr: u32 = 0;
  dport: u16 = 0;
}

/** Click's IPRewriter timeouts, in nanoseconds. */
export class NatTimeouts {
  /** TCP before data was seen both ways (Click's TCP_NODATA_TIMEOUT, 5 minutes). */
  tcpNodata: i64 = 300 * SEC;
  /** TCP with data both ways (TCP_TIMEOUT, 24 hours). */
  tcpData: i64 = 86400 * SEC;
  /** TCP after FIN both ways or RST (TCP_DONE_TIMEOUT, 4 minutes). */
  tcpDone: i64 = 240 * SEC;
  /** UDP (UDP_TIMEOUT, 5 minutes). */
  udp: i64 = 300 * SEC;
  /** UDP with >= 3 packets and a reply (UDP_STREAMING_TIMEOUT, default UDP_TIMEOUT). */
  udpStreaming: i64 = 300 * SEC;
}

// TCP state bits (Click's TCPFlow _tflags): FIN seen forward/reverse, data seen forward/reverse.
const T_FWD_DONE: u8 = 1;
const T_BOTH_DONE: u8 = 3;
const T_FWD_DATA: u8 = 4;
const T_BOTH_DATA: u8 = 12;

export class NatFlows {
  readonly capacity: i32;
  readonly table: FlowTable;
  timeouts: NatTimeouts = new NatTimeouts();
  /** Live flows. */
  count: i32 = 0;

  // per-flow state, indexed by flow number
  proto: StaticArray<u8>;
  iS: StaticArray<u32>; iSp: StaticArray<u16>; iD: StaticArray<u32>; iDp: StaticArray<u16>;
  oS: StaticArray<u32>; oSp: StaticArray<u16>; oD: StaticArray<u32>; oDp: StaticArray<u16>;
  fout: StaticArray<i32>; rout: StaticArray<i32>; input: StaticArray<i32>;
  /** Caller's tag (CGNAT: the subscriber's port block). */
  tag: StaticArray<i32>;
  expiry: StaticArray<i64>;
  tflags: StaticArray<u8>;
  live: StaticArray<bool>;
  private nextFree: StaticArray<i32>;
  private freeHead: i32 = 0;
  /** No live flow expires before this (lets a full table skip pointless sweeps). */
  private minExpiry: i64 = i64.MAX_VALUE;

  constructor(capacity: i32) {
    if (capacity < 1) capacity = 1;
    this.capacity = capacity;
    this.table = new FlowTable(capacity * 2);
    this.proto = new StaticArray<u8>(capacity);
    this.iS = new StaticArray<u32>(capacity); this.iSp = new StaticArray<u16>(capacity);
    this.iD = new StaticArray<u32>(capacity); this.iDp = new StaticArray<u16>(capacity);
    this.oS = new StaticArray<u32>(capacity); this.oSp = new StaticArray<u16>(capacity);
    this.oD = new StaticArray<u32>(capacity); this.oDp = new StaticArray<u16>(capacity);
    this.fout = new StaticArray<i32>(capacity); this.rout = new StaticArray<i32>(capacity);
    this.input = new StaticArray<i32>(capacity); this.tag = new StaticArray<i32>(capacity);
    this.expiry = new StaticArray<i64>(capacity);
    this.tflags = new StaticArray<u8>(capacity);
    this.live = new StaticArray<bool>(capacity);
    this.nextFree = new StaticArray<i32>(capacity);
    this.resetFreeList();
  }

  private resetFreeList(): void {
    const n = this.capacity;
    for (let i = 0; i < n; i++) unchecked(this.nextFree[i] = i + 1 < n ? i + 1 : -1);
    this.freeHead = 0;
  }

  /** Called when a flow is destroyed (override to release per-flow resources). */
  onRelease(flow: i32): void {}

  /** The entry for a packet's flow ID: `flow << 1 | direction`, or -1. An expired
   *  mapping is destroyed and not returned. */
  lookup(proto: u8, saddr: u32, sport: u16, daddr: u32, dport: u16, now: i64): i32 {
    const slot = this.table.find(proto, saddr, sport, daddr, dport);
    if (slot < 0) return -1;
    const code = this.table.value(slot);
    const f = code >> 1;
    if (now >= unchecked(this.expiry[f])) {
      this.destroy(f);
      return -1;
    }
    return code;
  }

  /** Whether a flow ID is in use by a live mapping (expired ones are reclaimed). */
  inUse(proto: u8, saddr: u32, sport: u16, daddr: u32, dport: u16, now: i64): bool {
    return this.lookup(proto, saddr, sport, daddr, dport, now) >= 0;
  }

  /** Whether there is room for one more flow, reclaiming expired ones if needed. */
  hasRoom(now: i64): bool {
    if (this.freeHead >= 0) return true;
    this.reclaimDue(now);
    return this.freeHead >= 0;
  }

  /** Reclaims expired flows, unless none can have expired yet (then it costs nothing). */
  reclaimDue(now: i64): void {
    if (now >= this.minExpiry) this.reclaim(now);
  }

  /** Installs the mapping orig => rw. Returns the flow, or -1 when the table is full. */
  create(proto: u8, saddr: u32, sport: u16, daddr: u32, dport: u16, rw: FlowId,
         fout: i32, rout: i32, input: i32, tag: i32, now: i64): i32 {
    if (!this.hasRoom(now)) return -1;
    // A live mapping whose reply flow ID equals ours is replaced, as Click does.
    const old = this.table.find(proto, rw.daddr, rw.dport, rw.saddr, rw.sport);
    if (old >= 0) this.destroy(this.table.value(old) >> 1);
    const f = this.freeHead;
    if (f < 0) return -1; // unreachable: hasRoom and destroy only add room
    this.freeHead = unchecked(this.nextFree[f]);
    unchecked(this.proto[f] = proto);
    unchecked(this.iS[f] = saddr); unchecked(this.iSp[f] = sport);
    unchecked(this.iD[f] = daddr); unchecked(this.iDp[f] = dport);
    unchecked(this.oS[f] = rw.saddr); unchecked(this.oSp[f] = rw.sport);
    unchecked(this.oD[f] = rw.daddr); unchecked(this.oDp[f] = rw.dport);
    unchecked(this.fout[f] = fout); unchecked(this.rout[f] = rout);
    unchecked(this.input[f] = input); unchecked(this.tag[f] = tag);
    unchecked(this.tflags[f] = 0);
    unchecked(this.live[f] = true);
    this.setExpiry(f, now + this.timeoutOf(f));
    this.count++;
    // two keys per flow fit by construction (table limit = 2 * capacity)
    this.table.insert(proto, saddr, sport, daddr, dport, f << 1);
    if (!(rw.daddr == saddr && rw.dport == sport && rw.saddr == daddr && rw.sport == dport))
      this.table.insert(proto, rw.daddr, rw.dport, rw.saddr, rw.sport, (f << 1) | 1);
    return f;
  }

  private removeKey(proto: u8, s: u32, sp: u16, d: u32, dp: u16, f: i32): void {
    const slot = this.table.find(proto, s, sp, d, dp);
    if (slot >= 0 && (this.table.value(slot) >> 1) == f) this.table.removeSlot(slot);
  }

  destroy(f: i32): void {
    if (!unchecked(this.live[f])) return;
    const p = unchecked(this.proto[f]);
    this.removeKey(p, unchecked(this.iS[f]), unchecked(this.iSp[f]), unchecked(this.iD[f]), unchecked(this.iDp[f]), f);
    this.removeKey(p, unchecked(this.oD[f]), unchecked(this.oDp[f]), unchecked(this.oS[f]), unchecked(this.oSp[f]), f);
    unchecked(this.live[f] = false);
    unchecked(this.nextFree[f] = this.freeHead);
    this.freeHead = f;
    this.count--;
    this.onRelease(f);
  }

  /** Destroys every expired flow; returns how many. */
  reclaim(now: i64): i32 {
    let freed = 0;
    let min = i64.MAX_VALUE;
    for (let f = 0; f < this.capacity; f++) {
      if (!unchecked(this.live[f])) continue;
      const e = unchecked(this.expiry[f]);
      if (now >= e) { this.destroy(f); freed++; } else if (e < min) min = e;
    }
    this.minExpiry = min;
    return freed;
  }

  /** Destroys every flow. */
  clear(): void {
    for (let f = 0; f < this.capacity; f++) if (unchecked(this.live[f])) this.destroy(f);
    this.table.clear();
    this.resetFreeList();
    this.count = 0;
    this.minExpiry = i64.MAX_VALUE;
  }

  private setExpiry(f: i32, e: i64): void {
    unchecked(this.expiry[f] = e);
    if (e < this.minExpiry) this.minExpiry = e;
  }

  /** Click's tcp_flow_timeout / udp_flow_timeout. */
  timeoutOf(f: i32): i64 {
    const tf = unchecked(this.tflags[f]);
    if (unchecked(this.proto[f]) == PROTO_TCP) {
      if ((tf & T_BOTH_DONE) == T_BOTH_DONE) return this.timeouts.tcpDone;
      if ((tf & T_BOTH_DATA) == T_BOTH_DATA) return this.timeouts.tcpData;
      return this.timeouts.tcpNodata;
    }
    return tf > 6 ? this.timeouts.udpStreaming : this.timeouts.udp;
  }

  /**
   * Rewrites a packet by entry `code` (from lookup): addresses always, ports and
   * the TCP/UDP checksum when the transport header is there (TCP needs 18 bytes for
   * its checksum, as in Click), all checksums patched incrementally (RFC 1624).
   * `tp` points at the transport header, `tlen` bytes of it are in the packet.
   * Then updates the connection state and the expiry. Returns the output port.
   */
  apply(p: Packet, iph: IPv4Header, tp: usize, tlen: u32, code: i32, now: i64, dstAnno: bool): i32 {
    const f = code >> 1;
    const dir = code & 1;
    let ns: u32, nd: u32, nsp: u16, ndp: u16;
    if (dir == 0) {
      ns = unchecked(this.oS[f]); nd = unchecked(this.oD[f]);
      nsp = unchecked(this.oSp[f]); ndp = unchecked(this.oDp[f]);
    } else {
      ns = unchecked(this.iD[f]); nd = unchecked(this.iS[f]);
      nsp = unchecked(this.iDp[f]); ndp = unchecked(this.iSp[f]);
    }
    const os = iph.src, od = iph.dst;
    if (os != ns) iph.setSrcIncremental(ns);
    if (od != nd) iph.setDstIncremental(nd);
    if (dstAnno) p.dstIPAnno = nd;

    const proto = unchecked(this.proto[f]);
    const isTcp = proto == PROTO_TCP;
    if (tlen >= (isTcp ? <u32>18 : <u32>8)) {
      const osp = bswap<u16>(load<u16>(tp)), odp = bswap<u16>(load<u16>(tp, 2));
      const ckAt = tp + (isTcp ? 16 : 6);
      let ck = bswap<u16>(load<u16>(ckAt));
      // A UDP checksum of 0 means "none" and stays 0.
      if (isTcp || ck != 0) {
        if (os != ns) ck = incrementalUpdateRaw32(ck, os, ns);
        if (od != nd) ck = incrementalUpdateRaw32(ck, od, nd);
        if (osp != nsp) ck = incrementalUpdate16(ck, osp, nsp);
        if (odp != ndp) ck = incrementalUpdate16(ck, odp, ndp);
        // RFC 768: a UDP checksum that computes to 0 is sent as all ones.
        if (!isTcp && ck == 0) ck = 0xffff;
        store<u16>(ckAt, bswap<u16>(ck));
      }
      store<u16>(tp, bswap<u16>(nsp));
      store<u16>(tp, bswap<u16>(ndp), 2);
      if (isTcp) this.trackTcp(f, dir, iph, tp);
    }
    if (!isTcp) {
      // Click's UDPFlow: count packets up to 3, remember whether a reply was seen.
      let tf = unchecked(this.tflags[f]);
      if (dir) tf |= 1;
      if (tf < 6) tf += 2;
      unchecked(this.tflags[f] = tf);
    }
    this.setExpiry(f, now + this.timeoutOf(f));
    return dir == 0 ? unchecked(this.fout[f]) : unchecked(this.rout[f]);
  }

  /** Click's TCPFlow state: RST ends both ways, FIN ends one way, SYN or data reopens it. */
  private trackTcp(f: i32, dir: i32, iph: IPv4Header, tp: usize): void {
    const flags = load<u8>(tp, 13);
    const thl = (<u32>load<u8>(tp, 12) >> 4) << 2;
    const payload = iph.headerLength + thl < <u32>iph.totalLength;
    let tf = unchecked(this.tflags[f]);
    if (flags & 0x04) tf |= T_BOTH_DONE;
    else if (flags & 0x01) tf |= T_FWD_DONE << <u8>dir;
    else if ((flags & 0x02) || payload) tf &= ~(T_FWD_DONE << <u8>dir);
    if (payload) tf |= T_FWD_DATA << <u8>dir;
    unchecked(this.tflags[f] = tf);
  }

  // ---- handler text (control plane; formatted in place into a StringAccum) ----

  static flowText(sa: StringAccum, s: u32, sp: u16, d: u32, dp: u16): void {
    sa.char(40).ip4(s).add(", ").u32(sp).add(", ").ip4(d).add(", ").u32(dp).char(41);
  }

  /** One table line in Click's format: "(SA, SP, DA, DP) => (SA', SP', DA', DP') [*0 1] i0 exp30". */
  unparse(sa: StringAccum, f: i32, dir: i32, now: i64): void {
    if (dir == 0) {
      NatFlows.flowText(sa, this.iS[f], this.iSp[f], this.iD[f], this.iDp[f]);
      sa.add(" => ");
      NatFlows.flowText(sa, this.oS[f], this.oSp[f], this.oD[f], this.oDp[f]);
    } else {
      NatFlows.flowText(sa, this.oD[f], this.oDp[f], this.oS[f], this.oSp[f]);
      sa.add(" => ");
      NatFlows.flowText(sa, this.iD[f], this.iDp[f], this.iS[f], this.iSp[f]);
    }
    const exp = (this.expiry[f] - now + SEC / 2) / SEC;
    sa.add(dir == 0 ? " [*" : " [").i32(this.fout[f]).add(dir == 1 ? " *" : " ").i32(this.rout[f])
      .add("] i").i32(this.input[f]).add(" exp").i64(exp);
  }

  /** Click's tcp_table / udp_table: both entries of every live flow of `proto`, in flow order. */
  tableText(sa: StringAccum, proto: u8, now: i64): void {
    for (let f = 0; f < this.capacity; f++) {
      if (!this.live[f] || this.proto[f] != proto) continue;
      this.unparse(sa, f, 0, now); sa.char(10);
      this.unparse(sa, f, 1, now); sa.char(10);
    }
  }

  /** Forward mappings of both protocols, one per line, prefixed "tcp " or "udp ". */
  mappingsText(sa: StringAccum, now: i64): void {
    for (let f = 0; f < this.capacity; f++) {
      if (!this.live[f]) continue;
      sa.add(this.proto[f] == PROTO_TCP ? "tcp " : "udp ");
      this.unparse(sa, f, 0, now); sa.char(10);
    }
  }
}

/** A monotonic element clock fed with packet timestamps (or the host's clock for
 *  packets without one); it never goes backwards. */
export class NatClock {
  now: i64 = 0;
  // @ts-ignore: decorator
  @inline advance(t: i64): i64 {
    if (t > this.now) this.now = t;
    return this.now;
  }
}
