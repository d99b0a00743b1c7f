// Packet: a view over one batch descriptor (see sdk/ABI.md). It is an @unmanaged
// class laid over the descriptor memory, so handing a Packet to an element costs
// nothing and allocates nothing. Authors see lengths, offsets and header views;
// the raw addresses stay private to the SDK.

import {
  DESC_BUF, DESC_CAP, DESC_DATA, DESC_LEN, DESC_PORT, DESC_FLAGS, DESC_MAC, DESC_NET,
  DESC_TRANSPORT, DESC_PACKET_TYPE, DESC_TIMESTAMP_NS, DESC_ANNO,
  ANNO_DST_IP, ANNO_PAINT, ANNO_USER, ANNO_SIZE, NO_HEADER, DROP, FLAG_ANNO, FLAG_EMITTED,
} from "./abi.generated";
import { EtherHeader } from "./net/ether";
import { IPv4Header } from "./net/ip";
import { IPv6Header } from "./net/ip6";
import { ARPHeader } from "./net/arp";
import { ICMPHeader } from "./net/icmp";
import { UDPHeader } from "./net/udp";
import { TCPHeader } from "./net/tcp";
import { makePacket } from "./internal/emit";
import { stampOrder } from "./internal/order";

// @ts-ignore: decorator
@inline function outOfRange(what: string): void {
  abort(what, null, 0, 0);
}

@unmanaged
export class Packet {
  // ---- raw descriptor access (SDK-internal; authors use the members below) ----
  @inline get _desc(): usize { return changetype<usize>(this); }
  @inline get _buf(): usize { return <usize>load<u32>(this._desc + DESC_BUF); }
  @inline get _cap(): u32 { return load<u32>(this._desc + DESC_CAP); }
  @inline get _data(): usize { return <usize>load<u32>(this._desc + DESC_DATA); }
  // (No @inline on setters whose getter has one: TypeScript refuses decorators on
  // both accessors of a name, and -O3 inlines these one-store setters anyway.)
  set _data(v: usize) { store<u32>(this._desc + DESC_DATA, <u32>v); }
  @inline set _len(v: u32) { store<u32>(this._desc + DESC_LEN, v); }
  /** Marks the annotations as changed, so the host copies them back (ABI FLAG_ANNO). */
  @inline private annoWritten(): void {
    store<u32>(this._desc + DESC_FLAGS, load<u32>(this._desc + DESC_FLAGS) | <u32>FLAG_ANNO);
  }

  /** Allocates a new packet of `length` zero bytes, owned by this crossing; emit it
   *  with Element.emit or it is dropped. Returns null past ABI MAX_EMIT. */
  static make(length: u32, headroom: u32 = 64, tailroom: u32 = 64): Packet | null {
    return makePacket(length, headroom, tailroom);
  }

  /** A copy of this packet (data, annotations, header offsets) as a new packet. */
  clone(): Packet | null {
    const q = makePacket(this.length, this.headroom, this.tailroom);
    if (q === null) return null;
    memory.copy(q._data, this._data, this.length);
    memory.copy(q._desc + DESC_ANNO, this._desc + DESC_ANNO, ANNO_SIZE);
    q.annoWritten();
    store<i32>(q._desc + DESC_MAC, load<i32>(this._desc + DESC_MAC));
    store<i32>(q._desc + DESC_NET, load<i32>(this._desc + DESC_NET));
    store<i32>(q._desc + DESC_TRANSPORT, load<i32>(this._desc + DESC_TRANSPORT));
    store<u32>(q._desc + DESC_PACKET_TYPE, this.packetType);
    store<i64>(q._desc + DESC_TIMESTAMP_NS, this.timestampNs);
    return q;
  }

