/** Prints a flat graph as Click text (what `clickos flatten` shows). */
import { quote } from "./config-split.js";
import type { FlatGraph } from "./flatten.js";

export function unparseFlat(g: FlatGraph): string {
  const lines: string[] = [];
  for (const r of g.requires) lines.push(`require(${r.kind} ${quote(r.value)});`);
  for (const e of g.elements) lines.push(`${e.name} :: ${e.className}${e.config ? `(${e.config})` : ""};`);
  for (const c of g.connections) lines.push(`${c.from} [${c.fromPort}] -> [${c.toPort}] ${c.to};`);
  return lines.join("\n") + (lines.length ? "\n" : "");
}
