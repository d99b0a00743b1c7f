// The IPClassifier/IPFilter language, construct by construct: each expression is
// compiled by an IPClassifier in the Node host and run on hand-built packets whose
// fields are stated below; the expected matches follow from Click's documented
// semantics (elements/ip/ipclassifier.hh and ipfilter.cc in kohler/click), worked out
// by hand for each packet, never from running the element.

import { describe, it, expect, beforeAll } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildPackage } from "@clickos/sdk";
import { runClick } from "@clickos/runtime";
import { writePcap, readCapture } from "@clickos/runtime";
import { pkt } from "@clickos/sdk/testing";

const ELEMENTS = resolve(import.meta.dirname, "../..");
let wasm = "";

beforeAll(async () => {
  const out = join(mkdtempSync(join(tmpdir(), "ipfilter-lang-")), "elements.wasm");
  // Only what these tests use, so other elements in progress cannot break them.
  wasm = (await buildPackage({
    dir: ELEMENTS, out,
    sources: ["ip/ipclassifier.ts", "ip/ipfilter.ts", "ip/markipheader.ts", "ethernet/etherencap.ts"],
  })).wasm;
});

// ---- the packets (raw IPv4 unless said otherwise) ----
const tcp = (src: string, dst: string, sport: number, dport: number, flags: string, ip: object = {}, t: object = {}) =>
  pkt.ipv4({ src, dst, ttl: 64, id: 1, ...ip }).tcp({ sport, dport, flags, window: 1000, ...t });
const udp = (src: string, dst: string, sport: number, dport: number, ip: object = {}) =>
  pkt.ipv4({ src, dst, ttl: 64, id: 1, ...ip }).udp({ sport, dport });
const icmp = (src: string, dst: string, type: number, code = 0) =>
  pkt.ipv4({ src, dst, ttl: 64, id: 1 }).icmp({ type, code, id: 1, seq: 1 });
// A TCP header (40000 -> 80, SYN) as bytes, to ride in a later fragment.
const tcpHeaderBytes = tcp("10.0.0.1", "192.168.1.10", 40000, 80, "S").build().slice(20);

const P: Record<string, Uint8Array> = {
  A: tcp("10.0.0.1", "192.168.1.10", 40000, 80, "S", { id: 100 }, { window: 8192 }).build(), // len 40, ttl 64
  B: tcp("192.168.1.10", "10.0.0.1", 80, 40000, "SA", { ttl: 63, id: 101 }, { window: 65535 }).build(),
  C: tcp("10.0.0.1", "192.168.1.10", 40000, 80, "FA").build(),
  D: tcp("10.0.0.1", "192.168.1.10", 40001, 443, "R").build(),
  E: tcp("192.168.1.10", "10.0.0.5", 22, 50000, "PA").build(),
  F: tcp("10.1.2.3", "10.0.0.1", 1234, 23, "UA").build(),
  G: udp("10.0.0.2", "8.8.8.8", 5353, 53).build(), // len 28
  H: udp("172.16.5.5", "10.0.0.3", 1500, 1999).build(),
  I: icmp("172.16.0.1", "10.0.0.1", 8).build(),
  J: icmp("10.0.0.1", "172.16.0.1", 0).build(),
  K: icmp("192.168.1.1", "10.0.0.1", 3, 3).build(),
  L: pkt.ipv4({ src: "10.0.0.1", dst: "10.0.0.2", proto: 47, ttl: 64 }).payload(new Uint8Array(8)).build(),
  M: tcp("10.0.0.1", "192.168.1.10", 40000, 80, "S", { flags: "MF", id: 7 }).build(), // first fragment
  N: pkt.ipv4({ src: "10.0.0.1", dst: "192.168.1.10", proto: 6, ttl: 64, id: 7, fragOffset: 16 }).payload(tcpHeaderBytes).build(),
  O: tcp("10.0.0.9", "10.0.0.10", 1024, 8080, "A", { flags: "DF" }).build(),
  P: udp("10.0.0.7", "10.0.0.8", 4000, 4001, { tos: 0xb8, ttl: 5 }).build(), // DSCP 46 (EF)
  Q: udp("10.0.0.7", "10.0.0.8", 4000, 4001, { tos: 0x01 }).build(), // ECT(1)
  R: udp("10.0.0.7", "10.0.0.8", 4000, 4001, { tos: 0x03 }).build(), // CE
  S: udp("10.0.0.7", "10.0.0.8", 4000, 4001, { tos: 0x02 }).build(), // ECT(0)
  T: tcp("10.0.0.1", "192.168.1.10", 40000, 443, "S", { options: [0x94, 0x04, 0, 0] }).build(), // ihl 6
  U: tcp("10.0.0.1", "192.168.1.10", 40000, 80, "S").truncate(30).build(), // 10 TCP bytes
  V: tcp("10.0.0.1", "192.168.1.10", 40000, 80, "S").truncate(21).build(), // 1 TCP byte
  W: pkt.ipv4({ src: "10.0.0.1", dst: "192.168.1.10", proto: 6, ttl: 64 }).build(), // no transport
  X: pkt.ipv6({ src: "2001:db8::1", dst: "2001:db8::2" }).udp({ sport: 1, dport: 53 }).build(), // not IPv4
  Y: (() => { const b = tcp("10.0.0.1", "192.168.1.10", 40000, 80, "S").build(); b[0] = 0x44; return b; })(), // ihl 4
};
const NAMES = Object.keys(P);

