// Every committed golden fixture made by a generator script (elements/*/tests/
// make-*-fixtures.ts) is what that script makes today: each script runs with
// CLICKOS_FIXTURES_OUT pointing at a temporary directory, and each file it
// writes must equal the committed file of the same name, byte for byte. A
// fixture edited by hand, or a generator changed without regenerating, fails
// here with the file named.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const generators = readdirSync(join(ROOT, "elements"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => {
    const tests = join(ROOT, "elements", d.name, "tests");
    try { return readdirSync(tests).filter((f) => /^make-.*-fixtures\.ts$/.test(f)).map((f) => join(tests, f)); } catch { return []; }
  })
  .sort();
const scratch: string[] = [];
afterAll(() => { for (const d of scratch) rmSync(d, { recursive: true, force: true }); });

describe("golden fixtures match their generators", () => {
  it("finds the generators", () => expect(generators.length).toBeGreaterThanOrEqual(20));

  for (const script of generators) {
    it(relative(ROOT, script), async () => {
      const out = mkdtempSync(join(tmpdir(), "golden-gen-"));
      scratch.push(out);
      process.env.CLICKOS_FIXTURES_OUT = out;
      try {
        await import(script);
      } finally {
        delete process.env.CLICKOS_FIXTURES_OUT;
      }
      const made = readdirSync(out).sort();
      expect(made.length, `${relative(ROOT, script)} wrote nothing`).toBeGreaterThan(0);
      const stale: string[] = [];
      for (const f of made) {
        let committed: Buffer | null = null;
        try { committed = readFileSync(join(dirname(script), f)); } catch { /* missing */ }
        if (committed === null) stale.push(`${f}: generated but not committed`);
        else if (!committed.equals(readFileSync(join(out, f)))) stale.push(`${f}: differs from what the generator makes (run npx tsx --conditions=source ${relative(ROOT, script)})`);
      }
      expect(stale, stale.join("\n")).toEqual([]);
    });
  }
});
