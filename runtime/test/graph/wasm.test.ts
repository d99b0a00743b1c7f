// WebAssembly elements in the graph: agnostic elements in pull paths (one
// crossing per pulled batch), their push outputs from a pull context, Click's
// refusal of mixed contexts, and element packages named by require(package).
import { beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runClick } from "../../src/run.ts";
import { ModuleLoadError } from "../../src/host/errors.ts";
import { buildPackage } from "@clickos/sdk";
import { errorsOf, packetsOf, pcap } from "./helpers.ts";

const chain = "Strip(14) -> CheckIPHeader -> DecIPTTL -> Unstrip(14)";
const run = (config: string, files: Record<string, Uint8Array>) => runClick(config, { files, configFile: "t.click", log: () => {} });

describe("WASM elements in pull paths", () => {
  it("an agnostic chain pulled through a Queue gives the same bytes as the push path", () => {
    const input = pcap(700);
    const push = run(`FromDump(in.pcap) -> ${chain} -> ToDump(out.pcap);`, { "in.pcap": input });
    const pull = run(`FromDump(in.pcap) -> Queue(1000) -> ${chain} -> ToDump(out.pcap, BURST 50);`, { "in.pcap": input });
    const out = packetsOf(pull.files["out.pcap"]);
    expect(out).toHaveLength(700);
    expect(out).toEqual(packetsOf(push.files["out.pcap"]));
    expect(out[0][14 + 8]).toBe(63); // TTL decremented
    expect(pull.router.store.live).toBe(0);
  });

  it("a push output of an element in a pull path pushes on (DecIPTTL's expired packets)", () => {
    const r = run(`FromDump(in.pcap) -> Queue -> Strip(14) -> d :: DecIPTTL -> ok :: Counter -> Discard;\nd[1] -> expired :: Counter -> Discard;`, { "in.pcap": pcap(40, 1) });
    expect(r.read("expired.count")).toBe("40");
    expect(r.read("ok.count")).toBe("0");
  });

  it("a WASM element's handlers work after a pull run", () => {
    const r = run(`FromDump(in.pcap) -> Queue -> s :: Strip(100) -> Discard;`, { "in.pcap": pcap(5) });
    expect(r.read("s.short")).toBe("5");
  });

  it("refuses an agnostic WASM element between push and pull with Click's message", () => {
    expect(errorsOf(`FromDevice(eth0) -> Strip(14) -> ToDevice(eth1);`, { elements: undefined })).toEqual([
      "t.click:1: agnostic 'Strip@2 :: Strip' in mixed context: push input 0, pull output 0",
    ]);
  });

  it("checks WASM classes' port counts from their metadata", () => {
    expect(errorsOf(`FromDump(f) -> s :: Strip(14) -> Discard;\ns[1] -> Discard;\nd :: DecIPTTL;\nFromDump(g) -> d;`, { elements: undefined })).toEqual([
      "t.click:2: 's :: Strip' has no output 1",
      "t.click:3: 'd :: DecIPTTL' output 0 unused",
    ]);
  });
});

describe("require(package ...)", () => {
  let base = "";
  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), "graph-pkgs-"));
    for (const x of ["a", "b"]) {
      const src = join(import.meta.dirname, "fixtures", `pkg-${x}`);
      const dir = join(base, "node_modules", `graph-fixture-${x}`);
      mkdirSync(join(dir, "build"), { recursive: true });
      copyFileSync(join(src, "package.json"), join(dir, "package.json"));
      await buildPackage({ dir: src, out: join(dir, "build", `graph-fixture-${x}.wasm`) });
    }
    writeFileSync(join(base, "package.json"), "{}");
  }, 600_000);

  it("resolves an installed element package and runs its class", () => {
    const r = runClick(`require(package "graph-fixture-a");\nInfiniteSource(\\<00112233>, LIMIT 3) -> g :: GraphTag(170) -> ToDump(out.pcap);`,
      { files: {}, elements: false, packageBase: base, log: () => {} });
    expect(packetsOf(r.files["out.pcap"]).map((p) => [...p])).toEqual([[170, 0x11, 0x22, 0x33], [170, 0x11, 0x22, 0x33], [170, 0x11, 0x22, 0x33]]);
    expect(r.read("g.tagged")).toBe("3");
  });

  it("two packages defining the same class is an error naming both", () => {
    expect(() => runClick(`require(package "graph-fixture-a");\nrequire(package "graph-fixture-b");\nInfiniteSource(LIMIT 1) -> GraphTag(1) -> Discard;`,
      { files: {}, elements: false, packageBase: base, log: () => {} }))
      .toThrow(new ModuleLoadError("graph-fixture-b", "element class 'GraphTag' is defined by both graph-fixture-a and graph-fixture-b"));
  });

  it("a package that is not installed is named in the error", () => {
    expect(() => runClick(`require(package "graph-fixture-none");\nInfiniteSource(LIMIT 1) -> Discard;`, { files: {}, elements: false, packageBase: base }))
      .toThrow(/graph-fixture-none: package not found/);
  });
});
