// The per-target Click glue (generated C++ element classes): buildNative calls
// it after module.c is written. The click-userlevel and minios targets use the
// Click generator (click-glue.ts) unless a caller registered its own with
// registerNativeGlue (tests do, to set options).

import type { ModuleMeta } from "@clickos/runtime";
import { clickGlue } from "./click-glue.ts";

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
  /** Prepended to every Click class name (`clickos build --class-prefix W`). */
  classPrefix?: string;
  /** Click package / element group name; default: the module name. */
  packageName?: string;
}

export type NativeGlue = (ctx: NativeGlueContext) => GeneratedFile[] | Promise<GeneratedFile[]>;

const registry = new Map<string, NativeGlue>();

export function registerNativeGlue(target: string, glue: NativeGlue): void { registry.set(target, glue); }

export async function glueFor(target: string): Promise<NativeGlue | null> {
  return registry.get(target) ?? (target === "click-userlevel" || target === "minios" ? clickGlue : null);
}
