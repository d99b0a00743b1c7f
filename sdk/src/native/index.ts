// `clickos build --target minios|click-userlevel|linux`: turns a built element
// module (.wasm with clickos.meta) into C for the native host.
//   1. read and check the module (metadata against the ABI's schema, ABI
//      version, closed import list with signatures, exports) before anything else,
//   2. sandbox it (runtime's sandboxModule: exports outside the ABI and custom
//      sections dropped, the host's fuel metering added) — wasm2c sees only
//      these bytes, so no name from the module reaches the C it prints but the
//      ABI's own export names and the closed import list,
//   3. wasm2c it (Debian's wabt 1.0.32), check its output names nothing else,
//      and rewrite it (passes.ts: memory through a local view, no check an
//      earlier check covers),
//   4. write module.c/module.h (the clickos_module_def), copies of the ABI
//      header, the C host and the wasm-rt runtime, and clickos.mk,
//   5. per target: linux adds the harness (clickos-run); click-userlevel and
//      minios run the Click glue generator if one is registered (nativeGlue).

import { readFileSync, writeFileSync, mkdirSync, copyFileSync, existsSync } from "node:fs";
import { join, resolve, dirname, basename } from "node:path";
import { EXPORTS, IMPORTS, readMeta, checkInterface, sandboxModule, fuelBudget, META_SECTION, readCustomSection, type ModuleMeta } from "@clickos/runtime";
import { checkImports, readFunctionImports } from "./wasm-imports.ts";
import { generateModuleC, moduleDefSymbol } from "./module-c.ts";
import { generateMakefile } from "./makefile.ts";
import { modulePrefix } from "./mangle.ts";
import { runWasm2c } from "./wasm2c.ts";
import { rewriteWasm2cOutput } from "./passes.ts";
import { glueFor, type GeneratedFile } from "./glue.ts";
import { hostRoot } from "./host-root.ts";

export { registerNativeGlue, type NativeGlueContext, type GeneratedFile } from "./glue.ts";
export { mangle, modulePrefix } from "./mangle.ts";

export const NATIVE_TARGETS = ["minios", "click-userlevel", "linux"] as const;
export type NativeTarget = (typeof NATIVE_TARGETS)[number];

export interface NativeOptions {
  /** The built module (.wasm with a clickos.meta section). */
  wasm: string;
  outDir: string;
  target: string;
  /** wasm2c module name (-n); default from the .wasm file name. A C identifier. */
  prefix?: string;
  /** Prepended to every generated Click class name (click-userlevel, minios): e.g.
   *  "W" gives WDecIPTTL, so it cannot collide with Click's own DecIPTTL. */
  classPrefix?: string;
  /** Click package / element group name (click-userlevel, minios); default: the module name. */
  packageName?: string;
}

export interface NativeResult {
  outDir: string;
  prefix: string;
  /** The C symbol of the module's clickos_module_def. */
  defSymbol: string;
  meta: ModuleMeta;
  /** Files written, relative to outDir. */
  files: string[];
}


/** The files clickos_host.c includes, beside it. */
export const HOST_PARTS = ["imports", "elements", "packets", "resident", "pull", "handlers"].map((p) => `clickos_host_${p}.inc`);

const COPIED: [string, string][] = [
  ["include/clickos_abi.h", "clickos_abi.h"],
  ["host/clickos_host.h", "clickos_host.h"],
  ["host/clickos_host.c", "clickos_host.c"],
  // The sections clickos_host.c includes (one translation unit).
  ...HOST_PARTS.map((f): [string, string] => [`host/${f}`, f]),
  ["runtime/clickos-rt.c", "runtime/clickos-rt.c"],
  ["runtime/clickos-rt.h", "runtime/clickos-rt.h"],
  ["runtime/clickos-rt-config.h", "runtime/clickos-rt-config.h"],
  ["runtime/include/wasm-rt.h", "runtime/include/wasm-rt.h"],
];
const HARNESS: [string, string][] = [
  ["harness/clickos-run.c", "harness/clickos-run.c"],
  ["harness/chain.c", "harness/chain.c"],
  ["harness/chain.h", "harness/chain.h"],
  ["harness/pcap.c", "harness/pcap.c"],
  ["harness/pcapng.c", "harness/pcapng.c"],
  ["harness/pcap.h", "harness/pcap.h"],
];

