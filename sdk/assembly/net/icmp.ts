// ICMPHeader: a view of the 8-byte ICMP (RFC 792) / ICMPv6 (RFC 4443) header.

import { onesSum, foldChecksum, pseudoHeaderSum6 } from "./checksum";
import { IP_PROTO_ICMPV6 } from "./ip";

export const ICMP_HEADER_LEN: u32 = 8;

// ICMPv4 types
export const ICMP_ECHO_REPLY: u8 = 0;
export const ICMP_DEST_UNREACH: u8 = 3;
export const ICMP_SOURCE_QUENCH: u8 = 4;
export const ICMP_REDIRECT: u8 = 5;
export const ICMP_ECHO: u8 = 8;
export const ICMP_ROUTER_ADVERT: u8 = 9;
export const ICMP_ROUTER_SOLICIT: u8 = 10;
export const ICMP_TIME_EXCEEDED: u8 = 11;
export const ICMP_PARAM_PROBLEM: u8 = 12;
export const ICMP_TIMESTAMP: u8 = 13;
export const ICMP_TIMESTAMP_REPLY: u8 = 14;

// ICMP_DEST_UNREACH codes
export const ICMP_UNREACH_NET: u8 = 0;
export const ICMP_UNREACH_HOST: u8 = 1;
export const ICMP_UNREACH_PROTOCOL: u8 = 2;
export const ICMP_UNREACH_PORT: u8 = 3;
export const ICMP_UNREACH_NEEDFRAG: u8 = 4;
export const ICMP_UNREACH_SRCFAIL: u8 = 5;
export const ICMP_UNREACH_NET_PROHIB: u8 = 9;
export const ICMP_UNREACH_HOST_PROHIB: u8 = 10;
export const ICMP_UNREACH_FILTER_PROHIB: u8 = 13;

// ICMP_REDIRECT codes
export const ICMP_REDIRECT_NET: u8 = 0;
export const ICMP_REDIRECT_HOST: u8 = 1;

// ICMP_TIME_EXCEEDED codes
export const ICMP_TIMXCEED_TRANSIT: u8 = 0;
export const ICMP_TIMXCEED_REASSEMBLY: u8 = 1;

// ICMPv6 types
export const ICMP6_DEST_UNREACH: u8 = 1;
export const ICMP6_PACKET_TOO_BIG: u8 = 2;
export const ICMP6_TIME_EXCEEDED: u8 = 3;
export const ICMP6_PARAM_PROBLEM: u8 = 4;
export const ICMP6_ECHO_REQUEST: u8 = 128;
export const ICMP6_ECHO_REPLY: u8 = 129;
export const ICMP6_ROUTER_SOLICIT: u8 = 133;
export const ICMP6_ROUTER_ADVERT: u8 = 134;
export const ICMP6_NEIGHBOR_SOLICIT: u8 = 135;
export const ICMP6_NEIGHBOR_ADVERT: u8 = 136;
export const ICMP6_REDIRECT: u8 = 137;

/**
 * ICMP header: type, code, checksum, and the second word read as identifier and sequence
 * (echo, timestamp) — for other types use `rest` (raw 32 bits, host order).
 */
@unmanaged
export class ICMPHeader {
  // @ts-ignore: decorator
  @inline static at(ptr: usize, avail: u32): ICMPHeader | null {
    return changetype<ICMPHeader | null>(select<usize>(ptr, 0, avail >= ICMP_HEADER_LEN));
  }

  // @ts-ignore: decorator
  @inline get ptr(): usize {
    return changetype<usize>(this);
  }

  // @ts-ignore: decorator
  @inline get type(): u8 {
    return load<u8>(changetype<usize>(this));
  }
  // @ts-ignore: decorator
  @inline set type(v: u8) {
    store<u8>(changetype<usize>(this), v);
  }

  // @ts-ignore: decorator
  @inline get code(): u8 {
    return load<u8>(changetype<usize>(this), 1);
  }
  // @ts-ignore: decorator
  @inline set code(v: u8) {
    store<u8>(changetype<usize>(this), v, 1);
  }

  // @ts-ignore: decorator
  @inline get checksum(): u16 {
    return bswap<u16>(load<u16>(changetype<usize>(this), 2));
  }
  // @ts-ignore: decorator
  @inline set checksum(v: u16) {
    store<u16>(changetype<usize>(this), bswap<u16>(v), 2);
  }

  // @ts-ignore: decorator
  @inline get identifier(): u16 {
    return bswap<u16>(load<u16>(changetype<usize>(this), 4));
  }
  // @ts-ignore: decorator
  @inline set identifier(v: u16) {
    store<u16>(changetype<usize>(this), bswap<u16>(v), 4);
  }

  // @ts-ignore: decorator
  @inline get sequence(): u16 {
    return bswap<u16>(load<u16>(changetype<usize>(this), 6));
  }
  // @ts-ignore: decorator
  @inline set sequence(v: u16) {
    store<u16>(changetype<usize>(this), bswap<u16>(v), 6);
  }

  /** Bytes 4..7 as one host-order word (gateway for redirects, MTU for NEEDFRAG, ...). */
  // @ts-ignore: decorator
  @inline get rest(): u32 {
    return bswap<u32>(load<u32>(changetype<usize>(this), 4));
  }
  // @ts-ignore: decorator
  @inline set rest(v: u32) {
    store<u32>(changetype<usize>(this), bswap<u32>(v), 4);
  }

  // @ts-ignore: decorator
  @inline payloadPtr(): usize {
    return changetype<usize>(this) + ICMP_HEADER_LEN;
  }

  /** ICMPv4 checksum over `len` bytes (header and data), the checksum field taken as 0. */
  computeChecksum(len: u32): u16 {
    let p = changetype<usize>(this);
    len = max<u32>(len, ICMP_HEADER_LEN);
    return foldChecksum(onesSum(p + 4, len - 4, onesSum(p, 2)));
  }

  // @ts-ignore: decorator
  @inline updateChecksum(len: u32): void {
    this.checksum = this.computeChecksum(len);
  }

  /** ICMPv6 checksum (with the IPv6 pseudo-header) over `len` bytes. */
  computeChecksum6(srcPtr: usize, dstPtr: usize, len: u32): u16 {
    let p = changetype<usize>(this);
    len = max<u32>(len, ICMP_HEADER_LEN);
    let s = pseudoHeaderSum6(srcPtr, dstPtr, IP_PROTO_ICMPV6, len);
    return foldChecksum(onesSum(p + 4, len - 4, onesSum(p, 2, s)));
  }

  // @ts-ignore: decorator
  @inline updateChecksum6(srcPtr: usize, dstPtr: usize, len: u32): void {
    this.checksum = this.computeChecksum6(srcPtr, dstPtr, len);
  }
}
