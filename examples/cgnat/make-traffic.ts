// Writes the CGNAT example's captures and the translations it must make, worked
// out here from the element's documented policy (not by running it):
// - a subscriber's first flow takes the lowest free block; block b is on pool
//   address b mod 2, ports 1024 + floor(b / 2) * 64 .. + 63;
// - a new flow's port is block start + below(64) from Marsaglia's xorshift32
//   (13, 17, 5) seeded with SEED, scaled Lemire-style (x * n >> 32), then the
//   next port not already mapped towards the same destination;
// - replies to a mapping are translated back; anything else inbound is unsolicited.
// The devices are replayed one packet each in turn: Internet packet k arrives
// right after subscriber packet k.
// Run: npx tsx --conditions=source examples/cgnat/make-traffic.ts
import { pkt, type PacketBuilder } from "@clickos/sdk/testing";
import { writeExample } from "../lib/captures.ts";

const SEED = 2024, POOL = ["198.51.100.1", "198.51.100.2"], BLOCK = 64, PORT_LO = 1024;
const subMac = "02:00:00:00:00:fe", natIn = "02:00:00:00:00:01", natOut = "02:00:00:00:01:01", upstream = "02:00:00:00:01:fe";

let rng = SEED >>> 0;
function below(n: number): number {
  rng ^= rng << 13; rng >>>= 0;
  rng ^= rng >>> 17;
  rng ^= rng << 5; rng >>>= 0;
  return Number((BigInt(rng) * BigInt(n)) >> 32n);
}
const blocks = new Map<string, number>(); // subscriber → block
const used = new Set<string>();
interface Flow { proto: "tcp" | "udp"; sub: string; sport: number; dst: string; dport: number; pub: string; pport: number }
function open(proto: "tcp" | "udp", sub: string, sport: number, dst: string, dport: number): Flow {
  if (!blocks.has(sub)) blocks.set(sub, blocks.size);
  const b = blocks.get(sub)!;
  const pub = POOL[b % POOL.length], base = PORT_LO + Math.floor(b / POOL.length) * BLOCK;
  let off = below(BLOCK);
  while (used.has(`${proto} ${dst}:${dport} ${pub}:${base + off}`)) off = (off + 1) % BLOCK;
  used.add(`${proto} ${dst}:${dport} ${pub}:${base + off}`);
  return { proto, sub, sport, dst, dport, pub, pport: base + off };
}
const l4 = (b: PacketBuilder, f: Flow, sport: number, dport: number, tcp: object, payload: string) =>
  (f.proto === "tcp" ? b.tcp({ sport, dport, ...tcp }) : b.udp({ sport, dport })).payload(payload).build();
/** Subscriber → Internet, as sent or as translated. */
const out = (f: Flow, tcp: object, payload: string, translated: boolean) => l4(
  pkt.ether(translated ? { src: natOut, dst: upstream } : { src: subMac, dst: natIn }).ipv4({ src: translated ? f.pub : f.sub, dst: f.dst, id: f.sport & 0xfff }),
  f, translated ? f.pport : f.sport, f.dport, tcp, payload);
/** Internet → subscriber, as received or as translated. */
const back = (f: Flow, tcp: object, payload: string, translated: boolean) => l4(
  pkt.ether(translated ? { src: natIn, dst: subMac } : { src: upstream, dst: natOut }).ipv4({ src: f.dst, dst: translated ? f.sub : f.pub, id: 0x800 + (f.sport & 0xff) }),
  f, f.dport, translated ? f.sport : f.pport, tcp, payload);

const s1 = "100.64.0.1", s2 = "100.64.0.2", s3 = "100.64.0.3", web = "203.0.113.5", dns = "203.0.113.53";
const f1 = open("tcp", s1, 40000, web, 80);
const f2 = open("udp", s2, 5000, dns, 53);
const f3 = open("udp", s1, 6000, dns, 53);
const f4 = open("tcp", s3, 41000, web, 443);

const inside: [Flow | null, object, string, Uint8Array?][] = [
  [f1, { flags: "S", seq: 10 }, ""],
  [f2, {}, "example.org A?"],
  [f3, {}, "example.net A?"],
  [f4, { flags: "S", seq: 20 }, ""],
  [f1, { flags: "PA", seq: 11, ack: 501 }, "GET / HTTP/1.1\r\n\r\n"],
  [null, {}, "", pkt.ether({ src: subMac, dst: natIn }).ipv4({ src: s2, dst: web }).icmp({ type: 8, id: 5, seq: 1 }).build()], // not TCP/UDP: dropped
];
const outside: [Flow | null, object, string, Uint8Array?][] = [
  [f1, { flags: "SA", seq: 500, ack: 11 }, ""],
  [f2, {}, "example.org A 203.0.113.80"],
  [null, {}, "", pkt.ether({ src: upstream, dst: natOut }).ipv4({ src: "203.0.113.99", dst: POOL[0] }).udp({ sport: 1234, dport: 1030 }).payload("unsolicited").build()],
  [f4, { flags: "SA", seq: 600, ack: 21 }, ""],
  [f3, {}, "example.net A 203.0.113.81"],
];

writeExample(new URL(".", import.meta.url), {
  inputs: {
    "netfront0.pcap": inside.map(([f, t, p, raw]) => raw ?? out(f!, t, p, false)),
    "netfront1.pcap": outside.map(([f, t, p, raw]) => raw ?? back(f!, t, p, false)),
  },
  expected: {
    "netfront1.out.pcap": inside.filter((x) => x[0]).map(([f, t, p]) => out(f!, t, p, true)),
    "netfront0.out.pcap": outside.filter((x) => x[0]).map(([f, t, p]) => back(f!, t, p, true)),
  },
});
for (const f of [f1, f2, f3, f4]) console.log(`${f.proto} ${f.sub}:${f.sport} -> ${f.dst}:${f.dport} as ${f.pub}:${f.pport}`);
