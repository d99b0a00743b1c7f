// Fixtures for ICMPPingResponder-01..02. Run: npx tsx --conditions=source <this file>
// Replies are built afresh by the packet builder (its checksums are full
// computations), so they check the element's incremental updates independently.
// All inputs share one timestamp: the reply's timestamp is "now", the host's
// virtual clock, which is the newest input timestamp.
import { pkt, type IPv4Options, type IcmpOptions } from "@clickos/sdk/testing";
import { writeGolden, LINK_RAW, LINK_ETHER, pad } from "../../standard/tests/golden-fixtures.ts";

const dir = import.meta.dirname;
const X = "198.51.100.7", Y = "203.0.113.1";
const icmp = (ip: IPv4Options, m: IcmpOptions, payload: string | Uint8Array = "abcdefgh") =>
  pkt.ipv4(ip).icmp(m).payload(payload).build();
const framed = (b: Uint8Array) => { const e = pkt.ether().build(); const f = new Uint8Array(14 + b.length); f.set(e); f.set(b, 14); return f; };

const cases = [
  // A plain echo request.
  [icmp({ src: X, dst: Y, ttl: 64, id: 1 }, { type: 8, id: 0x4242, seq: 1 }), icmp({ src: Y, dst: X, ttl: 255, id: 1 }, { type: 0, id: 0x4242, seq: 1 })],
  // DF set and a low TTL: both reset.
  [icmp({ src: X, dst: Y, ttl: 3, id: 2, flags: "DF", tos: 0x10 }, { type: 8, id: 7, seq: 65535 }), icmp({ src: Y, dst: X, ttl: 255, id: 2, tos: 0x10 }, { type: 0, id: 7, seq: 65535 })],
  // A large odd-length payload.
  [icmp({ src: X, dst: Y, id: 3 }, { type: 8, id: 1, seq: 2 }, new Uint8Array(1001).map((_, i) => i)), icmp({ src: Y, dst: X, ttl: 255, id: 3 }, { type: 0, id: 1, seq: 2 }, new Uint8Array(1001).map((_, i) => i))],
  // Echo with a nonzero code: the reply's code is 0.
  [icmp({ src: X, dst: Y, id: 4 }, { type: 8, code: 5, id: 9, seq: 9 }), icmp({ src: Y, dst: X, ttl: 255, id: 4 }, { type: 0, id: 9, seq: 9 })],
] as const;
const others = [
  icmp({ src: X, dst: Y }, { type: 0, id: 1, seq: 1 }),                                   // echo reply
  icmp({ src: X, dst: Y }, { type: 3, code: 3 }, pkt.ipv4().udp().build()),               // unreachable
  pkt.ipv4({ src: X, dst: Y }).udp({ sport: 7, dport: 7 }).payload("echo").build(),       // UDP
  pkt.ipv4({ src: X, dst: Y, proto: 1 }).payload([8, 0, 0xf7, 0xff]).build(),             // 4-byte ICMP
];

writeGolden({
  dir, name: "ICMPPingResponder-01", sameTimestamp: true, outputs: { OUT: LINK_RAW, OTHER: LINK_RAW },
  cases: [
    ...cases.map(([q, r]) => ({ in: framed(q), out: { OUT: r } })),
    ...others.map((o) => ({ in: framed(o), out: { OTHER: o } })),
  ],
});

// Without CheckIPHeader (no annotation: the header is at the data start) and with one
// output: everything but echo requests is dropped, including junk and a truncated request.
writeGolden({
  dir, name: "ICMPPingResponder-02", sameTimestamp: true, outputs: { OUT: LINK_ETHER },
  cases: [
    { in: framed(cases[0][0]), out: { OUT: framed(cases[0][1]) } },
    { in: framed(others[0]) },
    { in: framed(cases[0][0].slice(0, 20 + 6)) },       // IP header claims more; ICMP cut at 6 bytes
    { in: framed(new Uint8Array([0x60, 0, 0, 0])) },     // not IPv4
    { in: pad(framed(cases[1][0]), 60), out: { OUT: pad(framed(cases[1][1]), 60) } },
  ],
});
