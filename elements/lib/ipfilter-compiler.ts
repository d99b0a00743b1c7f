// IPFilter/IPClassifier language: compiles a whole configuration (one pattern per
// output for IPClassifier, "ACTION PATTERN" rules for IPFilter) into one Program where
// the first matching pattern wins and no match drops. Errors and warnings carry
// Click's "pattern N: " prefix. Configuration time only.

import { unquote } from "@clickos/sdk";
import { separateWords } from "./ipfilter-lexer";
import { PatternParser, IntParse } from "./ipfilter-parser";
import { Node } from "./ipfilter-ast";
import { Element, Args } from "@clickos/sdk";
import { Program, ProgramBuilder, TARGET_DROP, outputTarget } from "./ipfilter-program";

export class FilterCompilation {
  program: Program | null = null;
  errors: string[] = [];
  warnings: string[] = [];
}

/**
 * Compiles `patterns`. With `withActions` (IPFilter), each starts with an action:
 * "allow" (output 0), "deny" or "drop", or an output number below `noutputs`; without
 * (IPClassifier), pattern i sends to output i. A pattern that is empty, "-", "any" or
 * "all" matches everything; "none" (an extension) matches nothing.
 */
export function compileFilter(patterns: string[], noutputs: i32, withActions: bool, optimize: bool = true): FilterCompilation {
  const r = new FilterCompilation();
  const n = patterns.length;
  const nodes = new Array<Node>(n);
  const targets = new Array<i32>(n);
  const num = new IntParse();
  for (let i = 0; i < n; i++) {
    const words = separateWords(unquote(patterns[i]));
    const prefix = "pattern " + i.toString() + ": ";
    const errors: string[] = [];
    const warnings: string[] = [];
    let start = 0;
    let target = outputTarget(i);
    if (withActions) {
      if (words.length == 0) {
        r.errors.push("empty pattern " + i.toString());
        nodes[i] = Node.constant(false);
        targets[i] = TARGET_DROP;
        continue;
      }
      const act = words[0];
      start = 1;
      if (act == "allow") {
        target = outputTarget(0);
        if (noutputs == 0) errors.push("'allow' is meaningless, element has zero outputs");
      } else if (act == "deny" || act == "drop") {
        target = TARGET_DROP;
      } else if (num.parse(act, i32.MIN_VALUE, i32.MAX_VALUE)) {
        const slot = <i32>num.value;
        if (slot < 0 || slot >= noutputs) {
          errors.push("slot '" + slot.toString() + "' out of range");
          target = TARGET_DROP;
        } else target = outputTarget(slot);
      } else {
        errors.push("unknown slot ID '" + act + "'");
        target = TARGET_DROP;
      }
    }
    const body = words.length - start;
    let node: Node;
    if (body == 0 || (body == 1 && (words[start] == "-" || words[start] == "any" || words[start] == "all"))) {
      node = Node.constant(true);
    } else if (body == 1 && words[start] == "none") {
      node = Node.constant(false);
    } else {
      const parser = new PatternParser(words, start, errors, warnings);
      node = parser.parseExpr();
      if (parser.pos < words.length) errors.push("garbage after expression at '" + words[parser.pos] + "'");
    }
    for (let k = 0; k < errors.length; k++) r.errors.push(prefix + errors[k]);
    for (let k = 0; k < warnings.length; k++) r.warnings.push(prefix + warnings[k]);
    nodes[i] = node;
    targets[i] = target;
  }
  if (r.errors.length > 0) return r;

  // Build from the last pattern back, so each pattern's "no match" is the next one's entry.
  const b = new ProgramBuilder();
  let next = TARGET_DROP;
  for (let i = n - 1; i >= 0; i--) next = b.add(nodes[i], targets[i], next);
  r.program = b.finish(next, optimize);
  return r;
}

/** IPFilter's configuration: every positional argument is an "ACTION PATTERN" rule.
 *  Warnings go to the element's log, errors to args; the program, or null on errors.
 *  `optimize` false keeps the program as built (the optimiser's differential test). */
export function configureFilter(e: Element, args: Args, optimize: bool = true): Program | null {
  const n = args.positionalCount;
  const rules = new Array<string>(n);
  for (let i = 0; i < n; i++) rules[i] = args.positionalAt(i);
  args.consumeAllPositional();
  const r = compileFilter(rules, e.noutputs, true, optimize);
  for (let i = 0; i < r.warnings.length; i++) e.warning(r.warnings[i]);
  for (let i = 0; i < r.errors.length; i++) args.error(r.errors[i]);
  return r.errors.length == 0 ? r.program : null;
}
