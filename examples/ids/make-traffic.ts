// Writes the IDS example's captures: netfront0.pcap holds twelve frames, each
// labelled with the rules it must trigger (none for clean traffic, including
// near misses: the right content on the wrong port or protocol); the expected
// outputs split them by those labels: clean frames to netfront1, alerts to
// alerts.pcap.
// Run: npx tsx --conditions=source examples/ids/make-traffic.ts
import { pkt } from "@clickos/sdk/testing";
import { writeExample } from "../lib/captures.ts";

const eth = () => pkt.ether({ src: "02:00:00:00:00:fe", dst: "02:00:00:00:00:01" });
const c = "192.0.2.44", s = "203.0.113.10", dns = "203.0.113.53";
const nops = new Uint8Array(24).fill(0x90);
/** A DNS query for `name` (header + question), wire format. */
function dnsQuery(name: string): Uint8Array {
  const labels = name.split(".").flatMap((l) => [l.length, ...new TextEncoder().encode(l)]);
  return Uint8Array.from([0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, ...labels, 0, 0, 1, 0, 1]);
}

// [rules that match, frame]
const frames: [number[], Uint8Array][] = [
  [[1], eth().ipv4({ src: c, dst: s }).tcp({ sport: 40000, dport: 80, flags: "PA" }).payload("GET /../../etc/passwd HTTP/1.0\r\n\r\n").build()],
  [[], eth().ipv4({ src: c, dst: s }).tcp({ sport: 40001, dport: 80, flags: "PA" }).payload("GET /index.html HTTP/1.0\r\n\r\n").build()],
  [[2], eth().ipv4({ src: c, dst: s }).udp({ sport: 4444, dport: 9999 }).payload(nops).build()],
  [[], eth().ipv4({ src: c, dst: s }).tcp({ sport: 40002, dport: 8080, flags: "PA" }).payload("GET /etc/passwd HTTP/1.0\r\n\r\n").build()], // rule 1 needs port 80
  [[3], eth().ipv4({ src: c, dst: s }).tcp({ sport: 40003, dport: 80, flags: "PA" }).payload("GET /scripts/..%c1%1c../winnt/system32/cmd.exe?/c+dir").build()],
  [[], eth().ipv4({ src: c, dst: s }).udp({ sport: 40004, dport: 69 }).payload("\x00\x01cmd.exe\x00octet\x00").build()], // rule 3 is TCP only
  [[4], eth().ipv4({ src: c, dst: s }).tcp({ sport: 40005, dport: 80, flags: "PA" }).payload("GET /item?id=1 UNION SELECT password FROM users").build()],
  [[5], eth().ipv4({ src: c, dst: dns }).udp({ sport: 5353, dport: 53 }).payload(dnsQuery("www.malware.example")).build()],
  [[], eth().ipv4({ src: c, dst: dns }).udp({ sport: 5353, dport: 53 }).payload(dnsQuery("www.example.org")).build()],
  [[2], eth().ipv4({ src: c, dst: s }).icmp({ type: 8, id: 3, seq: 1 }).payload(nops).build()],
  [[], eth().arp({ senderMac: "02:00:00:00:00:fe", senderIp: "203.0.113.1", targetIp: s }).build()],
  [[1, 3], eth().ipv4({ src: c, dst: s }).tcp({ sport: 40006, dport: 80, flags: "PA" }).payload("GET /cgi?f=/etc/passwd&x=cmd.exe HTTP/1.0").build()],
];

writeExample(new URL(".", import.meta.url), {
  inputs: { "netfront0.pcap": frames.map((f) => f[1]) },
  expected: {
    "netfront1.out.pcap": frames.filter((f) => f[0].length === 0).map((f) => f[1]),
    "alerts.pcap": frames.filter((f) => f[0].length > 0).map((f) => f[1]),
  },
});
// The hit counts in expected-handlers.json, from the labels.
const hits = [1, 2, 3, 4, 5].map((r) => frames.filter((f) => f[0].includes(r)).length);
console.log(`hits per rule: ${hits.join(" ")}; alerts ${frames.filter((f) => f[0].length).length}`);
