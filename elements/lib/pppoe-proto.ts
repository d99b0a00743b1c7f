// PPPoE (RFC 2516) and PPP (RFC 1661, 1332, 1334) numbers, frame offsets, and the
// small writers PPPoEServer builds its replies with. Offsets are from the start of
// the Ethernet frame:
//
//   0 Ethernet (14) | 14 ver/type | 15 code | 16 session id | 18 length | 20 payload
//   session payload: 20 PPP protocol (2) | 22 code | 23 id | 24 length | 26 data
//   discovery payload: 20 tags (type 2, length 2, value), `length` bytes in all

import { Packet } from "@clickos/sdk";

export const ETH_PPPOE_DISC: u16 = 0x8863;
export const ETH_PPPOE_SESS: u16 = 0x8864;
export const PPPOE_VER_TYPE: u8 = 0x11;

// Discovery codes.
export const CODE_SESSION: u8 = 0x00;
export const PADI: u8 = 0x09;
export const PADO: u8 = 0x07;
export const PADR: u8 = 0x19;
export const PADS: u8 = 0x65;
export const PADT: u8 = 0xa7;

// Discovery tags.
export const TAG_END: u16 = 0x0000;
export const TAG_SERVICE_NAME: u16 = 0x0101;
export const TAG_AC_NAME: u16 = 0x0102;
export const TAG_HOST_UNIQ: u16 = 0x0103;
export const TAG_RELAY_SESSION_ID: u16 = 0x0110;
export const TAG_SERVICE_NAME_ERROR: u16 = 0x0201;
export const TAG_AC_SYSTEM_ERROR: u16 = 0x0202;

// PPP protocols.
export const PPP_IP: u16 = 0x0021;
export const PPP_IPCP: u16 = 0x8021;
export const PPP_LCP: u16 = 0xc021;
export const PPP_PAP: u16 = 0xc023;

// Control protocol codes (LCP uses all, IPCP 1-7).
export const CONF_REQ: u8 = 1;
export const CONF_ACK: u8 = 2;
export const CONF_NAK: u8 = 3;
export const CONF_REJ: u8 = 4;
export const TERM_REQ: u8 = 5;
export const TERM_ACK: u8 = 6;
export const CODE_REJ: u8 = 7;
export const PROTO_REJ: u8 = 8;
export const ECHO_REQ: u8 = 9;
export const ECHO_REP: u8 = 10;
export const DISCARD_REQ: u8 = 11;

// PAP codes.
export const PAP_AUTH_REQ: u8 = 1;
export const PAP_AUTH_ACK: u8 = 2;
export const PAP_AUTH_NAK: u8 = 3;

// LCP options.
export const LCP_OPT_MRU: u8 = 1;
export const LCP_OPT_AUTH: u8 = 3;
export const LCP_OPT_MAGIC: u8 = 5;
// IPCP options.
export const IPCP_OPT_ADDR: u8 = 3;
export const IPCP_OPT_DNS1: u8 = 129;
export const IPCP_OPT_DNS2: u8 = 131;

export const OFF_PPPOE: u32 = 14;
export const OFF_PAYLOAD: u32 = 20;
export const OFF_CP: u32 = 22;
export const OFF_CP_DATA: u32 = 26;
/** Ethernet + PPPoE + PPP protocol: what session encapsulation adds to an IP packet. */
export const SESSION_OVERHEAD: u32 = 22;
/** Largest PPP MRU over Ethernet (RFC 2516 section 7). */
export const PPPOE_MAX_MRU: u32 = 1492;

/** Writes the Ethernet and PPPoE headers of frame `q`. */
export function writePPPoEHeader(q: Packet, dst: u64, src: u64, ethertype: u16, code: u8, sid: u16, length: u32): void {
  const eth = q.ether()!;
  eth.dstRaw = dst;
  eth.srcRaw = src;
  eth.type = ethertype;
  q.setU8(14, PPPOE_VER_TYPE);
  q.setU8(15, code);
  q.setU16(16, sid);
  q.setU16(18, <u16>length);
}

/** Writes a control-protocol header (code, id, length) at OFF_CP. */
export function writeCPHeader(q: Packet, code: u8, id: u8, length: u32): void {
  q.setU8(OFF_CP, code);
  q.setU8(OFF_CP + 1, id);
  q.setU16(OFF_CP + 2, <u16>length);
}

/** Writes a tag header at `off`; returns the offset of its value. */
export function writeTag(q: Packet, off: u32, type: u16, length: u32): u32 {
  q.setU16(off, type);
  q.setU16(off + 2, <u16>length);
  return off + 4;
}

/** Copies `len` bytes of `src` at `from` into `q` at `to` (a byte loop: control path). */
export function copyBytes(q: Packet, to: u32, src: Packet, from: u32, len: u32): void {
  if (len > 0) q.copyFromPacket(to, src, from, len);
}

/** Writes `bytes` into `q` at `off`. */
export function writeBytes(q: Packet, off: u32, bytes: Uint8Array): void {
  for (let i = 0; i < bytes.length; i++) q.setU8(off + <u32>i, unchecked(bytes[i]));
}

/** The tags of one discovery packet that PPPoEServer cares about: offsets and
 *  lengths of their values (-1 when absent). Reused for every packet. */
export class DiscoveryTags {
  serviceOff: i32 = -1;
  serviceLen: i32 = 0;
  hostUniqOff: i32 = -1;
  hostUniqLen: i32 = 0;
  relayOff: i32 = -1;
  relayLen: i32 = 0;

  /** Parses the tags in [start, end); false when a tag runs past the end. */
  parse(p: Packet, start: u32, end: u32): bool {
    this.serviceOff = this.hostUniqOff = this.relayOff = -1;
    this.serviceLen = this.hostUniqLen = this.relayLen = 0;
    let off = start;
    while (off + 4 <= end) {
      const type = p.u16(off);
      const len = <u32>p.u16(off + 2);
      if (off + 4 + len > end) return false;
      if (type == TAG_END) break;
      const v = <i32>(off + 4);
      // The first occurrence of each tag counts.
      if (type == TAG_SERVICE_NAME && this.serviceOff < 0) { this.serviceOff = v; this.serviceLen = <i32>len; }
      else if (type == TAG_HOST_UNIQ && this.hostUniqOff < 0) { this.hostUniqOff = v; this.hostUniqLen = <i32>len; }
      else if (type == TAG_RELAY_SESSION_ID && this.relayOff < 0) { this.relayOff = v; this.relayLen = <i32>len; }
      off += 4 + len;
    }
    return off == end || off + 4 <= end; // leftover shorter than a tag header is malformed
  }

  /** Bytes the echoed Host-Uniq and Relay-Session-Id tags take in a reply. */
  get echoLength(): u32 {
    return (this.hostUniqOff >= 0 ? 4 + <u32>this.hostUniqLen : 0) + (this.relayOff >= 0 ? 4 + <u32>this.relayLen : 0);
  }

  /** Writes the echoed tags into `q` at `off`; returns the offset after them. */
  writeEcho(q: Packet, off: u32, src: Packet): u32 {
    if (this.hostUniqOff >= 0) {
      off = writeTag(q, off, TAG_HOST_UNIQ, this.hostUniqLen);
      copyBytes(q, off, src, this.hostUniqOff, this.hostUniqLen);
      off += this.hostUniqLen;
    }
    if (this.relayOff >= 0) {
      off = writeTag(q, off, TAG_RELAY_SESSION_ID, this.relayLen);
      copyBytes(q, off, src, this.relayOff, this.relayLen);
      off += this.relayLen;
    }
    return off;
  }
}
