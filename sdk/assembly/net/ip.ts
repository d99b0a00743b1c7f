// IPv4Header: a view of an IPv4 header (RFC 791) in packet memory (no allocation).

import { IPAddress } from "./address";
import { onesSum, foldChecksum, internetChecksum, incrementalUpdate16, incrementalUpdateRaw32 } from "./checksum";

export const IP_HEADER_MIN_LEN: u32 = 20;

// Protocol numbers (IANA), as in Click's <clicknet/ip.h>.
export const IP_PROTO_HOPOPTS: u8 = 0;
export const IP_PROTO_ICMP: u8 = 1;
export const IP_PROTO_IGMP: u8 = 2;
export const IP_PROTO_IPIP: u8 = 4;
export const IP_PROTO_TCP: u8 = 6;
export const IP_PROTO_UDP: u8 = 17;
export const IP_PROTO_IPV6: u8 = 41;
export const IP_PROTO_ROUTING: u8 = 43;
export const IP_PROTO_FRAGMENT: u8 = 44;
export const IP_PROTO_GRE: u8 = 47;
export const IP_PROTO_ESP: u8 = 50;
export const IP_PROTO_AH: u8 = 51;
export const IP_PROTO_ICMPV6: u8 = 58;
export const IP_PROTO_NONE: u8 = 59;
export const IP_PROTO_DSTOPTS: u8 = 60;
export const IP_PROTO_SCTP: u8 = 132;

// The 16-bit flags/fragment-offset word.
export const IP_RF: u16 = 0x8000;
export const IP_DF: u16 = 0x4000;
export const IP_MF: u16 = 0x2000;
export const IP_OFFMASK: u16 = 0x1fff;

/**
 * IPv4 header. Multi-byte fields read and write host order; `src`/`dst` are raw network-
 * order u32s (IPAddress.raw), `srcAddr()`/`dstAddr()` wrap them (allocating).
 * Setters do not touch the checksum: call `updateChecksum()` or patch it incrementally
 * with `incrementalUpdate16` after changing fields.
 */
@unmanaged
export class IPv4Header {
  /**
   * The view at `ptr`, or null unless at least 20 bytes are available, the version is 4,
   * ihl >= 5 and the ihl*4 header bytes are available.
   */
  @inline static at(ptr: usize, avail: u32): IPv4Header | null {
    if (avail < IP_HEADER_MIN_LEN) return null;
    let b = <u32>load<u8>(ptr);
    let ihl = b & 15;
    let ok = i32((b >> 4) == 4) & i32(ihl >= 5) & i32((ihl << 2) <= avail);
    return changetype<IPv4Header | null>(select<usize>(ptr, 0, ok));
  }

  /** Writes version 4, ihl 5 and zeroes the rest of a 20-byte header; null if `avail` < 20. */
  static init(ptr: usize, avail: u32): IPv4Header | null {
    if (avail < IP_HEADER_MIN_LEN) return null;
    memory.fill(ptr, 0, IP_HEADER_MIN_LEN);
    store<u8>(ptr, 0x45);
    return changetype<IPv4Header>(ptr);
  }

  // @ts-ignore: decorator
  @inline get ptr(): usize {
    return changetype<usize>(this);
  }

  // @ts-ignore: decorator
  @inline get version(): u8 {
    return load<u8>(changetype<usize>(this)) >> 4;
  }
  // @ts-ignore: decorator
  @inline set version(v: u8) {
    let p = changetype<usize>(this);
    store<u8>(p, (load<u8>(p) & 0x0f) | (v << 4));
  }

  /** Header length in 32-bit words. */
  // @ts-ignore: decorator
  @inline get ihl(): u8 {
    return load<u8>(changetype<usize>(this)) & 0x0f;
  }
  // @ts-ignore: decorator
  @inline set ihl(v: u8) {
    let p = changetype<usize>(this);
    store<u8>(p, (load<u8>(p) & 0xf0) | (v & 0x0f));
  }

  /** Header length in bytes (ihl * 4). */
  // @ts-ignore: decorator
  @inline get headerLength(): u32 {
    return (<u32>load<u8>(changetype<usize>(this)) & 0x0f) << 2;
  }

  // @ts-ignore: decorator
  @inline get tos(): u8 {
    return load<u8>(changetype<usize>(this), 1);
  }
  // @ts-ignore: decorator
  @inline set tos(v: u8) {
    store<u8>(changetype<usize>(this), v, 1);
  }

