// checkPackage on a freshly built package (passes) and on one broken variant per
// rule: each must fail with one line that names the file and the field.

import { existsSync, rmSync, writeFileSync, unlinkSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPackage, formatProblem, packCommand } from "../../src/package/index.ts";
import { builtPackage, copyOf, editFile, editJson, removeTempDirs } from "./fixture.ts";

let good: string;
beforeAll(async () => { good = await builtPackage(); }, 600_000);
afterAll(() => removeTempDirs());

function problems(dir: string): string[] {
  const r = checkPackage(dir);
  expect(r.ok).toBe(r.problems.length === 0);
  return r.problems.map(formatProblem);
}

function variant(edit: (dir: string) => void): string[] {
  const dir = copyOf(good);
  edit(dir);
  return problems(dir);
}

describe("checkPackage", () => {
  it("passes a scaffolded, freshly built package and returns its metadata", () => {
    const r = checkPackage(good);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.name).toBe("ttl-setter");
    expect(r.meta?.classes.map((c) => c.name)).toEqual(["TtlSetter"]);
  });

  it("needs package.json, and valid JSON in it", () => {
    expect(variant((d) => unlinkSync(join(d, "package.json")))).toEqual(["package.json: missing: not a package directory"]);
    const bad = variant((d) => writeFileSync(join(d, "package.json"), "{ nope"));
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatch(/^package\.json: not valid JSON \(/);
  });

  it("needs the clickos field", () => {
    const p = variant((d) => editJson(d, (pkg) => { delete pkg.clickos; }));
    expect(p).toContain('package.json: clickos: missing; an element package declares { "abi": 1, "wasm": "build/elements.wasm", "elements": [...] }');
  });

  it("needs an ABI this SDK implements", () => {
    expect(variant((d) => editJson(d, (pkg) => { pkg.clickos.abi = 2; }))).toEqual(["package.json: clickos.abi: 2 is not compatible with this SDK's ABI 1"]);
    expect(variant((d) => editJson(d, (pkg) => { delete pkg.clickos.abi; }))).toEqual(["package.json: clickos.abi: missing; this SDK builds ABI 1"]);
  });

  it("needs the .wasm that clickos.wasm names", () => {
    expect(variant((d) => rmSync(join(d, "build"), { recursive: true }))).toEqual(["package.json: clickos.wasm: build/elements.wasm does not exist; run clickos build"]);
    const p = variant((d) => editJson(d, (pkg) => { delete pkg.clickos.wasm; }));
    expect(p).toContain('package.json: clickos.wasm: missing; the path of the built module, e.g. "build/elements.wasm"');
  });

  it("needs the clickos-element keyword", () => {
    expect(variant((d) => editJson(d, (pkg) => { pkg.keywords = ["click"]; }))).toEqual([
      'package.json: keywords: must include "clickos-element" so element packages can be found on the registry',
    ]);
  });

  it("needs files to ship the .wasm and the sources", () => {
    expect(variant((d) => editJson(d, (pkg) => { pkg.files = ["src", "README.md"]; }))).toEqual(["package.json: files: does not ship build/elements.wasm (clickos.wasm)"]);
    expect(variant((d) => editJson(d, (pkg) => { pkg.files = ["build/*.wasm", "README.md"]; }))).toEqual(["package.json: files: does not ship the sources src/ttlsetter.ts"]);
    expect(variant((d) => editJson(d, (pkg) => { pkg.files = ["build", "src/**/*.ts", "!src/ttlsetter.ts"]; }))).toEqual(["package.json: files: does not ship the sources src/ttlsetter.ts"]);
    const none = variant((d) => editJson(d, (pkg) => { delete pkg.files; }));
    expect(none).toHaveLength(1);
    expect(none[0]).toMatch(/^package\.json: files: missing; list the \.wasm, the sources and README\.md/);
  });

  it("needs @clickos/sdk as a peer dependency on this SDK's line", () => {
    expect(variant((d) => editJson(d, (pkg) => { delete pkg.peerDependencies; }))).toEqual([
      'package.json: peerDependencies: must list "@clickos/sdk": "^0.1.0" (the SDK line of ABI 1)',
    ]);
    const range = (r: string) => variant((d) => editJson(d, (pkg) => { pkg.peerDependencies["@clickos/sdk"] = r; }));
    expect(range("*")).toEqual([`package.json: peerDependencies["@clickos/sdk"]: '*' is not a range on one SDK line; use "^0.1.0"`]);
    expect(range(">=0.1.0")).toEqual([`package.json: peerDependencies["@clickos/sdk"]: '>=0.1.0' is not a range on one SDK line; use "^0.1.0"`]);
    expect(range("0.x")).toEqual([`package.json: peerDependencies["@clickos/sdk"]: '0.x' admits every 0.x SDK, whose ABIs differ; use "^0.1.0"`]);
    expect(range("^0.2.0")).toEqual([`package.json: peerDependencies["@clickos/sdk"]: '^0.2.0' is SDK line 0.2, but this SDK (0.1.0) is line 0.1; use "^0.1.0"`]);
    expect(range("^0.1.4")).toEqual([`package.json: peerDependencies["@clickos/sdk"]: '^0.1.4' needs a newer SDK than this one (0.1.0)`]);
    expect(range("~0.1.0")).toEqual([]);
  });

  it("reports a build whose sources changed since (stale) — a new class", () => {
    const p = variant((d) => {
      writeFileSync(join(d, "src/other.ts"), [
        'import { Element } from "@clickos/sdk";',
        '@element("OtherThing")',
        "export class OtherThing extends Element {}",
        "",
      ].join("\n"));
      editJson(d, (pkg) => { pkg.clickos.elements.push("OtherThing"); });
    });
    expect(p).toEqual(["build/elements.wasm: clickos.meta classes: lacks OtherThing (declared in src/other.ts): stale build, run clickos build"]);
  });

  it("reports a stale build — a changed argument and handler", () => {
    const p = variant((d) => editFile(join(d, "src/ttlsetter.ts"), (s) =>
      s.replace('readP("TTL").unsigned(64)', 'readP("TTL").unsigned(32)').replace('@handler("count")', '@handler("packets")')));
    expect(p).toEqual(["build/elements.wasm: clickos.meta TtlSetter: args, handlers differ from src/ttlsetter.ts: stale build, run clickos build"]);
  });

  it("reports a stale build — a renamed class", () => {
    const p = variant((d) => {
      editFile(join(d, "src/ttlsetter.ts"), (s) => s.replace('@element("TtlSetter"', '@element("SetTTL"'));
      editJson(d, (pkg) => { pkg.clickos.elements = ["SetTTL"]; });
    });
    expect(p).toEqual([
      "build/elements.wasm: clickos.meta classes: lacks SetTTL (declared in src/ttlsetter.ts): stale build, run clickos build",
      "build/elements.wasm: clickos.meta classes: has TtlSetter, which no source declares any more: stale build, run clickos build",
    ]);
  });

  it("reports clickos.elements that disagree with the sources", () => {
    expect(variant((d) => editJson(d, (pkg) => { pkg.clickos.elements = ["TtlSetter", "Ghost"]; }))).toEqual([
      "package.json: clickos.elements: lists Ghost, which no source declares",
    ]);
    expect(variant((d) => editJson(d, (pkg) => { pkg.clickos.elements = []; }))).toEqual([
      "package.json: clickos.elements: does not list TtlSetter (declared in the sources)",
    ]);
  });

  it("reports source errors at file:line", () => {
    const p = variant((d) => editFile(join(d, "src/ttlsetter.ts"), (s) => s.replace("export class TtlSetter", "class TtlSetter")));
    // The declaration starts at its decorator, line 37 of the template.
    expect(p).toEqual(["src/ttlsetter.ts:37: element class TtlSetter must be exported"]);
  });

  it("reports a module without clickos.meta, and one that is not WebAssembly", () => {
    const empty = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    expect(variant((d) => writeFileSync(join(d, "build/elements.wasm"), empty))).toEqual([
      "build/elements.wasm: clickos.meta: missing; the module was not built by clickos build",
    ]);
    expect(variant((d) => writeFileSync(join(d, "build/elements.wasm"), "not wasm"))).toEqual([
      "build/elements.wasm: cannot read the module: byte 0: bad magic (not a WebAssembly module)",
    ]);
  });

  it("needs tests and a test script", () => {
    expect(variant((d) => rmSync(join(d, "test"), { recursive: true }))).toEqual([
      ".: tests: no test files (*.test.ts); an element package ships with tests on packet fixtures",
    ]);
    expect(variant((d) => editJson(d, (pkg) => { delete pkg.scripts.test; }))).toEqual([
      'package.json: scripts.test: missing; e.g. "clickos build && vitest run"',
    ]);
  });

  it("reports every problem at once, one per line", () => {
    const p = variant((d) => editJson(d, (pkg) => { pkg.keywords = []; delete pkg.files; pkg.clickos.abi = 9; }));
    expect(p).toHaveLength(3);
    for (const line of p) expect(line).not.toContain("\n");
  });
});

