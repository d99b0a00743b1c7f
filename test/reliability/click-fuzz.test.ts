// Fuzzing the Click-language parser (runtime/src/click/): random token soup and
// random edits of the parser's own corpus. Property: parseClick returns a graph
// or throws its own ClickSyntaxError whose every error is located in the file
// (file name, a line within it) — never another exception, never a hang.
import { describe, it, expect, afterAll } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { parseClick, ClickSyntaxError } from "../../runtime/src/click/index.ts";
import { ROOT } from "./support.ts";
import { report, fuzzRuns, SEED } from "./report.ts";

const CORPUS_DIR = join(ROOT, "runtime/test/click/corpus");
const corpus = readdirSync(CORPUS_DIR).filter((f) => f.endsWith(".click")).map((f) => readFileSync(join(CORPUS_DIR, f), "utf8"));
const TOKENS = ["->", "::", "=>", "[", "]", "[0]", "[1]", "(", ")", "{", "}", ";", ",", "\n", " ", "elementclass", "require", "input", "output",
  "$x", "$", "define", "(package foo)", "\"", "'", "\\", "//", "/*", "*/", "a", "b", "Foo", "Discard", "Queue(10)", "Tee", "...", "|", "0", "-1", "\u00e9", "\t"];
const RUNS = fuzzRuns(1500);
const tally = { soup: 0, mutated: 0, accepted: 0, rejected: 0 };
afterAll(() => report("click-fuzz", {
  title: "Click-language parser fuzzing",
  rows: [
    { input: "token soup (arrows, ports, compounds, require, variables, quotes, comments, unicode)", cases: tally.soup, outcome: "graph or located ClickSyntaxError only" },
    { input: `random edits (insert/delete/replace) of the ${corpus.length} corpus configurations`, cases: tally.mutated, outcome: `graph or located ClickSyntaxError only (${tally.accepted} accepted, ${tally.rejected} rejected overall)` },
  ],
}));

function check(text: string): void {
  try {
    parseClick(text, "fuzz.click");
    tally.accepted++;
  } catch (e) {
    if (!(e instanceof ClickSyntaxError)) throw new Error(`parseClick threw ${(e as Error)?.name}: ${(e as Error)?.message}\n--- input ---\n${text}`);
    tally.rejected++;
    expect(e.errors.length).toBeGreaterThan(0);
    const lines = text.split("\n").length;
    for (const err of e.errors) {
      expect(err.file, err.message).toBe("fuzz.click");
      expect(Number.isInteger(err.line) && err.line >= 0 && err.line <= lines + 1, `line ${err.line} of ${lines}: ${err.message}`).toBe(true);
      expect(err.message.length).toBeGreaterThan(0);
    }
  }
}

const edit = fc.record({ at: fc.nat(), del: fc.integer({ min: 0, max: 8 }), ins: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 })) });

describe("Click parser fuzzing", () => {
  it("token soup", () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }), (toks) => { tally.soup++; check(toks.join("")); }), { seed: SEED, numRuns: RUNS });
  });
  it("edits of real configurations", () => {
    fc.assert(fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 6 }), (k, edits) => {
      let t = corpus[k];
      for (const e of edits) { const at = e.at % (t.length + 1); t = t.slice(0, at) + e.ins + t.slice(at + e.del); }
      tally.mutated++;
      check(t);
    }), { seed: SEED, numRuns: RUNS });
  });
});
