// EtherHeader: a view of a 14-byte Ethernet II header in packet memory (no allocation).

import { EtherAddress } from "./address";

export const ETHER_HEADER_LEN: u32 = 14;

export const ETHERTYPE_IP: u16 = 0x0800;
export const ETHERTYPE_ARP: u16 = 0x0806;
export const ETHERTYPE_VLAN: u16 = 0x8100;
export const ETHERTYPE_IP6: u16 = 0x86dd;
export const ETHERTYPE_PPPOE_DISC: u16 = 0x8863;
export const ETHERTYPE_PPPOE_SESS: u16 = 0x8864;

/** Ethernet II header: dst (6), src (6), type (2). */
@unmanaged
export class EtherHeader {
  /** The view at `ptr`, or null when fewer than 14 bytes are available. */
  // @ts-ignore: decorator
  @inline static at(ptr: usize, avail: u32): EtherHeader | null {
    return changetype<EtherHeader | null>(select<usize>(ptr, 0, avail >= ETHER_HEADER_LEN));
  }

  // @ts-ignore: decorator
  @inline get ptr(): usize {
    return changetype<usize>(this);
  }

  /** Pointer to the 6 destination address bytes. */
  // @ts-ignore: decorator
  @inline dstPtr(): usize {
    return changetype<usize>(this);
  }

  /** Pointer to the 6 source address bytes. */
  // @ts-ignore: decorator
  @inline srcPtr(): usize {
    return changetype<usize>(this) + 6;
  }

  /** Destination address, raw (see EtherAddress); no allocation. */
  // @ts-ignore: decorator
  @inline get dstRaw(): u64 {
    return EtherAddress.loadRaw(changetype<usize>(this));
  }
  // @ts-ignore: decorator
  @inline set dstRaw(v: u64) {
    EtherAddress.storeRaw(changetype<usize>(this), v);
  }

  /** Source address, raw; no allocation. */
  // @ts-ignore: decorator
  @inline get srcRaw(): u64 {
    return EtherAddress.loadRaw(changetype<usize>(this) + 6);
  }
  // @ts-ignore: decorator
  @inline set srcRaw(v: u64) {
    EtherAddress.storeRaw(changetype<usize>(this) + 6, v);
  }

  /** Destination address as a new EtherAddress (allocates). */
  getDst(): EtherAddress {
    return EtherAddress.read(changetype<usize>(this));
  }
  // @ts-ignore: decorator
  @inline setDst(a: EtherAddress): void {
    a.store(changetype<usize>(this));
  }

  /** Source address as a new EtherAddress (allocates). */
  getSrc(): EtherAddress {
    return EtherAddress.read(changetype<usize>(this) + 6);
  }
  // @ts-ignore: decorator
  @inline setSrc(a: EtherAddress): void {
    a.store(changetype<usize>(this) + 6);
  }

  /** EtherType, host order. */
  // @ts-ignore: decorator
  @inline get type(): u16 {
    return bswap<u16>(load<u16>(changetype<usize>(this), 12));
  }
  // @ts-ignore: decorator
  @inline set type(v: u16) {
    store<u16>(changetype<usize>(this), bswap<u16>(v), 12);
  }

  /** Pointer to the first byte after the header. */
  // @ts-ignore: decorator
  @inline payloadPtr(): usize {
    return changetype<usize>(this) + ETHER_HEADER_LEN;
  }
}
