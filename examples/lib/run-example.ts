// Runs one example the way `clickos demo` does, but in memory: its configuration
// reads the example's input captures (every *.pcap beside the .click file) and its
// outputs are collected by base name, so `ToDump(out/x.pcap)` and
// `ToNetFront(1)` (netfront1.out.pcap) both compare with expected/<base name>.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, basename } from "node:path";
import { runClick, readCapture, type RunResult } from "@clickos/runtime";
import { diffPackets } from "@clickos/sdk/testing";

export interface ExampleRun {
  name: string;
  result: RunResult;
  /** Output captures by base name. */
  outputs: Record<string, Uint8Array>;
  logs: string[];
}

export function exampleNames(root: string): string[] {
  return readdirSync(root).filter((n) => existsSync(join(root, n, `${n}.click`))).sort();
}

export function runExample(root: string, name: string, elements: string): ExampleRun {
  const dir = join(root, name);
  const files: Record<string, Uint8Array> = {};
  for (const f of readdirSync(dir)) if (f.endsWith(".pcap")) files[f] = new Uint8Array(readFileSync(join(dir, f)));
  const logs: string[] = [];
  const result = runClick(readFileSync(join(dir, `${name}.click`), "utf8"), {
    files, writeToDisk: false, elements, configFile: `examples/${name}/${name}.click`, log: (m) => logs.push(m),
  });
  const outputs: Record<string, Uint8Array> = {};
  for (const [f, bytes] of Object.entries(result.files)) outputs[basename(f)] = bytes;
  return { name, result, outputs, logs };
}

/** The expected captures of an example, by base name. */
export function expectedOutputs(root: string, name: string): Record<string, Uint8Array> {
  const dir = join(root, name, "expected");
  const out: Record<string, Uint8Array> = {};
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir)) if (f.endsWith(".pcap")) out[f] = new Uint8Array(readFileSync(join(dir, f)));
  return out;
}

/** null when `actual` holds the expected packets; else a message naming the example, output, packet and field. */
export function compareOutput(name: string, file: string, expected: Uint8Array, actual: Uint8Array | undefined): string | null {
  if (!actual) return `${name}: ${file} was never written (is its ToDump/ToNetFront reached?)`;
  const e = readCapture(expected, `expected/${file}`);
  const a = readCapture(actual, file);
  if (e.linkType !== a.linkType) return `${name}: ${file}: link type expected ${e.linkType}, got ${a.linkType}`;
  const d = diffPackets(e.records.map((r) => r.data), a.records.map((r) => r.data), { linkType: e.linkType });
  return d ? `${name}: ${file}: ${d}` : null;
}

/** expected-handlers.json: {"element.handler": "value"}; a failure message per mismatch. */
export function checkHandlers(root: string, run: ExampleRun): string[] {
  const f = join(root, run.name, "expected-handlers.json");
  if (!existsSync(f)) return [`${run.name}: no expected-handlers.json`];
  const want = JSON.parse(readFileSync(f, "utf8")) as Record<string, string>;
  const failures: string[] = [];
  for (const [path, value] of Object.entries(want)) {
    let got: string;
    try { got = run.result.read(path); } catch (e) { failures.push(`${run.name}: handler ${path}: ${(e as Error).message}`); continue; }
    if (got.trim() !== String(value).trim()) failures.push(`${run.name}: handler ${path}: expected ${JSON.stringify(String(value).trim())}, got ${JSON.stringify(got.trim())}`);
  }
  return failures;
}
