// `clickos build --target` code generation (sdk/src/native): the checks made
// before wasm2c runs (closed import list with signatures, metadata, target),
// wasm2c's name mangling, the generated module.c, and the MiniOS compile check
// of the C host plus a generated module with the freestanding flags.
import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildNative, mangle, modulePrefix } from "../../sdk/src/native/index.ts";
import { checkImports } from "../../sdk/src/native/wasm-imports.ts";
import { cString } from "../../sdk/src/native/mangle.ts";
import { withCustomSection, readCustomSection, META_SECTION } from "@clickos/runtime";
import { faultyWasm, nativeToolchainMissing } from "./native-support.ts";
import { hasTool, SCRIPTS_DIR } from "./support.ts";

const missing = nativeToolchainMissing() ?? (hasTool("wat2wasm") && hasTool("wasm2wat") ? null : "not installed: wat2wasm/wasm2wat");
const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));

const META = { abi: 1, sdk: "0.1.0", runtime: "stub", classes: [{ id: 0, name: "X", ports: "1/1", processing: "a", args: [], handlers: [], doc: {} }] };
const ABI_EXPORTS = `
  (memory (export "memory") 1)
  (func (export "clickos_abi_version") (result i32) i32.const 1)
  (func (export "clickos_scratch") (param i32) (result i32) i32.const 1024)
  (func (export "clickos_arena_alloc") (param i32) (result i32) i32.const 2048)
  (func (export "clickos_arena_free") (param i32))
  (func (export "clickos_element_new") (param i32 i32 i32) (result i32) i32.const 1)
  (func (export "clickos_element_configure") (param i32 i32) (result i32) i32.const 0)
  (func (export "clickos_element_initialize") (param i32) (result i32) i32.const 0)
  (func (export "clickos_element_cleanup") (param i32))
  (func (export "clickos_push") (param i32 i32 i32 i32) (result i32) i32.const 0)
  (func (export "clickos_emitted") (result i32) i32.const 0)
  (func (export "clickos_timer_fire") (param i32 i32) (result i32) i32.const 0)
  (func (export "clickos_handler_read") (param i32 i32) (result i32) i32.const -1)
  (func (export "clickos_handler_write") (param i32 i32 i32) (result i32) i32.const -1)`;

