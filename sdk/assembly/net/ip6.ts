// IPv6Header: a view of the 40-byte IPv6 fixed header (RFC 8200), no allocation.

import { IP6Address } from "./address";

export const IP6_HEADER_LEN: u32 = 40;

/**
 * IPv6 fixed header: version (4 bits), traffic class (8), flow label (20), payload
 * length, next header, hop limit, source and destination (16 bytes each).
 */
@unmanaged
export class IPv6Header {
  /** The view at `ptr`, or null unless 40 bytes are available and the version is 6. */
  static at(ptr: usize, avail: u32): IPv6Header | null {
    if (avail < IP6_HEADER_LEN) return null;
    return changetype<IPv6Header | null>(select<usize>(ptr, 0, (load<u8>(ptr) >> 4) == 6));
  }

  /** Writes version 6 and zeroes the rest of the 40 bytes; null if `avail` < 40. */
  static init(ptr: usize, avail: u32): IPv6Header | null {
    if (avail < IP6_HEADER_LEN) return null;
    memory.fill(ptr, 0, IP6_HEADER_LEN);
    store<u8>(ptr, 0x60);
    return changetype<IPv6Header>(ptr);
  }

  // @ts-ignore: decorator
  @inline get ptr(): usize {
    return changetype<usize>(this);
  }

  /** The first 32-bit word (version, traffic class, flow label), host order. */
  // @ts-ignore: decorator
  @inline get vtcFlow(): u32 {
    return bswap<u32>(load<u32>(changetype<usize>(this)));
  }
  // @ts-ignore: decorator
  @inline set vtcFlow(v: u32) {
    store<u32>(changetype<usize>(this), bswap<u32>(v));
  }

  // @ts-ignore: decorator
  @inline get version(): u8 {
    return load<u8>(changetype<usize>(this)) >> 4;
  }
  // @ts-ignore: decorator
  @inline set version(v: u8) {
    this.vtcFlow = (this.vtcFlow & 0x0fffffff) | ((<u32>v & 15) << 28);
  }

  // @ts-ignore: decorator
  @inline get trafficClass(): u8 {
    return <u8>(this.vtcFlow >> 20);
  }
  // @ts-ignore: decorator
  @inline set trafficClass(v: u8) {
    this.vtcFlow = (this.vtcFlow & 0xf00fffff) | (<u32>v << 20);
  }

  // @ts-ignore: decorator
  @inline get flowLabel(): u32 {
    return this.vtcFlow & 0xfffff;
  }
  // @ts-ignore: decorator
  @inline set flowLabel(v: u32) {
    this.vtcFlow = (this.vtcFlow & 0xfff00000) | (v & 0xfffff);
  }

  // @ts-ignore: decorator
  @inline get payloadLength(): u16 {
    return bswap<u16>(load<u16>(changetype<usize>(this), 4));
  }
  // @ts-ignore: decorator
  @inline set payloadLength(v: u16) {
    store<u16>(changetype<usize>(this), bswap<u16>(v), 4);
  }

  // @ts-ignore: decorator
  @inline get nextHeader(): u8 {
    return load<u8>(changetype<usize>(this), 6);
  }
  // @ts-ignore: decorator
  @inline set nextHeader(v: u8) {
    store<u8>(changetype<usize>(this), v, 6);
  }

  // @ts-ignore: decorator
  @inline get hopLimit(): u8 {
    return load<u8>(changetype<usize>(this), 7);
  }
  // @ts-ignore: decorator
  @inline set hopLimit(v: u8) {
    store<u8>(changetype<usize>(this), v, 7);
  }

  /** Pointer to the 16 source address bytes. */
  // @ts-ignore: decorator
  @inline srcPtr(): usize {
    return changetype<usize>(this) + 8;
  }
  /** Pointer to the 16 destination address bytes. */
  // @ts-ignore: decorator
  @inline dstPtr(): usize {
    return changetype<usize>(this) + 24;
  }

  /** Source address as a new IP6Address (allocates); `a.load(h.srcPtr())` does not. */
  getSrc(): IP6Address {
    return IP6Address.read(changetype<usize>(this) + 8);
  }
  // @ts-ignore: decorator
  @inline setSrc(a: IP6Address): void {
    a.store(changetype<usize>(this) + 8);
  }
  getDst(): IP6Address {
    return IP6Address.read(changetype<usize>(this) + 24);
  }
  // @ts-ignore: decorator
  @inline setDst(a: IP6Address): void {
    a.store(changetype<usize>(this) + 24);
  }

  /** Pointer to the first byte after the fixed header. */
  // @ts-ignore: decorator
  @inline payloadPtr(): usize {
    return changetype<usize>(this) + IP6_HEADER_LEN;
  }
}
