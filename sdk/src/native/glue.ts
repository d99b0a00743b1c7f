// The hook for per-target Click glue (generated C++ element classes): a
// generator registers itself for a target with registerNativeGlue, and
// buildNative calls it after module.c is written. The Click generators live in
// sdk/src/native/click-*.ts; glueFor loads `click-<target>.ts` on demand when
// nothing is registered yet (so this file does not depend on them).

import type { ModuleMeta } from "@clickos/runtime";

export interface GeneratedFile { path: string; contents: string }

export interface NativeGlueContext {
  target: string;
  /** wasm2c module name; the generated header is `<prefix>.h`. */
  prefix: string;
  /** C symbol of the module's clickos_module_def (declared in module.h). */
  defSymbol: string;
  meta: ModuleMeta;
  outDir: string;
  wasm: string;
}

export type NativeGlue = (ctx: NativeGlueContext) => GeneratedFile[] | Promise<GeneratedFile[]>;

const registry = new Map<string, NativeGlue>();

export function registerNativeGlue(target: string, glue: NativeGlue): void { registry.set(target, glue); }

export async function glueFor(target: string): Promise<NativeGlue | null> {
  if (!registry.has(target)) {
    // A computed specifier: bundlers leave it alone, and a missing file is not an error.
    const spec = `./click-${target}.ts`;
    try { await import(/* @vite-ignore */ spec); } catch (e) {
      if (!/Cannot find module|ERR_MODULE_NOT_FOUND|Failed to load/.test(String((e as Error).message ?? e))) throw e;
    }
  }
  return registry.get(target) ?? null;
}