  // ---- length and room ----
  @inline get length(): u32 { return load<u32>(this._desc + DESC_LEN); }
  /** Address of the first data byte in module memory, for hot loops that read
   *  many bytes and check them against `length` themselves (the byte accessors
   *  below check every access). Valid until the next push, pull, put or take. */
  @inline get dataAddress(): usize { return this._data; }
  @inline get headroom(): u32 { return <u32>(this._data - this._buf); }
  @inline get tailroom(): u32 { return this._cap - this.headroom - this.length; }

  /** Adds n bytes at the front (uses headroom). False, unchanged, if there is too little. */
  @inline push(n: u32): bool {
    if (n > this.headroom) return false;
    this._data = this._data - n;
    this._len = this.length + n;
    return true;
  }
  /** Removes n bytes from the front. False, unchanged, if the packet is shorter. */
  @inline pull(n: u32): bool {
    if (n > this.length) return false;
    this._data = this._data + n;
    this._len = this.length - n;
    return true;
  }
  /** Adds n zero bytes at the end (uses tailroom). */
  put(n: u32): bool {
    if (n > this.tailroom) return false;
    memory.fill(this._data + this.length, 0, n);
    this._len = this.length + n;
    return true;
  }
  /** Removes n bytes from the end. */
  @inline take(n: u32): bool {
    if (n > this.length) return false;
    this._len = this.length - n;
    return true;
  }

  // ---- bytes (network byte order for multi-byte values), bounds-checked ----
  @inline private check(offset: u32, size: u32): usize {
    if (<u64>offset + size > <u64>this.length) outOfRange("packet access out of range");
    return this._data + offset;
  }
  @inline u8(offset: u32): u8 { return load<u8>(this.check(offset, 1)); }
  @inline u16(offset: u32): u16 { return bswap<u16>(load<u16>(this.check(offset, 2))); }
  @inline u32(offset: u32): u32 { return bswap<u32>(load<u32>(this.check(offset, 4))); }
  @inline setU8(offset: u32, v: u8): void { store<u8>(this.check(offset, 1), v); }
  @inline setU16(offset: u32, v: u16): void { store<u16>(this.check(offset, 2), bswap<u16>(v)); }
  @inline setU32(offset: u32, v: u32): void { store<u32>(this.check(offset, 4), bswap<u32>(v)); }
  /** Copies `length` bytes within the packet (overlap allowed). */
  move(to: u32, from: u32, length: u32): void {
    memory.copy(this.check(to, length), this.check(from, length), length);
  }
  /** Copies bytes out of the packet into `dst` (no allocation). */
  copyTo(offset: u32, dst: Uint8Array): void {
    memory.copy(dst.dataStart, this.check(offset, dst.length), dst.length);
  }
  /** Copies `src` into the packet at `offset`. */
  copyFrom(offset: u32, src: Uint8Array): void {
    memory.copy(this.check(offset, src.length), src.dataStart, src.length);
  }
  /** Copies `length` bytes at `offset` of another packet into this one at `to`. */
  copyFromPacket(to: u32, src: Packet, offset: u32, length: u32): void {
    memory.copy(this.check(to, length), src.check(offset, length), length);
  }
  /** Compares bytes at `offset` with `pattern`. */
  matches(offset: u32, pattern: Uint8Array): bool {
    if (<u64>offset + pattern.length > <u64>this.length) return false;
    return memory.compare(this._data + offset, pattern.dataStart, pattern.length) == 0;
  }

  // ---- header views at fixed offsets from the data start ----
  ether(): EtherHeader | null { return EtherHeader.at(this._data, this.length); }
  arpAt(offset: u32): ARPHeader | null {
    return offset > this.length ? null : ARPHeader.at(this._data + offset, this.length - offset);
  }
  @inline ipAt(offset: u32): IPv4Header | null {
    return offset > this.length ? null : IPv4Header.at(this._data + offset, this.length - offset);
  }
  ip6At(offset: u32): IPv6Header | null {
    return offset > this.length ? null : IPv6Header.at(this._data + offset, this.length - offset);
  }