export async function buildNative(o: NativeOptions): Promise<NativeResult> {
  if (!(NATIVE_TARGETS as readonly string[]).includes(o.target)) {
    throw new Error(`unknown native target '${o.target}' (expected one of: ${NATIVE_TARGETS.join(", ")})`);
  }
  const wasmPath = resolve(o.wasm);
  const name = basename(wasmPath);
  if (!existsSync(wasmPath)) throw new Error(`${o.wasm}: no such module (run clickos build first)`);
  const given = new Uint8Array(readFileSync(wasmPath));
  const meta = readMeta(given, name);
  if (!meta.classes.length) throw new Error(`${name}: the module has no element classes`);
  if (!WebAssembly.validate(given)) {
    try {
      new WebAssembly.Module(given);
    } catch (e) {
      throw new Error(`${name}: invalid WebAssembly: ${(e as Error).message}`);
    }
  }
  const problems = checkImports(given);
  if (problems.length) throw new Error(`${name}: cannot build for the native host:\n  ${problems.join("\n  ")}`);
  const fuel = fuelBudget(meta, null);
  const bytes = sandboxModule(given, name);
  const sandboxedModule = new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
  checkInterface(sandboxedModule, name);
  const exportNames = new Set(WebAssembly.Module.exports(sandboxedModule).map((e) => e.name));

  const prefix = o.prefix ?? modulePrefix(name);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(prefix)) throw new Error(`native module name '${prefix}' must be a C identifier`);
  const outDir = resolve(o.outDir);
  mkdirSync(join(outDir, "runtime", "include"), { recursive: true });
  const files: string[] = [];
  const write = (rel: string, text: string) => {
    mkdirSync(dirname(join(outDir, rel)), { recursive: true });
    writeFileSync(join(outDir, rel), text);
    files.push(rel);
  };

  const moduleC = join(outDir, `${prefix}.c`);
  const sandboxed = join(outDir, `${prefix}.sandboxed.wasm`);
  writeFileSync(sandboxed, bytes);
  files.push(`${prefix}.sandboxed.wasm`);
  await runWasm2c(sandboxed, prefix, moduleC);
  files.push(`${prefix}.c`, `${prefix}.h`);
  const c = readFileSync(moduleC, "utf8"), h = readFileSync(join(outDir, `${prefix}.h`), "utf8");
  checkWasm2cNames(c + h, name);
  writeFileSync(moduleC, rewriteWasm2cOutput(c, h).code);

  const copy = (list: [string, string][]) => {
    const root = hostRoot();
    for (const [from, to] of list) {
      const src = join(root, from);
      if (!existsSync(src)) throw new Error(`native host source ${src} is missing; reinstall @clickos/sdk`);
      mkdirSync(dirname(join(outDir, to)), { recursive: true });
      copyFileSync(src, join(outDir, to));
      files.push(to);
    }
  };
  copy(COPIED);
  if (o.target === "linux") copy(HARNESS);

  const metaJson = new TextDecoder().decode(readCustomSection(bytes, META_SECTION)!);
  const importModules: string[] = [];
  for (const f of readFunctionImports(bytes).functions) if (!importModules.includes(f.module)) importModules.push(f.module);
  // wasm2c 1.0.32 passes the import-module structs to instantiate sorted by
  // module name (a std::set), not in import order.
  importModules.sort();
  const defSymbol = moduleDefSymbol(prefix);
  write("module.c", generateModuleC({ prefix, meta, metaJson, importModules, fuel, target: o.target, exports: exportNames }));
  write("module.h", moduleHeader(prefix, defSymbol));

  const cxx: string[] = [];
  const glue = o.target === "linux" ? null : await glueFor(o.target);
  if (glue) {
    const generated: GeneratedFile[] = await glue({ target: o.target, prefix, defSymbol, meta, outDir, wasm: wasmPath, classPrefix: o.classPrefix, packageName: o.packageName });
    for (const f of generated) {
      write(f.path, f.contents);
      if (/\.(cc|cpp|cxx)$/.test(f.path)) cxx.push(f.path);
    }
  }
  write("clickos.mk", generateMakefile({
    prefix, defSymbol, target: o.target, cxxSources: cxx,
    extraSources: HARNESS.map(([, to]) => to).filter((f) => f.endsWith(".c")),
  }));
  return { outDir, prefix, defSymbol, meta, files };
}

/** Every name wasm2c printed in an export or import comment must be one the ABI
 *  defines (the sandbox dropped the rest): a second line of defence against a
 *  name that would close the comment and inject C. */
function checkWasm2cNames(c: string, name: string): void {
  const allowed = new Set([...EXPORTS.map((e) => e.name), "memory", ...IMPORTS.map((i) => i.name), ...IMPORTS.map((i) => i.module)]);
  for (const m of c.matchAll(/\/\*\s*(?:export|import):\s*'([^']*)'/g)) {
    if (!allowed.has(m[1])) throw new Error(`${name}: wasm2c output names '${m[1].slice(0, 60)}', which is not part of the ABI; refusing to build`);
  }
}

function moduleHeader(prefix: string, sym: string): string {
  const guard = `CLICKOS_MODULE_${prefix.toUpperCase()}_H`;
  return [
    `/* Generated by clickos build. Do not edit. */`,
    `#ifndef ${guard}`, `#define ${guard}`, `#include "clickos_host.h"`,
    `#ifdef __cplusplus`, `extern "C" {`, `#endif`,
    `/* Module "${prefix}": open it with clickos_module_open(&${sym}, hooks). */`,
    `extern const clickos_module_def ${sym};`,
    `#ifdef __cplusplus`, `}`, `#endif`, `#endif`, "",
  ].join("\n");
}
