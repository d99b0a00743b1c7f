// UDPHeader: a view of the 8-byte UDP header (RFC 768), plus pseudo-header checksums.

import { onesSum, foldChecksum, pseudoHeaderSum4, pseudoHeaderSum6 } from "./checksum";
import { IP_PROTO_UDP } from "./ip";

export const UDP_HEADER_LEN: u32 = 8;

/** UDP header: source port, destination port, length, checksum (all host order). */
@unmanaged
export class UDPHeader {
  // @ts-ignore: decorator
  @inline static at(ptr: usize, avail: u32): UDPHeader | null {
    return changetype<UDPHeader | null>(select<usize>(ptr, 0, avail >= UDP_HEADER_LEN));
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

  /** Length of header and data in bytes. */
  // @ts-ignore: decorator
  @inline get length(): u16 {
    return bswap<u16>(load<u16>(changetype<usize>(this), 4));
  }
  // @ts-ignore: decorator
  @inline set length(v: u16) {
    store<u16>(changetype<usize>(this), bswap<u16>(v), 4);
  }

  /** Checksum field, host order (0 over IPv4 means "no checksum"). */
  // @ts-ignore: decorator
  @inline get checksum(): u16 {
    return bswap<u16>(load<u16>(changetype<usize>(this), 6));
  }
  // @ts-ignore: decorator
  @inline set checksum(v: u16) {
    store<u16>(changetype<usize>(this), bswap<u16>(v), 6);
  }

  // @ts-ignore: decorator
  @inline payloadPtr(): usize {
    return changetype<usize>(this) + UDP_HEADER_LEN;
  }

  /** Sum over `len` bytes of header and data, the checksum field taken as 0. */
  // @ts-ignore: decorator
  @inline private bodySum(len: u32, initial: u32): u32 {
    let p = changetype<usize>(this);
    len = max<u32>(len, UDP_HEADER_LEN);
    return onesSum(p + 8, len - 8, onesSum(p, 6, initial));
  }

  /**
   * UDP checksum over IPv4: `srcIp`/`dstIp` raw network order (IPv4Header.src/dst), `len`
   * the UDP length (header + data). A computed 0 is sent as 0xffff (RFC 768).
   */
  computeChecksum4(srcIp: u32, dstIp: u32, len: u32): u16 {
    let ck = foldChecksum(this.bodySum(len, pseudoHeaderSum4(srcIp, dstIp, IP_PROTO_UDP, len)));
    return ck == 0 ? 0xffff : ck;
  }

  // @ts-ignore: decorator
  @inline updateChecksum4(srcIp: u32, dstIp: u32, len: u32): void {
    this.checksum = this.computeChecksum4(srcIp, dstIp, len);
  }

  /** Whether the stored checksum is correct over IPv4 (0 counts as valid: none sent). */
  checksumValid4(srcIp: u32, dstIp: u32, len: u32): bool {
    let stored = this.checksum;
    return stored == 0 || stored == this.computeChecksum4(srcIp, dstIp, len);
  }

  /** UDP checksum over IPv6 (16-byte addresses at `srcPtr`/`dstPtr`); never 0. */
  computeChecksum6(srcPtr: usize, dstPtr: usize, len: u32): u16 {
    let ck = foldChecksum(this.bodySum(len, pseudoHeaderSum6(srcPtr, dstPtr, IP_PROTO_UDP, len)));
    return ck == 0 ? 0xffff : ck;
  }

  // @ts-ignore: decorator
  @inline updateChecksum6(srcPtr: usize, dstPtr: usize, len: u32): void {
    this.checksum = this.computeChecksum6(srcPtr, dstPtr, len);
  }
}