describe("clickos pack", () => {
  function capture(argv: string[]) {
    let out = "", err = "";
    const code = packCommand(argv, { out: (s) => { out += s; }, err: (s) => { err += s; } });
    return { code, out, err };
  }

  it("--check passes a good package without packing", () => {
    const dir = copyOf(good);
    const r = capture([dir, "--check", "--no-test"]);
    expect(r).toEqual({ code: 0, out: "ttl-setter@0.1.0: package checks passed (TtlSetter)\n", err: "" });
    expect(existsSync(join(dir, "ttl-setter-0.1.0.tgz"))).toBe(false);
  });

  it("packs a good package with npm pack once its tests pass", () => {
    const dir = copyOf(good);
    editJson(dir, (pkg) => { pkg.scripts.test = "node -e \"require('fs').writeFileSync('tested', '')\""; });
    const r = capture([dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("ttl-setter@0.1.0: npm test passed");
    expect(existsSync(join(dir, "tested"))).toBe(true);
    expect(existsSync(join(dir, "ttl-setter-0.1.0.tgz"))).toBe(true);
  }, 600_000);

  it("packs nothing when the package's tests fail", () => {
    const dir = copyOf(good);
    editJson(dir, (pkg) => { pkg.scripts.test = "node -e \"process.exit(3)\""; });
    const r = capture([dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("clickos pack: npm test failed (exit 3); nothing was packed");
    expect(existsSync(join(dir, "ttl-setter-0.1.0.tgz"))).toBe(false);
  }, 600_000);

  it("reports a build whose code is stale though its metadata still matches (a changed method body)", () => {
    const dir = copyOf(good);
    expect(checkPackage(dir).problems).toEqual([]);
    const src = readdirSync(join(dir, "src")).find((f) => f.endsWith(".ts"))!;
    writeFileSync(join(dir, "src", src), readFileSync(join(dir, "src", src), "utf8") + "\n// a change after the build\n");
    expect(checkPackage(dir).problems.map(formatProblem)).toEqual([
      "build/elements.wasm: stale build: the sources, the SDK or the build options changed since it was built (or the file was replaced); run clickos build",
    ]);
  });

  it("refuses a broken package, printing each problem and packing nothing", () => {
    const dir = copyOf(good);
    editJson(dir, (pkg) => { pkg.keywords = []; pkg.clickos.abi = 3; });
    const r = capture([dir]);
    expect(r.code).toBe(1);
    expect(r.err.split("\n")).toEqual([
      "package.json: clickos.abi: 3 is not compatible with this SDK's ABI 1",
      'package.json: keywords: must include "clickos-element" so element packages can be found on the registry',
      "clickos pack: 2 problems; nothing was packed",
      "",
    ]);
    expect(existsSync(join(dir, "ttl-setter-0.1.0.tgz"))).toBe(false);
  });

  it("rejects unknown options", () => {
    const r = capture(["--frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("clickos pack: unknown option --frobnicate");
  });
});
