// Test entry for the header views: each readX writes the view's fields as u32 slots at
// `out` (order documented in headers.test.ts) and returns 1, or returns 0 when at() is
// null. writeX does the reverse through the setters.
import {
  EtherHeader, ARPHeader, IPv4Header, IPv6Header, ICMPHeader, UDPHeader, TCPHeader,
  EtherAddress, IPAddress, IP6Address,
} from "../../../assembly/net/index";

// @ts-ignore: decorator
@inline function put(out: usize, i: i32, v: u32): void {
  store<u32>(out + (<usize>i << 2), v);
}
// @ts-ignore: decorator
@inline function get(inp: usize, i: i32): u32 {
  return load<u32>(inp + (<usize>i << 2));
}

export function readEther(p: usize, avail: u32, out: usize): i32 {
  let h = EtherHeader.at(p, avail);
  if (!h) return 0;
  put(out, 0, <u32>h.dstRaw);
  put(out, 1, <u32>(h.dstRaw >>> 32));
  put(out, 2, <u32>h.srcRaw);
  put(out, 3, <u32>(h.srcRaw >>> 32));
  put(out, 4, h.type);
  put(out, 5, <u32>(h.dstPtr() - p));
  put(out, 6, <u32>(h.srcPtr() - p));
  put(out, 7, <u32>(h.payloadPtr() - p));
  return 1;
}
export function etherDstText(p: usize, avail: u32): string | null {
  let h = EtherHeader.at(p, avail);
  return h ? h.getDst().toString() + " " + h.getSrc().toString() : null;
}
export function writeEther(p: usize, avail: u32, dst: string, src: string, type: u16): i32 {
  let h = EtherHeader.at(p, avail);
  if (!h) return 0;
  h.setDst(EtherAddress.parse(dst)!);
  h.setSrc(EtherAddress.parse(src)!);
  h.type = type;
  return 1;
}

export function readARP(p: usize, avail: u32, out: usize): i32 {
  let h = ARPHeader.at(p, avail);
  if (!h) return 0;
  put(out, 0, h.hrd);
  put(out, 1, h.pro);
  put(out, 2, h.hln);
  put(out, 3, h.pln);
  put(out, 4, h.op);
  put(out, 5, i32(h.isEthernetIPv4()));
  put(out, 6, h.spa);
  put(out, 7, h.tpa);
  return 1;
}
export function arpText(p: usize, avail: u32): string | null {
  let h = ARPHeader.at(p, avail);
  if (!h) return null;
  return h.shaAddr().toString() + " " + h.spaAddr().toString() + " " + h.thaAddr().toString()
    + " " + h.tpaAddr().toString();
}
export function writeARPReply(p: usize, avail: u32, sha: string, spa: string, tha: string, tpa: string): i32 {
  let h = ARPHeader.at(p, avail);
  if (!h) return 0;
  h.initEthernetIPv4(2);
  h.sha = EtherAddress.parse(sha)!.raw;
  h.spa = IPAddress.parse(spa)!.raw;
  h.tha = EtherAddress.parse(tha)!.raw;
  h.tpa = IPAddress.parse(tpa)!.raw;
  return 1;
}

export function readIPv4(p: usize, avail: u32, out: usize): i32 {
  let h = IPv4Header.at(p, avail);
  if (!h) return 0;
  put(out, 0, h.version);
  put(out, 1, h.ihl);
  put(out, 2, h.headerLength);
  put(out, 3, h.tos);
  put(out, 4, h.dscp);
  put(out, 5, h.ecn);
  put(out, 6, h.totalLength);
  put(out, 7, h.id);
  put(out, 8, h.flags);
  put(out, 9, i32(h.df));
  put(out, 10, i32(h.mf));
  put(out, 11, h.fragOffset);
  put(out, 12, i32(h.isFragment));
  put(out, 13, h.ttl);
  put(out, 14, h.protocol);
  put(out, 15, h.checksum);
  put(out, 16, h.src);
  put(out, 17, h.dst);
  put(out, 18, h.computeChecksum());
  put(out, 19, i32(h.checksumValid()));
  put(out, 20, <u32>(h.payloadPtr() - p));
  return 1;
}
export function ipv4Text(p: usize, avail: u32): string | null {
  let h = IPv4Header.at(p, avail);
  return h ? h.srcAddr().toString() + " > " + h.dstAddr().toString() : null;
}
/** Builds a header with init() and every setter from `inp` slots (same order as readIPv4
 *  for tos..dst, slots 3..17), then updateChecksum(). */
export function writeIPv4(p: usize, avail: u32, inp: usize): i32 {
  let h = IPv4Header.init(p, avail);
  if (!h) return 0;
  h.tos = <u8>get(inp, 3);
  h.totalLength = <u16>get(inp, 6);
  h.id = <u16>get(inp, 7);
  h.df = get(inp, 9) != 0;
  h.mf = get(inp, 10) != 0;
  h.fragOffset = <u16>get(inp, 11);
  h.ttl = <u8>get(inp, 13);
  h.protocol = <u8>get(inp, 14);
  h.setSrcAddr(new IPAddress(get(inp, 16)));
  h.dst = get(inp, 17);
  h.updateChecksum();
  return 1;
}
/** Sets dscp then ecn, version and ihl on an existing header (sub-byte setters). */
export function ipv4Bits(p: usize, avail: u32, dscp: u8, ecn: u8, flags: u8): i32 {
  let h = IPv4Header.at(p, avail);
  if (!h) return 0;
  h.dscp = dscp;
  h.ecn = ecn;
  h.flags = flags;
  return 1;
}

