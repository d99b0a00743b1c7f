// Fixtures for Unstrip-01..02. Run: npx tsx --conditions=source <this file>
import { pkt } from "@clickos/sdk/testing";
import { writeGolden, LINK_ETHER, LINK_RAW, pad } from "./golden-fixtures.ts";

const dir = import.meta.dirname;
const udp = pkt.ether().ipv4({ src: "10.0.0.1", dst: "10.0.0.2" }).udp({ sport: 1234, dport: 53 }).payload("query").build();
const arp = pkt.ether().arp({ senderIp: "10.0.0.1", targetIp: "10.0.0.9" }).build();
const padded = pad(pkt.ether().ipv4().icmp({ id: 7, seq: 1 }).build(), 60);
const exact = pkt.ether({ type: 0x88b5 }).build();          // 14 bytes: a header and nothing else
const runt = pkt.ether().build().slice(0, 10);               // shorter than LENGTH
const big = pkt.ether().ipv4().tcp({ sport: 80, dport: 40000, flags: "PA" }).payload(new Uint8Array(1400).fill(0x5a)).build();

// Strip(14) -> Unstrip(14): the header bytes come back from the headroom.
writeGolden({
  dir, name: "Unstrip-01", outputs: { OUT: LINK_ETHER },
  cases: [udp, arp, padded, exact, big].map((f) => ({ in: f, out: { OUT: f } })),
  handlers: { "u.copies": "0" },
});

// Unstrip(100) -> Strip(100): more than the headroom, so Unstrip copies the packet.
writeGolden({
  dir, name: "Unstrip-02", outputs: { OUT: LINK_ETHER },
  cases: [udp, arp, runt, big].map((f) => ({ in: f, out: { OUT: f } })),
  handlers: { "u.copies": "4" },
});
