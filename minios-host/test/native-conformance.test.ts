// Conformance between the two hosts: every golden fixture of the standard
// elements (elements/*/tests/*.click) whose configuration is a simple chain —
// FromDump -> module elements -> ToDump, with output 1 of some elements to one
// more ToDump — runs through the Node host (runClick) and through the native
// harness (wasm2c + C host); the output captures must be identical byte for
// byte, and the handlers in <case>.handlers.json must read the same.
// Every fixture, whatever its graph, is also compared crossing by crossing
// (recorded in the Node host, replayed natively) by native-replay.test.ts.
import { describe, it, expect, beforeAll } from "vitest";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { parseClick, runClick, readMeta, type FlatGraph } from "@clickos/runtime";
import { ensureStandardElementsBuilt } from "../../test/support/build-once.ts";
import { harnessFor, nativeToolchainMissing, runHarness, REPO } from "./native-support.ts";

const missing = nativeToolchainMissing();

interface Fixture { name: string; file: string; config: string; inputs: string[]; outputs: string[] }

function fixtures(): Fixture[] {
  const out: Fixture[] = [];
  const root = join(REPO, "elements");
  for (const group of readdirSync(root)) {
    const dir = join(root, group, "tests");
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((x) => x.endsWith(".click")).sort()) {
      const text = readFileSync(join(dir, f), "utf8");
      const vars = [...new Set([...text.matchAll(/\$\{?([A-Z][A-Z0-9_]*)\}?/g)].map((m) => m[1]))];
      const defines = vars.length ? `define(${vars.map((v) => `$${v} "${v}"`).join(", ")}); ` : "";
      out.push({ name: f.replace(/\.click$/, ""), file: join(dir, f), config: defines + text,
        inputs: vars.filter((v) => /^IN\d*$/.test(v) || v.startsWith("IN_")), outputs: vars.filter((v) => !(/^IN\d*$/.test(v) || v.startsWith("IN_"))) });
    }
  }
  return out;
}

interface Chain { chain: string; out: string; encap: string; out1?: string; encap1?: string; port1: string[] }

const unquote = (s: string) => s.trim().replace(/^"(.*)"$/, "$1");
const dumpFile = (conf: string) => unquote(conf.split(",")[0]);
const encapOf = (conf: string) => (/(^|,)\s*(ENCAP\s+)?IP\s*(,|$)/.test(conf) ? "IP" : "ETHER");

/** The harness arguments for a simple-chain configuration, or why it is not one. */
function asChain(g: FlatGraph, classes: Set<string>): Chain | string {
  const byName = new Map(g.elements.map((e) => [e.name, e]));
  const from = g.elements.filter((e) => e.className === "FromDump");
  if (from.length !== 1 || unquote(from[0].config) !== "IN") return "not one FromDump($IN)";
  for (const e of g.elements) {
    if (e.className === "FromDump" || e.className === "ToDump") continue;
    if (!classes.has(e.className)) return `${e.className} is not a module class`;
  }
  if (g.elements.some((e) => e.className === "ToDump" && /SNAPLEN/.test(e.config))) return "ToDump SNAPLEN";
  const outs = (n: string) => g.connections.filter((c) => c.from === n);
  const ins = (n: string) => g.connections.filter((c) => c.to === n);
  const parts: string[] = [];
  const port1: string[] = [];
  let out1: string | undefined;
  let cur = from[0].name;
  for (;;) {
    const o = outs(cur);
    const next = o.filter((c) => c.fromPort === 0);
    if (next.length !== 1) return `${cur} output 0 is not connected to one element`;
    const n = byName.get(next[0].to)!;
    if (cur !== from[0].name) {
      for (const c of o) {
        if (c.fromPort === 0) continue;
        if (c.fromPort !== 1 || byName.get(c.to)!.className !== "ToDump") return `${cur}[${c.fromPort}] is not output 1 to a ToDump`;
        if (out1 && out1 !== c.to) return "output 1 of several elements goes to different ToDumps";
        out1 = c.to;
        port1.push(cur);
      }
    }
    if (n.className === "ToDump") {
      if (cur === from[0].name) return "no element between FromDump and ToDump";
      const dump = n;
      const o1 = out1 ? byName.get(out1)! : undefined;
      if (ins(dump.name).length !== 1 || (o1 && ins(o1.name).length !== port1.length)) return "a ToDump has other inputs";
      if (g.connections.length !== parts.length + 1 + port1.length) return "connections outside the chain";
      return { chain: parts.join(" -> "), out: dumpFile(dump.config), encap: encapOf(dump.config), port1,
        ...(o1 ? { out1: dumpFile(o1.config), encap1: encapOf(o1.config) } : {}) };
    }
    if (ins(n.name).length !== 1 || next[0].toPort !== 0) return `${n.name} has several inputs`;
    parts.push(`${n.name} :: ${n.className}(${n.config})`);
    cur = n.name;
  }
}

