// Fixtures for Strip-01..02. Run: npx tsx --conditions=source <this file>
import { pkt } from "@clickos/sdk/testing";
import { writeGolden, LINK_ETHER, LINK_RAW, pad } from "./golden-fixtures.ts";

const dir = import.meta.dirname;
const udp = pkt.ether().ipv4({ src: "10.0.0.1", dst: "10.0.0.2" }).udp({ sport: 1234, dport: 53 }).payload("query").build();
const arp = pkt.ether().arp({ senderIp: "10.0.0.1", targetIp: "10.0.0.9" }).build();
const padded = pad(pkt.ether().ipv4().icmp({ id: 7, seq: 1 }).build(), 60);
const exact = pkt.ether({ type: 0x88b5 }).build();          // 14 bytes: a header and nothing else
const runt = pkt.ether().build().slice(0, 10);               // shorter than LENGTH
const big = pkt.ether().ipv4().tcp({ sport: 80, dport: 40000, flags: "PA" }).payload(new Uint8Array(1400).fill(0x5a)).build();

// Strip(14): the Ethernet header goes; a runt loses everything (Click's pull clamps).
writeGolden({
  dir, name: "Strip-01", outputs: { OUT: LINK_RAW },
  cases: [udp, arp, padded, exact, runt, big].map((f) => ({ in: f, out: { OUT: f.slice(Math.min(14, f.length)) } })),
  handlers: { "s.short": "1" },
});

// Strip(LENGTH 34), keyword form: Ethernet and a 20-byte IP header.
writeGolden({
  dir, name: "Strip-02", outputs: { OUT: LINK_RAW },
  cases: [udp, padded, exact, big].map((f) => ({ in: f, out: { OUT: f.slice(Math.min(34, f.length)) } })),
  handlers: { "s.short": "1" },
});
