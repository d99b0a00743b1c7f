// Golden tests in Click's style. A case is a configuration `<Name>-NN.click` in a
// `tests/` folder that reads `$IN…` captures and writes `$OUT…` (any other
// variable is an output too), next to `<Name>-NN.<VAR>.pcap` files: inputs for IN
// variables, expected outputs for the rest, and optionally
// `<Name>-NN.handlers.json` ({"elem.handler": "expected value"}). Running a case
// compares every output with its expected capture and names the packet and field
// that differ.

import { readdirSync, readFileSync, existsSync, statSync } from "node:fs";
import { join, basename } from "node:path";
import { runClick, readCapture, type RunOptions } from "@clickos/runtime";
import { diffPackets } from "./packet-diff.ts";

export interface GoldenCase { name: string; dir: string; configFile: string; variables: string[] }

const SKIP = new Set(["node_modules", "build", "dist", ".clickos", ".git"]);

export function findGoldenCases(root: string): GoldenCase[] {
  const out: GoldenCase[] = [];
  const walk = (dir: string) => {
    for (const n of readdirSync(dir).sort()) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) { if (!SKIP.has(n)) walk(p); continue; }
      if (!n.endsWith(".click") || basename(dir) !== "tests") continue;
      const text = readFileSync(p, "utf8");
      const vars = [...new Set([...text.matchAll(/\$\{?([A-Z][A-Z0-9_]*)\}?/g)].map((m) => m[1]))];
      out.push({ name: n.slice(0, -".click".length), dir, configFile: p, variables: vars });
    }
  };
  walk(root);
  return out;
}

export const isInputVariable = (v: string) => /^IN\d*$/.test(v) || v.startsWith("IN_");

/** Runs one case; returns a list of failure messages (empty when it passes). */
export function runGoldenCase(c: GoldenCase, opts: RunOptions = {}): string[] {
  const failures: string[] = [];
  const fixture = (v: string) => join(c.dir, `${c.name}.${v}.pcap`);
  const files: Record<string, Uint8Array> = {};
  for (const v of c.variables) {
    if (!existsSync(fixture(v))) { failures.push(`${c.name}: missing fixture ${fixture(v)} for $${v}`); continue; }
    if (isInputVariable(v)) files[v] = new Uint8Array(readFileSync(fixture(v)));
  }
  if (failures.length) return failures;
  // define() on the first line keeps the configuration's own line numbers.
  // Quoted, so an upper-case value is not read as a KEYWORD argument.
  const defines = c.variables.length ? `define(${c.variables.map((v) => `$${v} "${v}"`).join(", ")}); ` : "";
  const text = defines + readFileSync(c.configFile, "utf8");
  let result;
  try {
    result = runClick(text, { currentPackage: true, ...opts, files, configFile: c.configFile, log: opts.log ?? (() => {}) });
  } catch (e) {
    return [`${c.name}: ${(e as Error).message}`];
  }
  for (const v of c.variables.filter((x) => !isInputVariable(x))) {
    const actual = result.files[v];
    if (!actual) { failures.push(`${c.name}: $${v} was never written (is its ToDump reached?)`); continue; }
    const expected = readCapture(new Uint8Array(readFileSync(fixture(v))), fixture(v));
    const got = readCapture(actual, v);
    const diff = diffPackets(expected.records.map((r) => r.data), got.records.map((r) => r.data), { linkType: expected.linkType });
    if (diff) failures.push(`${c.name}: $${v}: ${diff}`);
  }
  const hfile = join(c.dir, `${c.name}.handlers.json`);
  if (existsSync(hfile)) {
    const want = JSON.parse(readFileSync(hfile, "utf8")) as Record<string, string>;
    for (const [path, value] of Object.entries(want)) {
      let got: string;
      try { got = result.read(path); } catch (e) { failures.push(`${c.name}: handler ${path}: ${(e as Error).message}`); continue; }
      if (got.trim() !== String(value).trim()) failures.push(`${c.name}: handler ${path}: expected ${JSON.stringify(String(value).trim())}, got ${JSON.stringify(got.trim())}`);
    }
  }
  return failures;
}
