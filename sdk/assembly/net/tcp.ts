// TCPHeader: a view of a TCP header (RFC 9293), plus pseudo-header checksums.

import { onesSum, foldChecksum, pseudoHeaderSum4, pseudoHeaderSum6 } from "./checksum";
import { IP_PROTO_TCP } from "./ip";

export const TCP_HEADER_MIN_LEN: u32 = 20;

// Flag bits of byte 13 (`flags`).
export const TCP_FIN: u8 = 0x01;
export const TCP_SYN: u8 = 0x02;
export const TCP_RST: u8 = 0x04;
export const TCP_PSH: u8 = 0x08;
export const TCP_ACK: u8 = 0x10;
export const TCP_URG: u8 = 0x20;
export const TCP_ECE: u8 = 0x40;
export const TCP_CWR: u8 = 0x80;

/** TCP header; multi-byte fields host order. */
@unmanaged
export class TCPHeader {
  /**
   * The view at `ptr`, or null unless 20 bytes are available, the data offset is >= 5 and
   * dataOffset*4 bytes are available.
   */
  static at(ptr: usize, avail: u32): TCPHeader | null {
    if (avail < TCP_HEADER_MIN_LEN) return null;
    let off = <u32>load<u8>(ptr, 12) >> 4;
    let ok = i32(off >= 5) & i32((off << 2) <= avail);
    return changetype<TCPHeader | null>(select<usize>(ptr, 0, ok));
  }

  /** Zeroes 20 bytes and sets data offset 5; null if `avail` < 20. */
  static init(ptr: usize, avail: u32): TCPHeader | null {
    if (avail < TCP_HEADER_MIN_LEN) return null;
    memory.fill(ptr, 0, TCP_HEADER_MIN_LEN);
    store<u8>(ptr, 0x50, 12);
    return changetype<TCPHeader>(ptr);
  }

  // @ts-ignore: decorator
  @inline get ptr(): usize {
    return changetype<usize>(this);
  }

  // @ts-ignore: decorator
  @inline get srcPort(): u16 {
    return bswap<u16>(load<u16>(changetype<usize>(this)));
  }
  // @ts-ignore: decorator
  @inline set srcPort(v: u16) {
    store<u16>(changetype<usize>(this), bswap<u16>(v));
  }

  // @ts-ignore: decorator
  @inline get dstPort(): u16 {
    return bswap<u16>(load<u16>(changetype<usize>(this), 2));
  }
  // @ts-ignore: decorator
  @inline set dstPort(v: u16) {
    store<u16>(changetype<usize>(this), bswap<u16>(v), 2);
  }

  // @ts-ignore: decorator
  @inline get seq(): u32 {
    return bswap<u32>(load<u32>(changetype<usize>(this), 4));
  }
  // @ts-ignore: decorator
  @inline set seq(v: u32) {
    store<u32>(changetype<usize>(this), bswap<u32>(v), 4);
  }

  // @ts-ignore: decorator
  @inline get ack(): u32 {
    return bswap<u32>(load<u32>(changetype<usize>(this), 8));
  }
  // @ts-ignore: decorator
  @inline set ack(v: u32) {
    store<u32>(changetype<usize>(this), bswap<u32>(v), 8);
  }

  /** Header length in 32-bit words. */
  // @ts-ignore: decorator
  @inline get dataOffset(): u8 {
    return load<u8>(changetype<usize>(this), 12) >> 4;
  }
  // @ts-ignore: decorator
  @inline set dataOffset(v: u8) {
    let p = changetype<usize>(this);
    store<u8>(p, (load<u8>(p, 12) & 0x0f) | (v << 4), 12);
  }

  /** Header length in bytes (dataOffset * 4). */
  // @ts-ignore: decorator
  @inline get headerLength(): u32 {
    return (<u32>load<u8>(changetype<usize>(this), 12) >> 4) << 2;
  }

  /** Flag byte: TCP_FIN | TCP_SYN | ... | TCP_CWR. */
  // @ts-ignore: decorator
  @inline get flags(): u8 {
    return load<u8>(changetype<usize>(this), 13);
  }
  // @ts-ignore: decorator
  @inline set flags(v: u8) {
    store<u8>(changetype<usize>(this), v, 13);
  }

  /** Whether all bits of `mask` are set in `flags`. */
  // @ts-ignore: decorator
  @inline hasFlags(mask: u8): bool {
    return (load<u8>(changetype<usize>(this), 13) & mask) == mask;
  }

  // @ts-ignore: decorator
  @inline get window(): u16 {
    return bswap<u16>(load<u16>(changetype<usize>(this), 14));
  }
  // @ts-ignore: decorator
  @inline set window(v: u16) {
    store<u16>(changetype<usize>(this), bswap<u16>(v), 14);
  }

  // @ts-ignore: decorator
  @inline get checksum(): u16 {
    return bswap<u16>(load<u16>(changetype<usize>(this), 16));
  }
  // @ts-ignore: decorator
  @inline set checksum(v: u16) {
    store<u16>(changetype<usize>(this), bswap<u16>(v), 16);
  }

  // @ts-ignore: decorator
  @inline get urgent(): u16 {
    return bswap<u16>(load<u16>(changetype<usize>(this), 18));
  }
  // @ts-ignore: decorator
  @inline set urgent(v: u16) {
    store<u16>(changetype<usize>(this), bswap<u16>(v), 18);
  }

  /** Pointer to the first byte after the header (options included). */
  // @ts-ignore: decorator
  @inline payloadPtr(): usize {
    return changetype<usize>(this) + this.headerLength;
  }

  // @ts-ignore: decorator
  @inline private segmentSum(len: u32, initial: u32): u32 {
    let p = changetype<usize>(this);
    len = max<u32>(len, TCP_HEADER_MIN_LEN);
    return onesSum(p + 18, len - 18, onesSum(p, 16, initial));
  }

  /** TCP checksum over IPv4: addresses raw network order, `len` = header + data bytes. */
  computeChecksum4(srcIp: u32, dstIp: u32, len: u32): u16 {
    return foldChecksum(this.segmentSum(len, pseudoHeaderSum4(srcIp, dstIp, IP_PROTO_TCP, len)));
  }

  // @ts-ignore: decorator
  @inline updateChecksum4(srcIp: u32, dstIp: u32, len: u32): void {
    this.checksum = this.computeChecksum4(srcIp, dstIp, len);
  }

  // @ts-ignore: decorator
  @inline checksumValid4(srcIp: u32, dstIp: u32, len: u32): bool {
    return this.checksum == this.computeChecksum4(srcIp, dstIp, len);
  }

  /** TCP checksum over IPv6 (16-byte addresses at `srcPtr`/`dstPtr`). */
  computeChecksum6(srcPtr: usize, dstPtr: usize, len: u32): u16 {
    return foldChecksum(this.segmentSum(len, pseudoHeaderSum6(srcPtr, dstPtr, IP_PROTO_TCP, len)));
  }

  // @ts-ignore: decorator
  @inline updateChecksum6(srcPtr: usize, dstPtr: usize, len: u32): void {
    this.checksum = this.computeChecksum6(srcPtr, dstPtr, len);
  }

  // @ts-ignore: decorator
  @inline checksumValid6(srcPtr: usize, dstPtr: usize, len: u32): bool {
    return this.checksum == this.computeChecksum6(srcPtr, dstPtr, len);
  }
}
