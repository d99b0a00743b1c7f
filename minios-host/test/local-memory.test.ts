// sdk/src/native/local-memory.ts: wasm2c's accesses go through a per-function
// local copy of the memory descriptor, refreshed after every statement that can
// grow the memory; anything unrecognised is left exactly as wasm2c wrote it.
// The generated code's behaviour is covered by the native conformance, chain,
// replay and trap tests, which all run the transformed output; here: the shape
// of the rewrite, its fallbacks, and that it applies to real wasm2c output.
import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { localizeMemory } from "../../sdk/src/native/local-memory.ts";
import { nativeToolchainMissing } from "./native-support.ts";
import { hasTool } from "./support.ts";

const HEADER = "typedef struct Z_m_instance_t {\n  wasm_rt_memory_t w2c_memory;\n  u32 w2c_g0;\n} Z_m_instance_t;\n";

const FN = [
  "static u32 w2c_f1(Z_m_instance_t* instance, u32 w2c_p0) {",
  "  FUNC_PROLOGUE;",
  "  u32 w2c_i0, w2c_i1;",
  "  w2c_i0 = i32_load(&instance->w2c_memory, (u64)(w2c_p0) + 4u);",
  "  i32_store(&instance->w2c_memory, (u64)(w2c_p0), w2c_i0);",
  "  w2c_i0 = w2c_f2(instance, w2c_i0);",
  "  memory_copy(&instance->w2c_memory, &instance->w2c_memory, w2c_i0, w2c_p0, 4);",
  "  w2c_i1 = wasm_rt_grow_memory(&instance->w2c_memory, w2c_i0);",
  "  (*Z_envZ_abort)(instance->Z_env_instance, w2c_i0, w2c_i0, w2c_i0, w2c_i0);",
  "  w2c_i0 = CALL_INDIRECT(instance->w2c_T0, u32 (*)(void*), 1, w2c_i0, instance->w2c_T0.data[w2c_i0].module_instance);",
  "  i64_store8(&instance->w2c_memory, (u64)(w2c_i1), (u64)w2c_i0);",
  "  FUNC_EPILOGUE;",
  "  return w2c_i0;",
  "}",
];
const NO_MEMORY_FN = ["static u32 w2c_f2(Z_m_instance_t* instance, u32 w2c_p0) {", "  FUNC_PROLOGUE;", "  FUNC_EPILOGUE;", "  return w2c_p0;", "}"];

describe("localizeMemory", () => {
  it("routes every access through a local and refreshes it after each call, import and memory.grow", () => {
    const r = localizeMemory([...FN, "", ...NO_MEMORY_FN, ""].join("\n"), HEADER);
    expect(r.applied, r.reason).toBe(true);
    expect(r.functions).toBe(1);
    expect(r.accesses).toBe(4);
    const lines = r.code.split("\n");
    expect(lines[1]).toBe("  wasm_rt_memory_t clickos_mem = instance->w2c_memory;");
    expect(r.code).toContain("i32_load(&clickos_mem, (u64)(w2c_p0) + 4u);");
    expect(r.code).toContain("memory_copy(&clickos_mem, &clickos_mem, w2c_i0, w2c_p0, 4);");
    expect(r.code).toContain("i64_store8(&clickos_mem, (u64)(w2c_i1), (u64)w2c_i0);");
    // memory.grow itself works on the instance's memory
    expect(r.code).toContain("wasm_rt_grow_memory(&instance->w2c_memory, w2c_i0);");
    const refreshAfter = (needle: string) => lines[lines.findIndex((l) => l.includes(needle)) + 1];
    for (const call of ["w2c_f2(instance", "wasm_rt_grow_memory(", "(*Z_envZ_abort)", "CALL_INDIRECT("]) {
      expect(refreshAfter(call), `after ${call}`).toBe("  clickos_mem = instance->w2c_memory;");
    }
    expect(refreshAfter("i32_store(")).not.toContain("clickos_mem =");
    // a function that never touches memory is left alone
    expect(r.code).toContain(NO_MEMORY_FN.join("\n"));
  });

  it("leaves the output untouched when it does not recognise it", () => {
    const code = FN.join("\n");
    const cases: [string, string, RegExp][] = [
      [code, HEADER.replace("wasm_rt_memory_t w2c_memory;", "wasm_rt_memory_t* w2c_memory;"), /own memory/],
      [code.replace("w2c_i0 = w2c_f2(instance, w2c_i0);", "if (w2c_f2(instance, w2c_i0)) {"), HEADER, /unexpected position/],
      [code.replace("w2c_i0 = w2c_f2(instance, w2c_i0);", "w2c_i0 = w2c_f2(instance, w2c_i0); goto w2c_B0;"), HEADER, /unexpected position/],
      [code.replace("i32_load(&instance->w2c_memory", "i32_load_fancy(0, &instance->w2c_memory"), HEADER, /unexpected use/],
      [code.replace(/\n}$/, ""), HEADER, /unterminated/],
      [code.replace("u32 w2c_i0, w2c_i1;", "u32 w2c_i0, w2c_i1, clickos_mem;"), HEADER, /already uses/],
    ];
    for (const [c, h, why] of cases) {
      const r = localizeMemory(c, h);
      expect(r.applied).toBe(false);
      expect(r.reason).toMatch(why);
      expect(r.code).toBe(c);
    }
  });

  const missing = nativeToolchainMissing() ?? (hasTool("wat2wasm") ? null : "not installed: wat2wasm");
  it.skipIf(missing)("applies to Debian wasm2c's real output, which still compiles", () => {
    const dir = mkdtempSync(join(tmpdir(), "clickos-local-memory-"));
    writeFileSync(join(dir, "m.wat"), `(module
      (import "env" "f" (func $imp (param i32)))
      (memory (export "memory") 1 4)
      (func $g (param i32) (result i32) local.get 0 memory.grow)
      (func (export "run") (param i32) (result i32)
        local.get 0 local.get 0 i32.load offset=4 i32.store
        local.get 0 call $imp
        local.get 0 i32.const 8 i32.const 4 memory.copy
        local.get 0 call $g))`);
    const run = (cmd: string, args: string[]) => {
      const r = spawnSync(cmd, args, { cwd: dir, encoding: "utf8" });
      expect(r.status, `${cmd}: ${r.stderr}`).toBe(0);
    };
    run("wat2wasm", ["m.wat", "-o", "m.wasm"]);
    run("wasm2c", ["m.wasm", "-n", "m", "-o", "m.c"]);
    const r = localizeMemory(readFileSync(join(dir, "m.c"), "utf8"), readFileSync(join(dir, "m.h"), "utf8"));
    expect(r.applied, r.reason).toBe(true);
    expect(r.functions).toBe(1);
    expect(r.accesses).toBe(3);
    writeFileSync(join(dir, "m.c"), r.code);
    const inc = join(__dirname, "..", "runtime");
    run("cc", ["-std=c99", "-O2", "-Werror=unused-variable", "-Werror=implicit-function-declaration", `-I${join(inc, "include")}`, `-I${inc}`, "-c", "m.c", "-o", "m.o"]);
  });
});
