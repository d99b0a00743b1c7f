// Runs the AssemblyScript compiler on a generated entry file.

import asc from "assemblyscript/asc";
import { BuildError } from "./errors.ts";
import { HeapTotalTransform } from "./heap-total.ts";

export type AsRuntime = "incremental" | "minimal" | "stub";

export interface CompileOptions {
  entry: string;
  outFile: string;
  textFile?: string;
  runtime: AsRuntime;
  /** Maximum linear memory in 64 KiB pages; the module declares it, so both hosts enforce it. */
  maxPages: number;
  debug?: boolean;
  /** Extra asc arguments (for experiments). */
  extra?: string[];
}

export async function compileAssemblyScript(o: CompileOptions): Promise<void> {
  const argv = [
    o.entry, "--outFile", o.outFile,
    "--runtime", o.runtime,
    "--maximumMemory", String(o.maxPages),
    ...(o.debug ? ["--debug", "--sourceMap"] : ["-O3", "--noAssert", "--converge"]),
    // wasm2c (wabt 1.0.32) and MiniOS want a plain MVP-plus module: keep the features
    // both hosts implement.
    "--disable", "simd,reference-types,gc,threads,exception-handling,relaxed-simd,multi-value",
    ...(o.textFile ? ["--textFile", o.textFile] : []),
    ...(o.extra ?? []),
  ];
  let out = "";
  const sink = { write(s: string | Uint8Array) { out += typeof s === "string" ? s : new TextDecoder().decode(s); return true; } };
  const { error } = await asc.main(argv, { stdout: sink, stderr: sink, transforms: [HeapTotalTransform as never] });
  if (error) {
    throw new BuildError(parseAscDiagnostics(out, error.message));
  }
}

/** Turns asc's diagnostics ("ERROR TS2304: ... in file.ts(12,3)") into file:line problems. */
export function parseAscDiagnostics(text: string, fallback: string) {
  // Strip ANSI colours.
  const clean = text.replace(/\x1b\[[0-9;]*m/g, "");
  const problems: { file: string; line: number; message: string }[] = [];
  const blocks = clean.split(/\n(?=ERROR|WARNING)/);
  for (const b of blocks) {
    const head = /^ERROR\s+(\S+):\s*(.*)$/m.exec(b);
    if (!head) continue;
    const loc = /in (.+?)\((\d+),(\d+)\)/.exec(b);
    problems.push({ file: loc?.[1] ?? "(asc)", line: loc ? Number(loc[2]) : 0, message: `${head[1]}: ${head[2]}` });
  }
  if (!problems.length) problems.push({ file: "(asc)", line: 0, message: fallback + (clean ? "\n" + clean : "") });
  return problems;
}
