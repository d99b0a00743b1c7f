#!/usr/bin/env node
// `npm run bench:check`: fails (exit 1) when a ratio in the latest report got
// worse than the committed baseline by more than the margin. Not part of
// `npm test`: it reads a report that `npm run bench` wrote.
//
//   node bench/check.mjs [--report FILE] [--baseline FILE] [--margin 0.25] [--update]
//
// --update writes the report's ratios as the new baseline (keeps its margin).
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { checkRatios, guardedRatios } from "./lib/ratios.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { report: { type: "string" }, baseline: { type: "string" }, margin: { type: "string" }, update: { type: "boolean" } } });
const reportPath = values.report ?? join(here, "results", "latest.json");
const baselinePath = values.baseline ?? join(here, "baseline.json");

function readJson(path, what) {
  if (!existsSync(path)) { console.error(`bench:check: no ${what} at ${path}${what === "report" ? " (run `npm run bench` first)" : ""}`); process.exit(2); }
  try { return JSON.parse(readFileSync(path, "utf8")); } catch (e) { console.error(`bench:check: ${path}: not JSON (${e.message})`); process.exit(2); }
}

const report = readJson(reportPath, "report");
if (values.update) {
  const old = existsSync(baselinePath) ? JSON.parse(readFileSync(baselinePath, "utf8")) : {};
  const ratios = Object.fromEntries(Object.entries(guardedRatios(report)).map(([k, v]) => [k, Number(v.toPrecision(4))]));
  const margin = values.margin !== undefined ? Number(values.margin) : old.margin ?? 0.25;
  writeFileSync(baselinePath, JSON.stringify({ note: "ratios only (higher is worse); bench/lib/ratios.mjs says what each is", margin, from: report.meta?.commit ?? null, ratios }, null, 2) + "\n");
  console.log(`bench:check: wrote ${Object.keys(ratios).length} ratios to ${baselinePath}`);
  process.exit(0);
}
const baseline = readJson(baselinePath, "baseline");
const margin = values.margin !== undefined ? Number(values.margin) : undefined;
if (margin !== undefined && !(margin >= 0)) { console.error(`bench:check: --margin ${values.margin}: expected a number >= 0`); process.exit(2); }
const r = checkRatios(report, baseline, margin);
for (const row of r.rows)
  console.log(`${row.ok ? "ok  " : "FAIL"} ${row.key.padEnd(44)} ${row.now.toFixed(2).padStart(9)}  baseline ${row.baseline.toFixed(2).padStart(9)}  limit ${row.limit.toFixed(2)}`);
if (r.missing.length) console.log(`not in this report (not checked): ${r.missing.join(", ")}`);
if (r.added.length) console.log(`not in the baseline (npm run bench:check -- --update to add): ${r.added.join(", ")}`);
console.log(`${r.rows.length - r.failed.length} passed, ${r.failed.length} failed (margin ${(r.margin * 100).toFixed(0)}%)`);
process.exit(r.failed.length ? 1 : 0);
