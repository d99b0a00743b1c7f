// Writes traffic.pcap for the EtherMirror example: a few UDP, TCP and ICMP frames
// between two hosts, plus one runt frame that EtherMirror must drop; and the
// expected output expected/mirrored.pcap, built independently: the same frames
// with their Ethernet addresses swapped, without the runt.
// Run: npx tsx --conditions=source examples/ethermirror/make-traffic.ts
import { pkt } from "@clickos/sdk/testing";
import { writeExample } from "../lib/captures.ts";

const a = { mac: "52:54:00:12:34:56", ip: "10.0.0.1" };
const b = { mac: "52:54:00:ab:cd:ef", ip: "10.0.0.2" };
// Each frame as a function of its Ethernet addresses, so the expected frame is the
// same builder with src and dst exchanged.
const frames = [
  (src: string, dst: string) => pkt.ether({ src, dst }).ipv4({ src: a.ip, dst: b.ip, ttl: 64 }).udp({ sport: 5353, dport: 53 }).payload("query").build(),
  (src: string, dst: string) => pkt.ether({ src, dst }).ipv4({ src: a.ip, dst: b.ip, ttl: 64 }).tcp({ sport: 40000, dport: 80, flags: "S", seq: 1 }).build(),
];
const ping = (src: string, dst: string) => pkt.ether({ src, dst }).ipv4({ src: b.ip, dst: a.ip, ttl: 63 }).icmp({ type: 8, id: 7, seq: 1 }).payload("ping").build();
const runt = new Uint8Array([0x52, 0x54, 0x00, 0x12, 0x34, 0x56, 0x08]); // 7 bytes

writeExample(new URL(".", import.meta.url), {
  inputs: { "traffic.pcap": [...frames.map((f) => f(a.mac, b.mac)), ping(b.mac, a.mac), runt] },
  expected: { "mirrored.pcap": [...frames.map((f) => f(b.mac, a.mac)), ping(a.mac, b.mac)] },
});