  // ---- Click's header annotations ----
  /** Offset of the network header from the data start, or -1 if unset (or pulled past). */
  @inline get networkHeaderOffset(): i32 {
    const net = load<i32>(this._desc + DESC_NET);
    if (net == NO_HEADER) return -1;
    const rel = <i32>(this._buf + <usize>net) - <i32>this._data;
    return rel >= 0 && <u32>rel < this.length ? rel : -1;
  }
  /** Sets the network header (and transport header, `length` bytes later), like Click's set_network_header. */
  setNetworkHeader(offset: u32, length: u32): void {
    store<i32>(this._desc + DESC_NET, <i32>(this._data + offset - this._buf));
    store<i32>(this._desc + DESC_TRANSPORT, <i32>(this._data + offset + length - this._buf));
  }
  @inline get transportHeaderOffset(): i32 {
    const t = load<i32>(this._desc + DESC_TRANSPORT);
    if (t == NO_HEADER) return -1;
    const rel = <i32>(this._buf + <usize>t) - <i32>this._data;
    return rel >= 0 && <u32>rel <= this.length ? rel : -1;
  }
  @inline get macHeaderOffset(): i32 {
    const m = load<i32>(this._desc + DESC_MAC);
    if (m == NO_HEADER) return -1;
    const rel = <i32>(this._buf + <usize>m) - <i32>this._data;
    return rel >= 0 && <u32>rel < this.length ? rel : -1;
  }
  setMacHeader(offset: u32): void {
    store<i32>(this._desc + DESC_MAC, <i32>(this._data + offset - this._buf));
  }
  /** The IPv4 header at the network header annotation, or at the data start when no
   *  network header is set (so `Strip(14) -> DecIPTTL` works without CheckIPHeader).
   *  Null when the bytes there are not a plausible IPv4 header. */
  @inline ip(): IPv4Header | null {
    const off = this.networkHeaderOffset;
    return this.ipAt(off < 0 ? 0 : <u32>off);
  }
  ip6(): IPv6Header | null {
    const off = this.networkHeaderOffset;
    return this.ip6At(off < 0 ? 0 : <u32>off);
  }
  /** The transport header after the IPv4 header returned by ip(). */
  private transportAt(minLen: u32): usize {
    const iph = this.ip();
    if (iph === null) return 0;
    const start = <u32>(changetype<usize>(iph) - this._data) + iph.headerLength;
    if (<u64>start + minLen > <u64>this.length) return 0;
    return this._data + start;
  }
  udp(): UDPHeader | null {
    const at = this.transportAt(8);
    return at == 0 || this.ip()!.protocol != 17 ? null : UDPHeader.at(at, 8);
  }
  tcp(): TCPHeader | null {
    const at = this.transportAt(20);
    if (at == 0 || this.ip()!.protocol != 6) return null;
    return TCPHeader.at(at, <u32>(this._data + this.length - at));
  }
  icmp(): ICMPHeader | null {
    const at = this.transportAt(8);
    return at == 0 || this.ip()!.protocol != 1 ? null : ICMPHeader.at(at, <u32>(this._data + this.length - at));
  }
  /** Offset from the data start of the transport header following ip(), or -1. */
  get ipPayloadOffset(): i32 {
    const iph = this.ip();
    if (iph === null) return -1;
    return <i32>(changetype<usize>(iph) - this._data) + <i32>iph.headerLength;
  }

