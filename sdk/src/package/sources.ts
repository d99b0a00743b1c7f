// The element sources of a package, for `clickos build`, `clickos pack` and
// `clickos docs`: package.json's clickos.sources (directories or files), or every
// .ts file outside tests, fixtures, build output and node_modules.

import { readdirSync, statSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";

const SKIP_DIRS = new Set(["node_modules", "build", "dist", "test", "tests", "fixtures", ".clickos", ".git", "bench"]);

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (!SKIP_DIRS.has(name) && !name.startsWith(".")) walk(p, out); }
    else if (name.endsWith(".ts") && !name.endsWith(".test.ts") && !name.endsWith(".d.ts") && !name.endsWith(".config.ts")) out.push(p);
  }
}

/** Absolute paths of the package's element sources, sorted; missing entries are reported. */
export function packageSources(dir: string, sources: unknown): { files: string[]; missing: string[] } {
  const entries = Array.isArray(sources) ? sources.filter((s): s is string => typeof s === "string") : ["."];
  const files: string[] = [];
  const missing: string[] = [];
  for (const s of entries) {
    const p = resolve(dir, s);
    if (!existsSync(p)) missing.push(s);
    else if (statSync(p).isDirectory()) walk(p, files);
    else files.push(p);
  }
  return { files: files.sort(), missing };
}

/** Test files anywhere in the package outside node_modules and build output. */
export function packageTests(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) { if (!["node_modules", "build", "dist", ".clickos", ".git"].includes(name)) visit(p); }
      else if (/\.test\.(ts|mts|js|mjs)$/.test(name)) out.push(p);
    }
  };
  visit(dir);
  return out.sort();
}
