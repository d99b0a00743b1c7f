// A fluent builder for test frames: each layer fills in lengths, protocol numbers and
// checksums from the layers inside it, so a test states only what it cares about.
// Overrides (totalLength, checksum, proto...) exist to build deliberately broken packets.
import { parseIPv4, parseIPv6, parseMac } from "./addresses.js";

export type Addr = string | Uint8Array;
export type PayloadInput = string | Uint8Array | readonly number[];

export interface EtherOptions { src?: Addr; dst?: Addr; type?: number }
export interface ArpOptions {
  op?: "request" | "reply" | number;
  senderMac?: Addr; senderIp?: Addr; targetMac?: Addr; targetIp?: Addr;
}
export interface IPv4Options {
  src?: Addr; dst?: Addr; ttl?: number; tos?: number; id?: number;
  /** "DF", "MF", "DF|MF", "RF" (any separator), or the raw 3-bit value. */
  flags?: string | number;
  /** Fragment offset in bytes (a multiple of 8), as Wireshark shows it. */
  fragOffset?: number;
  proto?: number;
  /** IP options; zero-padded to a multiple of 4, IHL adjusted. */
  options?: Uint8Array | readonly number[];
  totalLength?: number;
  checksum?: number;
}
export interface IPv6Options {
  src?: Addr; dst?: Addr; hopLimit?: number; trafficClass?: number; flowLabel?: number;
  nextHeader?: number; payloadLength?: number;
}
export interface UdpOptions { sport?: number; dport?: number; length?: number; checksum?: number }
export interface TcpOptions {
  sport?: number; dport?: number; seq?: number; ack?: number;
  /** Letters from "FSRPAUECN" (e.g. "S", "SA", "PA"), or the raw 9-bit value. */
  flags?: string | number;
  window?: number; urgent?: number;
  options?: Uint8Array | readonly number[];
  checksum?: number;
}
export interface IcmpOptions { type?: number; code?: number; id?: number; seq?: number; checksum?: number }

export type Layer =
  | { kind: "ether"; o: EtherOptions }
  | { kind: "arp"; o: ArpOptions }
  | { kind: "ipv4"; o: IPv4Options }
  | { kind: "ipv6"; o: IPv6Options }
  | { kind: "udp"; o: UdpOptions }
  | { kind: "tcp"; o: TcpOptions }
  | { kind: "icmp"; o: IcmpOptions }
  | { kind: "icmpv6"; o: IcmpOptions }
  | { kind: "payload"; o: Uint8Array };
export type Kind = Layer["kind"];

const NEXT: Record<Kind, readonly Kind[]> = {
  ether: ["arp", "ipv4", "ipv6", "payload"],
  arp: ["payload"],
  ipv4: ["udp", "tcp", "icmp", "payload"],
  ipv6: ["udp", "tcp", "icmpv6", "payload"],
  udp: ["payload"],
  tcp: ["payload"],
  icmp: ["payload"],
  icmpv6: ["payload"],
  payload: ["payload"],
};

const ETHERTYPE: Partial<Record<Kind, number>> = { arp: 0x0806, ipv4: 0x0800, ipv6: 0x86dd };
const IPPROTO: Partial<Record<Kind, number>> = { udp: 17, tcp: 6, icmp: 1, icmpv6: 58 };
// With nothing above them, frames and packets get the numbers reserved for experiments
// (IEEE local experimental EtherType, RFC 3692 protocol 253, IPv6 "no next header").
const ETHERTYPE_EXPERIMENTAL = 0x88b5;
const IPPROTO_EXPERIMENTAL = 253;
const IPV6_NO_NEXT = 59;

