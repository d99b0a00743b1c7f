// Writes the Flow monitor example's captures: one mirrored link (both directions
// in netfront0.pcap) carrying an HTTP connection with handshake, data and close,
// a second TCP connection from the same client, a DNS exchange, an NTP exchange,
// a ping and an ARP request. The monitor forwards all of it unchanged, so the
// expected output is the input; the per-flow table is checked through
// expected-handlers.json, whose "flows" value this script computes from its own
// list of flows (flow numbers in order of first packet, bytes = IP lengths).
// Run: npx tsx --conditions=source examples/flowmonitor/make-traffic.ts
import { pkt } from "@clickos/sdk/testing";
import { writeExample } from "../lib/captures.ts";
import { writeFileSync } from "node:fs";

const cMac = "02:00:00:00:00:0c", sMac = "02:00:00:00:00:5e";
const client = "192.0.2.7", web = "198.51.100.80", dns = "198.51.100.53", ntp = "198.51.100.123";
const up = () => pkt.ether({ src: cMac, dst: sMac });
const down = () => pkt.ether({ src: sMac, dst: cMac });

interface Flow { proto: "tcp" | "udp"; src: string; sport: number; dst: string; dport: number; pkts: [number, number]; bytes: [number, number] }
const flows: Flow[] = [];
const frames: Uint8Array[] = [];
/** Adds a TCP/UDP frame of `flow` (created on first use) in direction 0 (as opened) or 1. */
function add(f: Flow, dir: 0 | 1, frame: Uint8Array): void {
  if (!flows.includes(f)) flows.push(f);
  f.pkts[dir]++;
  f.bytes[dir] += frame.length - 14;
  frames.push(frame);
}
const flow = (proto: "tcp" | "udp", src: string, sport: number, dst: string, dport: number): Flow =>
  ({ proto, src, sport, dst, dport, pkts: [0, 0], bytes: [0, 0] });

const http = flow("tcp", client, 40000, web, 80);
const tcpUp = (o: object, p = "") => up().ipv4({ src: client, dst: web }).tcp({ sport: 40000, dport: 80, ...o }).payload(p).build();
const tcpDown = (o: object, p = "") => down().ipv4({ src: web, dst: client }).tcp({ sport: 80, dport: 40000, ...o }).payload(p).build();
const query = flow("udp", client, 5353, dns, 53);
const time = flow("udp", client, 123, ntp, 123);
const https = flow("tcp", client, 40001, web, 443);

add(http, 0, tcpUp({ flags: "S", seq: 100 }));
add(http, 1, tcpDown({ flags: "SA", seq: 900, ack: 101 }));
add(http, 0, tcpUp({ flags: "A", seq: 101, ack: 901 }));
add(query, 0, up().ipv4({ src: client, dst: dns }).udp({ sport: 5353, dport: 53 }).payload("example.org A?").build());
add(http, 0, tcpUp({ flags: "PA", seq: 101, ack: 901 }, "GET / HTTP/1.1\r\nHost: example.org\r\n\r\n"));
add(query, 1, down().ipv4({ src: dns, dst: client }).udp({ sport: 53, dport: 5353 }).payload("example.org A 198.51.100.80").build());
frames.push(up().ipv4({ src: client, dst: web }).icmp({ type: 8, id: 1, seq: 1 }).payload("are you there").build()); // not a flow: output 1
add(http, 1, tcpDown({ flags: "PA", seq: 901, ack: 138 }, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"));
add(time, 0, up().ipv4({ src: client, dst: ntp }).udp({ sport: 123, dport: 123 }).payload(new Uint8Array(48).fill(0x23)).build());
add(https, 0, up().ipv4({ src: client, dst: web }).tcp({ sport: 40001, dport: 443, flags: "S", seq: 7 }).build());
add(time, 1, down().ipv4({ src: ntp, dst: client }).udp({ sport: 123, dport: 123 }).payload(new Uint8Array(48).fill(0x24)).build());
frames.push(up().arp({ senderMac: cMac, senderIp: client, targetIp: "192.0.2.1" }).build()); // not IP
add(http, 0, tcpUp({ flags: "FA", seq: 138, ack: 940 }));
add(http, 1, tcpDown({ flags: "FA", seq: 940, ack: 139 }));
add(http, 0, tcpUp({ flags: "A", seq: 139, ack: 941 }));

writeExample(new URL(".", import.meta.url), {
  inputs: { "netfront0.pcap": frames },
  expected: { "netfront1.out.pcap": frames },
});
const table = flows.map((f, i) => `${i + 1} ${f.proto} ${f.src}:${f.sport} > ${f.dst}:${f.dport} packets ${f.pkts[0]} ${f.pkts[1]} bytes ${f.bytes[0]} ${f.bytes[1]}`).join("\n");
const tracked = flows.reduce((s, f) => s + f.pkts[0] + f.pkts[1], 0);
writeFileSync(new URL("expected-handlers.json", import.meta.url), JSON.stringify({
  "flows.flows": table, "flows.nflows": String(flows.length), "flows.count": String(flows.length), "flows.failures": "0",
  "tracked.count": String(tracked), "untracked.count": "1",
}, null, 2) + "\n");
