// The build stamp: what a .wasm was built from, so `clickos build` can skip an
// unchanged package (the AssemblyScript compile is most of its time) and
// `clickos pack` can tell a stale .wasm from a fresh one by its code, not only
// by its metadata. The key hashes everything the compile reads: the package's
// TypeScript, the SDK's AssemblyScript library, the compiler's version, the
// generated entry and the options. The stamp lives beside the entry file in
// .clickos/ and also records the .wasm's own hash, so a file replaced or edited
// after the build is not taken for the one built.

import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const STAMP_FILE = "build-stamp.json";
/** Directories under a package that never hold sources the compile reads. */
const SKIP = new Set(["node_modules", "build", "dist", ".clickos", ".git", "test", "tests", "__tests__"]);
const NOT_COMPILED = /\.(test|bench|spec)\.ts$|\.d\.ts$/;

/** `wasm` is relative to the package directory, so a copied package keeps its stamp. */
export interface Stamp { key: string; wasm: string; wasmHash: string }

const sha256 = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");

/** The SDK's AssemblyScript library (sdk/assembly), found from this file in the
 *  sources (src/build) or the bundled CLI (dist). */
function sdkAssemblyDir(): string | null {
  let d = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++, d = dirname(d)) if (existsSync(join(d, "assembly", "index.ts"))) return join(d, "assembly");
  return null;
}

function ascVersion(): string {
  try {
    return JSON.parse(readFileSync(createRequire(import.meta.url).resolve("assemblyscript/package.json"), "utf8")).version;
  } catch { return "unknown"; }
}

/** Every .ts file under `dir` (sorted, relative), skipping build output and dependencies. */
function tsFiles(dir: string, base = dir, out: string[] = []): string[] {
  let names: string[];
  try { names = readdirSync(dir).sort(); } catch { return out; }
  for (const n of names) {
    if (SKIP.has(n) || n.startsWith(".")) continue;
    const p = join(dir, n);
    if (n.endsWith(".ts")) { if (!NOT_COMPILED.test(n)) out.push(relative(base, p)); }
    else if (!n.includes(".")) tsFiles(p, base, out);
  }
  return out;
}

/** The key of a build of the package in `dir` with `entry` (the generated glue's
 *  text) and `options` (everything else that changes the output). */
export function buildKey(dir: string, entry: string, options: unknown): string {
  const h = createHash("sha256");
  h.update(JSON.stringify({ options, asc: ascVersion() }));
  h.update("\0entry\0" + entry);
  for (const f of tsFiles(dir)) h.update(`\0${f}\0`).update(readFileSync(join(dir, f)));
  const sdk = sdkAssemblyDir();
  if (sdk) for (const f of tsFiles(sdk)) h.update(`\0sdk/${f}\0`).update(readFileSync(join(sdk, f)));
  // The build code itself (the bundled CLI, or these sources): a changed glue
  // generator or metadata writer is a different build even at the same version.
  const here = dirname(fileURLToPath(import.meta.url));
  for (const f of readdirSync(here).sort()) if (/\.(ts|js)$/.test(f)) h.update(`\0build/${f}\0`).update(readFileSync(join(here, f)));
  return h.digest("hex");
}

/** The stamps of a package, one per output path (a test may build the same
 *  package elsewhere without undoing the cache of its usual build). */
function readStamps(workDir: string): Record<string, Stamp> {
  try {
    const all = JSON.parse(readFileSync(join(workDir, STAMP_FILE), "utf8"));
    return all && typeof all === "object" && !Array.isArray(all) ? all : {};
  } catch { return {}; }
}

/** The stamp of the build into `wasm` (an absolute path), if any. */
export function readStamp(workDir: string, wasm: string): Stamp | null {
  const rel = relative(dirname(workDir), wasm);
  const s = readStamps(workDir)[rel];
  return s && typeof s.key === "string" && s.wasm === rel && typeof s.wasmHash === "string" ? s : null;
}

/** The stamp lives in DIR/.clickos; `wasm` paths are absolute here. */
export function writeStamp(workDir: string, key: string, wasm: string): void {
  const rel = relative(dirname(workDir), wasm);
  const all = readStamps(workDir);
  all[rel] = { key, wasm: rel, wasmHash: sha256(readFileSync(wasm)) };
  writeFileSync(join(workDir, STAMP_FILE), JSON.stringify(all, null, 2) + "\n");
}

/** True when `wasm` is exactly the output of the build `key` names. */
export function upToDate(workDir: string, key: string, wasm: string): boolean {
  const s = readStamp(workDir, wasm);
  return s !== null && s.key === key && existsSync(wasm) && sha256(readFileSync(wasm)) === s.wasmHash;
}
