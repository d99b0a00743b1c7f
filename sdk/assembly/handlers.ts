// Helpers the generated handler glue uses to turn field values into strings and
// back. Writes parse with the same rules as configuration arguments, so a write
// handler accepts exactly what the configuration would.

import { Element } from "./element";
import { Args } from "./args";

export function finishWrite(e: Element, args: Args): void {
  if (args.errors.length == 0) args.complete();
  for (let i = 0; i < args.errors.length; i++) e.error(args.errors[i]);
}

export function boolString(b: bool): string { return b ? "true" : "false"; }
