/** The Click configuration language: parse, flatten, unparse, and configuration-string helpers. */
import { ClickSyntaxError } from "./errors.js";
import { Flattener, type FlatGraph } from "./flatten.js";
import { parseRouter, type ParseOptions } from "./parser.js";

export type { FlatElement, FlatConnection, FlatGraph } from "./flatten.js";
export type { ParseOptions } from "./parser.js";
export type * from "./ast.js";
export { parseRouter } from "./parser.js";
export { assignArguments, MAX_ELEMENTS, MAX_COMPOUND_DEPTH, MAX_CONFIG_CHARS } from "./flatten.js";
export { splitConfig, unquote, quote, uncomment, splitSpace } from "./config-split.js";
export { ClickSyntaxError, formatClickError, type ClickError } from "./errors.js";
export { unparseFlat } from "./unparse.js";

/** Parse and flatten a Click configuration, collecting every error. */
export function parseClickResult(
  text: string,
  file = "config.click",
  options: ParseOptions = {},
): { graph: FlatGraph; errors: import("./errors.js").ClickError[] } {
  const { ast, errors } = parseRouter(text, file, options);
  const graph = new Flattener(errors).flatten(ast);
  return { graph, errors: errors.errors };
}

/** Parse and flatten a Click configuration; throws ClickSyntaxError listing all errors. */
export function parseClick(text: string, file = "config.click", options: ParseOptions = {}): FlatGraph {
  const { graph, errors } = parseClickResult(text, file, options);
  if (errors.length) throw new ClickSyntaxError(errors);
  return graph;
}
