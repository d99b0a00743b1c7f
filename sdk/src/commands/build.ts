// clickos build [DIR] [--runtime incremental|minimal|stub] [--debug] [--out FILE] [--target minios|click-userlevel|linux]
import { parseArgs } from "node:util";
import { relative } from "node:path";
import { buildPackage, fuelOption } from "../build/build.ts";
import type { AsRuntime } from "../build/compile.ts";

export async function buildCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { runtime: { type: "string" }, debug: { type: "boolean" }, out: { type: "string" }, target: { type: "string" }, prefix: { type: "string" }, fuel: { type: "string" }, "out-dir": { type: "string" }, quiet: { type: "boolean", short: "q" } },
  });
  const dir = positionals[0] ?? ".";
  const t0 = performance.now();
  const r = await buildPackage({
    dir, runtime: values.runtime as AsRuntime | undefined, debug: values.debug, out: values.out,
    fuel: values.fuel === undefined ? undefined : fuelOption(values.fuel, "--fuel"),
  });
  const ms = Math.round(performance.now() - t0);
  if (!values.quiet) {
    console.log(`built ${relative(process.cwd(), r.wasm) || r.wasm} in ${ms} ms: ${r.meta.classes.map((c) => c.name).join(", ")}`);
  }
  if (values.target && values.target !== "wasm") {
    const { nativeTarget } = await import("./native-target.ts");
    await nativeTarget(r.wasm, values.target, values["out-dir"], values.prefix);
  }
  return 0;
}
