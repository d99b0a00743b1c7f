// Fixtures for IPLoadBalancer-01..02. Run: npx tsx --conditions=source <this file>
// Replies travel on input 0 too (a mapping matches on any input), so the expected
// order does not depend on how the host interleaves two FromDumps; input 1 only
// carries a reply that matches nothing.
import { pkt } from "@clickos/sdk/testing";
import { writeCase, at, type Frame } from "./nat-fixtures.ts";

const dir = import.meta.dirname;
const VIP = "192.0.2.80";
const tcp = (s: string, sp: number, d: string, dp: number, flags = "A", payload?: string) => {
  let b = pkt.ether().ipv4({ src: s, dst: d }).tcp({ sport: sp, dport: dp, flags });
  if (payload) b = b.payload(payload);
  return b.build();
};
const udp = (s: string, sp: number, d: string, dp: number) =>
  pkt.ether().ipv4({ src: s, dst: d }).udp({ sport: sp, dport: dp }).payload("lb").build();
const click = (comment: string, config: string) => `
// ${comment}
FromDump($IN) -> Strip(14) -> [0]lb :: IPLoadBalancer(${config});
FromDump($IN2) -> Strip(14) -> [1]lb;
lb[0] -> Unstrip(14) -> ToDump($OUT);
lb[1] -> Unstrip(14) -> ToDump($OUT1);
`;

// FNV-1a over (proto, raw source, sport, raw destination, dport), as documented for SELECT hash;
// "raw" is the address as a little-endian load of its four bytes.
function raw(a: string): number {
  const b = a.split(".").map(Number);
  return (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
}
function flowHash(proto: number, s: string, sp: number, d: string, dp: number): number {
  let h = 2166136261;
  for (const v of [proto, raw(s), sp, raw(d), dp]) h = Math.imul((h ^ v) >>> 0, 16777619) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

// ---- 01: round robin over three backends, stickiness, replies, VPORT ----
{
  const IN: Frame[] = [], OUT: Frame[] = [], OUT1: Frame[] = [];
  const B = [["10.0.0.1", 80], ["10.0.0.2", 8080], ["10.0.0.3", 80]] as const;
  const clients = ["198.51.100.10", "198.51.100.11", "198.51.100.12", "198.51.100.13"];
  clients.forEach((c, i) => {
    const [ba, bp] = B[i % 3];
    IN.push(at(1 + i, tcp(c, 40000 + i, VIP, 80, "S")));
    OUT.push(at(1 + i, tcp(c, 40000 + i, ba, bp, "S")));
  });
  IN.push(at(5, tcp(clients[0], 40000, VIP, 80, "PA", "GET /")));          // stays on backend 1
  OUT.push(at(5, tcp(clients[0], 40000, "10.0.0.1", 80, "PA", "GET /")));
  IN.push(at(5.5, tcp("10.0.0.1", 80, clients[0], 40000, "SA")));          // reply: from the VIP again
  OUT1.push(at(5.5, tcp(VIP, 80, clients[0], 40000, "SA")));
  IN.push(at(6, tcp(clients[0], 40001, VIP, 443, "S")));                   // not VPORT
  IN.push(at(6.5, tcp("10.0.0.2", 8080, clients[1], 40001, "SA")));        // port restored to 80
  OUT1.push(at(6.5, tcp(VIP, 80, clients[1], 40001, "SA")));
  IN.push(at(7, tcp(clients[0], 40002, "192.0.2.81", 80, "S")));           // not the VIP
  IN.push(at(8, udp("198.51.100.20", 5000, VIP, 80)));                     // UDP too, next backend
  OUT.push(at(8, udp("198.51.100.20", 5000, "10.0.0.2", 8080)));
  IN.push(at(9, tcp(clients[0], 40000, VIP, 80).slice(0, 20)));            // malformed
  const IN2 = [at(0.5, tcp("10.0.0.3", 80, "198.51.100.99", 1234, "SA"))]; // a reply with no mapping
  writeCase({
    dir, name: "IPLoadBalancer-01", files: { IN, IN2, OUT, OUT1 },
    click: click("Round robin over three backends (one with a port), sticky flows, replies from the VIP.",
      `${VIP}, 10.0.0.1, 10.0.0.2:8080, 10.0.0.3, VPORT 80`),
    handlers: {
      "lb.nmappings": "5",
      "lb.backends": "10.0.0.1 2\n10.0.0.2:8080 2\n10.0.0.3 1",
      "lb.unmatched": "3",
      "lb.malformed": "1",
      "lb.mapping_failures": "0",
    },
  });
}

// ---- 02: hash selection, a full table, and flows leaving the table after their timeout ----
{
  const IN: Frame[] = [], OUT: Frame[] = [];
  const B = ["10.1.0.1", "10.1.0.2", "10.1.0.3"];
  const pick = (c: string, sp: number) => B[flowHash(17, c, sp, VIP, 53) % 3];
  const send = (t: number, c: string, sp: number, ok: boolean) => {
    IN.push(at(t, udp(c, sp, VIP, 53)));
    if (ok) OUT.push(at(t, udp(c, sp, pick(c, sp), 53)));
  };
  send(1, "198.51.100.1", 1111, true);
  send(2, "198.51.100.2", 2222, true);
  send(3, "198.51.100.3", 3333, false);   // CAPACITY 2: dropped
  send(4, "198.51.100.1", 1111, true);    // existing flow, same backend
  send(12.5, "198.51.100.3", 3333, true); // the flow from t=2 expired at 12
  writeCase({
    dir, name: "IPLoadBalancer-02", files: { IN, IN2: [], OUT, OUT1: [] },
    click: click("SELECT hash with CAPACITY 2 and a 10 s UDP timeout.",
      `${VIP}, ${B.join(", ")}, SELECT hash, CAPACITY 2, UDP_TIMEOUT 10`),
    handlers: {
      "lb.nmappings": "2",
      "lb.mapping_failures": "1",
      "lb.mappings": [
        `udp (198.51.100.1, 1111, ${VIP}, 53) => (198.51.100.1, 1111, ${pick("198.51.100.1", 1111)}, 53) [*0 1] i0 exp2`,
        `udp (198.51.100.3, 3333, ${VIP}, 53) => (198.51.100.3, 3333, ${pick("198.51.100.3", 3333)}, 53) [*0 1] i0 exp10`,
      ].join("\n"),
    },
  });
}
