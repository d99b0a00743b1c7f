// Writes the IP router example's captures. Each input frame is listed with what
// a router configured as iprouter.click must do with it: the frame it sends and
// on which interface, or nothing (and why). Forwarded packets are rebuilt here
// with the next hop's Ethernet addresses and TTL - 1 (and hence a new header
// checksum); ping replies have swapped addresses, TTL 255 - 1, type 0.
// The devices are replayed one packet each in turn (BURST 1), so the expected
// order on each interface follows the same interleaving.
// Run: npx tsx --conditions=source examples/iprouter/make-traffic.ts
import { pkt, type IPv4Options } from "@clickos/sdk/testing";
import { writeExample } from "../lib/captures.ts";

const if0 = { ip: "10.0.0.1", mac: "02:00:00:00:00:01" }, ce = { ip: "10.0.0.2", mac: "02:00:00:00:00:02" };
const if1 = { ip: "192.0.2.1", mac: "02:00:00:00:01:01" }, up = { ip: "192.0.2.254", mac: "02:00:00:00:01:fe" };
type Out = { iface: 0 | 1; frame: Uint8Array } | null;
type L4 = (ip: ReturnType<typeof pkt.ether>, o: IPv4Options) => Uint8Array;

const udp = (sport: number, dport: number, data: string): L4 => (e, o) => e.ipv4(o).udp({ sport, dport }).payload(data).build();
const tcp = (sport: number, dport: number, flags: string): L4 => (e, o) => e.ipv4(o).tcp({ sport, dport, flags }).build();
const echo = (type: number, id: number, data: string): L4 => (e, o) => e.ipv4(o).icmp({ type, id, seq: 1 }).payload(data).build();

const nbr = [ce, up], me = [if0, if1];
/** A packet arriving on `iface` from its neighbour, and the same packet forwarded out of `outIface`. */
function routed(iface: 0 | 1, outIface: 0 | 1, o: IPv4Options, l4: L4): [Uint8Array, Out] {
  const inFrame = l4(pkt.ether({ src: nbr[iface].mac, dst: me[iface].mac }), o);
  const outFrame = l4(pkt.ether({ src: me[outIface].mac, dst: nbr[outIface].mac }), { ...o, ttl: (o.ttl ?? 64) - 1 });
  return [inFrame, { iface: outIface, frame: outFrame }];
}
/** A ping to one of the router's addresses, and its reply sent out of `outIface`. */
function pinged(iface: 0 | 1, outIface: 0 | 1, src: string, dst: string, id: number): [Uint8Array, Out] {
  const inFrame = echo(8, id, "ping")(pkt.ether({ src: nbr[iface].mac, dst: me[iface].mac }), { src, dst, id });
  const reply = echo(0, id, "ping")(pkt.ether({ src: me[outIface].mac, dst: nbr[outIface].mac }), { src: dst, dst: src, id, ttl: 254 });
  return [inFrame, { iface: outIface, frame: reply }];
}
/** An ARP request for `target` from the neighbour on `iface`; answered if target is ours. */
function arpRequest(iface: 0 | 1, target: string): [Uint8Array, Out] {
  const n = nbr[iface], m = me[iface];
  const req = pkt.ether({ src: n.mac }).arp({ senderMac: n.mac, senderIp: n.ip, targetIp: target }).build();
  if (target !== m.ip) return [req, null];
  const reply = pkt.ether({ src: m.mac, dst: n.mac }).arp({ op: "reply", senderMac: m.mac, senderIp: m.ip, targetMac: n.mac, targetIp: n.ip }).build();
  return [req, { iface, frame: reply }];
}
const dropped = (frame: Uint8Array): [Uint8Array, Out] => [frame, null];

const fromCE: [Uint8Array, Out][] = [
  arpRequest(0, if0.ip),
  routed(0, 1, { src: "172.16.5.5", dst: "8.8.8.8", id: 1 }, udp(5353, 53, "example.org A?")),           // default route
  routed(0, 1, { src: ce.ip, dst: up.ip, id: 2 }, tcp(40179, 179, "S")),                               // connected, if1
  pinged(0, 0, "172.16.5.5", if0.ip, 3),
  dropped(udp(5353, 53, "ttl 1")(pkt.ether({ src: ce.mac, dst: if0.mac }), { src: "172.16.5.5", dst: "8.8.8.8", ttl: 1 })), // expires
  dropped(udp(1, 2, "bad sum")(pkt.ether({ src: ce.mac, dst: if0.mac }), { src: "172.16.5.5", dst: "8.8.8.8", checksum: 0x1234 })), // CheckIPHeader
  routed(0, 0, { src: "172.16.5.5", dst: "172.16.9.9", id: 6 }, udp(7, 7, "hairpin")),                  // back via the CE
  dropped(pkt.ether({ src: ce.mac, dst: if0.mac }).ipv6({}).udp({ sport: 1, dport: 2 }).build()),        // IPv6: not routed
  pinged(0, 0, "172.16.5.5", if1.ip, 8),                                                               // the other interface's address
  dropped(udp(1, 2, "spoofed")(pkt.ether({ src: ce.mac, dst: if0.mac }), { src: "10.0.0.255", dst: "8.8.8.8" })), // broadcast source: BADSRC
];
const fromUpstream: [Uint8Array, Out][] = [
  arpRequest(1, if1.ip),
  arpRequest(1, "192.0.2.50"),                                                                          // not ours: no answer
  routed(1, 0, { src: "8.8.8.8", dst: "172.16.5.5", id: 11 }, udp(53, 5353, "example.org A 93.184.215.14")),
  routed(1, 0, { src: "198.51.100.7", dst: ce.ip, id: 12, ttl: 50 }, tcp(50000, 22, "S")),               // connected, if0
  routed(1, 1, { src: "198.51.100.7", dst: "203.0.113.9", id: 13 }, udp(9, 9, "default, back out")),
  dropped(pkt.ether({ src: up.mac, dst: if1.mac }).arp({ op: "reply", senderMac: up.mac, senderIp: up.ip, targetMac: if1.mac, targetIp: if1.ip }).build()),
];

const expected: Record<string, Uint8Array[]> = { "netfront0.out.pcap": [], "netfront1.out.pcap": [] };
for (let k = 0; k < Math.max(fromCE.length, fromUpstream.length); k++) {
  for (const list of [fromCE, fromUpstream]) {
    const out = list[k]?.[1];
    if (out) expected[`netfront${out.iface}.out.pcap`].push(out.frame);
  }
}
writeExample(new URL(".", import.meta.url), {
  inputs: { "netfront0.pcap": fromCE.map((x) => x[0]), "netfront1.pcap": fromUpstream.map((x) => x[0]) },
  expected,
});