/** RFC 1071 one's-complement sum of 16-bit words, folded; `initial` chains partial sums. */
export function onesSum(data: Uint8Array, initial = 0): number {
  let sum = initial;
  const n = data.length & ~1;
  for (let i = 0; i < n; i += 2) sum += (data[i] << 8) | data[i + 1];
  if (data.length & 1) sum += data[data.length - 1] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/** The Internet checksum of `data` (plus an optional pseudo-header sum). */
export function internetChecksum(data: Uint8Array, initial = 0): number {
  return ~onesSum(data, initial) & 0xffff;
}

function pseudoHeaderSum(ip: Layer | undefined, proto: number, length: number): number {
  if (ip?.kind === "ipv4") {
    const h = new Uint8Array(12);
    h.set(addr4(ip.o.src, DEFAULT_V4_SRC), 0);
    h.set(addr4(ip.o.dst, DEFAULT_V4_DST), 4);
    h[9] = proto;
    put16(h, 10, length);
    return onesSum(h);
  }
  if (ip?.kind === "ipv6") {
    const h = new Uint8Array(40);
    h.set(addr6(ip.o.src, DEFAULT_V6_SRC), 0);
    h.set(addr6(ip.o.dst, DEFAULT_V6_DST), 16);
    put32(h, 32, length);
    h[39] = proto;
    return onesSum(h);
  }
  throw new Error("transport layer needs an enclosing ipv4() or ipv6()");
}

const DEFAULT_MAC_SRC = "02:00:00:00:00:01";
const DEFAULT_MAC_DST = "02:00:00:00:00:02";
const DEFAULT_V4_SRC = "192.0.2.1";
const DEFAULT_V4_DST = "192.0.2.2";
const DEFAULT_V6_SRC = "2001:db8::1";
const DEFAULT_V6_DST = "2001:db8::2";

const asBytes = (a: Addr, parse: (s: string) => Uint8Array, n: number, what: string): Uint8Array => {
  if (typeof a === "string") return parse(a);
  if (a.length !== n) throw new TypeError(`${what} address must be ${n} bytes, got ${a.length}`);
  return a;
};
const mac = (a: Addr | undefined, d: string) => asBytes(a ?? d, parseMac, 6, "MAC");
const addr4 = (a: Addr | undefined, d: string) => asBytes(a ?? d, parseIPv4, 4, "IPv4");
const addr6 = (a: Addr | undefined, d: string) => asBytes(a ?? d, parseIPv6, 16, "IPv6");

function checkRange(name: string, v: number, bits: number): number {
  if (!Number.isInteger(v) || v < 0 || v >= 2 ** bits) {
    throw new RangeError(`${name} ${v} does not fit in ${bits} bits`);
  }
  return v;
}
function put16(b: Uint8Array, o: number, v: number): void {
  b[o] = (v >>> 8) & 0xff;
  b[o + 1] = v & 0xff;
}
function put32(b: Uint8Array, o: number, v: number): void {
  put16(b, o, Math.floor(v / 0x10000) & 0xffff);
  put16(b, o + 2, v & 0xffff);
}
function cat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
function pad4(opts: Uint8Array | readonly number[] | undefined, max: number, what: string): Uint8Array {
  const raw = Uint8Array.from(opts ?? []);
  if (raw.length > max) throw new RangeError(`${what} options are ${raw.length} bytes; at most ${max} fit`);
  const out = new Uint8Array((raw.length + 3) & ~3);
  out.set(raw);
  return out;
}

function ipv4Flags(f: string | number | undefined): number {
  if (f === undefined) return 0;
  if (typeof f === "number") return checkRange("ipv4 flags", f, 3);
  let v = 0;
  for (const name of f.toUpperCase().split(/[^A-Z]+/).filter(Boolean)) {
    if (name === "DF") v |= 2;
    else if (name === "MF") v |= 1;
    else if (name === "RF") v |= 4;
    else throw new TypeError(`unknown IPv4 flag "${name}" (use DF, MF, RF)`);
  }
  return v;
}

const TCP_FLAG_BITS: Record<string, number> = { F: 1, S: 2, R: 4, P: 8, A: 16, U: 32, E: 64, C: 128, N: 256 };
function tcpFlags(f: string | number | undefined): number {
  if (f === undefined) return 0;
  if (typeof f === "number") return checkRange("tcp flags", f, 9);
  let v = 0;
  for (const ch of f.toUpperCase().replace(/[^A-Z]/g, "")) {
    const bit = TCP_FLAG_BITS[ch];
    if (bit === undefined) throw new TypeError(`unknown TCP flag "${ch}" (use letters from FSRPAUECN)`);
    v |= bit;
  }
  return v;
}

function toPayload(p: PayloadInput): Uint8Array {
  if (typeof p === "string") return new TextEncoder().encode(p);
  return Uint8Array.from(p);
}

/** Immutable: every method returns a new builder, so a common prefix can be reused. */
export class PacketBuilder {
  private constructor(
    private readonly layers: readonly Layer[],
    private readonly cut?: number,
  ) {}

  /** @internal entry point used by `pkt`. */
  static start(layer: Layer): PacketBuilder {
    return new PacketBuilder([layer]);
  }

  private add(layer: Layer): PacketBuilder {
    const last = this.layers[this.layers.length - 1];
    if (!NEXT[last.kind].includes(layer.kind)) {
      const hint = layer.kind === "icmp" && last.kind === "ipv6" ? " (use icmpv6() over IPv6)" : "";
      throw new Error(`${layer.kind}() cannot follow ${last.kind}()${hint}`);
    }
    return new PacketBuilder([...this.layers, layer], this.cut);
  }

  arp(o: ArpOptions = {}): PacketBuilder { return this.add({ kind: "arp", o }); }
  ipv4(o: IPv4Options = {}): PacketBuilder { return this.add({ kind: "ipv4", o }); }
  ipv6(o: IPv6Options = {}): PacketBuilder { return this.add({ kind: "ipv6", o }); }
  udp(o: UdpOptions = {}): PacketBuilder { return this.add({ kind: "udp", o }); }
  tcp(o: TcpOptions = {}): PacketBuilder { return this.add({ kind: "tcp", o }); }
  icmp(o: IcmpOptions = {}): PacketBuilder { return this.add({ kind: "icmp", o }); }
  icmpv6(o: IcmpOptions = {}): PacketBuilder { return this.add({ kind: "icmpv6", o }); }
  payload(p: PayloadInput): PacketBuilder { return this.add({ kind: "payload", o: toPayload(p) }); }

  /** Cut the finished frame to at most n bytes (checksums stay those of the full frame). */
  truncate(n: number): PacketBuilder {
    checkRange("truncate length", n, 32);
    return new PacketBuilder(this.layers, n);
  }

  build(): Uint8Array {
    // Encode inside-out: each header needs the length (and checksum) of what it carries.
    let inner: Uint8Array = new Uint8Array(0);
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const ip = [...this.layers.slice(0, i)].reverse().find((l) => l.kind === "ipv4" || l.kind === "ipv6");
      inner = encode(this.layers[i], inner, ip, this.layers[i + 1]);
    }
    return this.cut === undefined ? inner : inner.slice(0, this.cut);
  }
}

