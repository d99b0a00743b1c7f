// Writes the Firewall example's captures: netfront0.pcap holds probes that
// exercise every rule (each labelled with the rule that decides it), and
// expected/netfront1.out.pcap is the subsequence the rules allow, in order.
// The expected output is decided here by the labels, not by running IPFilter.
// Run: npx tsx --conditions=source examples/firewall/make-traffic.ts
import { pkt } from "@clickos/sdk/testing";
import { writeExample } from "../lib/captures.ts";

const isp = "02:00:00:00:00:fe", fwMac = "02:00:00:00:00:01";
const eth = () => pkt.ether({ src: isp, dst: fwMac });
const web = "203.0.113.10", mail = "203.0.113.25", dns = "203.0.113.53", client = "192.0.2.77", admin = "198.51.100.9";

// [rule that decides, allowed?, frame]
const probes: [number | "non-IP", boolean, Uint8Array][] = [
  [1, false, eth().ipv4({ src: "10.1.2.3", dst: web }).tcp({ sport: 1234, dport: 80, flags: "S" }).build()],
  [1, false, eth().ipv4({ src: "172.20.0.1", dst: web }).tcp({ sport: 1234, dport: 80, flags: "S" }).build()],
  [1, false, eth().ipv4({ src: "192.168.1.1", dst: dns }).udp({ sport: 5000, dport: 53 }).payload("q").build()],
  [2, false, eth().ipv4({ src: "203.0.113.99", dst: web }).tcp({ sport: 1234, dport: 80, flags: "S" }).build()],
  [3, false, eth().ipv4({ src: client, dst: dns, flags: "MF", id: 7 }).udp({ sport: 5000, dport: 53 }).payload("first fragment").build()],
  [3, false, eth().ipv4({ src: client, dst: web, fragOffset: 64, id: 8 }).payload("a later fragment").build()],
  [4, true, eth().ipv4({ src: client, dst: web }).tcp({ sport: 40001, dport: 80, flags: "S", seq: 1 }).build()],
  [4, true, eth().ipv4({ src: client, dst: web }).tcp({ sport: 40001, dport: 80, flags: "PA", seq: 2, ack: 9 }).payload("GET / HTTP/1.1\r\n\r\n").build()],
  [5, true, eth().ipv4({ src: client, dst: web }).tcp({ sport: 40002, dport: 443, flags: "S" }).build()],
  [10, false, eth().ipv4({ src: client, dst: web }).tcp({ sport: 40003, dport: 8080, flags: "S" }).build()],
  [10, false, eth().ipv4({ src: client, dst: web }).udp({ sport: 40003, dport: 80 }).payload("udp to a tcp port").build()],
  [6, true, eth().ipv4({ src: client, dst: mail }).tcp({ sport: 40004, dport: 25, flags: "S" }).build()],
  [10, false, eth().ipv4({ src: client, dst: mail }).tcp({ sport: 40004, dport: 80, flags: "S" }).build()],
  [7, true, eth().ipv4({ src: client, dst: dns }).udp({ sport: 5353, dport: 53 }).payload("example.org A?").build()],
  [10, false, eth().ipv4({ src: client, dst: dns }).tcp({ sport: 5353, dport: 53, flags: "S" }).build()],
  [8, true, eth().ipv4({ src: admin, dst: web }).tcp({ sport: 50000, dport: 22, flags: "S" }).build()],
  [10, false, eth().ipv4({ src: client, dst: web }).tcp({ sport: 50000, dport: 22, flags: "S" }).build()],
  [9, true, eth().ipv4({ src: client, dst: web }).icmp({ type: 8, id: 1, seq: 1 }).payload("ping").build()],
  [9, true, eth().ipv4({ src: client, dst: mail }).icmp({ type: 3, code: 4 }).payload(new Uint8Array(28)).build()],
  [10, false, eth().ipv4({ src: client, dst: web }).icmp({ type: 13 }).payload(new Uint8Array(12)).build()], // timestamp request
  [10, false, eth().ipv4({ src: client, dst: web, proto: 47 }).payload("GRE").build()],
  ["non-IP", true, eth().arp({ senderMac: isp, senderIp: "203.0.113.1", targetIp: web }).build()],
];

writeExample(new URL(".", import.meta.url), {
  inputs: { "netfront0.pcap": probes.map((p) => p[2]) },
  expected: { "netfront1.out.pcap": probes.filter((p) => p[1]).map((p) => p[2]) },
});
