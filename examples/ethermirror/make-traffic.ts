// Writes traffic.pcap for the EtherMirror example: a few UDP, TCP and ICMP frames
// between two hosts, plus one runt frame that EtherMirror must drop.
// Run: npx tsx --conditions=source examples/ethermirror/make-traffic.ts
import { writeFileSync } from "node:fs";
import { pkt, pcapOf } from "../../sdk/src/testing/index.ts";

const a = { mac: "52:54:00:12:34:56", ip: "10.0.0.1" };
const b = { mac: "52:54:00:ab:cd:ef", ip: "10.0.0.2" };
const frames = [
  pkt.ether({ src: a.mac, dst: b.mac }).ipv4({ src: a.ip, dst: b.ip, ttl: 64 }).udp({ sport: 5353, dport: 53 }).payload("query").build(),
  pkt.ether({ src: a.mac, dst: b.mac }).ipv4({ src: a.ip, dst: b.ip, ttl: 64 }).tcp({ sport: 40000, dport: 80, flags: "S", seq: 1 }).build(),
  pkt.ether({ src: b.mac, dst: a.mac }).ipv4({ src: b.ip, dst: a.ip, ttl: 63 }).icmp({ type: 8, id: 7, seq: 1 }).payload("ping").build(),
  new Uint8Array([0x52, 0x54, 0x00, 0x12, 0x34, 0x56, 0x08]), // runt: 7 bytes
];
writeFileSync(new URL("traffic.pcap", import.meta.url), pcapOf(frames));
