// clickos build [DIR] [--runtime minimal|incremental|stub] [--debug] [--out FILE.wasm] [--fuel N] [--force]
//   [--target minios|click-userlevel|linux [--out-dir DIR] [--class-prefix P] [--module-name N] [--package-name N]]
import { parseArgs } from "node:util";
import { relative } from "node:path";
import { buildPackage, fuelOption } from "../build/build.ts";
import type { AsRuntime } from "../build/compile.ts";

export async function buildCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      runtime: { type: "string" }, debug: { type: "boolean" }, out: { type: "string" }, target: { type: "string" },
      fuel: { type: "string" }, "out-dir": { type: "string" }, quiet: { type: "boolean", short: "q" },
      "class-prefix": { type: "string" }, "module-name": { type: "string" }, "package-name": { type: "string" },
      prefix: { type: "string" }, force: { type: "boolean" },
    },
  });
  if (values.prefix !== undefined) {
    throw new Error("--prefix is gone: --class-prefix P prefixes the generated Click class names (WDecIPTTL), --module-name N names the C module");
  }
  const native = values.target !== undefined && values.target !== "wasm";
  for (const o of ["out-dir", "class-prefix", "module-name", "package-name"] as const) {
    if (values[o] !== undefined && !native) throw new Error(`--${o} goes with --target minios|click-userlevel|linux (native sources)`);
  }
  const dir = positionals[0] ?? ".";
  const t0 = performance.now();
  const r = await buildPackage({
    dir, runtime: values.runtime as AsRuntime | undefined, debug: values.debug, out: values.out,
    fuel: values.fuel === undefined ? undefined : fuelOption(values.fuel, "--fuel"), force: values.force,
    // The AssemblyScript compile is the long part (seconds per class at -O3): say it started.
    onCompile: values.quiet ? undefined : (classes) =>
      console.error(`clickos build: compiling ${classes.length} element class${classes.length === 1 ? "" : "es"} with AssemblyScript (-O3)…`),
  });
  const ms = Math.round(performance.now() - t0);
  if (!values.quiet) {
    const what = `${relative(process.cwd(), r.wasm) || r.wasm}`;
    const names = r.meta.classes.map((c) => c.name).join(", ");
    console.log(r.cached ? `${what} is up to date (${ms} ms; --force rebuilds): ${names}` : `built ${what} in ${ms} ms: ${names}`);
  }
  if (native) {
    const { nativeTarget } = await import("./native-target.ts");
    await nativeTarget(r.wasm, values.target!, {
      outDir: values["out-dir"], moduleName: values["module-name"], classPrefix: values["class-prefix"], packageName: values["package-name"],
      quiet: values.quiet,
    });
  }
  return 0;
}
