// The committed element reference (elements/docs) must match what `clickos docs`
// generates from the current build: regenerate with
//   node sdk/bin/clickos.js docs elements --out elements/docs
import { it, expect } from "vitest";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { docsCommand } from "../sdk/src/docs/command.ts";

it("elements/docs is up to date with the elements' metadata", async () => {
  const here = new URL(".", import.meta.url).pathname;
  const out = mkdtempSync(join(tmpdir(), "clickos-docs-"));
  const log = console.log;
  console.log = () => {};
  try { await docsCommand([here, "--out", out]); } finally { console.log = log; }
  const committed = readdirSync(join(here, "docs")).sort();
  expect(readdirSync(out).sort()).toEqual(committed);
  for (const f of committed) {
    expect(readFileSync(join(out, f), "utf8"), `elements/docs/${f} is stale: run clickos docs elements --out elements/docs`).toBe(readFileSync(join(here, "docs", f), "utf8"));
  }
});
