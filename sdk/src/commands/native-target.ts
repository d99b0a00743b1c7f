// `clickos build --target minios|click-userlevel|linux`: hands the built module to
// the native code generator (sdk/src/native).
import { relative } from "node:path";
import { NATIVE_TARGETS, buildNative } from "../native/index.ts";

export interface NativeTargetOptions {
  /** Where the native sources go; default next to the .wasm: build/<name>-<target>/. */
  outDir?: string;
  /** The C module name (wasm2c -n); default from the .wasm file name. */
  moduleName?: string;
  /** Prepended to every generated Click class name. */
  classPrefix?: string;
  /** Click package / element group name. */
  packageName?: string;
  quiet?: boolean;
}

export async function nativeTarget(wasm: string, target: string, o: NativeTargetOptions = {}): Promise<void> {
  if (!(NATIVE_TARGETS as readonly string[]).includes(target)) throw new Error(`unknown target '${target}' (expected ${NATIVE_TARGETS.join(", ")}, or wasm)`);
  const dir = o.outDir ?? wasm.replace(/\.wasm$/, `-${target}`);
  const r = await buildNative({ wasm, outDir: dir, target, prefix: o.moduleName, classPrefix: o.classPrefix, packageName: o.packageName });
  if (o.quiet) return;
  const rel = relative(process.cwd(), r.outDir);
  const shown = !rel ? "." : rel.startsWith("..") ? r.outDir : rel;
  const classes = target === "linux" ? "" : `; Click classes ${r.meta.classes.map((c) => (o.classPrefix ?? "") + c.name).join(", ")}`;
  const next = target === "linux" ? `build the harness with: make -C ${shown} -f clickos.mk`
    : target === "click-userlevel" ? `build the Click package with ${shown}/click-package.mk (see minios-host/README.md)`
    : `add ${shown}/click-minios.mk to the ClickOS build (see minios-host/README.md)`;
  console.log(`wrote ${target} sources to ${shown} (module ${r.prefix}${classes}); ${next}`);
}
