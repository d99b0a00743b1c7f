// ARPHeader: a view of an Ethernet/IPv4 ARP message (RFC 826), 28 bytes.

import { IPAddress, EtherAddress } from "./address";
import { ETHERTYPE_IP } from "./ether";

export const ARP_HEADER_LEN: u32 = 28;

export const ARP_HRD_ETHER: u16 = 1;

export const ARP_OP_REQUEST: u16 = 1;
export const ARP_OP_REPLY: u16 = 2;
export const ARP_OP_REVREQUEST: u16 = 3;
export const ARP_OP_REVREPLY: u16 = 4;

/**
 * ARP for Ethernet and IPv4: hrd, pro, hln, pln, op, sha (6), spa (4), tha (6), tpa (4).
 * `at()` checks only the length, so a fresh packet can be filled in; check
 * `isEthernetIPv4()` before trusting the address fields of a received one.
 * Protocol addresses are raw (network order) u32s, like IPAddress.raw.
 */
@unmanaged
export class ARPHeader {
  // @ts-ignore: decorator
  @inline static at(ptr: usize, avail: u32): ARPHeader | null {
    return changetype<ARPHeader | null>(select<usize>(ptr, 0, avail >= ARP_HEADER_LEN));
  }

  // @ts-ignore: decorator
  @inline get ptr(): usize {
    return changetype<usize>(this);
  }

  // @ts-ignore: decorator
  @inline get hrd(): u16 {
    return bswap<u16>(load<u16>(changetype<usize>(this)));
  }
  // @ts-ignore: decorator
  @inline set hrd(v: u16) {
    store<u16>(changetype<usize>(this), bswap<u16>(v));
  }

  // @ts-ignore: decorator
  @inline get pro(): u16 {
    return bswap<u16>(load<u16>(changetype<usize>(this), 2));
  }
  // @ts-ignore: decorator
  @inline set pro(v: u16) {
    store<u16>(changetype<usize>(this), bswap<u16>(v), 2);
  }

  // @ts-ignore: decorator
  @inline get hln(): u8 {
    return load<u8>(changetype<usize>(this), 4);
  }
  // @ts-ignore: decorator
  @inline set hln(v: u8) {
    store<u8>(changetype<usize>(this), v, 4);
  }

  // @ts-ignore: decorator
  @inline get pln(): u8 {
    return load<u8>(changetype<usize>(this), 5);
  }
  // @ts-ignore: decorator
  @inline set pln(v: u8) {
    store<u8>(changetype<usize>(this), v, 5);
  }

  // @ts-ignore: decorator
  @inline get op(): u16 {
    return bswap<u16>(load<u16>(changetype<usize>(this), 6));
  }
  // @ts-ignore: decorator
  @inline set op(v: u16) {
    store<u16>(changetype<usize>(this), bswap<u16>(v), 6);
  }

  /** hrd == Ethernet, pro == IPv4, hln == 6, pln == 4. */
  // @ts-ignore: decorator
  @inline isEthernetIPv4(): bool {
    let p = changetype<usize>(this);
    // bytes 0..5 as one comparison: 00 01 08 00 06 04
    return load<u32>(p) == 0x00080100 && load<u16>(p, 4) == 0x0406;
  }

  /** Writes hrd, pro, hln, pln for Ethernet/IPv4 and sets op. */
  // @ts-ignore: decorator
  @inline initEthernetIPv4(op: u16): void {
    this.hrd = ARP_HRD_ETHER;
    this.pro = ETHERTYPE_IP;
    this.hln = 6;
    this.pln = 4;
    this.op = op;
  }

  // @ts-ignore: decorator
  @inline shaPtr(): usize {
    return changetype<usize>(this) + 8;
  }
  // @ts-ignore: decorator
  @inline spaPtr(): usize {
    return changetype<usize>(this) + 14;
  }
  // @ts-ignore: decorator
  @inline thaPtr(): usize {
    return changetype<usize>(this) + 18;
  }
  // @ts-ignore: decorator
  @inline tpaPtr(): usize {
    return changetype<usize>(this) + 24;
  }

  /** Sender hardware address, raw (EtherAddress.raw). */
  // @ts-ignore: decorator
  @inline get sha(): u64 {
    return EtherAddress.loadRaw(changetype<usize>(this) + 8);
  }
  // @ts-ignore: decorator
  @inline set sha(v: u64) {
    EtherAddress.storeRaw(changetype<usize>(this) + 8, v);
  }

  /** Sender protocol address, raw network order. */
  // @ts-ignore: decorator
  @inline get spa(): u32 {
    return load<u32>(changetype<usize>(this), 14);
  }
  // @ts-ignore: decorator
  @inline set spa(v: u32) {
    store<u32>(changetype<usize>(this), v, 14);
  }

  /** Target hardware address, raw. */
  // @ts-ignore: decorator
  @inline get tha(): u64 {
    return EtherAddress.loadRaw(changetype<usize>(this) + 18);
  }
  // @ts-ignore: decorator
  @inline set tha(v: u64) {
    EtherAddress.storeRaw(changetype<usize>(this) + 18, v);
  }

  /** Target protocol address, raw network order. */
  // @ts-ignore: decorator
  @inline get tpa(): u32 {
    return load<u32>(changetype<usize>(this), 24);
  }
  // @ts-ignore: decorator
  @inline set tpa(v: u32) {
    store<u32>(changetype<usize>(this), v, 24);
  }

  shaAddr(): EtherAddress {
    return new EtherAddress(this.sha);
  }
  thaAddr(): EtherAddress {
    return new EtherAddress(this.tha);
  }
  spaAddr(): IPAddress {
    return new IPAddress(this.spa);
  }
  tpaAddr(): IPAddress {
    return new IPAddress(this.tpa);
  }
}