/** A module with the ABI exports, the given imports and a clickos.meta section. */
function watModule(imports: string): string {
  const dir = tmp("clickos-native-wat-");
  writeFileSync(join(dir, "m.wat"), `(module ${imports} ${ABI_EXPORTS})`);
  const r = spawnSync("wat2wasm", [join(dir, "m.wat"), "-o", join(dir, "m.wasm")], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  const bytes = new Uint8Array(readFileSync(join(dir, "m.wasm")));
  writeFileSync(join(dir, "m.wasm"), withCustomSection(bytes, META_SECTION, new TextEncoder().encode(JSON.stringify(META))));
  return join(dir, "m.wasm");
}

describe("wasm2c names and C strings", () => {
  it("mangles like wasm2c 1.0.32", () => {
    expect(mangle("elements")).toBe("elements");
    expect(mangle("my-elem")).toBe("myZ2Delem");
    expect(mangle("Foo.bar")).toBe("FooZ2Ebar");
    expect(mangle("Z")).toBe("Z5A");
    expect(mangle("clickos_push")).toBe("clickos_push");
    expect(modulePrefix("/x/build/my-elements.wasm")).toBe("my_elements");
    expect(modulePrefix("9lives.wasm")).toBe("m_9lives");
  });
  it("escapes C string literals (quotes, backslashes, trigraphs, UTF-8)", () => {
    expect(cString('a"b\\c??/\n')).toBe('"a\\"b\\\\c\\?\\?/\\n"');
    expect(cString("é")).toBe('"\\303\\251"');
  });
});

describe.skipIf(missing)(`buildNative (${missing ?? "wabt + cc"})`, () => {
  it("refuses imports outside the closed list, and ABI imports with another signature", () => {
    const foreign = watModule(`(import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))`);
    expect(checkImports(new Uint8Array(readFileSync(foreign)))).toEqual([
      "imports wasi_snapshot_preview1.fd_write, which is not in the ClickOS ABI's closed list",
    ]);
    const wrongSig = watModule(`(import "clickos" "log" (func (param i32 i32)))`);
    return expect(buildNative({ wasm: wrongSig, outDir: tmp("clickos-native-out-"), target: "linux" })).rejects.toThrow(
      /imports clickos\.log as \(i32, i32\) -> void, but the ABI defines \(i32, i32, i32, i32\) -> void/);
  });

  it("names the problem: unknown target, missing module, missing wasm2c", async () => {
    const ok = watModule(`(import "env" "abort" (func (param i32 i32 i32 i32)))`);
    await expect(buildNative({ wasm: ok, outDir: tmp("o-"), target: "vax" })).rejects.toThrow(/unknown native target 'vax' \(expected one of: minios, click-userlevel, linux\)/);
    await expect(buildNative({ wasm: "/nonexistent.wasm", outDir: tmp("o-"), target: "linux" })).rejects.toThrow(/no such module/);
    await expect(buildNative({ wasm: ok, outDir: tmp("o-"), target: "linux", prefix: "not-c" })).rejects.toThrow(/must be a C identifier/);
    const saved = process.env.WASM2C;
    process.env.WASM2C = "/nonexistent/wasm2c";
    try {
      await expect(buildNative({ wasm: ok, outDir: tmp("o-"), target: "linux" })).rejects.toThrow(/wasm2c not found: install Debian's wabt/);
    } finally {
      if (saved === undefined) delete process.env.WASM2C; else process.env.WASM2C = saved;
    }
  });

  it("writes wasm2c output, module.c with the metadata and class tables, the host, runtime and clickos.mk", async () => {
    const out = tmp("clickos-native-gen-");
    const r = await buildNative({ wasm: await faultyWasm(), outDir: out, target: "linux" });
    expect(r.prefix).toBe("faulty");
    expect(r.defSymbol).toBe("clickos_module_faulty");
    for (const f of ["faulty.c", "faulty.h", "module.c", "module.h", "clickos.mk", "clickos_abi.h", "clickos_host.c", "clickos_host.h",
      "runtime/clickos-rt.c", "runtime/include/wasm-rt.h", "harness/clickos-run.c"]) expect(existsSync(join(out, f)), f).toBe(true);
    const moduleC = readFileSync(join(out, "module.c"), "utf8");
    expect(moduleC).toMatch(/\{ "NativeFaulty", "1\/1", "a", "", 2, handlers_0, 0 \}/);
    expect(moduleC).toMatch(/\{ "seen", 0, CLICKOS_HANDLER_READ \}/);
    expect(moduleC).toMatch(/Z_faulty_instantiate\(\(Z_faulty_instance_t\*\)i, clickos, env\)/);
    expect(moduleC).toContain(`.meta_len = (uint32_t)(sizeof meta_json - 1)`);
    // fuel metering: the optional export is wired with clickos.meta's budget
    expect(moduleC).toContain(`.fuel = ${(r.meta as { fuel?: number }).fuel},`);
    expect(moduleC).toMatch(/\.fuel_set = w_fuel_set,/);
    // the embedded JSON is the module's clickos.meta, byte for byte
    writeFileSync(join(out, "print-meta.c"), `#include <stdio.h>\n#include "module.h"\n` +
      `int main(void) { fwrite(clickos_module_faulty.meta_json, 1, clickos_module_faulty.meta_len, stdout); ` +
      `return clickos_module_faulty.nclasses == 2 ? 0 : 1; }\n`);
    const exe = join(out, "print-meta");
    const cc = spawnSync("cc", ["-std=c99", "-O0", "-Wall", "-Wextra", "-Werror", "-I", join(out, "runtime/include"), "-I", join(out, "runtime"), "-I", out,
      "-o", exe, join(out, "print-meta.c"), join(out, "module.c"), join(out, "clickos_host.c"), join(out, "runtime/clickos-rt.c"),
      "-x", "c", "-w", join(out, "faulty.c"), "-lm"], { encoding: "utf8" });
    expect(cc.status, cc.stderr).toBe(0);
    const printed = spawnSync(exe, [], { encoding: "buffer" });
    expect(printed.status).toBe(0);
    const wasm = new Uint8Array(readFileSync(await faultyWasm()));
    expect(Buffer.from(printed.stdout).equals(Buffer.from(readCustomSection(wasm, META_SECTION)!))).toBe(true);
    expect(readFileSync(join(out, "clickos.mk"), "utf8")).toMatch(/-DCLICKOS_RUN_MODULE=clickos_module_faulty/);
  });

  const noNewlib = existsSync("/usr/include/newlib/stdlib.h") && hasTool("g++") ? null : "needs libnewlib-dev and g++";
  it.skipIf(noNewlib)(`passes the MiniOS compile check: C host + generated module.c + wasm2c output, freestanding, newlib only${noNewlib ? ` (${noNewlib})` : ""}`, async () => {
    const out = tmp("clickos-native-minios-");
    // The check script names the module clickos_check; generate module.c for that name.
    await buildNative({ wasm: await faultyWasm(), outDir: out, target: "linux", prefix: "clickos_check" });
    const wat = join(out, "faulty.wat");
    // What wasm2c compiled: the module after the host's sandbox (fuel added).
    const w = spawnSync("wasm2wat", ["--enable-all", join(out, "clickos_check.sandboxed.wasm"), "-o", wat], { encoding: "utf8" });
    expect(w.status, w.stderr).toBe(0);
    const r = spawnSync("bash", [join(SCRIPTS_DIR, "minios-compile-check.sh"), "--wat", wat,
      "--extra", join(out, "clickos_host.c"), "--extra", join(out, "module.c")], { encoding: "utf8", timeout: 300_000 });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/objects: .*extra1-clickos_host\.c\.o extra2-module\.c\.o/);
    expect(r.stdout).toMatch(/minios-compile-check: OK/);
  }, 600_000);
});
