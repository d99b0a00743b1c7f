// Element modules for the benchmark, built with buildPackage into
// bench/results/tmp/ and cached by the content of their sources, so a second
// run (or --only) does not rebuild: the standard elements with each
// AssemblyScript runtime, the stub build with --exportRuntime (allocation
// probe), and the empty BenchNull element.

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { buildPackage } from "../../sdk/src/build/build.ts";
import { BENCH_DIR, TMP } from "./native.ts";

const REPO = join(BENCH_DIR, "..");
export type Runtime = "incremental" | "minimal" | "stub";

function walk(dir: string, out: string[]): void {
  for (const f of readdirSync(dir).sort()) {
    if (f === "node_modules" || f === "build" || f === ".clickos" || f === "tests") continue;
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|json)$/.test(f)) out.push(p);
  }
}

function keyOf(dir: string, extra: string): string {
  const files: string[] = [];
  walk(dir, files);
  walk(join(REPO, "sdk", "assembly"), files);
  walk(join(REPO, "sdk", "src", "build"), files);
  const h = createHash("sha256").update(extra);
  for (const f of files) h.update(f).update(readFileSync(f));
  return h.digest("hex").slice(0, 12);
}

/** Builds (or reuses) a package's module with the given runtime. */
export async function moduleFor(dir: string, runtime: Runtime, o: { exportRuntime?: boolean; log?: (m: string) => void } = {}): Promise<string> {
  const name = dir.split("/").pop()!;
  const tag = `${runtime}${o.exportRuntime ? "-rt" : ""}`;
  const out = join(TMP, `${name}-${tag}-${keyOf(dir, tag)}.wasm`);
  if (existsSync(out)) return out;
  mkdirSync(TMP, { recursive: true });
  o.log?.(`building ${name} (${tag})...`);
  await buildPackage({ dir, runtime, out, extraAscArgs: o.exportRuntime ? ["--exportRuntime"] : undefined });
  return out;
}

export const ELEMENTS_DIR = join(REPO, "elements");
export const NULL_DIR = join(BENCH_DIR, "null-element");
