// The workspace packages depend on each other without a cycle: sdk -> runtime,
// sdk -> elements (the standard library it ships with), scaffolder -> nothing of
// ours at run time. Dependencies and peer dependencies count (they are installed
// for users); dev dependencies do not (the elements are built with the SDK, but
// installing them needs nothing). A cycle here is a package a user cannot
// install or upgrade on its own.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const root = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const pkgs = (root.workspaces as string[]).map((w) => JSON.parse(readFileSync(join(ROOT, w, "package.json"), "utf8")));
const names = new Set(pkgs.map((p) => p.name as string));
const edges = new Map<string, string[]>(pkgs.map((p) => [p.name, Object.keys({ ...p.dependencies, ...p.peerDependencies }).filter((d) => names.has(d))]));

/** A cycle through the edges, as a list of names, or null. */
function findCycle(): string[] | null {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (n: string): string[] | null => {
    if (state.get(n) === "done") return null;
    if (state.get(n) === "open") return [...path.slice(path.indexOf(n)), n];
    state.set(n, "open");
    path.push(n);
    for (const m of edges.get(n) ?? []) { const c = visit(m); if (c) return c; }
    path.pop();
    state.set(n, "done");
    return null;
  };
  for (const n of names) { const c = visit(n); if (c) return c; }
  return null;
}

describe("workspace package graph", () => {
  it("has no cycle among dependencies and peer dependencies", () => {
    const cycle = findCycle();
    expect(cycle, cycle ? `cycle: ${cycle.join(" -> ")}` : "").toBeNull();
  });
  it("the SDK brings the runtime and the standard elements it runs with", () => {
    expect(edges.get("@clickos/sdk")).toEqual(expect.arrayContaining(["@clickos/runtime", "@clickos/elements"]));
  });
});
