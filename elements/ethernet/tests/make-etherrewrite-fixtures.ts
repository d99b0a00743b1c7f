// Fixtures for EtherRewrite-01. Run: npx tsx --conditions=source <this file>
import { pkt } from "@clickos/sdk/testing";
import { writeGolden, LINK_ETHER, pad, cat } from "../../standard/tests/golden-fixtures.ts";

const dir = import.meta.dirname;
const SRC = "00:00:00:00:00:aa", DST = "00:00:00:00:00:bb";
const macs = pkt.ether({ dst: DST, src: SRC }).build().slice(0, 12);
const rewrite = (f: Uint8Array) => cat(macs, f.slice(12));
const frames = [
  pkt.ether().ipv4().udp().payload("x").build(),
  pkt.ether().arp({ op: "reply" }).build(),
  pad(pkt.ether({ type: 0x8100 }).payload([0, 5, 8, 0]).build(), 60),   // VLAN type kept
  pkt.ether().build().slice(0, 12),                                      // exactly the addresses
];
const short = pkt.ether().build().slice(0, 11);
writeGolden({
  dir, name: "EtherRewrite-01", outputs: { OUT: LINK_ETHER },
  cases: [...frames.map((f) => ({ in: f, out: { OUT: rewrite(f) } })), { in: short }],
  handlers: { "r.runts": "1", "r.src": "00-00-00-00-00-AA", "r.dst": "00-00-00-00-00-BB" },
});
