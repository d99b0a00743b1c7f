// A real element package to check: the scaffolder's simple template, copied with
// its names rewritten and built once with clickos build. Each test works on a copy.

import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { copyTemplate } from "../../../create-clickos-element/src/copy.ts";
import { buildPackage } from "../../src/build/build.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

const made: string[] = [];
/** A fresh temporary directory, removed by removeTempDirs. */
export function tempDir(prefix = "clickos-check-"): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}
export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Scaffolds the simple template as `ttl-setter` (class TtlSetter) and builds it. */
export async function builtPackage(): Promise<string> {
  const dir = join(tempDir(), "ttl-setter");
  copyTemplate(join(ROOT, "create-clickos-element/template-simple"), dir, { packageName: "ttl-setter", className: "TtlSetter" });
  // asc finds "@clickos/sdk" through node_modules, as in an installed package.
  mkdirSync(join(dir, "node_modules/@clickos"), { recursive: true });
  symlinkSync(join(ROOT, "sdk"), join(dir, "node_modules/@clickos/sdk"));
  await buildPackage({ dir });
  return dir;
}

/** A copy of `dir` in a fresh temporary directory. */
export function copyOf(dir: string): string {
  const to = join(tempDir(), "pkg");
  cpSync(dir, to, { recursive: true, verbatimSymlinks: true });
  return to;
}

export function editJson(dir: string, edit: (pkg: any) => void): void {
  const path = join(dir, "package.json");
  const pkg = JSON.parse(readFileSync(path, "utf8"));
  edit(pkg);
  writeFileSync(path, JSON.stringify(pkg, null, 2));
}

export function editFile(path: string, edit: (text: string) => string): void {
  writeFileSync(path, edit(readFileSync(path, "utf8")));
}
