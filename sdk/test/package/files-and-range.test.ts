// The two small readers behind checkPackage: npm's `files` rules and the SDK peer range.

import { describe, expect, it } from "vitest";
import { filesCover, sdkRangeProblem, sdkLine } from "../../src/package/index.ts";

describe("filesCover", () => {
  it.each([
    [["build/elements.wasm"], "build/elements.wasm", true],
    [["build"], "build/elements.wasm", true],
    [["build/"], "build/elements.wasm", true],
    [["./build"], "build/elements.wasm", true],
    [["/build/*.wasm"], "build/elements.wasm", true],
    [["*.wasm"], "build/elements.wasm", false],
    [["**/*.wasm"], "build/elements.wasm", true],
    [["*/*.ts"], "ip/decipttl.ts", true],
    [["*/*.ts"], "lib/net/x.ts", false],
    [["src"], "src/a/b/c.ts", true],
    [["src/**"], "src/a/b/c.ts", true],
    [["src/?.ts"], "src/a.ts", true],
    [["src/?.ts"], "src/ab.ts", false],
    [["src", "!src/secret.ts"], "src/secret.ts", false],
    [["src", "!src/secret.ts"], "src/open.ts", true],
    [["!src/secret.ts", "src"], "src/secret.ts", true],
    [["src.ts"], "srcXts", false],
    // npm ships a directory's contents for a literal name only, not for a glob matching it.
    [["buil*"], "build/elements.wasm", false],
    [["b?ild"], "build/elements.wasm", false],
    [["build/*"], "build/elements.wasm", true],
    [["src/*"], "src/lib/x.ts", false],
    [[], "src/a.ts", false],
  ] as const)("%j ships %s: %s", (files, path, want) => {
    expect(filesCover(files, path)).toBe(want);
  });
});

describe("sdkRangeProblem", () => {
  it("accepts ranges on the SDK's own line that it satisfies", () => {
    for (const r of ["^0.1.0", "~0.1.0", "0.1.0", "0.1.x", "0.1", " ^0.1.0 "]) expect(sdkRangeProblem(r, "0.1.0"), r).toBeNull();
    expect(sdkRangeProblem("^0.1.2", "0.1.3")).toBeNull();
    expect(sdkRangeProblem("^1.0.0", "1.4.2")).toBeNull();
    expect(sdkRangeProblem("1.x", "1.4.2")).toBeNull();
  });

  it("refuses open ranges, other lines and newer minimums", () => {
    expect(sdkRangeProblem("*", "0.1.0")).toMatch(/not a range on one SDK line/);
    expect(sdkRangeProblem("^0.1.0 || ^0.2.0", "0.1.0")).toMatch(/not a range on one SDK line/);
    expect(sdkRangeProblem("0.*", "0.1.0")).toMatch(/admits every 0\.x SDK/);
    expect(sdkRangeProblem("^0.2.0", "0.1.0")).toMatch(/SDK line 0\.2, but this SDK \(0\.1\.0\) is line 0\.1/);
    expect(sdkRangeProblem("^2.0.0", "1.4.2")).toMatch(/SDK line 2, but this SDK \(1\.4\.2\) is line 1/);
    expect(sdkRangeProblem("^1.5.0", "1.4.2")).toMatch(/needs a newer SDK/);
    expect(sdkRangeProblem("workspace:*", "0.1.0")).toMatch(/not a range on one SDK line/);
  });

  it("names lines as npm's caret does", () => {
    expect(sdkLine("0.1.7")).toBe("0.1");
    expect(sdkLine("3.2.1")).toBe("3");
  });
});
