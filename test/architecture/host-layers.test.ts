// The Node host's files form layers, not a circle: no file of runtime/src/host
// reaches itself through its imports, type-only imports included (a reader
// following a type lands in the same tangle). What an element needs of the
// router (ElementHost), what a module needs of its elements (ModuleElement) and
// what the crossing trace needs of one (TracedElement) are interfaces declared
// by the side that uses them.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const HOST = resolve(import.meta.dirname, "../../runtime/src/host");

function graph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  const walk = (dir: string, prefix: string) => {
    for (const n of readdirSync(dir, { withFileTypes: true })) {
      if (n.isDirectory()) { walk(join(dir, n.name), `${prefix}${n.name}/`); continue; }
      if (!n.name.endsWith(".ts")) continue;
      const text = readFileSync(join(dir, n.name), "utf8");
      const deps: string[] = [];
      for (const m of text.matchAll(/\b(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
        const target = resolve(dir, m[1]).replace(/\.(js|ts)$/, "");
        if (target.startsWith(HOST + "/")) deps.push(target.slice(HOST.length + 1));
      }
      g.set(`${prefix}${n.name.replace(/\.ts$/, "")}`, deps);
    }
  };
  walk(HOST, "");
  return g;
}

/** Every import cycle, each as the files around it. */
function cycles(g: Map<string, string[]>): string[][] {
  const out: string[][] = [];
  const state = new Map<string, number>();   // 1 on the path, 2 done
  const path: string[] = [];
  const visit = (f: string) => {
    state.set(f, 1);
    path.push(f);
    for (const d of g.get(f) ?? []) {
      if (state.get(d) === 1) out.push([...path.slice(path.indexOf(d)), d]);
      else if (!state.has(d)) visit(d);
    }
    path.pop();
    state.set(f, 2);
  };
  for (const f of [...g.keys()].sort()) if (!state.has(f)) visit(f);
  return out;
}

describe("runtime/src/host is layered", () => {
  it("has no import cycle, type-only imports included", () => {
    const found = cycles(graph()).map((c) => c.join(" -> "));
    expect(found, `import cycles:\n  ${found.join("\n  ")}`).toEqual([]);
  });
});
