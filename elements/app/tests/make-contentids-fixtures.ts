// Fixtures for ContentIDS-01..02. Run: npx tsx --conditions=source <this file>
//
// The oracle is written by hand: every case states the output the packet must
// leave on, the rules it must hit and how many payload bytes get scanned, from
// the rules' meaning. A naive substring search (no automaton) then re-checks
// the hit lists, so a slip in a hand-written expectation fails here, not later.
import { pkt } from "@clickos/sdk/testing";
import { writeGolden, LINK_RAW, cat, patch } from "../../standard/tests/golden-fixtures.ts";

const dir = import.meta.dirname;
const enc = (s: string) => new TextEncoder().encode(s);
const bytes = (...b: number[]) => Uint8Array.from(b);

interface IdsCase { frame: Uint8Array; out: string | null; hits: number[]; scan: number; payload?: Uint8Array; proto?: string; sport?: number; dport?: number; unscanned?: boolean }

function indexOf(hay: Uint8Array, needle: Uint8Array, nocase: boolean): boolean {
  const f = (c: number) => (nocase && c >= 65 && c <= 90 ? c | 0x20 : c);
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (f(hay[i + j]) !== f(needle[j])) continue outer;
    return true;
  }
  return false;
}

interface Rule { content: Uint8Array; proto?: string; port?: number; dport?: number }

function check(name: string, rules: Rule[], cases: IdsCase[], nocase: boolean): void {
  cases.forEach((c, i) => {
    if (!c.payload) return;
    const got = rules.flatMap((r, k) => {
      if (!indexOf(c.payload!, r.content, nocase)) return [];
      if (r.proto && r.proto !== c.proto) return [];
      if (r.port !== undefined && r.port !== c.sport && r.port !== c.dport) return [];
      if (r.dport !== undefined && r.dport !== c.dport) return [];
      return [k];
    });
    if (got.join() !== c.hits.join()) throw new Error(`${name} case ${i}: hand-written hits [${c.hits}] but substring search finds [${got}]`);
    if (c.scan !== c.payload.length) throw new Error(`${name} case ${i}: scan ${c.scan} but payload is ${c.payload.length} bytes`);
  });
}

function emit(name: string, rules: Rule[], nrules: number, cases: IdsCase[], outputs: string[], elem: string, nocase = false): void {
  check(name, rules, cases, nocase);
  const hits = new Array(nrules).fill(0);
  let alerts = 0, scanned = 0, unscanned = 0;
  for (const c of cases) {
    for (const h of c.hits) hits[h]++;
    if (c.hits.length) alerts++;
    scanned += c.scan;
    if (c.unscanned) unscanned++;
  }
  writeGolden({
    dir, name, inLink: LINK_RAW, outputs: Object.fromEntries(outputs.map((o) => [o, LINK_RAW])),
    cases: cases.map((c) => ({ in: c.frame, out: c.out ? { [c.out]: c.frame } : {} })),
    handlers: {
      [`${elem}.hits`]: hits.join("\n") + "\n",
      [`${elem}.alerts`]: String(alerts),
      [`${elem}.scanned_bytes`]: String(scanned),
      [`${elem}.unscanned`]: String(unscanned),
    },
  });
}

// ---- ContentIDS-01: alert mode, protocol and port constraints, OUTPUT, hex ----
// r0 "/etc/passwd" PROTO tcp DPORT 80    r1 "|90 90 90 90|"     r2 "cmd.exe" OUTPUT 2
// r3 "hers"                              r4 "she" PORT 53       r5 "a|7c|b\"c"  (a|b"c)
const R1: Rule[] = [
  { content: enc("/etc/passwd"), proto: "tcp", dport: 80 },
  { content: bytes(0x90, 0x90, 0x90, 0x90) },
  { content: enc("cmd.exe") },
  { content: enc("hers") },
  { content: enc("she"), port: 53 },
  { content: enc('a|b"c') },
];
const nop4 = bytes(0x90, 0x90, 0x90, 0x90);
const udp = (p: Uint8Array, sport = 4000, dport = 9999) => ({ frame: pkt.ipv4().udp({ sport, dport }).payload(p).build(), payload: p, proto: "udp", sport, dport });
const tcp = (p: Uint8Array, dport = 80, sport = 1234) => ({ frame: pkt.ipv4().tcp({ sport, dport, flags: "PA" }).payload(p).build(), payload: p, proto: "tcp", sport, dport });
const cases1: IdsCase[] = [];
const add = (c: Omit<IdsCase, "scan"> & { scan?: number }) => cases1.push({ scan: c.payload?.length ?? 0, ...c });