// Classified at collection time from the module's metadata (global setup has
// built the standard elements), so only simple chains become test cases.
const WASM = join(REPO, "elements", "build", "elements.wasm");
const CLASSES = new Set(existsSync(WASM) ? readMeta(new Uint8Array(readFileSync(WASM)), "elements.wasm").classes.map((c) => c.name) : []);
const CASES = fixtures().map((f) => ({ f, c: asChain(parseClick(f.config, f.file), CLASSES) }));
const CHAINS = CASES.filter((x): x is { f: Fixture; c: Chain } => typeof x.c !== "string");

describe.skipIf(missing)(`conformance: Node host vs native harness (${missing ?? "wasm2c + cc"})`, () => {
  let exe = "";
  beforeAll(async () => { exe = await harnessFor(await ensureStandardElementsBuilt()); }, 600_000);

  it("finds the simple-chain fixtures (the others name why they are not)", () => {
    expect(CHAINS.length).toBeGreaterThanOrEqual(15);
    expect(CHAINS.map((x) => x.f.name)).toEqual(expect.arrayContaining(["DecIPTTL-01", "EtherMirror-01", "ICMPPingResponder-02"]));
    for (const x of CASES) if (typeof x.c === "string") expect(x.c, x.f.name).toMatch(/\w/);
  });

  it.each(CHAINS.map((x) => [x.f.name, x] as const))("%s: identical captures and handlers", (_name, { f, c }) => {
    const input = new Uint8Array(readFileSync(join(f.file, "..", `${f.name}.IN.pcap`)));
    const node = runClick(f.config, { files: { IN: input }, elements: WASM, configFile: f.file, log: () => {} });
    const hfile = join(f.file, "..", `${f.name}.handlers.json`);
    const handlers = existsSync(hfile) ? Object.keys(JSON.parse(readFileSync(hfile, "utf8"))) : [];
    const args = ["--encap", c.encap, "--port1", c.port1.join(",") || "-", ...(c.encap1 ? ["--encap1", c.encap1] : [])];
    const r = runHarness(exe, c.chain, input, args, handlers, { out1: !!c.out1 });
    expect(r.status, r.stderr).toBe(0);
    expect(Buffer.from(r.outBytes!).equals(Buffer.from(node.files[c.out])), `${f.name}: $${c.out} differs`).toBe(true);
    if (c.out1) {
      expect(r.out1.map((p) => Buffer.from(p).toString("hex")), `${f.name}: $${c.out1}`).toEqual(recordsOf(node.files[c.out1]));
      expect(Buffer.from(r.out1Bytes!).equals(Buffer.from(node.files[c.out1])), `${f.name}: $${c.out1} file differs`).toBe(true);
    }
    for (const h of handlers) expect(r.handlers[h], `${f.name}: handler ${h}`).toBe(node.read(h).replace(/\n$/, ""));
  });
});

function recordsOf(bytes: Uint8Array): string[] {
  // classic pcap: 24-byte header, then 16-byte record headers
  const out: string[] = [];
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let off = 24; off < bytes.length;) {
    const len = v.getUint32(off + 8, true);
    out.push(Buffer.from(bytes.subarray(off + 16, off + 16 + len)).toString("hex"));
    off += 16 + len;
  }
  return out;
}
