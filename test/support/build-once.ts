// Builds the standard elements once per test run (vitest globalSetup), unless the
// release .wasm is newer than every source: tests load the real release artefact.
import { statSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { buildPackage, defaultWasmPath } from "@clickos/sdk";

const root = new URL("../..", import.meta.url).pathname;

function newestSource(dir: string): number {
  let t = 0;
  for (const n of readdirSync(dir)) {
    if (n === "node_modules" || n === "build" || n === "tests" || n.startsWith(".")) continue;
    const p = join(dir, n);
    const s = statSync(p);
    if (s.isDirectory()) t = Math.max(t, newestSource(p));
    else if (n.endsWith(".ts")) t = Math.max(t, s.mtimeMs);
  }
  return t;
}

export async function ensureStandardElementsBuilt(): Promise<string> {
  const dir = join(root, "elements");
  const wasm = defaultWasmPath(dir);
  const sdkNewest = Math.max(newestSource(join(root, "sdk/assembly")), newestSource(join(root, "sdk/src/build")));
  if (!existsSync(wasm) || statSync(wasm).mtimeMs < Math.max(newestSource(dir), sdkNewest)) {
    await buildPackage({ dir });
  }
  return wasm;
}

/** Builds the test fixtures many test files share, so parallel files find them ready. */
export async function prebuildTestFixtures(): Promise<void> {
  const { faultyWasm } = await import("./cached-build.ts");
  await faultyWasm();
}