function encode(layer: Layer, inner: Uint8Array, ip: Layer | undefined, nextLayer: Layer | undefined): Uint8Array {
  const next = nextLayer?.kind;
  switch (layer.kind) {
    case "payload":
      return cat(layer.o, inner);
    case "ether": {
      const o = layer.o;
      // ARP requests go to broadcast from the sender's MAC unless the test says otherwise.
      const arp = nextLayer?.kind === "arp" ? nextLayer.o : undefined;
      const arpRequest = arp && (arp.op ?? "request") === "request";
      const h = new Uint8Array(14);
      h.set(mac(o.dst, arpRequest ? "ff:ff:ff:ff:ff:ff" : DEFAULT_MAC_DST), 0);
      h.set(mac(o.src ?? arp?.senderMac, DEFAULT_MAC_SRC), 6);
      put16(h, 12, checkRange("ether type", o.type ?? (next && ETHERTYPE[next]) ?? ETHERTYPE_EXPERIMENTAL, 16));
      return cat(h, inner);
    }
    case "arp": {
      const o = layer.o;
      const op = o.op === undefined || o.op === "request" ? 1 : o.op === "reply" ? 2 : checkRange("arp op", o.op, 16);
      const h = new Uint8Array(28);
      put16(h, 0, 1); // Ethernet
      put16(h, 2, 0x0800); // IPv4
      h[4] = 6;
      h[5] = 4;
      put16(h, 6, op);
      h.set(mac(o.senderMac, DEFAULT_MAC_SRC), 8);
      h.set(addr4(o.senderIp, DEFAULT_V4_SRC), 14);
      h.set(mac(o.targetMac, "00:00:00:00:00:00"), 18);
      h.set(addr4(o.targetIp, DEFAULT_V4_DST), 24);
      return cat(h, inner);
    }
    case "ipv4": {
      const o = layer.o;
      const opts = pad4(o.options, 40, "IPv4");
      const hl = 20 + opts.length;
      const h = new Uint8Array(hl);
      h[0] = 0x40 | (hl / 4);
      h[1] = checkRange("tos", o.tos ?? 0, 8);
      put16(h, 2, checkRange("ipv4 total length", o.totalLength ?? hl + inner.length, 16));
      put16(h, 4, checkRange("ipv4 id", o.id ?? 0, 16));
      const frag = o.fragOffset ?? 0;
      if (frag % 8 !== 0) throw new RangeError(`fragOffset ${frag} is not a multiple of 8 bytes`);
      put16(h, 6, (ipv4Flags(o.flags) << 13) | checkRange("fragOffset/8", frag / 8, 13));
      h[8] = checkRange("ttl", o.ttl ?? 64, 8);
      h[9] = checkRange("ipv4 proto", o.proto ?? (next && IPPROTO[next]) ?? IPPROTO_EXPERIMENTAL, 8);
      h.set(addr4(o.src, DEFAULT_V4_SRC), 12);
      h.set(addr4(o.dst, DEFAULT_V4_DST), 16);
      h.set(opts, 20);
      put16(h, 10, o.checksum ?? internetChecksum(h));
      return cat(h, inner);
    }
    case "ipv6": {
      const o = layer.o;
      const h = new Uint8Array(40);
      const tc = checkRange("traffic class", o.trafficClass ?? 0, 8);
      const fl = checkRange("flow label", o.flowLabel ?? 0, 20);
      put32(h, 0, 6 * 2 ** 28 + tc * 2 ** 20 + fl);
      put16(h, 4, checkRange("ipv6 payload length", o.payloadLength ?? inner.length, 16));
      h[6] = checkRange("next header", o.nextHeader ?? (next && IPPROTO[next]) ?? IPV6_NO_NEXT, 8);
      h[7] = checkRange("hop limit", o.hopLimit ?? 64, 8);
      h.set(addr6(o.src, DEFAULT_V6_SRC), 8);
      h.set(addr6(o.dst, DEFAULT_V6_DST), 24);
      return cat(h, inner);
    }
    case "udp": {
      const o = layer.o;
      const seg = cat(new Uint8Array(8), inner);
      put16(seg, 0, checkRange("sport", o.sport ?? 0, 16));
      put16(seg, 2, checkRange("dport", o.dport ?? 0, 16));
      put16(seg, 4, checkRange("udp length", o.length ?? seg.length, 16));
      // Checksum over the bytes actually present; 0 means "none" in UDP, so send 0xffff.
      const sum = internetChecksum(seg, pseudoHeaderSum(ip, 17, seg.length)) || 0xffff;
      put16(seg, 6, o.checksum ?? sum);
      return seg;
    }
    case "tcp": {
      const o = layer.o;
      const opts = pad4(o.options, 40, "TCP");
      const hl = 20 + opts.length;
      const seg = cat(new Uint8Array(hl), inner);
      put16(seg, 0, checkRange("sport", o.sport ?? 0, 16));
      put16(seg, 2, checkRange("dport", o.dport ?? 0, 16));
      put32(seg, 4, checkRange("seq", o.seq ?? 0, 32));
      put32(seg, 8, checkRange("ack", o.ack ?? 0, 32));
      const flags = tcpFlags(o.flags);
      put16(seg, 12, ((hl / 4) << 12) | flags);
      put16(seg, 14, checkRange("window", o.window ?? 65535, 16));
      put16(seg, 18, checkRange("urgent", o.urgent ?? 0, 16));
      seg.set(opts, 20);
      put16(seg, 16, o.checksum ?? internetChecksum(seg, pseudoHeaderSum(ip, 6, seg.length)));
      return seg;
    }
    case "icmp":
    case "icmpv6": {
      const o = layer.o;
      const v6 = layer.kind === "icmpv6";
      const msg = cat(new Uint8Array(8), inner);
      msg[0] = checkRange("icmp type", o.type ?? (v6 ? 128 : 8), 8);
      msg[1] = checkRange("icmp code", o.code ?? 0, 8);
      put16(msg, 4, checkRange("icmp id", o.id ?? 0, 16));
      put16(msg, 6, checkRange("icmp seq", o.seq ?? 0, 16));
      // ICMPv6 covers an IPv6 pseudo-header (RFC 4443); ICMPv4 covers the message only.
      const initial = v6 ? pseudoHeaderSum(ip, 58, msg.length) : 0;
      put16(msg, 2, o.checksum ?? internetChecksum(msg, initial));
      return msg;
    }
  }
}

/** Entry points: a frame starts at Ethernet, or at IP for raw-IP link types. */
export const pkt = {
  ether: (o: EtherOptions = {}) => PacketBuilder.start({ kind: "ether", o }),
  ipv4: (o: IPv4Options = {}) => PacketBuilder.start({ kind: "ipv4", o }),
  ipv6: (o: IPv6Options = {}) => PacketBuilder.start({ kind: "ipv6", o }),
};
export const { ether, ipv4, ipv6 } = pkt;
