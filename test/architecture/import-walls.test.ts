// Walls between packages: the code a package ships reaches another workspace
// package only through that package's exports (`@clickos/runtime`,
// `@clickos/runtime/cli`, `@clickos/sdk`, `@clickos/sdk/testing`), never by a
// relative path into its directory, which works only inside this checkout.
// The examples count too (users copy them); tests and benchmarks are
// workspace-internal and not checked here.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
/** Each package directory and the shipped source trees checked in it. */
const PACKAGES: Record<string, string[]> = {
  sdk: ["src", "assembly", "bin", "scripts"],
  runtime: ["src"],
  elements: ["."],
  "create-clickos-element": ["src", "bin"],
  // What users copy from: the example middleboxes and their traffic generators.
  examples: ["."],
};
const NOT_SHIPPED = /(^|\/)(node_modules|dist|build|\.clickos|test|tests|fixtures)(\/|$)|\.test\.ts$|\.bench\.ts$/;

function sources(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (NOT_SHIPPED.test(relative(ROOT, p).split(sep).join("/"))) continue;
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.(ts|mts|js|mjs)$/.test(n)) out.push(p);
  }
  return out;
}

/** Relative import specifiers in a file (static imports, exports, dynamic imports). */
function relativeImports(text: string): string[] {
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[^"']+)["']/g)) specs.push(m[1]);
  return specs;
}

describe("imports between packages go through their exports", () => {
  for (const [pkg, trees] of Object.entries(PACKAGES)) {
    it(`${pkg} reaches no other package by a relative path`, () => {
      const home = join(ROOT, pkg);
      const crossings: string[] = [];
      for (const t of trees) {
        let files: string[] = [];
        try { files = sources(join(home, t)); } catch { continue; }
        for (const f of files) {
          for (const spec of relativeImports(readFileSync(f, "utf8"))) {
            const target = resolve(dirname(f), spec);
            if (!target.startsWith(home + sep)) crossings.push(`${relative(ROOT, f)}: imports ${spec} (${relative(ROOT, target)})`);
          }
        }
      }
      expect(crossings, crossings.join("\n")).toEqual([]);
    });
  }

  it("the lint sees a crossing when there is one", () => {
    expect(relativeImports(`import { x } from "../../runtime/src/cli/index.ts";\nconst y = await import("../a.ts");\nimport "./side.ts";`))
      .toEqual(["../../runtime/src/cli/index.ts", "../a.ts", "./side.ts"]);
  });
});
