// clickos fastclassifier (sdk/src/fastclassifier): IPFilter and IPClassifier
// rules compiled ahead of time into element classes must send every packet
// where the element they replace sends it. Each case's rules are compiled, the
// classes built into a package, and both elements see the same traffic side by
// side in one router: well-formed packets of every protocol the rules name,
// fragments, IP options, non-IP frames, and every packet cut short at every
// length (the programs' "short" exits).
import { describe, it, expect, beforeAll } from "vitest";
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, copyFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { buildPackage } from "../../src/build/build.ts";
import { fastClassifiers, parseProgram } from "../../src/fastclassifier/index.ts";
import { pkt } from "../../src/testing/packet-builder.ts";
import { runClick, writePcap, readCapture } from "@clickos/runtime";

const root = new URL("../../..", import.meta.url).pathname;

const FIREWALL = readFileSync(join(root, "examples/firewall/firewall.click"), "utf8");
const CASES: { name: string; kind: "IPFilter" | "IPClassifier"; rules: string; outputs: number }[] = [
  { name: "firewall", kind: "IPFilter", rules: /fw :: IPFilter\(([\s\S]*?)\)\s*\n\s*->/.exec(FIREWALL.replace(/\/\/[^\n]*/g, ""))![1], outputs: 1 },
  { name: "classifier", kind: "IPClassifier", rules: "tcp dst port 80, udp src port 53, icmp type echo-reply, ip ttl > 64, src net 10.1.0.0/16 and not dst host 10.1.2.3, ip tos 0x10, -", outputs: 7 },
  { name: "ranges-and-masks", kind: "IPFilter", rules: "allow tcp opt syn && not tcp opt ack, 1 udp && dst port 5000-5010, 2 ip hl > 5, 3 ip[8] > 100, deny all", outputs: 4 },
];

function traffic(): Uint8Array[] {
  const e = () => pkt.ether({ src: "00:00:00:00:00:01", dst: "00:00:00:00:00:02" });
  const base: Uint8Array[] = [];
  const addrs = ["10.0.0.1", "10.1.2.3", "10.1.9.9", "172.16.5.5", "192.168.1.1", "203.0.113.10", "203.0.113.25", "203.0.113.53", "198.51.100.7", "8.8.8.8"];
  let k = 0;
  for (const src of addrs) for (const dst of addrs) {
    k++;
    const ip = { src, dst, ttl: 30 + (k * 7) % 90, tos: k % 3 ? 0 : 0x10 };
    base.push(e().ipv4(ip).tcp({ sport: 1024 + k, dport: [80, 443, 25, 22, 8080][k % 5], flags: k % 2 ? "S" : "SA" }).payload("x").build());
    base.push(e().ipv4(ip).udp({ sport: [53, 1000][k % 2], dport: [53, 5004, 5011][k % 3] }).payload("q").build());
    base.push(e().ipv4(ip).icmp({ type: [0, 8, 3, 11][k % 4] }).payload("ping").build());
  }
  base.push(e().ipv4({ src: "198.51.100.7", dst: "203.0.113.10", flags: "MF" }).tcp({ dport: 80 }).build());
  base.push(e().ipv4({ src: "198.51.100.7", dst: "203.0.113.10", fragOffset: 64 }).payload("rest").build());
  for (const dst of addrs) base.push(e().ipv4({ src: "198.51.100.7", dst, options: [1, 1, 1, 1] }).tcp({ dport: 80 }).build());
  base.push(pkt.ether({ type: 0x0806 }).arp({ op: "request", senderIp: "10.0.0.1", targetIp: "10.0.0.2" }).build());
  // Every tenth packet cut short at every length: each test's "short" exit.
  const cut: Uint8Array[] = [];
  base.forEach((f, i) => { if (i % 10 === 0) for (let n = 14; n < f.length; n++) cut.push(f.slice(0, n)); });
  return [...base, ...cut];
}

let wasm = "";
const classes: Record<string, string> = {};

