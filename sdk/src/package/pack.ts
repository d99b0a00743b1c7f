// `clickos pack [dir] [--dry-run] [--check]`: checks the element package, then runs
// `npm pack` in it. A package that fails the check is not packed: each problem is
// printed on its own line, file and field first, and the exit code is 1.

import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { checkPackage, formatProblem } from "./check.ts";

export const PACK_USAGE = `Usage: clickos pack [dir] [--check] [--dry-run]

Checks an element package (package.json's clickos field, keywords, files and
peer dependency; a .wasm built from exactly these sources, by its build stamp,
whose clickos.meta matches them; tests present), runs its tests (npm test), then
runs npm pack in it.

  --check     only check (and test), do not pack
  --no-test   do not run npm test
  --dry-run   check, then npm pack --dry-run (list what would be shipped)
`;

export interface CommandIO { out: (s: string) => void; err: (s: string) => void }
const stdio: CommandIO = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

/** Runs `clickos pack`; returns the exit code. */
export function packCommand(argv: string[], io: CommandIO = stdio): number {
  let dir: string | undefined;
  let checkOnly = false, dryRun = false, test = true;
  for (const a of argv) {
    if (a === "--check") checkOnly = true;
    else if (a === "--no-test") test = false;
    else if (a === "--dry-run") dryRun = true;
    else if (a === "--help" || a === "-h") { io.out(PACK_USAGE); return 0; }
    else if (a.startsWith("-")) { io.err(`clickos pack: unknown option ${a}\n\n${PACK_USAGE}`); return 2; }
    else if (dir === undefined) dir = a;
    else { io.err(`clickos pack: one package directory at a time (got '${dir}' and '${a}')\n`); return 2; }
  }
  const target = resolve(dir ?? ".");
  const r = checkPackage(target);
  for (const w of r.warnings) io.err(`warning: ${formatProblem(w)}\n`);
  if (!r.ok) {
    for (const p of r.problems) io.err(formatProblem(p) + "\n");
    io.err(`clickos pack: ${r.problems.length} problem${r.problems.length === 1 ? "" : "s"}; nothing was packed\n`);
    return 1;
  }
  const classes = r.meta?.classes.map((c) => c.name).join(", ") ?? "";
  io.out(`${r.name}@${r.version}: package checks passed (${classes})\n`);
  if (test) {
    // The package's own tests, as its author runs them: what is published must pass them.
    const t = spawnSync("npm", ["test"], { cwd: target, stdio: ["ignore", "inherit", "inherit"], shell: process.platform === "win32" });
    if (t.error) { io.err(`clickos pack: could not run npm test: ${t.error.message}\n`); return 1; }
    if (t.status !== 0) { io.err(`clickos pack: npm test failed (exit ${t.status}); nothing was packed\n`); return 1; }
    io.out(`${r.name}@${r.version}: npm test passed\n`);
  }
  if (checkOnly) return 0;
  const npm = spawnSync("npm", ["pack", ...(dryRun ? ["--dry-run"] : [])], { cwd: target, stdio: "inherit", shell: process.platform === "win32" });
  if (npm.error) { io.err(`clickos pack: could not run npm: ${npm.error.message}\n`); return 1; }
  return npm.status ?? 1;
}