  // ---- other annotations ----
  @inline get paint(): u8 { return load<u8>(this._desc + DESC_ANNO + ANNO_PAINT); }
  set paint(v: u8) { store<u8>(this._desc + DESC_ANNO + ANNO_PAINT, v); this.annoWritten(); }
  /** Destination IP annotation, raw network byte order (as IPv4Header.dst). */
  get dstIPAnno(): u32 { return load<u32>(this._desc + DESC_ANNO + ANNO_DST_IP); }
  set dstIPAnno(v: u32) { store<u32>(this._desc + DESC_ANNO + ANNO_DST_IP, v); this.annoWritten(); }
  /** User annotation bytes, Click's user_anno_c / u / set_*: offset within the 32-byte user area. */
  userAnnoU8(i: u32): u8 { return i < 32 ? load<u8>(this._desc + DESC_ANNO + ANNO_USER + i) : 0; }
  setUserAnnoU8(i: u32, v: u8): void { if (i < 32) { store<u8>(this._desc + DESC_ANNO + ANNO_USER + i, v); this.annoWritten(); } }
  userAnnoU32(i: u32): u32 { return i <= 28 ? load<u32>(this._desc + DESC_ANNO + ANNO_USER + i) : 0; }
  setUserAnnoU32(i: u32, v: u32): void { if (i <= 28) { store<u32>(this._desc + DESC_ANNO + ANNO_USER + i, v); this.annoWritten(); } }
  /** Annotation bytes by Click offset (Anno.PAINT, Anno.ICMP_PARAMPROB, ...):
   *  Click's anno_u8/u16/u32 and set_anno_*. Host byte order as stored; reads
   *  past the 48-byte area give 0 and writes there are ignored. */
  anno8(offset: u32): u8 { return offset < <u32>ANNO_SIZE ? load<u8>(this._desc + DESC_ANNO + offset) : 0; }
  setAnno8(offset: u32, v: u8): void { if (offset < <u32>ANNO_SIZE) { store<u8>(this._desc + DESC_ANNO + offset, v); this.annoWritten(); } }
  anno16(offset: u32): u16 { return offset + 2 <= <u32>ANNO_SIZE ? load<u16>(this._desc + DESC_ANNO + offset) : 0; }
  setAnno16(offset: u32, v: u16): void { if (offset + 2 <= <u32>ANNO_SIZE) { store<u16>(this._desc + DESC_ANNO + offset, v); this.annoWritten(); } }
  anno32(offset: u32): u32 { return offset + 4 <= <u32>ANNO_SIZE ? load<u32>(this._desc + DESC_ANNO + offset) : 0; }
  setAnno32(offset: u32, v: u32): void { if (offset + 4 <= <u32>ANNO_SIZE) { store<u32>(this._desc + DESC_ANNO + offset, v); this.annoWritten(); } }
  /** Zeroes the 32-byte user annotation area (the paint included), as Click's
   *  clear_annotations does for a fresh packet. */
  clearUserAnno(): void {
    const at = this._desc + DESC_ANNO + ANNO_USER;
    store<u64>(at, 0); store<u64>(at, 0, 8); store<u64>(at, 0, 16); store<u64>(at, 0, 24);
    this.annoWritten();
  }
  get timestampNs(): i64 { return load<i64>(this._desc + DESC_TIMESTAMP_NS); }
  set timestampNs(v: i64) { store<i64>(this._desc + DESC_TIMESTAMP_NS, v); }
  get packetType(): u32 { return load<u32>(this._desc + DESC_PACKET_TYPE); }
  set packetType(v: u32) { store<u32>(this._desc + DESC_PACKET_TYPE, v); }

  // ---- where it goes ----
  /** The output port chosen so far (0 when the element does nothing), or -1 for drop. */
  @inline get output(): i32 { return load<i32>(this._desc + DESC_PORT); }
  /** Sends the packet to output `port` when the crossing ends. */
  @inline setOutput(port: i32): void {
    store<i32>(this._desc + DESC_PORT, port);
    stampOrder(this._desc); // the host delivers in this order (ABI ORDER_SHIFT)
  }
  /** Drops the packet (Click's kill()). */
  @inline kill(): void { store<i32>(this._desc + DESC_PORT, DROP); }
  /** True if this packet was made by the element during this crossing. */
  get isNew(): bool { return (load<u32>(this._desc + DESC_FLAGS) & FLAG_EMITTED) != 0; }
}
