// Builds of test element packages, cached by content: the key hashes the package's
// sources, the SDK's AssemblyScript and build pipeline, and the build options, so a
// package is compiled once per change instead of once per test file. Parallel test
// processes build into private directories and publish with an atomic rename.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, statSync, existsSync, copyFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { buildPackage, type BuildOptions } from "@clickos/sdk";

const ROOT = new URL("../..", import.meta.url).pathname;
const CACHE = join(ROOT, "node_modules/.cache/clickos-test-builds");

function hashTree(h: ReturnType<typeof createHash>, dir: string): void {
  for (const n of readdirSync(dir).sort()) {
    if (n === "node_modules" || n === "build" || n.startsWith(".")) continue;
    const p = join(dir, n);
    if (statSync(p).isDirectory()) hashTree(h, p);
    else if (/\.(ts|json|mjs)$/.test(n)) { h.update(p); h.update(readFileSync(p)); }
  }
}

/** The .wasm of the package in `src` (copied into the cache to build), built with `opts`. */
export async function cachedBuild(src: string, opts: Omit<BuildOptions, "dir" | "out"> = {}): Promise<string> {
  const h = createHash("sha256");
  h.update(JSON.stringify(opts));
  for (const d of [src, join(ROOT, "sdk/assembly"), join(ROOT, "sdk/src/build")]) hashTree(h, d);
  h.update(readFileSync(join(ROOT, "sdk/index.ts")));
  const key = h.digest("hex").slice(0, 20);
  const wasm = join(CACHE, `${key}.wasm`);
  if (existsSync(wasm)) return wasm;
  // Under node_modules so the copy resolves @clickos/sdk like the original.
  const dir = join(CACHE, `build-${key}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(src)) if (statSync(join(src, f)).isFile()) copyFileSync(join(src, f), join(dir, f));
  const r = await buildPackage({ ...opts, dir, out: join(dir, "out.wasm") });
  renameSync(r.wasm, wasm);
  rmSync(dir, { recursive: true, force: true });
  return wasm;
}

/** The deliberately faulty element (test/fixtures/faulty), cached. */
export function faultyWasm(opts: Omit<BuildOptions, "dir" | "out"> = {}): Promise<string> {
  return cachedBuild(join(ROOT, "test/fixtures/faulty"), opts);
}
