// The slow test: a scaffolded package installs offline against the workspace SDK
// and runtime (file: paths) and its own `npm test` (clickos build && vitest run)
// passes without any edit, for the stateful and the scheduler (pull) templates.
// About 20-40 s each, dominated by asc's -O3 build.

import { describe, expect, it } from "vitest";
import { prepare, pipeline } from "./pipeline.mjs";

describe("scaffold → npm install → npm test (slow)", () => {
  // The stateful template, and the scheduler template (a pull element).
  it.each([["stateful", 5], ["scheduler", 4]] as const)("the %s template's own tests pass untouched (%i tests)", (template, tests) => {
    prepare();
    const { steps } = pipeline(template, [["test"]]);
    const out: string = steps.find((s) => s.name === "test")!.stdout.replace(/\x1b\[[0-9;]*m/g, "");
    expect(out).toContain("built build/elements.wasm");
    expect(out).toMatch(new RegExp(`Tests\\s+${tests} passed \\(${tests}\\)`));
    expect(out).not.toMatch(/failed/);
  }, 600_000);
});