/** For each input packet, the output it left on (-1: dropped). */
function run(element: string, noutputs: number, packets: Uint8Array[], pre = ""): number[] {
  const input = writePcap(packets.map((data, i) => ({ data, timestampNs: BigInt(i + 1) * 1000n })), { linkType: 101, snaplen: 65535 });
  let conf = `FromDump(in.pcap) -> ${pre} c :: ${element};\n`;
  for (let i = 0; i < noutputs; i++) conf += `c[${i}] -> ToDump(o${i}.pcap, ENCAP IP);\n`;
  const r = runClick(conf, { files: { "in.pcap": input }, elements: wasm });
  const where = packets.map(() => -1);
  for (let i = 0; i < noutputs; i++) {
    for (const rec of readCapture(r.files[`o${i}.pcap`]).records) where[Number(rec.timestampNs / 1000n) - 1] = i;
  }
  return where;
}

/** Which of the named packets `expr` matches (as the only pattern of an IPClassifier). */
function matches(expr: string, pre = ""): Record<string, boolean> {
  const out = run(`IPClassifier(${expr})`, 1, NAMES.map((n) => P[n]), pre);
  return Object.fromEntries(NAMES.map((n, i) => [n, out[i] === 0]));
}

/** The configuration error text for `element`, or "" when it configures. */
function configError(element: string, noutputs = 1): string {
  try {
    run(element, noutputs, [P.A]);
    return "";
  } catch (e) {
    return (e as Error).message;
  }
}

interface Case { yes?: string; no?: string }
function check(expr: string, c: Case, pre = ""): void {
  const m = matches(expr, pre);
  const want: Record<string, boolean> = {};
  for (const n of (c.yes ?? "").split(/\s+/).filter(Boolean)) want[n] = true;
  for (const n of (c.no ?? "").split(/\s+/).filter(Boolean)) want[n] = false;
  const got = Object.fromEntries(Object.keys(want).map((n) => [n, m[n]]));
  expect(got, `IPClassifier(${expr})`).toEqual(want);
}

function table(title: string, cases: Record<string, Case>): void {
  describe(title, () => {
    for (const [expr, c] of Object.entries(cases)) it(expr, () => check(expr, c));
  });
}

