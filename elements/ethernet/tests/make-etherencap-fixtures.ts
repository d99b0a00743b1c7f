// Fixtures for EtherEncap-01..02. Run: npx tsx --conditions=source <this file>
import { pkt } from "@clickos/sdk/testing";
import { writeGolden, LINK_ETHER, LINK_RAW, cat } from "../../standard/tests/golden-fixtures.ts";

const dir = import.meta.dirname;
const hdr = (dst: string, src: string, type: number) => pkt.ether({ dst, src, type }).build();
const ip = [
  pkt.ipv4({ src: "192.168.1.1", dst: "192.168.1.2" }).udp({ sport: 5000, dport: 6000 }).payload("abc").build(),
  pkt.ipv4().tcp({ flags: "S" }).build(),
  pkt.ipv4({ options: [1, 1, 1, 0] }).icmp().payload(new Uint8Array(56)).build(),
  new Uint8Array([0x45]),        // a one-byte "packet": EtherEncap does not look inside
  new Uint8Array(0),             // an empty one
];

const h1 = hdr("66:77:88:99:aa:bb", "00:11:22:33:44:55", 0x0800);
writeGolden({
  dir, name: "EtherEncap-01", inLink: LINK_RAW, outputs: { OUT: LINK_ETHER },
  cases: ip.map((p) => ({ in: p, out: { OUT: cat(h1, p) } })),
  handlers: { "e.ethertype": "2048", "e.src": "00-11-22-33-44-55", "e.dst": "66-77-88-99-AA-BB" },
});

// Strip(14) then a new header (keywords, another type): a runt frame becomes a bare header.
const frames = [
  pkt.ether().ipv6().udp().payload("six").build(),
  pkt.ether().arp().build(),
  pkt.ether().build().slice(0, 5),
];
const h2 = hdr("00:00:00:00:00:ff", "01:02:03:04:05:06", 0x86dd);
writeGolden({
  dir, name: "EtherEncap-02", outputs: { OUT: LINK_ETHER },
  cases: frames.map((f) => ({ in: f, out: { OUT: cat(h2, f.slice(Math.min(14, f.length))) } })),
  handlers: { "e.ethertype": "34525" },
});
