// fast-check arbitraries for malformed and borderline packets: IPv4 headers with
// bad versions, IHLs, lengths, checksums, options and fragment fields, truncated
// anywhere; TCP/UDP/ICMP/ARP/PPPoE-looking payloads; zero-length packets; raw
// garbage; and jumbo frames up to 9216 bytes (the packet store's big-buffer
// path starts above 2048).
import fc from "fast-check";
import { internetChecksum } from "@clickos/sdk/testing";

const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max });

/** An IPv4 header + payload with every field drawn from valid and invalid values. */
const ipv4 = fc.record({
  version: fc.oneof(fc.constant(4), fc.constant(4), fc.integer({ min: 0, max: 15 })),
  ihl: fc.oneof(fc.constant(5), fc.integer({ min: 0, max: 15 })),
  tos: fc.integer({ min: 0, max: 255 }),
  lenDelta: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: -40, max: 40 }), fc.integer({ min: -65535, max: 65535 })),
  id: fc.integer({ min: 0, max: 0xffff }),
  frag: fc.oneof(fc.constant(0), fc.constant(0x4000), fc.integer({ min: 0, max: 0xffff })),   // DF, MF, offsets
  ttl: fc.oneof(fc.constantFrom(0, 1, 2, 64, 255), fc.integer({ min: 0, max: 255 })),
  proto: fc.oneof(fc.constantFrom(1, 6, 17), fc.integer({ min: 0, max: 255 })),
  goodSum: fc.boolean(),
  src: bytes(4, 4), dst: fc.oneof(bytes(4, 4), fc.constantFrom(Uint8Array.of(10, 0, 0, 1), Uint8Array.of(192, 0, 2, 80), Uint8Array.of(255, 255, 255, 255), Uint8Array.of(224, 0, 0, 1))),
  options: bytes(0, 40),
  l4: fc.oneof(
    bytes(0, 60),
    // ports that match the sample configurations (www, dns, 80, 8080), ICMP echo
    fc.tuple(fc.constantFrom(80, 53, 8080, 1024, 0, 65535), fc.constantFrom(80, 53, 8080, 1024, 0, 65535), bytes(0, 40))
      .map(([s, d, rest]) => Uint8Array.from([s >> 8, s & 255, d >> 8, d & 255, ...rest])),
    fc.tuple(fc.constantFrom(0, 8, 3, 11), bytes(0, 40)).map(([type, rest]) => Uint8Array.from([type, 0, ...rest])),
  ),
  payloadLen: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1400, max: 1500 }), fc.integer({ min: 2000, max: 9100 })),
  truncate: fc.oneof(fc.constant(-1), fc.constant(-1), fc.integer({ min: 0, max: 80 })),
}).map((f) => {
  const opt = f.options.subarray(0, Math.max(0, f.ihl * 4 - 20));
  const hl = 20 + opt.length;
  const body = new Uint8Array(f.l4.length + f.payloadLen);
  body.set(f.l4);
  for (let i = f.l4.length; i < body.length; i++) body[i] = (i * 31) & 255;
  const p = new Uint8Array(hl + body.length);
  const total = Math.max(0, Math.min(0xffff, p.length + f.lenDelta));
  p.set([(f.version << 4) | f.ihl, f.tos, total >> 8, total & 255, f.id >> 8, f.id & 255, f.frag >> 8, f.frag & 255, f.ttl, f.proto, 0, 0, ...f.src, ...f.dst]);
  p.set(opt, 20);
  if (f.goodSum) { const c = internetChecksum(p.subarray(0, hl)); p[10] = c >> 8; p[11] = c & 255; }
  p.set(body, hl);
  return f.truncate >= 0 ? p.subarray(0, Math.min(p.length, f.truncate)) : p;
});

const ETHER_TYPES = [0x0800, 0x0806, 0x8863, 0x8864, 0x86dd];
const mac = fc.oneof(bytes(6, 6), fc.constantFrom(Uint8Array.of(255, 255, 255, 255, 255, 255), Uint8Array.of(2, 0, 0, 0, 0, 10)));

/** An Ethernet frame around an IPv4 packet or an ARP/PPPoE/garbage payload, possibly cut short. */
const ether = fc.record({
  dst: mac, src: mac,
  type: fc.oneof(fc.constantFrom(...ETHER_TYPES), fc.integer({ min: 0, max: 0xffff })),
  payload: fc.oneof(ipv4,
    // ARP: Ethernet/IPv4, request or reply, target in the responder's ranges
    fc.tuple(fc.constantFrom(1, 2, 3), bytes(6, 6), bytes(4, 4), fc.constantFrom(Uint8Array.of(10, 0, 0, 1), Uint8Array.of(192, 0, 2, 1)), bytes(0, 30))
      .map(([op, sha, spa, tpa, tail]) => Uint8Array.from([0, 1, 8, 0, 6, 4, 0, op, ...sha, ...spa, 0, 0, 0, 0, 0, 0, ...tpa, ...tail])),
    // PPPoE discovery: version/type, code, session, length, tags
    fc.tuple(fc.constantFrom(0x09, 0x07, 0x19, 0xa7, 0xa7, 0), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }), bytes(0, 80))
      .map(([code, sess, len, tags]) => Uint8Array.from([0x11, code, sess >> 8, sess & 255, len >> 8, len & 255, ...tags])),
    bytes(0, 100)),
  truncate: fc.oneof(fc.constant(-1), fc.constant(-1), fc.integer({ min: 0, max: 40 })),
}).map((f) => {
  const p = new Uint8Array(14 + f.payload.length);
  p.set(f.dst, 0); p.set(f.src, 6); p[12] = f.type >> 8; p[13] = f.type & 255;
  p.set(f.payload, 14);
  return f.truncate >= 0 ? p.subarray(0, Math.min(p.length, f.truncate)) : p;
});

/** Any packet: the element's own encapsulation most of the time, the other kind, garbage, empty, jumbo. */
export function packetArb(encap: "ether" | "ip"): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { arbitrary: encap === "ip" ? ipv4 : ether, weight: 6 },
    { arbitrary: encap === "ip" ? ether : ipv4, weight: 1 },
    { arbitrary: bytes(0, 64), weight: 1 },
    { arbitrary: fc.constant(new Uint8Array(0)), weight: 1 },
    { arbitrary: fc.integer({ min: 2049, max: 9216 }).map((n) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + n) & 255)), weight: 1 },
  );
}

/** A case: the packets for each input, and a batch size. */
export function caseArb(encap: "ether" | "ip", inputs: number): fc.Arbitrary<{ frames: Uint8Array[][]; burst: number }> {
  return fc.record({
    frames: fc.tuple(...Array.from({ length: inputs }, (_, k) => fc.array(packetArb(encap), { minLength: k === 0 ? 1 : 0, maxLength: 24 }))),
    burst: fc.constantFrom(1, 3, 256),
  });
}