table("host and net", {
  "host 10.0.0.1": { yes: "A B I J W", no: "G H E X" },
  "src host 10.0.0.1": { yes: "A J", no: "B I" },
  "dst host 10.0.0.1": { yes: "B I", no: "A J" },
  "src or dst host 10.0.0.1": { yes: "A B", no: "G" },
  "src and dst net 10.0.0.0/8": { yes: "L F", no: "A H" },
  "src host == 10.0.0.1": { yes: "A", no: "B" },
  "host != 10.0.0.1": { yes: "G H", no: "A B X" }, // neither address; false when there is no IP header
  "not host 10.0.0.1": { yes: "G X", no: "A B" },
  "net 192.168.0.0/16": { yes: "A B K", no: "G H I" },
  "src net 10.0.0.0 mask 255.0.0.0": { yes: "A G", no: "B H" },
  "dst 172.16.0.0/12": { yes: "J", no: "I A" },
  "10.0.0.0/24": { yes: "A B I", no: "X" },
  "src host & 255.255.0.0 == 172.16.0.0": { yes: "I H", no: "J A" },
});

table("ports", {
  "port 80": { yes: "A B C", no: "D G I" },
  "src port 40000": { yes: "A C", no: "B" },
  "dst port www": { yes: "A", no: "B" },
  "dst port http": { yes: "A", no: "G" },
  "port ssh": { yes: "E", no: "A" },
  "dst port dns": { yes: "G", no: "A" },
  "udp port domain": { yes: "G", no: "A" },
  "tcp port 53": { no: "G" },
  "tcp port 80": { yes: "A" },
  "udp port 80": { no: "A B" },
  "dst port 1000-2000": { yes: "H", no: "G A" },
  "port 1000-2000": { yes: "H O F", no: "A G" },
  "dst port > 1023": { yes: "B E H O", no: "A G I" },
  "dst port < 1024": { yes: "A G", no: "B I" },
  "dst port != 80": { yes: "B G", no: "A I" },
  "not dst port 80": { yes: "B I", no: "A" },
  "dst port >= 8080": { yes: "O B", no: "A" },
  "dst port <= 53": { yes: "G", no: "A" },
  "src tcp port & 0xff00 == 0x9c00": { yes: "A C D", no: "B G" },
  "www": { yes: "A B", no: "G" },
});

table("protocols and ICMP types", {
  "ip proto 6": { yes: "A W N", no: "G I" },
  "ip proto tcp": { yes: "A", no: "G" },
  "ip proto 17": { yes: "G", no: "A" },
  "tcp": { yes: "A M N", no: "G I X" },
  "udp": { yes: "G H", no: "A X" },
  "icmp": { yes: "I J K", no: "A" },
  "ip proto 47": { yes: "L", no: "A" },
  "ip proto != 6": { yes: "G I L", no: "A" },
  "ip proto tcpudp": { yes: "A G", no: "I" },
  "icmp type 8": { yes: "I", no: "J A" },
  "icmp type echo": { yes: "I", no: "J" },
  "icmp type echo-reply": { yes: "J", no: "I" },
  "echo-reply": { yes: "J", no: "I" },
  "icmp type unreachable": { yes: "K", no: "I" },
  "icmp type != echo": { yes: "J K", no: "I A" },
  "not icmp type echo": { yes: "A J", no: "I" },
  "icmp type > 5": { yes: "I", no: "J K" },
});

table("TCP flags", {
  "syn": { yes: "A B M T", no: "C G" },
  "tcp opt syn": { yes: "A B", no: "C" },
  "fin": { yes: "C", no: "A" },
  "ack": { yes: "B C E F O", no: "A" },
  "rst": { yes: "D", no: "A" },
  "psh": { yes: "E", no: "A" },
  "urg": { yes: "F", no: "A" },
  "fin ack": { yes: "C", no: "B A" },
  "syn && !ack": { yes: "A", no: "B" },
  "tcp syn": { yes: "A", no: "G" },
  "tcp opt syn and tcp opt ack": { yes: "B", no: "A" },
});

table("fragments", {
  "ip frag": { yes: "M N", no: "A O" },
  "ip unfrag": { yes: "A O", no: "M N" },
  "frag": { yes: "M N", no: "A" },
  "unfrag": { yes: "A", no: "N" },
  // Transport tests only hold on first fragments; protocol and IP tests on all.
  "dst port 80": { yes: "A M", no: "N" },
  "src port 40000": { yes: "M", no: "N" },
  "syn and ip frag": { yes: "M", no: "N" },
  "transp[0:2] 40000": { yes: "A M", no: "N B" },
  "ip[9] 6": { yes: "N A", no: "G" },
});

