// The slow test: a scaffolded package installs offline against the workspace SDK
// and runtime (file: paths) and its own `npm test` (clickos build && vitest run)
// passes without any edit, for the stateful and the scheduler (pull) templates.
// About 20-40 s each, dominated by asc's -O3 build.

import { describe, expect, it } from "vitest";
import { prepare, pipeline } from "./pipeline.mjs";

describe("scaffold → npm install → npm test (slow)", () => {
  it("the stateful template's own tests pass untouched", () => {
    prepare();
    const { steps } = pipeline("stateful", [["test"]]);
    const out: string = steps.find((s) => s.name === "test")!.stdout.replace(/\x1b\[[0-9;]*m/g, "");
    expect(out).toContain("built build/elements.wasm");
    expect(out).toMatch(/Tests\s+5 passed \(5\)/);
    expect(out).not.toMatch(/failed/);
  }, 600_000);

  it("the scheduler template's (a pull element) own tests pass untouched", () => {
    prepare();
    const { steps } = pipeline("scheduler", [["test"]]);
    const out: string = steps.find((s) => s.name === "test")!.stdout.replace(/\x1b\[[0-9;]*m/g, "");
    expect(out).toContain("built build/elements.wasm");
    expect(out).toMatch(/Tests\s+4 passed \(4\)/);
    expect(out).not.toMatch(/failed/);
  }, 600_000);
});
