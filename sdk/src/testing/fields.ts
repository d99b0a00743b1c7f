// Names every header field of a frame, Wireshark style, with its byte range, so tests and
// packet diffs can say "ip.ttl expected 63, got 64" instead of "byte 22 differs".
// It never throws: a truncated or odd packet decodes as far as its bytes allow.
import { formatIPv4, formatIPv6, formatMac } from "./addresses.js";

export interface Field {
  name: string;
  /** Offset of the first byte holding the field, from the start of the frame. */
  offset: number;
  /** Bytes spanned; fields sharing a byte (ip.version, ip.hl) each span that byte. */
  length: number;
  value: string;
}

export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_RAW = 101; // IPv4 or IPv6, told apart by the version nibble
export const LINKTYPE_IPV4 = 228;
export const LINKTYPE_IPV6 = 229;

const PROTO_NAMES: Record<number, string> = { 1: "ICMP", 2: "IGMP", 6: "TCP", 17: "UDP", 41: "IPv6", 47: "GRE", 50: "ESP", 58: "ICMPv6", 59: "NoNext" };
const TCP_FLAG_NAMES = ["FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "NS"];
const PAYLOAD_SHOWN = 32;

const hex = (v: number, digits: number) => `0x${v.toString(16).padStart(digits, "0")}`;
const hexBytes = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const proto = (p: number) => (PROTO_NAMES[p] ? `${p} (${PROTO_NAMES[p]})` : `${p}`);

/** Shows short byte runs whole and long ones as a prefix plus the length. */
export function formatBytes(b: Uint8Array): string {
  if (b.length <= PAYLOAD_SHOWN) return hexBytes(b);
  return `${hexBytes(b.subarray(0, PAYLOAD_SHOWN))}… (${b.length} bytes)`;
}

class Decoder {
  readonly out: Field[] = [];
  /** First byte not yet described; the rest becomes `payload` (or `truncated`). */
  pos = 0;
  truncated = false;

  constructor(readonly b: Uint8Array) {}

  u8 = (o: number) => this.b[o];
  u16 = (o: number) => (this.b[o] << 8) | this.b[o + 1];
  u32 = (o: number) => this.u16(o) * 0x10000 + this.u16(o + 2);

  /** Adds a field if all its bytes are inside `limit`; otherwise marks the frame truncated. */
  field(name: string, offset: number, length: number, render: () => string, limit = this.b.length): boolean {
    if (this.truncated) return false;
    if (offset + length > limit) {
      this.truncated = offset + length > this.b.length;
      return false;
    }
    this.out.push({ name, offset, length, value: render() });
    this.pos = Math.max(this.pos, offset + length);
    return true;
  }

  /** Describes every remaining byte up to `end` as one field. */
  rest(name: string, end: number): void {
    if (end > this.pos) {
      const start = this.pos;
      this.out.push({ name, offset: start, length: end - start, value: formatBytes(this.b.subarray(start, end)) });
      this.pos = end;
    }
  }
}

export function decodeFields(frame: Uint8Array, linkType = LINKTYPE_ETHERNET): Field[] {
  const d = new Decoder(frame);
  let end = frame.length;
  if (linkType === LINKTYPE_ETHERNET) end = ethernet(d);
  else if (linkType === LINKTYPE_RAW) end = frame.length > 0 && frame[0] >> 4 === 6 ? ipv6(d, 0) : ipv4(d, 0);
  else if (linkType === LINKTYPE_IPV4) end = ipv4(d, 0);
  else if (linkType === LINKTYPE_IPV6) end = ipv6(d, 0);
  d.rest(d.truncated ? "truncated" : "payload", end);
  // Bytes after the IP datagram (Ethernet minimum-size padding, FCS...).
  d.rest("eth.trailer", frame.length);
  return d.out;
}

/** Returns the end of the network-layer packet (the frame end unless IP says less). */
function ethernet(d: Decoder): number {
  d.field("eth.dst", 0, 6, () => formatMac(d.b.subarray(0, 6)));
  d.field("eth.src", 6, 6, () => formatMac(d.b.subarray(6, 12)));
  let o = 12;
  // 802.1Q / 802.1ad tags, possibly stacked; the type after a tag is vlan.etype.
  for (let name = "eth.type"; ; name = "vlan.etype") {
    if (!d.field(name, o, 2, () => hex(d.u16(o), 4))) return d.b.length;
    const tag = d.u16(o);
    if (tag !== 0x8100 && tag !== 0x88a8) break;
    const t = o + 2;
    d.field("vlan.priority", t, 1, () => `${d.u8(t) >> 5}`);
    d.field("vlan.id", t, 2, () => `${d.u16(t) & 0x0fff}`);
    if (d.truncated) return d.b.length;
    o += 4;
  }
  const type = d.u16(o);
  if (type === 0x0800) return ipv4(d, o + 2);
  if (type === 0x86dd) return ipv6(d, o + 2);
  if (type === 0x0806) arp(d, o + 2);
  return d.b.length;
}

function arp(d: Decoder, o: number): void {
  d.field("arp.htype", o, 2, () => `${d.u16(o)}`);
  d.field("arp.ptype", o + 2, 2, () => hex(d.u16(o + 2), 4));
  d.field("arp.hlen", o + 4, 1, () => `${d.u8(o + 4)}`);
  d.field("arp.plen", o + 5, 1, () => `${d.u8(o + 5)}`);
  d.field("arp.opcode", o + 6, 2, () => {
    const op = d.u16(o + 6);
    return op === 1 ? "1 (request)" : op === 2 ? "2 (reply)" : `${op}`;
  });
  if (d.truncated) return;
  const hl = d.u8(o + 4);
  const pl = d.u8(o + 5);
  const hw = (at: number) => () => (hl === 6 ? formatMac(d.b.subarray(at, at + 6)) : hexBytes(d.b.subarray(at, at + hl)));
  const pa = (at: number) => () => (pl === 4 ? formatIPv4(d.b.subarray(at, at + 4)) : hexBytes(d.b.subarray(at, at + pl)));
  let p = o + 8;
  d.field("arp.sha", p, hl, hw(p));
  d.field("arp.spa", (p += hl), pl, pa(p));
  d.field("arp.tha", (p += pl), hl, hw(p));
  d.field("arp.tpa", (p += hl), pl, pa(p));
}

function ipv4(d: Decoder, o: number): number {
  const frameEnd = d.b.length;
  if (!d.field("ip.version", o, 1, () => `${d.u8(o) >> 4}`)) return frameEnd;
  const hl = (d.u8(o) & 0x0f) * 4;
  d.field("ip.hl", o, 1, () => `${hl / 4} (${hl} bytes)`);
  d.field("ip.tos", o + 1, 1, () => hex(d.u8(o + 1), 2));
  d.field("ip.len", o + 2, 2, () => `${d.u16(o + 2)}`);
  d.field("ip.id", o + 4, 2, () => hex(d.u16(o + 4), 4));
  d.field("ip.flags", o + 6, 1, () => {
    const f = d.u8(o + 6) >> 5;
    const names = [f & 4 ? "RF" : "", f & 2 ? "DF" : "", f & 1 ? "MF" : ""].filter(Boolean);
    return names.length ? `${hex(f, 1)} (${names.join(", ")})` : hex(f, 1);
  });
  d.field("ip.frag_offset", o + 6, 2, () => `${(d.u16(o + 6) & 0x1fff) * 8}`);
  d.field("ip.ttl", o + 8, 1, () => `${d.u8(o + 8)}`);
  d.field("ip.proto", o + 9, 1, () => proto(d.u8(o + 9)));
  d.field("ip.checksum", o + 10, 2, () => hex(d.u16(o + 10), 4));
  d.field("ip.src", o + 12, 4, () => formatIPv4(d.b.subarray(o + 12, o + 16)));
  d.field("ip.dst", o + 16, 4, () => formatIPv4(d.b.subarray(o + 16, o + 20)));
  if (d.truncated) return frameEnd;
  if (hl > 20) d.field("ip.options", o + 20, hl - 20, () => hexBytes(d.b.subarray(o + 20, o + hl)));
  if (d.truncated || hl < 20) return frameEnd;
  // The datagram ends where ip.len says, if that is sensible; the rest is a trailer.
  const len = d.u16(o + 2);
  const end = len >= hl ? Math.min(frameEnd, o + len) : frameEnd;
  const firstFragment = (d.u16(o + 6) & 0x1fff) === 0;
  if (firstFragment) transport(d, d.u8(o + 9), o + hl, end, false);
  return end;
}

function ipv6(d: Decoder, o: number): number {
  const frameEnd = d.b.length;
  if (!d.field("ipv6.version", o, 1, () => `${d.u8(o) >> 4}`)) return frameEnd;
  d.field("ipv6.tclass", o, 2, () => hex((d.u16(o) >> 4) & 0xff, 2));
  d.field("ipv6.flow", o + 1, 3, () => hex(((d.u8(o + 1) & 0x0f) << 16) | d.u16(o + 2), 5));
  d.field("ipv6.plen", o + 4, 2, () => `${d.u16(o + 4)}`);
  d.field("ipv6.nxt", o + 6, 1, () => proto(d.u8(o + 6)));
  d.field("ipv6.hlim", o + 7, 1, () => `${d.u8(o + 7)}`);
  d.field("ipv6.src", o + 8, 16, () => formatIPv6(d.b.subarray(o + 8, o + 24)));
  d.field("ipv6.dst", o + 24, 16, () => formatIPv6(d.b.subarray(o + 24, o + 40)));
  if (d.truncated) return frameEnd;
  const end = Math.min(frameEnd, o + 40 + d.u16(o + 4));
  // Extension headers are not decoded: their bytes fall into `payload`.
  transport(d, d.u8(o + 6), o + 40, end, true);
  return end;
}

function transport(d: Decoder, p: number, o: number, end: number, v6: boolean): void {
  // Fields must lie inside the datagram; past `end` they are not this packet's.
  const f = (name: string, off: number, len: number, render: () => string) => d.field(name, off, len, render, end);
  if (p === 17) {
    f("udp.srcport", o, 2, () => `${d.u16(o)}`);
    f("udp.dstport", o + 2, 2, () => `${d.u16(o + 2)}`);
    f("udp.length", o + 4, 2, () => `${d.u16(o + 4)}`);
    f("udp.checksum", o + 6, 2, () => hex(d.u16(o + 6), 4));
  } else if (p === 6) {
    f("tcp.srcport", o, 2, () => `${d.u16(o)}`);
    f("tcp.dstport", o + 2, 2, () => `${d.u16(o + 2)}`);
    f("tcp.seq", o + 4, 4, () => `${d.u32(o + 4)}`);
    f("tcp.ack", o + 8, 4, () => `${d.u32(o + 8)}`);
    const hl = (d.u8(o + 12) >> 4) * 4;
    f("tcp.hdr_len", o + 12, 1, () => `${hl / 4} (${hl} bytes)`);
    f("tcp.flags", o + 12, 2, () => {
      const v = d.u16(o + 12) & 0x1ff;
      const names = TCP_FLAG_NAMES.filter((_, i) => v & (1 << i));
      return names.length ? `${hex(v, 3)} (${names.join(", ")})` : hex(v, 3);
    });
    f("tcp.window", o + 14, 2, () => `${d.u16(o + 14)}`);
    f("tcp.checksum", o + 16, 2, () => hex(d.u16(o + 16), 4));
    f("tcp.urgent", o + 18, 2, () => `${d.u16(o + 18)}`);
    if (hl > 20 && d.pos === o + 20) f("tcp.options", o + 20, hl - 20, () => hexBytes(d.b.subarray(o + 20, o + hl)));
  } else if ((p === 1 && !v6) || (p === 58 && v6)) {
    const n = v6 ? "icmpv6" : "icmp";
    f(`${n}.type`, o, 1, () => `${d.u8(o)}`);
    f(`${n}.code`, o + 1, 1, () => `${d.u8(o + 1)}`);
    f(`${n}.checksum`, o + 2, 2, () => hex(d.u16(o + 2), 4));
    if (d.pos !== o + 4) return;
    const t = d.u8(o);
    const echo = v6 ? t === 128 || t === 129 : [0, 8, 13, 14, 15, 16, 17, 18].includes(t);
    if (echo) {
      f(`${n}.ident`, o + 4, 2, () => `${d.u16(o + 4)}`);
      f(`${n}.seq`, o + 6, 2, () => `${d.u16(o + 6)}`);
    } else {
      f(`${n}.rest`, o + 4, 4, () => hexBytes(d.b.subarray(o + 4, o + 8)));
    }
  }
}