  /** Differentiated services code point: the upper 6 bits of tos. */
  // @ts-ignore: decorator
  @inline get dscp(): u8 {
    return load<u8>(changetype<usize>(this), 1) >> 2;
  }
  // @ts-ignore: decorator
  @inline set dscp(v: u8) {
    let p = changetype<usize>(this);
    store<u8>(p, (load<u8>(p, 1) & 3) | (v << 2), 1);
  }

  /** Explicit congestion notification: the low 2 bits of tos. */
  // @ts-ignore: decorator
  @inline get ecn(): u8 {
    return load<u8>(changetype<usize>(this), 1) & 3;
  }
  // @ts-ignore: decorator
  @inline set ecn(v: u8) {
    let p = changetype<usize>(this);
    store<u8>(p, (load<u8>(p, 1) & 0xfc) | (v & 3), 1);
  }

  // @ts-ignore: decorator
  @inline get totalLength(): u16 {
    return bswap<u16>(load<u16>(changetype<usize>(this), 2));
  }
  // @ts-ignore: decorator
  @inline set totalLength(v: u16) {
    store<u16>(changetype<usize>(this), bswap<u16>(v), 2);
  }

  // @ts-ignore: decorator
  @inline get id(): u16 {
    return bswap<u16>(load<u16>(changetype<usize>(this), 4));
  }
  // @ts-ignore: decorator
  @inline set id(v: u16) {
    store<u16>(changetype<usize>(this), bswap<u16>(v), 4);
  }

  /** The whole flags/fragment-offset word (IP_DF, IP_MF, IP_OFFMASK). */
  // @ts-ignore: decorator
  @inline get fragWord(): u16 {
    return bswap<u16>(load<u16>(changetype<usize>(this), 6));
  }
  // @ts-ignore: decorator
  @inline set fragWord(v: u16) {
    store<u16>(changetype<usize>(this), bswap<u16>(v), 6);
  }

  /** The 3 flag bits (reserved, DF, MF) as 0..7. */
  // @ts-ignore: decorator
  @inline get flags(): u8 {
    return load<u8>(changetype<usize>(this), 6) >> 5;
  }
  // @ts-ignore: decorator
  @inline set flags(v: u8) {
    let p = changetype<usize>(this);
    store<u8>(p, (load<u8>(p, 6) & 0x1f) | (v << 5), 6);
  }

  /** Don't Fragment. */
  // @ts-ignore: decorator
  @inline get df(): bool {
    return (load<u8>(changetype<usize>(this), 6) & 0x40) != 0;
  }
  // @ts-ignore: decorator
  @inline set df(v: bool) {
    let p = changetype<usize>(this);
    store<u8>(p, (load<u8>(p, 6) & 0xbf) | (<u8>v << 6), 6);
  }

  /** More Fragments. */
  // @ts-ignore: decorator
  @inline get mf(): bool {
    return (load<u8>(changetype<usize>(this), 6) & 0x20) != 0;
  }
  // @ts-ignore: decorator
  @inline set mf(v: bool) {
    let p = changetype<usize>(this);
    store<u8>(p, (load<u8>(p, 6) & 0xdf) | (<u8>v << 5), 6);
  }

  /** Fragment offset in 8-byte units. */
  // @ts-ignore: decorator
  @inline get fragOffset(): u16 {
    return this.fragWord & IP_OFFMASK;
  }
  // @ts-ignore: decorator
  @inline set fragOffset(v: u16) {
    this.fragWord = (this.fragWord & ~IP_OFFMASK) | (v & IP_OFFMASK);
  }

  /** True for any fragment (MF set or a nonzero offset). */
  // @ts-ignore: decorator
  @inline get isFragment(): bool {
    return (this.fragWord & (IP_MF | IP_OFFMASK)) != 0;
  }

  /** True for a fragment other than the first. */
  // @ts-ignore: decorator
  @inline get isLaterFragment(): bool {
    return (this.fragWord & IP_OFFMASK) != 0;
  }

  // @ts-ignore: decorator
  @inline get ttl(): u8 {
    return load<u8>(changetype<usize>(this), 8);
  }
  // @ts-ignore: decorator
  @inline set ttl(v: u8) {
    store<u8>(changetype<usize>(this), v, 8);
  }

