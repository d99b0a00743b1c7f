// Fixtures for CheckIPHeader-01..04. Run: npx tsx --conditions=source <this file>
import { pkt } from "@clickos/sdk/testing";
import { writeGolden, LINK_ETHER, LINK_RAW, pad, patch } from "../../standard/tests/golden-fixtures.ts";

const dir = import.meta.dirname;
const strip = (f: Uint8Array) => f.slice(14);
const udp = (o: Parameters<ReturnType<typeof pkt.ether>["ipv4"]>[0] = {}) =>
  pkt.ether().ipv4({ src: "10.0.0.1", dst: "10.0.0.2", ...o }).udp({ sport: 7, dport: 7 }).payload("hello");

const good = udp().build();
const padded = pad(pkt.ether().ipv4().icmp().build(), 60);          // 42-byte frame padded to 60
const options = udp({ options: [0x94, 0x04, 0, 0] }).build();          // router alert, IHL 6
const fragment = udp({ flags: "MF", fragOffset: 8 }).build();        // fragments pass
const tiny = good.slice(0, 14 + 19);                                 // 19 bytes of IP
const v6 = patch(good, { 14: 0x65 });                                // version 6 in an IPv4 header
const ihl4 = udp().build();
ihl4[14] = 0x44;                                                     // IHL 4: 16-byte header
const tooLong = udp({ totalLength: 200 }).build();                   // longer than the packet
const shorterThanHeader = udp({ totalLength: 19 }).build();          // less than the header
const badSum = udp({ checksum: 0x1234 }).build();
const truncated = udp().payload(new Uint8Array(100)).build().slice(0, 60); // capture cut short

// Padding removed: the IP packet is 28 bytes, the frame 60.
const paddedOut = strip(padded).slice(0, 28);

writeGolden({
  dir, name: "CheckIPHeader-01", outputs: { OUT: LINK_RAW, BAD: LINK_RAW },
  cases: [
    { in: good, out: { OUT: strip(good) } },
    { in: padded, out: { OUT: paddedOut } },
    { in: options, out: { OUT: strip(options) } },
    { in: fragment, out: { OUT: strip(fragment) } },
    { in: tiny, out: { BAD: strip(tiny) } },
    { in: v6, out: { BAD: strip(v6) } },
    { in: ihl4, out: { BAD: strip(ihl4) } },
    { in: tooLong, out: { BAD: strip(tooLong) } },
    { in: shorterThanHeader, out: { BAD: strip(shorterThanHeader) } },
    { in: badSum, out: { BAD: strip(badSum) } },
    { in: truncated, out: { BAD: strip(truncated) } },
  ],
  handlers: {
    "c.drops": "7",
    "c.drop_details": "1\ttiny packet\n1\tbad IP version\n1\tbad IP header length\n3\tbad IP length\n1\tbad IP checksum\n0\tbad source address\n",
  },
});

// OFFSET 14 on whole frames, CHECKSUM false, no output 1: bad packets are dropped.
writeGolden({
  dir, name: "CheckIPHeader-02", outputs: { OUT: LINK_ETHER },
  cases: [
    { in: good, out: { OUT: good } },
    { in: badSum, out: { OUT: badSum } },               // not checked
    { in: padded, out: { OUT: padded.slice(0, 42) } },  // cut to 14 + IP length
    { in: tiny },
    { in: good.slice(0, 10) },                          // shorter than OFFSET
    { in: new Uint8Array(0) },
  ],
  handlers: { "c.drops": "3" },
});

// INTERFACES 10.0.0.1/24 bans 10.0.0.255, 0.0.0.0 and 255.255.255.255 as sources,
// except for packets to 10.0.0.1 itself.
const from = (src: string, dst: string) => udp({ src, dst }).build();
const c3 = [
  from("10.0.0.255", "8.8.8.8"), from("10.0.0.255", "10.0.0.1"), from("0.0.0.0", "10.0.0.7"),
  from("255.255.255.255", "10.0.0.1"), from("10.0.0.5", "8.8.8.8"), from("10.0.1.255", "8.8.8.8"),
];
writeGolden({
  dir, name: "CheckIPHeader-03", outputs: { OUT: LINK_ETHER, BAD: LINK_ETHER },
  cases: c3.map((f, i) => ({ in: f, out: [0, 2].includes(i) ? { BAD: f } : { OUT: f } })),
  handlers: { "c.drops": "2" },
});

// The positional OFFSET and explicit BADSRC / GOODDST lists.
const c4 = [
  from("1.2.3.4", "10.0.0.1"), from("5.6.7.8", "9.9.9.9"), from("5.6.7.8", "9.9.9.8"),
  from("0.0.0.0", "10.0.0.1"), from("1.2.3.5", "10.0.0.1"),
];
writeGolden({
  dir, name: "CheckIPHeader-04", outputs: { OUT: LINK_ETHER, BAD: LINK_ETHER },
  cases: c4.map((f, i) => ({ in: f, out: [0, 2].includes(i) ? { BAD: f } : { OUT: f } })),
  handlers: { "c.drops": "2" },
});
