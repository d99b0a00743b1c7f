// NatPacket: the per-packet facts NAT-like elements need (IPv4 header, protocol,
// transport header pointer and length, flow ID), gathered once without allocating
// (one NatPacket object per element, reused).

import { Packet, IPv4Header } from "@clickos/sdk";

export class NatPacket {
  iph: IPv4Header = changetype<IPv4Header>(0);
  proto: u8 = 0;
  /** Transport header pointer and the bytes of it present in the packet. */
  tp: usize = 0;
  tlen: u32 = 0;
  saddr: u32 = 0;
  daddr: u32 = 0;
  sport: u16 = 0;
  dport: u16 = 0;
  /** TCP or UDP, first (or only) fragment, with at least 8 transport bytes: a flow
   *  Click's rewriters map (IPRewriter::push). */
  isFlow: bool = false;

  /** False when the packet holds no IPv4 header (at the network header annotation,
   *  or at the start of the data). */
  parse(p: Packet): bool {
    const iph = p.ip();
    if (iph === null) return false;
    this.iph = iph;
    const off = p.ipPayloadOffset;
    this.tlen = <u32>off <= p.length ? p.length - <u32>off : 0;
    this.tp = iph.payloadPtr();
    this.proto = iph.protocol;
    this.saddr = iph.src;
    this.daddr = iph.dst;
    const firstFrag = (iph.fragWord & 0x1fff) == 0;
    this.isFlow = (this.proto == 6 || this.proto == 17) && firstFrag && this.tlen >= 8;
    if (this.isFlow) {
      this.sport = bswap<u16>(load<u16>(this.tp));
      this.dport = bswap<u16>(load<u16>(this.tp, 2));
    } else {
      this.sport = 0;
      this.dport = 0;
    }
    return true;
  }
}
