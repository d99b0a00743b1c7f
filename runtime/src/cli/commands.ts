// `clickos flatten CONFIG.click` and `clickos graph CONFIG.click -o g.dot|g.svg`:
// argv in, exit code out; file and console access injected so tests need no disk.
import { readFileSync, writeFileSync } from "node:fs";
import { parseClick, unparseFlat } from "../click/index.ts";
import { toDot, toSvg } from "./graph.ts";

export interface CliIo {
  read(path: string): string;
  write(path: string, text: string): void;
  out(text: string): void;
  err(text: string): void;
}

export const diskIo: CliIo = {
  read: (p) => readFileSync(p, "utf8"),
  write: (p, t) => writeFileSync(p, t),
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

export function flattenCommand(argv: string[], io: CliIo = diskIo): number {
  const file = argv.find((a) => !a.startsWith("-"));
  if (!file) { io.err("usage: clickos flatten CONFIG.click\n"); return 2; }
  io.out(unparseFlat(parseClick(io.read(file), file)));
  return 0;
}

export function graphCommand(argv: string[], io: CliIo = diskIo, opts: { useDot?: boolean } = {}): number {
  let file: string | undefined, out: string | undefined, format: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-o" || a === "--out") out = argv[++i];
    else if (a === "--format") format = argv[++i];
    else if (!a.startsWith("-")) file = a;
    else { io.err(`clickos graph: unknown option ${a}\n`); return 2; }
  }
  if (!file) { io.err("usage: clickos graph CONFIG.click [-o g.dot|g.svg] [--format dot|svg]\n"); return 2; }
  const fmt = format ?? (out?.endsWith(".svg") ? "svg" : "dot");
  if (fmt !== "dot" && fmt !== "svg") { io.err(`clickos graph: unknown format '${fmt}' (dot or svg)\n`); return 2; }
  const g = parseClick(io.read(file), file);
  const text = fmt === "dot" ? toDot(g, file) : toSvg(g, opts).svg;
  if (out) io.write(out, text); else io.out(text);
  return 0;
}