export function readIPv6(p: usize, avail: u32, out: usize): i32 {
  let h = IPv6Header.at(p, avail);
  if (!h) return 0;
  put(out, 0, h.version);
  put(out, 1, h.trafficClass);
  put(out, 2, h.flowLabel);
  put(out, 3, h.payloadLength);
  put(out, 4, h.nextHeader);
  put(out, 5, h.hopLimit);
  put(out, 6, <u32>(h.srcPtr() - p));
  put(out, 7, <u32>(h.dstPtr() - p));
  put(out, 8, <u32>(h.payloadPtr() - p));
  return 1;
}
export function ipv6Text(p: usize, avail: u32): string | null {
  let h = IPv6Header.at(p, avail);
  return h ? h.getSrc().toString() + " > " + h.getDst().toString() : null;
}
export function writeIPv6(p: usize, avail: u32, tc: u8, flow: u32, plen: u16, nh: u8, hlim: u8, src: string, dst: string): i32 {
  let h = IPv6Header.init(p, avail);
  if (!h) return 0;
  h.trafficClass = tc;
  h.flowLabel = flow;
  h.payloadLength = plen;
  h.nextHeader = nh;
  h.hopLimit = hlim;
  h.setSrc(IP6Address.parse(src)!);
  h.setDst(IP6Address.parse(dst)!);
  return 1;
}

export function readICMP(p: usize, avail: u32, len: u32, out: usize): i32 {
  let h = ICMPHeader.at(p, avail);
  if (!h) return 0;
  put(out, 0, h.type);
  put(out, 1, h.code);
  put(out, 2, h.checksum);
  put(out, 3, h.identifier);
  put(out, 4, h.sequence);
  put(out, 5, h.rest);
  put(out, 6, h.computeChecksum(len));
  return 1;
}
export function icmp6Checksum(p: usize, avail: u32, src: usize, dst: usize, len: u32): i32 {
  let h = ICMPHeader.at(p, avail);
  return h ? <i32>h.computeChecksum6(src, dst, len) : -1;
}
export function writeICMPEcho(p: usize, avail: u32, type: u8, id: u16, seq: u16, len: u32): i32 {
  let h = ICMPHeader.at(p, avail);
  if (!h) return 0;
  h.type = type;
  h.code = 0;
  h.identifier = id;
  h.sequence = seq;
  h.updateChecksum(len);
  return 1;
}

export function readUDP(p: usize, avail: u32, src: u32, dst: u32, out: usize): i32 {
  let h = UDPHeader.at(p, avail);
  if (!h) return 0;
  put(out, 0, h.srcPort);
  put(out, 1, h.dstPort);
  put(out, 2, h.length);
  put(out, 3, h.checksum);
  put(out, 4, h.computeChecksum4(src, dst, h.length));
  put(out, 5, i32(h.checksumValid4(src, dst, h.length)));
  return 1;
}
export function udp6Checksum(p: usize, avail: u32, src: usize, dst: usize, len: u32): i32 {
  let h = UDPHeader.at(p, avail);
  return h ? <i32>h.computeChecksum6(src, dst, len) : -1;
}
export function writeUDP(p: usize, avail: u32, sport: u16, dport: u16, len: u16, src: u32, dst: u32): i32 {
  let h = UDPHeader.at(p, avail);
  if (!h) return 0;
  h.srcPort = sport;
  h.dstPort = dport;
  h.length = len;
  h.updateChecksum4(src, dst, len);
  return 1;
}

export function readTCP(p: usize, avail: u32, src: u32, dst: u32, len: u32, out: usize): i32 {
  let h = TCPHeader.at(p, avail);
  if (!h) return 0;
  put(out, 0, h.srcPort);
  put(out, 1, h.dstPort);
  put(out, 2, h.seq);
  put(out, 3, h.ack);
  put(out, 4, h.dataOffset);
  put(out, 5, h.headerLength);
  put(out, 6, h.flags);
  put(out, 7, h.window);
  put(out, 8, h.checksum);
  put(out, 9, h.urgent);
  put(out, 10, h.computeChecksum4(src, dst, len));
  put(out, 11, i32(h.checksumValid4(src, dst, len)));
  put(out, 12, <u32>(h.payloadPtr() - p));
  return 1;
}
export function tcpHasFlags(p: usize, avail: u32, mask: u8): i32 {
  let h = TCPHeader.at(p, avail);
  return h ? i32(h.hasFlags(mask)) : -1;
}
export function tcp6Checksum(p: usize, avail: u32, src: usize, dst: usize, len: u32): i32 {
  let h = TCPHeader.at(p, avail);
  return h ? <i32>h.computeChecksum6(src, dst, len) : -1;
}
export function writeTCP(p: usize, avail: u32, sport: u16, dport: u16, seq: u32, ack: u32, flags: u8, win: u16, src: u32, dst: u32, len: u32): i32 {
  let h = TCPHeader.init(p, avail);
  if (!h) return 0;
  h.srcPort = sport;
  h.dstPort = dport;
  h.seq = seq;
  h.ack = ack;
  h.flags = flags;
  h.window = win;
  h.urgent = 0;
  h.updateChecksum4(src, dst, len);
  return 1;
}

/** Applies the incremental setters; returns checksumValid() afterwards (or -1). */
export function ipv4Incremental(p: usize, avail: u32, ttl: u8, src: u32, dst: u32): i32 {
  let h = IPv4Header.at(p, avail);
  if (!h) return -1;
  h.setTtlIncremental(ttl);
  h.setSrcIncremental(src);
  h.setDstIncremental(dst);
  return i32(h.checksumValid());
}
