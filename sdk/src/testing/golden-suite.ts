// Registers one vitest test per golden case found under a directory.
import { describe, it } from "vitest";
import { findGoldenCases, runGoldenCase } from "./golden.ts";
import type { RunOptions } from "@clickos/runtime";

export function goldenSuite(root: string, opts: RunOptions = {}): void {
  const cases = findGoldenCases(root);
  describe(`golden tests under ${root}`, () => {
    it("finds golden cases", () => {
      if (!cases.length) throw new Error(`no tests/*.click golden cases under ${root}`);
    });
    for (const c of cases) {
      it(c.name, () => {
        const failures = runGoldenCase(c, opts);
        if (failures.length) throw new Error(failures.join("\n"));
      });
    }
  });
}