table("IP header fields and comparisons", {
  "ip ttl 64": { yes: "A", no: "B" },
  "ip ttl != 64": { yes: "B", no: "A" },
  "ip ttl < 64": { yes: "B P", no: "A" },
  "ip ttl > 63": { yes: "A", no: "B" },
  "ip ttl <= 63": { yes: "B", no: "A" },
  "ip ttl >= 64": { yes: "A", no: "B" },
  "ip ttl == 64": { yes: "A", no: "B" },
  "ip ttl < 0": { no: "A B" },
  "ip ttl >= 0": { yes: "A B" },
  "ip ttl 1-5": { yes: "P", no: "A" },
  "ip tos 0xb8": { yes: "P", no: "A" },
  "ip dscp 46": { yes: "P", no: "A Q" },
  "ip dscp 0": { yes: "A", no: "P" },
  "ip ect": { yes: "Q R S", no: "A P" },
  "ip ce": { yes: "R", no: "Q S A" },
  "ip len 40": { yes: "A", no: "G" },
  "ip len 28": { yes: "G", no: "A" },
  "ip len > 40": { yes: "T", no: "A G" },
  "ip hl 5": { yes: "A", no: "T" },
  "ip hl 6": { yes: "T", no: "A" },
  "ip vers 4": { yes: "A T", no: "X Y" },
  "ip id 100": { yes: "A", no: "B" },
  "tcp win 8192": { yes: "A", no: "B" },
  "tcp win > 10000": { yes: "B", no: "A G" },
});

table("raw bytes", {
  "ip[9] 6": { yes: "A", no: "G" },
  "ip[8:1] 64": { yes: "A", no: "B" },
  "ip[12:4] 0x0a000001": { yes: "A", no: "B" },
  "ip[16:2] 0xc0a8": { yes: "A", no: "G" },
  "ip[16,17] 0xc0a8": { yes: "A", no: "G" },
  "ip[0] & 0xf0 == 0x40": { yes: "A T", no: "X" },
  "tcp[13] & 2 != 0": { yes: "A B", no: "C G" },
  "udp[2:2] 53": { yes: "G", no: "A" },
  "transp[13] & 0x12 == 0x12": { yes: "B", no: "A" },
  "icmp[0] 8": { yes: "I", no: "J" },
});

table("truncated, option-carrying and non-IPv4 packets", {
  "dst port 443": { yes: "T D" }, // after a 24-byte header
  "dst port https and syn": { yes: "T", no: "D" },
  // 10 TCP bytes: the ports are there, the flags and window are not.
  "dst port 80 and tcp": { yes: "U", no: "V W" },
  "tcp": { yes: "U V W" },
  "syn": { no: "U V W" },
  "not syn": { yes: "U V W" },
  "tcp win 8192": { no: "U" },
  "not tcp win 8192": { yes: "U" },
  "src port 40000": { no: "V" },
  "src port != 40000": { no: "V" },
  "not src port 40000": { yes: "V" },
  "transp[0] 0": { no: "W" },
  // No IPv4 header at all (IPv6, IHL 4): header tests are false, constants hold.
  "-": { yes: "A X Y" },
  "not tcp": { yes: "X Y", no: "A" },
  "udp": { no: "X" },
});

table("constants", {
  "true": { yes: "A X" },
  "false": { no: "A X" },
  "-": { yes: "A G X" },
  "any": { yes: "A G" },
  "all": { yes: "A G" },
  "none": { no: "A G X" },
});

