// Fixtures for MarkIPHeader-01..02. Run: npx tsx --conditions=source <this file>
// The annotation is observed through elements that follow it (DecIPTTL, ICMPPingResponder).
import { pkt } from "@clickos/sdk/testing";
import { writeGolden, LINK_ETHER } from "../../standard/tests/golden-fixtures.ts";

const dir = import.meta.dirname;
const frame = (ttl: number) => pkt.ether({ dst: "02:00:00:00:00:01" }).ipv4({ ttl }).udp().payload("m").build();
writeGolden({
  dir, name: "MarkIPHeader-01", outputs: { OUT: LINK_ETHER },
  cases: [
    { in: frame(64), out: { OUT: frame(63) } },
    { in: frame(3), out: { OUT: frame(2) } },
    { in: pkt.ether({ dst: "02:00:00:00:00:01" }).arp().build() },   // annotation on ARP bytes: malformed
    { in: frame(64).slice(0, 10) },                                   // no byte at OFFSET: no annotation
  ],
  handlers: { "m.short": "1", "dt.malformed": "2" },
});

// The header length comes from IHL, so the ICMP header after IP options is found.
const A = "02:00:00:00:00:0a", B = "02:00:00:00:00:0b";
const opts = [0x94, 0x04, 0, 0];
const echo = pkt.ether({ src: A, dst: B }).ipv4({ src: "192.0.2.1", dst: "192.0.2.2", id: 3, ttl: 60, options: opts })
  .icmp({ type: 8, id: 0x1234, seq: 9 }).payload("options").build();
const reply = pkt.ether({ src: A, dst: B }).ipv4({ src: "192.0.2.2", dst: "192.0.2.1", id: 3, ttl: 255, options: opts })
  .icmp({ type: 0, id: 0x1234, seq: 9 }).payload("options").build();
writeGolden({
  dir, name: "MarkIPHeader-02", outputs: { OUT: LINK_ETHER }, sameTimestamp: true,
  cases: [{ in: echo, out: { OUT: reply } }],
  handlers: { "m.short": "0" },
});