add({ ...tcp(enc("GET /etc/passwd HTTP/1.0\r\n")), out: "ALERT", hits: [0] });
add({ ...tcp(enc("GET /etc/passwd"), 8080), out: "OUT", hits: [] });                   // wrong port
add({ ...udp(enc("GET /etc/passwd"), 4000, 80), out: "OUT", hits: [] });               // wrong protocol
add({ ...udp(cat(enc("xx"), nop4, enc("yy"))), out: "ALERT", hits: [1] });
add({ ...udp(enc("please run cmd.exe now")), out: "OUT2", hits: [2] });
add({ ...udp(enc("ushers"), 53, 1000), out: "ALERT", hits: [3, 4] });                 // overlapping: she, hers
add({ ...udp(enc("ushers"), 1000, 1001), out: "ALERT", hits: [3] });                   // "she" needs port 53
add({ ...udp(enc("she"), 1000, 53), out: "ALERT", hits: [4] });                        // whole payload is the content
add({ ...tcp(enc("cmd.exe then /etc/passwd")), out: "ALERT", hits: [0, 2] });          // lowest rule decides
add({ ...udp(enc('xa|b"cx')), out: "ALERT", hits: [5] });
add({ ...udp(enc("cmd.")), out: "OUT", hits: [] });                                    // split across two
add({ ...udp(enc("exe")), out: "OUT", hits: [] });                                     // packets: no match
add({ ...udp(enc("CMD.EXE")), out: "OUT", hits: [] });                                 // case matters
add({ ...udp(new Uint8Array(0)), out: "OUT", hits: [] });                              // empty payload
{ // TCP options hold "cmd.exe" (not payload, must not be scanned); data offset 9
  const opt = cat(bytes(254, 10), enc("cmd.exe!"), bytes(1, 1, 1, 1, 1, 0));
  const p = enc("clean");
  add({ frame: pkt.ipv4().tcp({ dport: 80, options: opt }).payload(p).build(), payload: p, proto: "tcp", sport: 0, dport: 80, out: "OUT", hits: [] });
}
{ // IP options (IHL 6) before a UDP payload with the NOP sled
  const p = cat(enc("A"), nop4);
  add({ frame: pkt.ipv4({ options: [1, 1, 1, 0] }).udp({ sport: 1, dport: 2 }).payload(p).build(), payload: p, proto: "udp", sport: 1, dport: 2, out: "ALERT", hits: [1] });
}
{ // ICMP: the whole IP payload is scanned (8-byte ICMP header + data)
  const frame = pkt.ipv4().icmp({ id: 7, seq: 1 }).payload(enc("ping cmd.exe")).build();
  add({ frame, payload: frame.slice(20), proto: "icmp", out: "OUT2", hits: [2] });
}
{ // A later TCP fragment: no transport header, so the whole IP payload is
  // scanned; "/etc/passwd" needs ports and cannot match, "hers" can.
  const data = enc("GET /etc/passwd by hers");
  const frame = pkt.ipv4({ fragOffset: 64, proto: 6 }).payload(data).build();
  add({ frame, payload: data, proto: "tcp-fragment", out: "ALERT", hits: [3] });
}
{ // A first fragment (MF) still has its TCP header: scanned after it.
  const p = enc("/etc/passwd");
  const frame = pkt.ipv4({ flags: "MF" }).tcp({ sport: 5, dport: 80 }).payload(p).build();
  add({ frame, payload: p, proto: "tcp", sport: 5, dport: 80, out: "ALERT", hits: [0] });
}
{ // Truncated capture: the content is cut in two, only "cmd.e" is present.
  const full = pkt.ipv4().udp({ sport: 1, dport: 2 }).payload(enc("xxcmd.exe")).build();
  const cut = full.slice(0, 20 + 8 + 7);
  add({ frame: cut, payload: enc("xxcmd.e"), proto: "udp", sport: 1, dport: 2, out: "OUT", hits: [] });
}
{ // Truncated capture with the content before the cut.
  const full = pkt.ipv4().udp({ sport: 1, dport: 2 }).payload(enc("cmd.exe and more")).build();
  add({ frame: full.slice(0, 20 + 8 + 9), payload: enc("cmd.exe a"), proto: "udp", sport: 1, dport: 2, out: "OUT2", hits: [2] });
}
{ // Link padding past the IP total length is not payload.
  const frame = cat(pkt.ipv4().udp({ sport: 1, dport: 2 }).payload(enc("ok")).build(), enc("cmd.exe"));
  add({ frame, payload: enc("ok"), proto: "udp", sport: 1, dport: 2, out: "OUT", hits: [] });
}
{ // TCP header cut short: no payload present, nothing scanned.
  const frame = pkt.ipv4().tcp({ dport: 80 }).payload(enc("/etc/passwd")).build().slice(0, 30);
  add({ frame, payload: new Uint8Array(0), proto: "tcp", sport: 0, dport: 80, out: "OUT", hits: [] });
}
{ // Not IPv4: an IPv6 header, a 10-byte runt, IHL 4: unscanned, output 0.
  const v6 = pkt.ipv6().udp().payload(enc("cmd.exe")).build();
  add({ frame: v6, out: "OUT", hits: [], unscanned: true });
  add({ frame: enc("cmd.exe!!!"), out: "OUT", hits: [], unscanned: true });
  add({ frame: patch(pkt.ipv4().udp().payload(enc("cmd.exe")).build(), { 0: 0x44 }), out: "OUT", hits: [], unscanned: true });
}
emit("ContentIDS-01", R1, 6, cases1, ["OUT", "ALERT", "OUT2"], "ids");

// ---- ContentIDS-02: MODE drop, NOCASE; r0 "Evil"  r1 "|DE AD be ef|" OUTPUT 1 ----
const R2: Rule[] = [{ content: enc("Evil") }, { content: bytes(0xde, 0xad, 0xbe, 0xef) }];
const cases2: IdsCase[] = [
  { ...udp(enc("an EVIL plan")), out: null, hits: [0], scan: 12 },                         // dropped
  { ...udp(enc("eViL")), out: null, hits: [0], scan: 4 },
  { ...udp(enc("ev il")), out: "OUT", hits: [], scan: 5 },
  { ...udp(bytes(1, 0xde, 0xad, 0xbe, 0xef, 2)), out: "ALERT", hits: [1], scan: 6 },       // OUTPUT 1
  { ...udp(cat(bytes(0xde, 0xad, 0xbe, 0xef), enc("evil"))), out: null, hits: [0, 1], scan: 8 }, // r0 wins: drop
  { ...tcp(enc("nothing here"), 22), out: "OUT", hits: [], scan: 12 },
];
emit("ContentIDS-02", R2, 2, cases2, ["OUT", "ALERT"], "ids", true);
console.log("wrote ContentIDS-01, ContentIDS-02");
