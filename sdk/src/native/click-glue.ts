// The Click glue for buildNative's click-userlevel and minios targets: the
// generated element classes (click-classes.ts) plus the target's Makefile
// (click-make.ts).

import type { GeneratedFile, NativeGlueContext } from "./glue.ts";
import { generateClickGlue } from "./click-classes.ts";
import { clickMiniosMakefile, clickPackageMakefile } from "./click-make.ts";

export interface ClickTargetOptions {
  /** Prepended to every Click class name (`clickos build --class-prefix W`). */
  classPrefix?: string;
  /** Click package / element group name; default: the wasm2c module name. */
  packageName?: string;
}

export function clickGlue(ctx: NativeGlueContext, o: ClickTargetOptions = {}): GeneratedFile[] {
  const classPrefix = o.classPrefix ?? ctx.classPrefix;
  const packageName = o.packageName ?? ctx.packageName ?? ctx.prefix;
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(packageName)) throw new Error(`Click package name '${packageName}' must be letters, digits, '_' or '-'`);
  const files = generateClickGlue({ moduleName: ctx.prefix, defSymbol: ctx.defSymbol, meta: ctx.meta, classPrefix });
  const mk = { packageName, moduleName: ctx.prefix };
  if (ctx.target === "click-userlevel") files.push({ path: "click-package.mk", contents: clickPackageMakefile(mk) });
  else files.push({ path: "click-minios.mk", contents: clickMiniosMakefile({ ...mk, group: packageName }) });
  return files;
}
