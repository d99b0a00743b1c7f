// Fixtures for EtherMirror-01..02. Run: npx tsx --conditions=source <this file>
import { pkt } from "@clickos/sdk/testing";
import { writeGolden, LINK_ETHER } from "../../standard/tests/golden-fixtures.ts";

const dir = import.meta.dirname;
const A = "02:00:00:00:00:0a", B = "02:00:00:00:00:0b";
writeGolden({
  dir, name: "EtherMirror-01", outputs: { OUT: LINK_ETHER },
  cases: [
    { in: pkt.ether({ src: A, dst: B }).ipv4().udp().payload("ping").build(), out: { OUT: pkt.ether({ src: B, dst: A }).ipv4().udp().payload("ping").build() } },
    { in: pkt.ether({ src: A, dst: "ff:ff:ff:ff:ff:ff" }).arp({ senderMac: A }).build(), out: { OUT: pkt.ether({ src: "ff:ff:ff:ff:ff:ff", dst: A }).arp({ senderMac: A }).build() } },
  ],
});
// A 13-byte runt is dropped and counted; a bare 14-byte header is mirrored.
writeGolden({
  dir, name: "EtherMirror-02", outputs: { OUT: LINK_ETHER },
  cases: [
    { in: pkt.ether({ src: A, dst: B }).build().slice(0, 13) },
    { in: pkt.ether({ src: A, dst: B, type: 0x88b5 }).build(), out: { OUT: pkt.ether({ src: B, dst: A, type: 0x88b5 }).build() } },
    { in: new Uint8Array(0) },
  ],
  handlers: { "m.runts": "2" },
});
