// Shared by the scaffolder tests: build the scaffolder once, run the BUILT bin
// (never the sources) without a terminal, and make throwaway directories outside
// the workspace (npm would otherwise treat them as part of it).

import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const SCAFFOLDER = join(ROOT, "create-clickos-element");
export const BIN = join(SCAFFOLDER, "bin", "create-clickos-element.js");

export { buildScaffolder } from "./pipeline.mjs";

const made: string[] = [];
export function tempDir(prefix = "clickos-scaffold-"): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

/** Removes every directory tempDir made (call from afterAll). */
export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

export interface Run { status: number | null; stdout: string; stderr: string }

/** Runs the built scaffolder in `cwd` with stdin closed (no TTY: never prompts). */
export function scaffold(args: string[], cwd: string): Run {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    cwd, encoding: "utf8", input: "", timeout: 300_000, // a bound for a hang, not a speed test
    env: { ...process.env, npm_config_user_agent: "" },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir`, relative and "/"-separated, sorted; node_modules skipped. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) { if (n !== "node_modules") walk(p); }
      else out.push(relative(dir, p).split("\\").join("/"));
    }
  };
  walk(dir);
  return out.sort();
}
