// clickos fastclassifier CONFIG.click [--out-dir DIR] [-o OUT.click] [--elements X.wasm]
// Compiles the configuration's IPFilter and IPClassifier rules into element
// classes (sdk/src/fastclassifier) and writes the configuration using them.
import { parseArgs } from "node:util";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fastClassifiers } from "../fastclassifier/index.ts";

export function fastclassifierCommand(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { "out-dir": { type: "string" }, output: { type: "string", short: "o" }, elements: { type: "string" }, quiet: { type: "boolean", short: "q" } },
  });
  if (positionals.length !== 1) throw new Error("usage: clickos fastclassifier CONFIG.click [--out-dir DIR] [-o OUT.click]");
  const file = positionals[0];
  const outDir = values["out-dir"] ?? "src/fast";
  const output = values.output ?? file.replace(/(\.click)?$/, ".fast.click");
  const r = fastClassifiers(readFileSync(file, "utf8"), file, { elements: values.elements });
  if (!r.replaced.length) throw new Error(`${file}: no IPFilter or IPClassifier to compile`);
  mkdirSync(outDir, { recursive: true });
  for (const c of r.classes) writeFileSync(join(outDir, c.fileName), c.source);
  writeFileSync(output, r.config);
  if (!values.quiet) {
    for (const x of r.replaced) console.log(`${x.file}:${x.line}: ${x.element} :: ${x.kind} -> ${x.className} (${relative(".", join(outDir, r.classes.find((c) => c.className === x.className)!.fileName))})`);
    console.log(`wrote ${output}; build the classes into your package (clickos build) and run ${output} with it`);
  }
  return 0;
}
