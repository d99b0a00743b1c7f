// Configurations that would expand without bound get a located error, not an
// exhausted heap or stack: exponential compound expansion, nesting deeper than
// the stack, and compounds chained through many classes.
import { describe, it, expect } from "vitest";
import { parseClick, MAX_ELEMENTS, MAX_COMPOUND_DEPTH } from "../../src/click/index.ts";
import { MAX_NESTING } from "../../src/click/parser.ts";

describe("compound expansion is bounded", () => {
  it("a few lines that double at every level stop at MAX_ELEMENTS with file:line", () => {
    const lines = ["elementclass C0 { input -> Null -> output }"];
    for (let i = 1; i <= 20; i++) lines.push(`elementclass C${i} { input -> C${i - 1} -> C${i - 1} -> output }`);
    lines.push("Idle -> C20 -> Discard;");
    expect(() => parseClick(lines.join("\n"), "exp.click")).toThrow(new RegExp(`exp\\.click:\\d+: configuration too large: more than ${MAX_ELEMENTS} elements after compound expansion`));
  });

  it("elementclass bodies nested 20,000 deep: one located error, no stack overflow", () => {
    const n = 20_000;
    const text = "elementclass D0 { ".repeat(1) + Array.from({ length: n - 1 }, (_, i) => `elementclass D${i + 1} { `).join("") + "input -> output" + " }".repeat(n) + "\nIdle -> D0 -> Discard;";
    expect(() => parseClick(text, "deep.click")).toThrow(new RegExp(`deep\\.click:1: compound element classes nested more than ${MAX_NESTING} deep`));
  });

  it("compounds instantiating each other more than MAX_COMPOUND_DEPTH deep", () => {
    const n = MAX_COMPOUND_DEPTH + 20;
    let c = "";
    for (let i = 0; i < n; i++) c += `elementclass E${i} { input -> ${i ? "E" + (i - 1) : "Null"} -> output }\n`;
    expect(() => parseClick(c + `Idle -> E${n - 1} -> Discard;`, "chain.click")).toThrow(new RegExp(`chain\\.click:\\d+: configuration too large: compounds nested more than ${MAX_COMPOUND_DEPTH} deep`));
  });
});
