// clickos fastclassifier: compiles the IPFilter and IPClassifier elements of a
// Click configuration ahead of time, as Click's click-fastclassifier does.
// Each element's rules are compiled by the element itself (its `program`
// handler, read from a one-element router in the Node host), turned into an
// element class of straight-line code (generate.ts), and the configuration is
// written back flattened with those elements using the new classes. Rules that
// are only known at run time keep using IPFilter/IPClassifier.

import { buildRouter, parseClick, unparseFlat, type FlatGraph } from "@clickos/runtime";
import { parseProgram } from "./program.ts";
import { generateClassifier, type ClassifierSource } from "./generate.ts";

export { parseProgram, type DecisionProgram } from "./program.ts";
export { generateClassifier, type ClassifierSource } from "./generate.ts";

export const COMPILED_KINDS = ["IPFilter", "IPClassifier"] as const;
type Kind = (typeof COMPILED_KINDS)[number];

export interface FastClassifierResult {
  /** The configuration, flattened, with compiled classes in place of the classifiers. */
  config: string;
  /** One per distinct decision program (equal rules share a class). */
  classes: ClassifierSource[];
  replaced: { element: string; kind: Kind; className: string; file: string; line: number }[];
}

/** The `program` listing of `kind(config)` with `noutputs` outputs, from the element itself. */
export function compiledProgram(kind: Kind, config: string, noutputs: number, elements?: string): string {
  const outs = Array.from({ length: Math.max(noutputs, 1) }, (_, i) => `x [${i}] -> Discard;`).join("\n");
  const { router } = buildRouter(`x :: ${kind}(${config});\nIdle -> x;\n${outs}\n`, { elements, files: {}, log: () => {} });
  return router.readHandler("x.program");
}

export function fastClassifiers(text: string, file: string, o: { elements?: string } = {}): FastClassifierResult {
  const graph: FlatGraph = parseClick(text, file);
  const classes = new Map<string, ClassifierSource>();
  const replaced: FastClassifierResult["replaced"] = [];
  for (const e of graph.elements) {
    const kind = COMPILED_KINDS.find((k) => k === e.className);
    if (!kind) continue;
    const noutputs = 1 + Math.max(0, ...graph.connections.filter((c) => c.from === e.name).map((c) => c.fromPort));
    let listing: string;
    try {
      listing = compiledProgram(kind, e.config, noutputs, o.elements);
    } catch (err) {
      const msg = (err as Error).message.replace(/^config\.click:\d+: While configuring .x :: \w+.:\s*/, "").trim();
      throw new Error(`${e.file}:${e.line}: ${e.name} :: ${kind}: ${msg}`);
    }
    const gen = generateClassifier(kind, parseProgram(listing, `${e.name}.program`), listing, { element: e.name, config: e.config, file: `${e.file}:${e.line}` });
    if (!classes.has(gen.className)) classes.set(gen.className, gen);
    replaced.push({ element: e.name, kind, className: gen.className, file: e.file, line: e.line });
    e.className = gen.className;
    e.config = "";
  }
  return { config: unparseFlat(graph), classes: [...classes.values()], replaced };
}
