// Fixtures for CGNAT-01..02. Run: npx tsx --conditions=source <this file>
// The oracle re-implements the documented port choice: Marsaglia's xorshift32
// (13, 17, 5) seeded with SEED, a draw scaled to the block (x * size >> 32), then
// the next free port of the block (wrapping). Frames are built with the translated
// addresses and ports (the builder computes the checksums).
import { pkt } from "@clickos/sdk/testing";
import { writeCase, at, type Frame } from "./nat-fixtures.ts";

const dir = import.meta.dirname;

class XorShift32 {
  constructor(private s: number) {}
  next(): number {
    let x = this.s;
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    return (this.s = x);
  }
  below(n: number): number { return Number((BigInt(this.next()) * BigInt(n)) >> 32n); }
}

/** Port allocation as documented: a random start in the block, then the next port free towards (proto, dst, dport). */
class Oracle {
  used = new Set<string>();
  constructor(public rng: XorShift32) {}
  pick(proto: string, pub: string, base: number, size: number, dst: string, dport: number): number | null {
    let off = this.rng.below(size);
    for (let n = 0; n < size; n++) {
      const port = base + off;
      const key = `${proto} ${dst}:${dport} ${pub}:${port}`;
      if (!this.used.has(key)) { this.used.add(key); return port; }
      off = off + 1 === size ? 0 : off + 1;
    }
    return null;
  }
}

const udp = (s: string, sp: number, d: string, dp: number) =>
  pkt.ether().ipv4({ src: s, dst: d }).udp({ sport: sp, dport: dp }).payload("cgn").build();
const tcp = (s: string, sp: number, d: string, dp: number, flags: string) =>
  pkt.ether().ipv4({ src: s, dst: d }).tcp({ sport: sp, dport: dp, flags }).build();
const click = (comment: string, config: string) => `
// ${comment}
FromDump($IN) -> Strip(14) -> [0]nat :: CGNAT(${config});
FromDump($IN2) -> Strip(14) -> [1]nat;
nat[0] -> Unstrip(14) -> ToDump($OUT);
nat[1] -> Unstrip(14) -> ToDump($OUT1);
`;
const map = (proto: string, s: string, sp: number, d: string, dp: number, ps: string, pp: number, exp: number) =>
  `${proto} (${s}, ${sp}, ${d}, ${dp}) => (${ps}, ${pp}, ${d}, ${dp}) [*0 1] i0 exp${exp}`;

// ---- 01: blocks per subscriber across two public addresses, exhaustion, replies ----
{
  const o = new Oracle(new XorShift32(7));
  const IN: Frame[] = [], OUT: Frame[] = [], OUT1: Frame[] = [];
  const P0 = "198.51.100.0", P1 = "198.51.100.1", D = "203.0.113.5", A = "10.0.0.1";
  // blocks: b0 = P0 1024-1027, b1 = P1 1024-1027, b2 = P0 1028-1031, b3 = P1 1028-1031
  const out = (t: number, s: string, sp: number, pub: string, base: number, proto = "udp", d = D, dp = 53) => {
    const port = o.pick(proto, pub, base, 4, d, dp)!;
    IN.push(at(t, proto === "udp" ? udp(s, sp, d, dp) : tcp(s, sp, d, dp, "S")));
    OUT.push(at(t, proto === "udp" ? udp(pub, port, d, dp) : tcp(pub, port, d, dp, "S")));
    return port;
  };
  const a1 = out(1, A, 1000, P0, 1024);
  const a2 = out(2, A, 1001, P0, 1024);
  const b = out(3, "10.0.0.2", 1000, P1, 1024);
  IN.push(at(4, udp(D, 53, P0, a1))); OUT1.push(at(4, udp(D, 53, A, 1000)));
  const at5 = out(5, A, 2000, P0, 1024, "tcp", "203.0.113.7", 80);
  const c = out(6, "10.0.0.3", 1000, P0, 1028);
  const d = out(7, "10.0.0.4", 1000, P1, 1028);
  IN.push(at(8, udp("10.0.0.5", 1000, D, 53)));          // no block left
  const a3 = out(9, A, 1002, P0, 1024);
  const a4 = out(10, A, 1003, P0, 1024);
  IN.push(at(11, udp(A, 1004, D, 53)));                   // A's four ports towards D are all in use
  if (o.pick("udp", P0, 1024, 4, D, 53) !== null) throw new Error("oracle: expected a full block");
  IN.push(at(12, udp(A, 1000, D, 53).slice(0, 14 + 12))); // malformed
  const IN2 = [at(0.5, udp("203.0.113.9", 53, P0, 1030))]; // unsolicited (early: the clock never goes back)
  writeCase({
    dir, name: "CGNAT-01", files: { IN, IN2, OUT, OUT1 },
    click: click("Four blocks of 4 ports over 198.51.100.0/31; a fifth subscriber and a full block fail.",
      "POOL 198.51.100.0/31, BLOCK_SIZE 4, PORTS 1024-1031, SEED 7, UDP_TIMEOUT 30"),
    handlers: {
      "nat.nmappings": "8",
      "nat.mapping_failures": "2",
      "nat.unsolicited": "1",
      "nat.malformed": "1",
      "nat.subscribers": [
        "10.0.0.1 198.51.100.0 1024-1027 5",
        "10.0.0.2 198.51.100.1 1024-1027 1",
        "10.0.0.3 198.51.100.0 1028-1031 1",
        "10.0.0.4 198.51.100.1 1028-1031 1",
      ].join("\n"),
      "nat.mappings": [
        map("udp", A, 1000, D, 53, P0, a1, 22),
        map("udp", A, 1001, D, 53, P0, a2, 20),
        map("udp", "10.0.0.2", 1000, D, 53, P1, b, 21),
        map("tcp", A, 2000, "203.0.113.7", 80, P0, at5, 293),
        map("udp", "10.0.0.3", 1000, D, 53, P0, c, 24),
        map("udp", "10.0.0.4", 1000, D, 53, P1, d, 25),
        map("udp", A, 1002, D, 53, P0, a3, 27),
        map("udp", A, 1003, D, 53, P0, a4, 28),
      ].join("\n"),
    },
  });
}

