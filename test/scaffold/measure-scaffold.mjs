#!/usr/bin/env node
// Measures the path a new element author takes, offline with a warm npm cache:
// scaffold → install → build → green tests, printing the seconds of each step.
// Not a test (timings are never asserted). Usage:
//   node test/scaffold/measure-scaffold.mjs [simple|classifier|stateful]

import { prepare, pipeline } from "./pipeline.mjs";

const template = process.argv[2] ?? "simple";
prepare();
const { steps } = pipeline(template, [["run", "build"], ["exec", "--", "vitest", "run"]], (s) => {
  if (s.note && s.status === undefined) console.log(`  ${s.name}: ${s.note}`);
});
const names = { scaffold: "scaffold", install: "install (offline)", "run build": "build (clickos build)", "exec -- vitest run": "tests (vitest run)" };
let total = 0;
console.log(`npm create clickos-element → green tests, template ${template}:`);
for (const s of steps) {
  total += s.seconds;
  console.log(`  ${(names[s.name] ?? s.name).padEnd(24)} ${s.seconds.toFixed(1).padStart(6)} s${s.note ? `  (${s.note})` : ""}`);
}
console.log(`  ${"total".padEnd(24)} ${total.toFixed(1).padStart(6)} s`);
