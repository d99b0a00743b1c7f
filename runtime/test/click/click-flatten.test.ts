// Opt-in: each port-list case goes through a real click-flatten (CLICKOS_CLICK_BUILD is a
// Click userlevel install prefix built from a kohler/click checkout you supply) and the
// connections it prints must be the ones the case lists, which our parser is held to.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PORT_LIST_CASES } from "./port-list-cases.js";

const CLICK = process.env.CLICKOS_CLICK_BUILD;
const flatten = CLICK ? join(CLICK, "bin", "click-flatten") : "";
const why = !CLICK ? "CLICKOS_CLICK_BUILD is not set" : !existsSync(flatten) ? `${flatten} does not exist` : "";
const work = mkdtempSync(join(tmpdir(), "click-flatten-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** click-flatten prints `a [1] -> [2] b;`, leaving out ports that are 0. */
function clickConnections(text: string): string[] {
  const file = join(work, "case.click");
  writeFileSync(file, text);
  const out = execFileSync(flatten, [file], { encoding: "utf8" });
  const conns: string[] = [];
  for (const line of out.split("\n")) {
    const m = /^(\S+)(?: \[(\d+)\])? -> (?:\[(\d+)\] )?(\S+);$/.exec(line.trim());
    if (m) conns.push(`${m[1]}[${m[2] ?? 0}] -> [${m[3] ?? 0}]${m[4]}`);
  }
  return conns;
}

describe.skipIf(why !== "")(`port lists against click-flatten${why ? ` (skipped: ${why})` : ""}`, () => {
  for (const [what, text, expected] of PORT_LIST_CASES)
    it(what, () => expect(clickConnections(text).sort()).toEqual([...expected].sort()));
});
