// Opt-in differential test against real Click (CLICKOS_CLICK_BUILD: a Click
// userlevel install prefix built from a kohler/click checkout you supply). Each
// case is one configuration using Click's element names; it runs in Click with
// Click's own elements and in the Node host with ours (the standard elements),
// on the same capture, and the output packets (bytes and order) and the handler
// values named must be the same. Covers what a differential against Click found
// different: packet order at merge points, StaticIPLookup's table text,
// annotation names as bare arguments, DecIPTTL's ACTIVE.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runClick } from "@clickos/runtime";
import { pkt, readCapture, writePcap } from "@clickos/sdk/testing";

const CLICK = process.env.CLICKOS_CLICK_BUILD;
const click = CLICK ? join(CLICK, "bin", "click") : "";
const why = !CLICK ? "CLICKOS_CLICK_BUILD is not set" : !existsSync(click) ? `${click} does not exist` : "";
const work = mkdtempSync(join(tmpdir(), "click-reference-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ip = (i: number, ttl = 64, dst = "10.0.0.2") =>
  pkt.ether().ipv4({ src: "10.0.0.1", dst, ttl, id: i }).udp({ sport: 1000 + i, dport: 53 }).payload(`p${i}`).build();
const arp = (i: number) => pkt.ether().arp({ op: "request", senderIp: `10.0.0.${i + 1}`, targetIp: "10.0.0.254" }).build();

interface Case { name: string; config: string; input: Uint8Array[]; outputs: string[]; handlers?: string[] }

const CASES: Case[] = [
  {
    name: "Classifier's two outputs into one ToDump: input order",
    config: "FromDump($IN, STOP true) -> c :: Classifier(12/0800, -);\nc[0] -> td :: ToDump($OUT);\nc[1] -> td;",
    input: [ip(0), arp(1), ip(2), arp(3), arp(4), ip(5), ip(6), arp(7)], outputs: ["OUT"],
  },
  {
    name: "Tee's two outputs into one ToDump: each packet's copy, then the packet",
    config: "FromDump($IN, STOP true) -> t :: Tee;\nt[0] -> td :: ToDump($OUT);\nt[1] -> Strip(0) -> td;",
    input: [ip(0), ip(1), ip(2)], outputs: ["OUT"],
  },
  {
    name: "StaticIPLookup's table handler, and the routes it picks",
    config: "FromDump($IN, STOP true) -> Strip(14) -> CheckIPHeader -> GetIPAddress(16)\n"
      + "  -> rt :: StaticIPLookup(0.0.0.0/0 10.9.9.9 2, 10.0.0.0/8 1, 192.168.100.0/24 192.168.100.254 0, 10.0.0.2/32 0);\n"
      + "rt[0] -> ToDump($OUT0, ENCAP IP);\nrt[1] -> ToDump($OUT1, ENCAP IP);\nrt[2] -> ToDump($OUT2, ENCAP IP);",
    input: [ip(0), ip(1, 64, "10.3.0.1"), ip(2, 64, "8.8.8.8"), ip(3, 64, "192.168.100.7")],
    outputs: ["OUT0", "OUT1", "OUT2"], handlers: ["rt.table"],
  },
  {
    name: "Paint and PaintSwitch with ICMP_PARAMPROB as a bare argument",
    config: "FromDump($IN, STOP true) -> Paint(2, ICMP_PARAMPROB) -> ps :: PaintSwitch(ICMP_PARAMPROB);\n"
      + "ps[0] -> ToDump($OUT0);\nps[1] -> ToDump($OUT1);\nps[2] -> ToDump($OUT2);",
    input: [ip(0), ip(1)], outputs: ["OUT0", "OUT1", "OUT2"],
  },
  {
    name: "DecIPTTL(ACTIVE false) passes everything on untouched",
    config: "FromDump($IN, STOP true) -> Strip(14) -> CheckIPHeader -> dt :: DecIPTTL(ACTIVE false) -> ToDump($OUT, ENCAP IP);\ndt[1] -> ToDump($EXPIRED, ENCAP IP);",
    input: [ip(0, 64), ip(1, 1), ip(2, 2)], outputs: ["OUT", "EXPIRED"], handlers: ["dt.active"],
  },
  {
    name: "DecIPTTL: expired packets to output 1, the rest decremented",
    config: "FromDump($IN, STOP true) -> Strip(14) -> CheckIPHeader -> dt :: DecIPTTL -> ToDump($OUT, ENCAP IP);\ndt[1] -> ToDump($EXPIRED, ENCAP IP);",
    input: [ip(0, 64), ip(1, 1), ip(2, 2), ip(3, 0)], outputs: ["OUT", "EXPIRED"], handlers: ["dt.drops"],
  },
  {
    name: "IPClassifier on whole and cut-short headers (masked tests, ports)",
    config: "FromDump($IN, STOP true) -> Strip(14) -> CheckIPHeader(VERBOSE false) -> c :: IPClassifier(src net 10.0.0.0/8 and dst port 53, dst host 10.0.0.2, -);\n"
      + "c[0] -> ToDump($OUT0, ENCAP IP);\nc[1] -> ToDump($OUT1, ENCAP IP);\nc[2] -> ToDump($OUT2, ENCAP IP);",
    input: [ip(0), ip(1, 64, "10.9.9.9"), ip(2).slice(0, 14 + 20 + 2), ip(3).slice(0, 14 + 20 + 4), ip(4, 64, "192.0.2.1")],
    outputs: ["OUT0", "OUT1", "OUT2"],
  },
  {
    name: "IPFilter allow/deny with port relations (a range as Click writes it)",
    config: "FromDump($IN, STOP true) -> Strip(14) -> CheckIPHeader -> f :: IPFilter(allow udp && dst port >= 50 && dst port <= 60, deny all) -> ToDump($OUT, ENCAP IP);",
    input: [ip(0), ip(1), pkt.ether().ipv4({ src: "10.0.0.1", dst: "10.0.0.2" }).udp({ sport: 1, dport: 80 }).build()],
    outputs: ["OUT"],
  },
  {
    name: "Classifier masked and unmasked tests on frames cut short inside the tested bytes",
    config: "FromDump($IN, STOP true) -> c :: Classifier(12/0800%ff00 14/45%f0, 12/08, 20/0000%0000, -);\n"
      + "c[0] -> ToDump($OUT0);\nc[1] -> ToDump($OUT1);\nc[2] -> ToDump($OUT2);\nc[3] -> ToDump($OUT3);",
    input: [ip(0), ip(1).slice(0, 13), ip(2).slice(0, 14), ip(3).slice(0, 15), ip(4).slice(0, 21), arp(5).slice(0, 20)],
    outputs: ["OUT0", "OUT1", "OUT2", "OUT3"],
  },
  {
    name: "IPClassifier masked header fields and transport tests on packets cut short after the IP header",
    config: "FromDump($IN, STOP true) -> Strip(14) -> MarkIPHeader -> c :: IPClassifier(ip[9] & 0x0f = 1, dst port 53, tcp opt syn, -);\n"
      + "c[0] -> ToDump($OUT0, ENCAP IP);\nc[1] -> ToDump($OUT1, ENCAP IP);\nc[2] -> ToDump($OUT2, ENCAP IP);\nc[3] -> ToDump($OUT3, ENCAP IP);",
    input: [ip(0), ip(1).slice(0, 14 + 20), ip(2).slice(0, 14 + 20 + 3), ip(3).slice(0, 14 + 20 + 1),
      pkt.ether().ipv4({ src: "10.0.0.1", dst: "10.0.0.2" }).tcp({ sport: 1, dport: 2, flags: "S" }).build().slice(0, 14 + 20 + 13)],
    outputs: ["OUT0", "OUT1", "OUT2", "OUT3"],
  },
];

/** Click's `-h` output: the value alone for one handler, else "name:\nvalue\n"
 *  per handler, blank-line separated. */
function clickHandlers(text: string, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (names.length === 1) return { [names[0]]: text.replace(/\n$/, "") };
  for (const n of names) {
    const at = text.indexOf(`${n}:\n`);
    if (at < 0) continue;
    const rest = text.slice(at + n.length + 2);
    const end = rest.indexOf("\n\n");
    out[n] = (end < 0 ? rest : rest.slice(0, end)).replace(/\n$/, "");
  }
  return out;
}

const packets = (file: Uint8Array | undefined) => (file ? readCapture(file).records.map((r) => [...r.data].map((b) => b.toString(16).padStart(2, "0")).join("")) : []);

describe.skipIf(why !== "")(`behaviour against a Click userlevel build${why ? ` (skipped: ${why})` : ""}`, () => {
  CASES.forEach((c, k) => it(c.name, () => {
    const input = writePcap(c.input.map((data, i) => ({ data, timestampNs: 1_700_000_000_000_000_000n + BigInt(i) * 1_000_000n })), { linkType: 1 });
    const dir = join(work, `case${k}`);
    execFileSync("mkdir", ["-p", dir]);
    writeFileSync(join(dir, "in.pcap"), input);
    let text = c.config.replaceAll("$IN", join(dir, "in.pcap"));
    for (const o of c.outputs) text = text.replaceAll(`$${o}`, join(dir, `${o}.pcap`));
    writeFileSync(join(dir, "config.click"), text);
    const hs = c.handlers ?? [];
    const printed = execFileSync(click, [...hs.flatMap((h) => ["-h", h]), join(dir, "config.click")], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    const theirs = clickHandlers(printed, hs);

    let ours = c.config.replaceAll("$IN", "in.pcap");
    for (const o of c.outputs) ours = ours.replaceAll(`$${o}`, `${o}.pcap`);
    const r = runClick(ours, { files: { "in.pcap": input }, configFile: "config.click", log: () => {} });
    for (const o of c.outputs) {
      const clickOut = existsSync(join(dir, `${o}.pcap`)) ? new Uint8Array(readFileSync(join(dir, `${o}.pcap`))) : undefined;
      expect(packets(r.files[`${o}.pcap`]), `${c.name}: ${o}`).toEqual(packets(clickOut));
    }
    for (const h of hs) expect(r.read(h).replace(/\n$/, ""), `${c.name}: handler ${h}`).toBe(theirs[h]);
  }));
});
