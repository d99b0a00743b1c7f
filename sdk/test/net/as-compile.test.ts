// Tests for the test helper sdk/test/support/as-compile.ts.
import { it, expect, describe } from "vitest";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadAS, compileAS } from "../support/as-compile.ts";

describe("as-compile helper", () => {
  it("compiles a source string that imports the net library by relative path", async () => {
    const m = await loadAS({
      dir: "sdk/test/net/assembly",
      source: `
        import { IPAddress, internetChecksum } from "../../../assembly/net/index";
        export function roundTrip(s: string): string | null { let a = IPAddress.parse(s); return a ? a.toString() : null; }
        export function ck(p: usize, n: u32): u16 { return internetChecksum(p, n); }
      `,
    });
    expect(m.readString(m.exports.roundTrip(m.writeString("10.9.8.7")))).toBe("10.9.8.7");
    expect(m.readString(m.exports.roundTrip(m.writeString("nope")))).toBeNull();
    expect(m.exports.ck(m.writeBytes([0xff, 0xff]), 2)).toBe(0);
  });

  it("decodes abort messages, records traces, stubs clickos imports", async () => {
    const m = await loadAS({
      dir: "sdk/test/net/assembly",
      name: "helper_imports.ts",
      source: `
        @external("clickos", "log") declare function hostLog(level: i32, ptr: usize, len: u32): void;
        export function fail(): void { throw new Error("bad thing"); }
        export function talk(): i32 { trace("hello", 2, 1.5, 2); hostLog(1, 0, 0); return 7; }
      `,
    });
    expect(() => m.exports.fail()).toThrow(/abort: bad thing at sdk\/test\/net\/assembly\/helper_imports\.ts:\d+:\d+/);
    expect(m.exports.talk()).toBe(7);
    expect(m.traces).toEqual(["hello 1.5, 2"]);
  });

  it("refuses to run an unknown import", async () => {
    const m = await loadAS({
      dir: "sdk/test/net/assembly",
      source: `
        @external("elsewhere", "thing") declare function thing(): i32;
        export function call(): i32 { return thing(); }
      `,
    });
    expect(() => m.exports.call()).toThrow(/unexpected import elsewhere\.thing/);
  });

  it("reports compile errors with asc's diagnostics", async () => {
    await expect(compileAS({ dir: "sdk/test/net/assembly", source: "export function f(): i32 { return nope; }" }))
      .rejects.toThrow(/asc failed[\s\S]*nope/);
  });

  it("recompiles when an imported file changes (cache keyed on dependencies too)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "as-compile-"));
    try {
      const entry = `import { value } from "./dep"; export function get(): i32 { return value(); }`;
      writeFileSync(join(dir, "dep.ts"), "export function value(): i32 { return 1; }");
      const a = await loadAS({ dir, source: entry });
      expect(a.exports.get()).toBe(1);
      writeFileSync(join(dir, "dep.ts"), "export function value(): i32 { return 2; }");
      // same entry text, same cache key: the cached binary must be rejected
      const b = await loadAS({ dir, source: entry });
      expect(b.exports.get()).toBe(2);
      const c = await loadAS({ dir, source: entry }, { noCache: true });
      expect(c.exports.get()).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
