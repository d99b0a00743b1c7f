// Writes the Forwarder example's captures: a mix of IPv4 (UDP, TCP, ICMP), IPv6,
// ARP and an odd EtherType on netfront0, and replies on netfront1. A forwarder
// changes nothing, so each expected output is the other device's input, frame
// for frame.
// Run: npx tsx --conditions=source examples/forwarder/make-traffic.ts
import { pkt } from "@clickos/sdk/testing";
import { writeExample } from "../lib/captures.ts";

const a = { mac: "52:54:00:00:00:0a", ip: "192.0.2.10", ip6: "2001:db8::a" };
const b = { mac: "52:54:00:00:00:0b", ip: "198.51.100.20", ip6: "2001:db8::b" };

const fromA = [
  pkt.ether({ src: a.mac, dst: "ff:ff:ff:ff:ff:ff" }).arp({ senderMac: a.mac, senderIp: a.ip, targetIp: b.ip }).build(),
  pkt.ether({ src: a.mac, dst: b.mac }).ipv4({ src: a.ip, dst: b.ip, id: 1 }).udp({ sport: 5353, dport: 53 }).payload("example.org?").build(),
  pkt.ether({ src: a.mac, dst: b.mac }).ipv4({ src: a.ip, dst: b.ip, id: 2, flags: "DF" }).tcp({ sport: 40000, dport: 443, flags: "S", seq: 1000 }).build(),
  pkt.ether({ src: a.mac, dst: b.mac }).ipv4({ src: a.ip, dst: b.ip, id: 3 }).icmp({ type: 8, id: 9, seq: 1 }).payload("ping ping ping").build(),
  pkt.ether({ src: a.mac, dst: b.mac }).ipv6({ src: a.ip6, dst: b.ip6 }).udp({ sport: 1000, dport: 2000 }).payload("v6").build(),
  pkt.ether({ src: a.mac, dst: b.mac, type: 0x88b5 }).payload("local experimental ethertype").build(),
  // a full-size frame: 1500 bytes of IP
  pkt.ether({ src: a.mac, dst: b.mac }).ipv4({ src: a.ip, dst: b.ip, id: 4 }).udp({ sport: 9, dport: 9 }).payload(new Uint8Array(1472).fill(0x5a)).build(),
];
const fromB = [
  pkt.ether({ src: b.mac, dst: a.mac }).arp({ op: "reply", senderMac: b.mac, senderIp: b.ip, targetMac: a.mac, targetIp: a.ip }).build(),
  pkt.ether({ src: b.mac, dst: a.mac }).ipv4({ src: b.ip, dst: a.ip, id: 100 }).udp({ sport: 53, dport: 5353 }).payload("example.org 93.184.215.14").build(),
  pkt.ether({ src: b.mac, dst: a.mac }).ipv4({ src: b.ip, dst: a.ip, id: 101, flags: "DF" }).tcp({ sport: 443, dport: 40000, flags: "SA", seq: 5000, ack: 1001 }).build(),
  pkt.ether({ src: b.mac, dst: a.mac }).ipv4({ src: b.ip, dst: a.ip, id: 102 }).icmp({ type: 0, id: 9, seq: 1 }).payload("ping ping ping").build(),
];

writeExample(new URL(".", import.meta.url), {
  inputs: { "netfront0.pcap": fromA, "netfront1.pcap": fromB },
  expected: { "netfront1.out.pcap": fromA, "netfront0.out.pcap": fromB },
});