beforeAll(async () => {
  const dir = mkdtempSync(join(root, "node_modules", ".tmp-fastclassifier-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "fast-classifiers", version: "1.0.0", clickos: { abi: 1, wasm: "build/fast.wasm" } }));
  for (const c of CASES) {
    const conf = `src :: Idle;\nc :: ${c.kind}(${c.rules});\nsrc -> c;\n${Array.from({ length: c.outputs }, (_, i) => `c[${i}] -> Discard;`).join("\n")}\n`;
    const r = fastClassifiers(conf, `${c.name}.click`);
    expect(r.replaced.map((x) => x.element)).toEqual(["c"]);
    for (const g of r.classes) writeFileSync(join(dir, g.fileName), g.source);
    classes[c.name] = r.replaced[0].className;
    expect(r.config).toContain(`c :: ${classes[c.name]};`);
  }
  wasm = (await buildPackage({ dir })).wasm;
}, 600_000);

describe("clickos fastclassifier", () => {
  const frames = traffic();
  const input = writePcap(frames.map((data, i) => ({ data, timestampNs: BigInt(i + 1) * 1000n })));

  it.each(CASES)("$name: the compiled $kind sends every packet where the $kind does", (c) => {
    const outs = (who: string) => Array.from({ length: c.outputs }, (_, i) => `${who}[${i}] -> ToDump(${who}${i}.pcap);`).join("\n");
    const config = `FromDump(in.pcap) -> MarkIPHeader(14) -> t :: Tee(2);\nt[0] -> a :: ${c.kind}(${c.rules});\nt[1] -> b :: ${classes[c.name]};\n${outs("a")}\n${outs("b")}\n`;
    const r = runClick(config, { files: { "in.pcap": input }, modules: [wasm] });
    const ids = (f: string) => (r.files[f] ? readCapture(r.files[f], f).records.map((x) => Number(x.timestampNs / 1000n) - 1) : []);
    const fates = new Array<number>(frames.length).fill(-1);
    for (let i = 0; i < c.outputs; i++) {
      const [a, b] = [ids(`a${i}.pcap`), ids(`b${i}.pcap`)];
      const diff = a.find((x) => !b.includes(x)) ?? b.find((x) => !a.includes(x));
      expect(diff, `output ${i}: packet ${diff} (${diff !== undefined ? frames[diff].length : 0} bytes) goes elsewhere in the compiled class`).toBeUndefined();
      for (const x of a) fates[x] = i;
    }
    // Every output and the drop get traffic (where the rules can drop): the comparison is not vacuous.
    const counts = (f: number) => fates.filter((x) => x === f).length;
    for (let i = 0; i < c.outputs; i++) expect(counts(i), `packets to output ${i}`).toBeGreaterThan(5);
    if (!c.rules.trim().endsWith("-")) expect(counts(-1), "packets dropped").toBeGreaterThan(5);
  });

  it("the bundled CLI compiles the firewall example: one class file, a flattened configuration using it", () => {
    const dir = mkdtempSync(join(root, "node_modules", ".tmp-fastclassifier-cli-"));
    copyFileSync(join(root, "examples/firewall/firewall.click"), join(dir, "firewall.click"));
    const r = spawnSync(process.execPath, [join(root, "sdk/bin/clickos.js"), "fastclassifier", "firewall.click", "--out-dir", "src/fast"], { cwd: dir, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^firewall\.click:\d+: fw :: IPFilter -> FastIPFilter_[0-9a-f]{10} \(src\/fast\/fastipfilter_[0-9a-f]{10}\.ts\)$/m);
    const files = readdirSync(join(dir, "src/fast"));
    expect(files).toHaveLength(1);
    const cls = files[0].replace(/^fast/, "Fast").replace(/ipfilter/, "IPFilter").replace(/\.ts$/, "");
    const fast = readFileSync(join(dir, "firewall.fast.click"), "utf8");
    expect(fast).toContain(`fw :: ${cls};`);
    expect(fast).toMatch(/^eth :: Classifier\(12\/0800, -\);$/m);
    expect(readFileSync(join(dir, "src/fast", files[0]), "utf8")).toMatch(/^=c\nFastIPFilter_/m);
  });

  it("refuses a program listing it cannot read, naming the line", () => {
    expect(() => parseProgram("entry 0\n0: ip[9:1] & 0xff == 6  yes 3  no [drop]  short [drop]\n", "fw.program")).toThrow(/fw\.program line 2: jumps forward to test 3/);
    expect(() => parseProgram("start 0\n", "fw.program")).toThrow(/expected 'entry TARGET'/);
  });

  it("names the element and line of rules that do not compile", () => {
    expect(() => fastClassifiers("Idle -> f :: IPFilter(allow tcp dst port nosuchport) -> Discard;\n", "bad.click")).toThrow(/^bad\.click:1: f :: IPFilter: /);
  });
});
