// Test entry: exercises every view, checksum and packet-memory address helper on the
// per-packet path. Compiled with the stub runtime, where allocation only moves a bump
// pointer, so the test can prove that this path allocates nothing.
import {
  EtherHeader, ARPHeader, IPv4Header, IPv6Header, ICMPHeader, UDPHeader, TCPHeader,
  IPAddress, IP6Address, EtherAddress, IPPrefix,
  internetChecksum, incrementalUpdate16, incrementalUpdateRaw32,
} from "../../../assembly/net/index";

// configuration-time objects, created once
const ip4 = new IPAddress();
const ip6 = new IP6Address();
const mac = new EtherAddress();
let prefix: IPPrefix | null = null;

export function setup(): void {
  prefix = IPPrefix.parse("10.0.0.0/8");
}

/** Runs every per-packet operation over `n` bytes at `p`, `rounds` times. */
export function touchAll(p: usize, n: u32, rounds: i32): u32 {
  let x: u32 = 0;
  for (let r = 0; r < rounds; r++) {
    let e = EtherHeader.at(p, n);
    if (e) {
      x += e.type + <u32>e.dstRaw + <u32>e.srcRaw;
      e.type = e.type;
      mac.load(e.srcPtr());
      x += i32(mac.equalsAt(e.dstPtr()));
      mac.store(e.srcPtr());
    }
    let a = ARPHeader.at(p + 14, n - 14);
    if (a) x += a.op + a.spa + a.tpa + <u32>a.sha + i32(a.isEthernetIPv4());
    let ip = IPv4Header.at(p + 14, n - 14);
    if (ip) {
      x += ip.version + ip.ihl + ip.tos + ip.dscp + ip.ecn + ip.totalLength + ip.id + ip.flags
        + i32(ip.df) + i32(ip.mf) + ip.fragOffset + i32(ip.isFragment) + ip.ttl + ip.protocol + ip.src + ip.dst;
      x += i32(ip.checksumValid());
      let old = ip.ttl;
      ip.ttl = old;
      ip.checksum = incrementalUpdate16(ip.checksum, (<u16>old << 8) | ip.protocol, (<u16>old << 8) | ip.protocol);
      ip.checksum = incrementalUpdateRaw32(ip.checksum, ip.src, ip.src);
      ip4.load(ip.srcPtr());
      x += i32(ip4.equalsAt(ip.dstPtr())) + i32(prefix!.matchesRaw(ip.dst));
      ip.updateChecksum();
      let hl = ip.headerLength;
      let rest = n - 14 - hl;
      let t = TCPHeader.at(ip.payloadPtr(), rest);
      if (t) {
        x += t.srcPort + t.dstPort + t.seq + t.ack + t.dataOffset + t.flags + t.window + t.urgent;
        x += i32(t.checksumValid4(ip.src, ip.dst, rest)) + i32(t.hasFlags(0x12));
        t.updateChecksum4(ip.src, ip.dst, rest);
      }
      let u = UDPHeader.at(ip.payloadPtr(), rest);
      if (u) x += u.srcPort + u.dstPort + u.length + u.computeChecksum4(ip.src, ip.dst, rest);
      let c = ICMPHeader.at(ip.payloadPtr(), rest);
      if (c) x += c.type + c.code + c.identifier + c.sequence + c.computeChecksum(rest);
    }
    let v6 = IPv6Header.at(p + 14, n - 14);
    if (v6) {
      x += v6.version + v6.trafficClass + v6.flowLabel + v6.payloadLength + v6.nextHeader + v6.hopLimit;
      ip6.load(v6.srcPtr());
      x += i32(ip6.equalsAt(v6.dstPtr()));
      let u = UDPHeader.at(v6.payloadPtr(), n - 54);
      if (u) x += u.computeChecksum6(v6.srcPtr(), v6.dstPtr(), n - 54);
    }
    x += internetChecksum(p, n);
  }
  return x;
}
