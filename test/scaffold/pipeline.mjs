// The user's path from nothing to green tests, step by step, for the slow test
// (scaffold-install.test.ts) and the measurement (measure-scaffold.mjs):
//   npx create-clickos-element NAME --yes --no-install   (the built bin)
//   npm install --offline --no-audit --no-fund          (SDK and runtime from the workspace)
//   then the given npm commands (npm test, or build and vitest separately).
// Plain JavaScript so the measurement runs with bare node.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SCAFFOLDER = join(ROOT, "create-clickos-element");
const SDK = join(ROOT, "sdk");

// A child npm or vitest must not think it runs inside ours (npm_* settings of a
// parent `npm test`, vitest's worker variables).
function cleanEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(npm_|VITEST|TEST$|NODE_ENV$|FORCE_COLOR$)/.test(k)) env[k] = v;
  env.NO_COLOR = "1"; // plain output, so callers can read the summary lines
  return env;
}

function run(cmd, args, cwd) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: cleanEnv(), timeout: 300_000 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, seconds, command: [cmd, ...args].join(" ") };
}

function must(step) {
  if (step.status !== 0) {
    throw new Error(`${step.command} failed (exit ${step.status}):\n${step.stdout}\n${step.stderr}`);
  }
  return step;
}

/** Bundles the scaffolder to dist/index.js. Written aside and renamed into place, so a
 *  test file running the bin meanwhile never sees half a file. */
export function buildScaffolder() {
  const tmp = `dist/index.${process.pid}.tmp.js`;
  must(run(process.execPath, ["../scripts/bundle.mjs", "src/index.ts", tmp], SCAFFOLDER));
  renameSync(join(SCAFFOLDER, tmp), join(SCAFFOLDER, "dist/index.js"));
}

function newest(dir) {
  let t = 0;
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

/** Builds what the pipeline runs: the scaffolder, and the SDK's dist when it is
 *  missing or older than the SDK and runtime sources (a root `npm test` has just built it). */
export function prepare() {
  buildScaffolder();
  const outs = ["dist/cli.js", "dist/testing.js"].map((f) => join(SDK, f));
  const sources = Math.max(newest(join(SDK, "src")), newest(join(ROOT, "runtime/src")));
  if (outs.some((f) => !existsSync(f) || statSync(f).mtimeMs < sources)) must(run("npm", ["run", "build"], SDK));
}

/**
 * Scaffolds `template` into a fresh temporary directory, installs offline and runs
 * each of `commands` (arrays of npm arguments). Returns the steps with their seconds.
 * The directory is removed on success and kept (named in the error) on failure.
 */
export function pipeline(template, commands, onStep = () => {}) {
  const cwd = mkdtempSync(join(tmpdir(), "clickos-e2e-"));
  const dir = join(cwd, "my-element");
  const steps = [];
  const record = (name, step) => { step.name = name; steps.push(step); onStep(step); return must(step); };
  try {
    record("scaffold", run(process.execPath, [join(SCAFFOLDER, "bin/create-clickos-element.js"), "my-element",
      "--template", template, "--yes", "--no-install", "--sdk", SDK, "--runtime", join(ROOT, "runtime")], cwd));
    let install = run("npm", ["install", "--offline", "--no-audit", "--no-fund"], dir);
    if (install.status !== 0 && /ENOTCACHED/.test(install.stderr)) {
      // A machine whose npm cache holds the tarballs but not every package's metadata
      // (the workspace was installed with npm ci): let npm fetch what it lacks.
      onStep({ name: "install", note: "cache incomplete; retrying with --prefer-offline", seconds: install.seconds });
      install = run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], dir);
      install.note = "--prefer-offline";
    }
    record("install", install);
    for (const c of commands) record(c.join(" "), run("npm", c, dir));
    rmSync(cwd, { recursive: true, force: true });
    return { steps, dir };
  } catch (e) {
    e.message += `\n(left in ${dir})`;
    throw e;
  }
}