  // @ts-ignore: decorator
  @inline get protocol(): u8 {
    return load<u8>(changetype<usize>(this), 9);
  }
  // @ts-ignore: decorator
  @inline set protocol(v: u8) {
    store<u8>(changetype<usize>(this), v, 9);
  }

  /** The checksum field, host order. */
  // @ts-ignore: decorator
  @inline get checksum(): u16 {
    return bswap<u16>(load<u16>(changetype<usize>(this), 10));
  }
  // @ts-ignore: decorator
  @inline set checksum(v: u16) {
    store<u16>(changetype<usize>(this), bswap<u16>(v), 10);
  }

  /** Source address, raw network order. */
  // @ts-ignore: decorator
  @inline get src(): u32 {
    return load<u32>(changetype<usize>(this), 12);
  }
  // @ts-ignore: decorator
  @inline set src(v: u32) {
    store<u32>(changetype<usize>(this), v, 12);
  }

  /** Destination address, raw network order. */
  // @ts-ignore: decorator
  @inline get dst(): u32 {
    return load<u32>(changetype<usize>(this), 16);
  }
  // @ts-ignore: decorator
  @inline set dst(v: u32) {
    store<u32>(changetype<usize>(this), v, 16);
  }

  // @ts-ignore: decorator
  @inline srcPtr(): usize {
    return changetype<usize>(this) + 12;
  }
  // @ts-ignore: decorator
  @inline dstPtr(): usize {
    return changetype<usize>(this) + 16;
  }

  srcAddr(): IPAddress {
    return new IPAddress(this.src);
  }
  dstAddr(): IPAddress {
    return new IPAddress(this.dst);
  }
  // @ts-ignore: decorator
  @inline setSrcAddr(a: IPAddress): void {
    this.src = a.raw;
  }
  // @ts-ignore: decorator
  @inline setDstAddr(a: IPAddress): void {
    this.dst = a.raw;
  }

  /** Sets the TTL and patches the checksum incrementally (RFC 1624): TTL is the high
   *  byte of the 16-bit word it shares with the protocol. */
  // @ts-ignore: decorator
  @inline setTtlIncremental(v: u8): void {
    let p = changetype<usize>(this);
    let oldWord = bswap<u16>(load<u16>(p, 8));
    store<u8>(p, v, 8);
    this.checksum = incrementalUpdate16(this.checksum, oldWord, bswap<u16>(load<u16>(p, 8)));
  }

  /** Sets the source address (raw) and patches the checksum incrementally. A NAT must
   *  also patch the TCP/UDP checksum, which covers the address via the pseudo-header:
   *  `incrementalUpdateRaw32(l4.checksum, oldRaw, newRaw)`. */
  // @ts-ignore: decorator
  @inline setSrcIncremental(raw: u32): void {
    this.checksum = incrementalUpdateRaw32(this.checksum, this.src, raw);
    this.src = raw;
  }

  /** Sets the destination address (raw) and patches the checksum incrementally. */
  // @ts-ignore: decorator
  @inline setDstIncremental(raw: u32): void {
    this.checksum = incrementalUpdateRaw32(this.checksum, this.dst, raw);
    this.dst = raw;
  }

  /** Pointer to the first byte after the header (options included). */
  // @ts-ignore: decorator
  @inline payloadPtr(): usize {
    return changetype<usize>(this) + this.headerLength;
  }

  /** Header checksum over headerLength bytes, as if the checksum field were zero. */
  computeChecksum(): u16 {
    let p = changetype<usize>(this);
    let hl = max<u32>(this.headerLength, IP_HEADER_MIN_LEN); // never trust a rewritten ihl
    // bytes 0..9, then 12..hl-1: the first piece is even, so the sums chain
    return foldChecksum(onesSum(p + 12, hl - 12, onesSum(p, 10)));
  }

  /** Recomputes and stores the header checksum. */
  // @ts-ignore: decorator
  @inline updateChecksum(): void {
    this.checksum = this.computeChecksum();
  }

  /** Whether the stored checksum is correct. */
  // @ts-ignore: decorator
  @inline checksumValid(): bool {
    return internetChecksum(changetype<usize>(this), max<u32>(this.headerLength, IP_HEADER_MIN_LEN)) == 0;
  }
}
