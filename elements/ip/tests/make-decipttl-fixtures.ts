// Fixtures for DecIPTTL-01..04. Run: npx tsx --conditions=source <this file>
import { pkt, type IPv4Options } from "@clickos/sdk/testing";
import { writeGolden, LINK_RAW, patch } from "../../standard/tests/golden-fixtures.ts";

const dir = import.meta.dirname;
// Raw IP packets as Strip(14) leaves them; the builder computes each checksum afresh,
// so the expected packets check DecIPTTL's incremental update independently.
const ip = (o: IPv4Options) => pkt.ipv4({ src: "10.0.0.1", dst: "10.0.0.2", id: 99, ...o }).udp({ sport: 1, dport: 2 }).payload("ttl").build();
const frame = (o: IPv4Options) => pkt.ether().ipv4({ src: "10.0.0.1", dst: "10.0.0.2", id: 99, ...o }).udp({ sport: 1, dport: 2 }).payload("ttl").build();
const opts = [0x07, 0x07, 0x04, 0, 0, 0, 0, 0];   // record route, room for one address

writeGolden({
  dir, name: "DecIPTTL-01", outputs: { OUT: LINK_RAW, EXPIRED: LINK_RAW },
  cases: [
    { in: frame({ ttl: 64 }), out: { OUT: ip({ ttl: 63 }) } },
    { in: frame({ ttl: 2 }), out: { OUT: ip({ ttl: 1 }) } },
    { in: frame({ ttl: 1 }), out: { EXPIRED: ip({ ttl: 1 }) } },
    { in: frame({ ttl: 0 }), out: { EXPIRED: ip({ ttl: 0 }) } },
    { in: frame({ ttl: 10, dst: "224.0.0.5" }), out: { OUT: ip({ ttl: 9, dst: "224.0.0.5" }) } }, // MULTICAST true
    { in: frame({ ttl: 255, options: opts, tos: 0xb8 }), out: { OUT: ip({ ttl: 254, options: opts, tos: 0xb8 }) } },
    { in: frame({ ttl: 128, flags: "DF", id: 0xffff }), out: { OUT: ip({ ttl: 127, flags: "DF", id: 0xffff }) } },
  ],
  handlers: { "dt.drops": "2", "dt.malformed": "0" },
});

// MULTICAST false: multicast packets pass untouched, even with TTL 1. No output 1.
writeGolden({
  dir, name: "DecIPTTL-02", outputs: { OUT: LINK_RAW },
  cases: [
    { in: frame({ ttl: 1, dst: "224.0.0.5" }), out: { OUT: ip({ ttl: 1, dst: "224.0.0.5" }) } },
    { in: frame({ ttl: 5, dst: "239.1.1.1" }), out: { OUT: ip({ ttl: 5, dst: "239.1.1.1" }) } },
    { in: frame({ ttl: 5 }), out: { OUT: ip({ ttl: 4 }) } },
    { in: frame({ ttl: 1 }) },
  ],
  handlers: { "dt.drops": "1" },
});

// Without CheckIPHeader: packets that hold no IPv4 header are dropped as malformed.
const good = frame({ ttl: 9, options: opts });
writeGolden({
  dir, name: "DecIPTTL-03", outputs: { OUT: LINK_RAW },
  cases: [
    { in: good.slice(0, 14 + 12) },              // truncated IP header
    { in: patch(good, { 14: 0x44 }) },           // IHL 4
    { in: patch(good, { 14: 0x4f }).slice(0, 14 + 40) }, // IHL 15: 60-byte header, 40 bytes there
    { in: patch(good, { 14: 0x66 }) },           // version 6
    { in: good.slice(0, 14) },                   // nothing after the Ethernet header
    { in: good, out: { OUT: ip({ ttl: 8, options: opts }) } },
  ],
  handlers: { "dt.malformed": "5", "dt.drops": "0" },
});

// ACTIVE false: nothing is decremented or dropped, expired and malformed packets
// included; everything leaves on output 0 as it came.
const short = good.slice(0, 14 + 12);
writeGolden({
  dir, name: "DecIPTTL-04", outputs: { OUT: LINK_RAW, EXPIRED: LINK_RAW },
  cases: [
    { in: frame({ ttl: 64 }), out: { OUT: ip({ ttl: 64 }) } },
    { in: frame({ ttl: 1 }), out: { OUT: ip({ ttl: 1 }) } },
    { in: frame({ ttl: 0 }), out: { OUT: ip({ ttl: 0 }) } },
    { in: short, out: { OUT: short.slice(14) } },
  ],
  handlers: { "dt.drops": "0", "dt.malformed": "0", "dt.active": "false" },
});