table("connectives", {
  "tcp and dst port 80": { yes: "A", no: "B G" },
  "tcp && dst port 80": { yes: "A", no: "B G" },
  "udp or icmp": { yes: "G I", no: "A" },
  "udp || icmp": { yes: "G I", no: "A" },
  "not tcp": { yes: "G I", no: "A" },
  "! tcp": { yes: "G I", no: "A" },
  "!tcp": { yes: "G I", no: "A" },
  "not not tcp": { yes: "A", no: "G" },
  "(udp or icmp) and host 10.0.0.1": { yes: "I J", no: "G A" },
  "udp or icmp and host 10.0.0.1": { yes: "G I K", no: "A" },
  "src host 10.0.0.1 dst port 80": { yes: "A C", no: "B G" },
  "not (tcp or udp)": { yes: "I L", no: "A G" },
  "icmp ? icmp type echo : dst port 80": { yes: "I A", no: "J B G" },
  "tcp ? syn : udp ? dst port 53 : true": { yes: "A G I", no: "C H" },
});

table("values carried forward", {
  "src host 10.0.0.1 or 10.0.0.2": { yes: "A G", no: "B H" },
  "dst host 10.0.0.1 or 172.16.0.1": { yes: "B I J", no: "A" },
  "dst port 80 or 53": { yes: "A G", no: "B" },
  "dst port 53 or www": { yes: "A G", no: "B" },
  "src port 22 or 1000-2000": { yes: "E H F", no: "A" },
  "ip ttl 63 or 5": { yes: "B P", no: "A" },
  "ip proto 1 or 17": { yes: "G I", no: "A" },
  "icmp type echo or echo-reply": { yes: "I J", no: "K" },
});

describe("ether host (MAC header annotation)", () => {
  const encap = "EtherEncap(0x0800, 02:00:00:00:00:01, 02:00:00:00:00:02) -> MarkIPHeader(14) ->";
  it("matches source and destination after EtherEncap", () => {
    check("ether src host 02:00:00:00:00:01", { yes: "A G" }, encap);
    check("ether dst host 02:00:00:00:00:01", { no: "A G" }, encap);
    check("ether host 02:00:00:00:00:02", { yes: "A" }, encap);
    check("ether src host 02:00:00:00:00:01 and dst port 80", { yes: "A", no: "B G" }, encap);
  });
  it("is false without a MAC header", () => {
    check("ether host 02:00:00:00:00:01", { no: "A G" });
  });
});

describe("IPClassifier outputs", () => {
  it("sends each packet to the first matching pattern and drops the rest", () => {
    const out = run("IPClassifier(10.0.0.0/24 and syn, 10.0.0.0/24 and fin ack, 10.0.0.0/24 and tcp, udp)", 4,
      [P.A, P.C, P.D, P.G, P.I, P.X]);
    expect(out).toEqual([0, 1, 2, 3, -1, -1]);
  });
  it("reports its program", () => {
    const input = writePcap([], { linkType: 101 });
    const r = runClick("FromDump(in.pcap) -> c :: IPClassifier(tcp, dst port 80) -> Discard; c[1] -> Discard;",
      { files: { "in.pcap": input }, elements: wasm });
    const prog = r.read("c.program");
    expect(prog).toMatch(/^entry \d+\n/);
    expect(prog).toContain("ip[9:1] & 0xff == 6");
    expect(prog).toContain("transp[2:2] & 0xffff == 80");
  });
});

describe("IPFilter actions", () => {
  const rules = "IPFilter(deny src host 10.0.0.2, allow udp, 1 icmp, drop tcp, allow all)";
  it("applies the first matching rule", () => {
    expect(run(rules, 2, [P.G, P.H, P.I, P.A, P.L, P.X])).toEqual([-1, 0, 1, -1, 0, 0]);
  });
  it("drops what no rule matches", () => {
    expect(run("IPFilter(allow tcp, 1 udp)", 2, [P.A, P.G, P.I])).toEqual([0, 1, -1]);
  });
  it("allows everything with a bare allow", () => {
    expect(run("IPFilter(allow)", 1, [P.A, P.X])).toEqual([0, 0]);
  });
});

