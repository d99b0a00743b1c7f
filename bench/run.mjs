#!/usr/bin/env node
// `npm run bench` (after `npm run build`): runs bench/main.ts under tsx with the
// workspace sources (--conditions=source) and --expose-gc (the allocation
// section's retained-heap figure). Arguments pass through:
//
//   npm run bench -- --quick                 a short run (fewer packets and repetitions)
//   npm run bench -- --only DecIPTTL         only matching elements / examples (substring or /regex/)
//   npm run bench -- --skip callgrind,runtimes
//
// The report goes to bench/results/ (latest.json, latest.md, *.svg).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
let tsx;
try { tsx = require.resolve("tsx"); } catch { console.error("bench: tsx is not installed (npm install at the repository root)"); process.exit(2); }
const r = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", "--conditions=source", join(here, "main.ts"), ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(r.status ?? 1);