// ---- 02: blocks come back when their subscriber's mappings expire ----
{
  const o = new Oracle(new XorShift32(99));
  const IN: Frame[] = [], OUT: Frame[] = [], OUT1: Frame[] = [];
  const P = "198.51.100.1", S = "192.0.2.1", A = "10.0.0.1";
  // blocks: b0 = 2000-2001, b1 = 2002-2003
  const pa = o.pick("tcp", P, 2000, 2, S, 443)!;
  IN.push(at(1, tcp(A, 5000, S, 443, "S"))); OUT.push(at(1, tcp(P, pa, S, 443, "S")));
  IN.push(at(2, tcp(S, 443, P, pa, "SA"))); OUT1.push(at(2, tcp(S, 443, A, 5000, "SA")));
  IN.push(at(3, tcp(A, 5000, S, 443, "R"))); OUT.push(at(3, tcp(P, pa, S, 443, "R"))); // done: expires at 4
  const pb = o.pick("udp", P, 2002, 2, S, 53)!;
  IN.push(at(3.5, udp("10.0.0.2", 7, S, 53))); OUT.push(at(3.5, udp(P, pb, S, 53)));   // expires at 8.5
  o.used.clear(); // A's mapping expired: its ports are free again
  o.used.add(`udp ${S}:53 ${P}:${pb}`);
  const pc = o.pick("udp", P, 2000, 2, S, 53)!;
  IN.push(at(4.2, udp("10.0.0.3", 7, S, 53))); OUT.push(at(4.2, udp(P, pc, S, 53)));   // gets A's old block
  IN.push(at(6, tcp(A, 5001, S, 443, "S")));                                           // no block free yet
  const pa2 = o.pick("tcp", P, 2002, 2, S, 443)!;
  IN.push(at(9, tcp(A, 5001, S, 443, "S"))); OUT.push(at(9, tcp(P, pa2, S, 443, "S"))); // B's block, expired at 8.5
  writeCase({
    dir, name: "CGNAT-02", files: { IN, IN2: [], OUT, OUT1 },
    click: click("One address, two blocks of 2 ports; a block is reused once its mappings time out (packet time).",
      "POOL 198.51.100.1, BLOCK_SIZE 2, PORTS 2000-2003, SEED 99, TCP_DONE_TIMEOUT 1, UDP_TIMEOUT 5"),
    handlers: {
      "nat.nmappings": "2",
      "nat.mapping_failures": "1",
      "nat.subscribers": ["10.0.0.3 198.51.100.1 2000-2001 1", "10.0.0.1 198.51.100.1 2002-2003 1"].join("\n"),
      "nat.mappings": [
        map("udp", "10.0.0.3", 7, S, 53, P, pc, 0),
        map("tcp", A, 5001, S, 443, P, pa2, 300),
      ].join("\n"),
    },
  });
}
