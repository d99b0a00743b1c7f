// Fixtures for Classifier-01..03. Run: npx tsx --conditions=source <this file>
// Each case states by hand which pattern should take the frame and why.
import { pkt } from "@clickos/sdk/testing";
import { writeGolden, LINK_ETHER, pad } from "./golden-fixtures.ts";

const dir = import.meta.dirname;
const outs = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`OUT${i}`, LINK_ETHER]));
const to = (k: number | null, f: Uint8Array) => ({ in: f, out: k === null ? {} : { [`OUT${k}`]: f } });

// Click's own example: ARP requests, ARP replies, IP, everything else.
const arpReq = pkt.ether().arp({ op: "request" }).build();
writeGolden({
  dir, name: "Classifier-01", outputs: outs(4),
  cases: [
    to(0, arpReq),
    to(1, pkt.ether().arp({ op: "reply" }).build()),
    to(2, pkt.ether().ipv4().udp().build()),
    to(3, pkt.ether().ipv6().udp().build()),
    to(0, pad(arpReq, 60)),
    to(3, arpReq.slice(0, 21)),                   // 20/0001 needs 22 bytes: too short, so "-"
    to(3, arpReq.slice(0, 13)),                   // 12/0806 needs 14 bytes
    to(3, new Uint8Array(0)),
    to(3, pkt.ether().arp({ op: 3 }).build()),     // RARP request
  ],
});

// Masks, "?" nibbles, "!" and no default pattern (no match: dropped).
//   0: 12/0800 23/11          IPv4 UDP
//   1: 12/0800 !23/06         IPv4 that is not TCP
//   2: 0/02%02                locally administered destination MAC
//   3: 12/88??                EtherType 0x88xx
//   4: 14/45%f0 !12/0800      high nibble 4 at byte 14, not IPv4
const LOCAL = "02:00:00:00:00:01", GLOBAL = "00:00:00:00:00:01";
const tcp = (dst: string) => pkt.ether({ dst }).ipv4().tcp({ flags: "S" }).build();
const ipv4Only = pkt.ether({ dst: GLOBAL, type: 0x0800 }).build();      // 14 bytes: no byte 23
writeGolden({
  dir, name: "Classifier-02", outputs: outs(5),
  cases: [
    to(0, pkt.ether({ dst: GLOBAL }).ipv4().udp().build()),
    to(1, pkt.ether({ dst: GLOBAL }).ipv4().icmp().build()),
    to(2, tcp(LOCAL)),
    to(null, tcp(GLOBAL)),
    to(3, pkt.ether({ dst: GLOBAL, type: 0x88b5 }).payload("x").build()),
    to(3, pkt.ether({ dst: GLOBAL, type: 0x8847 }).payload([0, 0, 0x11, 64]).build()),
    to(4, pkt.ether({ dst: GLOBAL, type: 0x8100 }).payload([0x4f, 0xff, 0x08, 0x00]).build()),
    to(null, pkt.ether({ dst: GLOBAL, type: 0x8100 }).payload([0x3f, 0xff, 0x08, 0x00]).build()),
    to(1, ipv4Only),                               // 23/06 is past the end, so !23/06 holds
    to(2, pkt.ether({ dst: LOCAL }).build().slice(0, 1)),
    to(3, pkt.ether({ dst: GLOBAL, type: 0x88b5 }).build().slice(0, 13)), // 12/88?? needs only byte 12
    to(null, pkt.ether({ dst: GLOBAL, type: 0x88b5 }).build().slice(0, 12)),
  ],
});

// Values longer than 4 bytes at unaligned offsets, wildcards inside a value, upper case.
//   0: 6/000000000001 30/0A000001   source MAC ...:01 and destination 10.0.0.1
//   1: 26/0a00????                  source address 10.0.x.x
//   2: -
const S1 = "00:00:00:00:00:01", S2 = "00:00:00:00:00:02";
const ip = (src: string, mac: string, dst: string) => pkt.ether({ src: mac }).ipv4({ src, dst }).udp().build();
writeGolden({
  dir, name: "Classifier-03", outputs: outs(3),
  cases: [
    to(0, ip("192.168.0.1", S1, "10.0.0.1")),
    to(1, ip("10.0.9.9", S2, "10.0.0.1")),
    to(1, ip("10.0.0.2", S1, "10.0.0.3")),
    to(2, ip("10.1.0.2", S1, "10.0.0.3")),
    to(2, ip("192.168.0.1", S1, "10.0.0.1").slice(0, 33)),     // destination address cut
    to(1, ip("10.0.255.255", S1, "10.0.0.1").slice(0, 30)),    // ends with the source address
  ],
});