describe("malformed expressions", () => {
  const errs: Record<string, string[]> = {
    "ip prot 6": ["pattern 0: partial directive", "pattern 0: empty term near 'prot'", "pattern 0: garbage after expression at 'prot'"],
    "tcp port": ["pattern 0: 'port': value missing"],
    "host 10.0.0.1.5": ["pattern 0: 'ip host': address missing"],
    '"(tcp"': ["pattern 0: missing ')'"], // quoted, or the Click config parser objects first
    "tcp and": ["pattern 0: missing expression"],
    "not": ["pattern 0: missing expression after 'not'"],
    "tcp ? udp": ["pattern 0: missing ':' in ternary expression"],
    "echo": ["pattern 0: 'echo' is ambiguous; try 'port echo', 'icmp type echo'"],
    "udp opt syn": ["pattern 0: 'udp tcp opt syn' is meaningless; try 'tcp opt syn'"],
    "ip ttl 256": ["pattern 0: 'ip ttl': out of range, bound 255"],
    "ip ttl & 0x100 == 5": ["pattern 0: 'ip ttl': mask out of range, bound 0xFF"],
    "host > 10.0.0.1": ["pattern 0: 'ip host': operator not supported"],
    "ip[0:5] 1": ["pattern 0: LEN in '[POS:LEN]' out of range, should be between 1 and 4"],
    "ip[2:4] 1": ["pattern 0: field [2:4] does not fit in a single word"],
    "ip[x] 1": ["pattern 0: syntax error after '[', expected '[POS]' or '[POS:LEN]'"],
    "ip[0 1": ["pattern 0: missing ']'"],
    "80": ["pattern 0: specify header field or 'port'"],
    "src": ["pattern 0: partial directive"],
    "ip ttl > blah": ["pattern 0: dangling operator near 'blah'"],
    "ip ttl & 0 5": ["pattern 0: zero mask ignored"],
    "tcp garbage": ["pattern 0: garbage after expression at 'garbage'"],
    "tcp opt & 3 syn": ["pattern 0: 'tcp opt': operator or mask not supported"],
    "tcp opt != syn": ["pattern 0: 'tcp opt': operator or mask not supported"],
    "dst port 2000-1000": ["pattern 0: 'dst port': empty range 2000-1000"],
    "ip ttl > 1-5": ["pattern 0: 'ip ttl': operator not supported with a range"],
    "host 1000-2000": ["pattern 0: 'ip host': range not supported"],
    "src src host 1.2.3.4": ["pattern 0: 'src' or 'dst' specified twice"],
    "tcp udp": ["pattern 0: transport protocol specified twice"],
    "ip ttl ttl 5": ["pattern 0: type specified twice"],
    "ip proto != tcpudp": ["pattern 0: 'proto': operator or mask not supported"],
    "ether host 10.0.0.1": ["pattern 0: 'ether host': address missing"],
    [`${"(".repeat(70)}tcp${")".repeat(70)}`]: ["pattern 0: expression nested more than 64 deep"],
  };
  for (const [expr, want] of Object.entries(errs)) {
    it(expr.length > 40 ? "deep nesting" : expr, () => {
      const msg = configError(`IPClassifier(${expr})`);
      expect(msg).toContain("While configuring 'c :: IPClassifier'");
      for (const w of want) expect(msg).toContain(w);
    });
  }
  it("numbers the pattern that is wrong", () => {
    const msg = configError("IPClassifier(tcp, ip prot 6)", 2);
    expect(msg).toContain("pattern 1: partial directive");
    expect(msg).not.toContain("pattern 0:");
  });
  it("wants one pattern per output", () => {
    expect(configError("IPClassifier(tcp, udp)", 1)).toContain("need 1 arguments, one per output port");
  });
  it("checks IPFilter actions", () => {
    expect(configError("IPFilter(bogus tcp)")).toContain("pattern 0: unknown slot ID 'bogus'");
    expect(configError("IPFilter(allow udp, 5 tcp)")).toContain("pattern 1: slot '5' out of range");
    expect(configError("IPFilter(allow ip prot 6)")).toContain("pattern 0: partial directive");
  });
  it("accepts always-true and always-false relations (Click warns)", () => {
    expect(configError("IPClassifier(ip ttl < 0)")).toBe("");
  });
});
