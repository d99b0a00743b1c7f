// clickos inspect MODULE.wasm [--json]: prints a module's clickos.meta.
import { parseArgs } from "node:util";
import { readFileSync } from "node:fs";
import { readMeta, checkInterface, type ModuleMeta } from "@clickos/runtime";

export function formatMeta(meta: ModuleMeta, file: string): string {
  const lines = [`${file}: ClickOS ABI ${meta.abi}, SDK ${meta.sdk}${meta.package ? `, package ${meta.package.name}@${meta.package.version}` : ""}, AssemblyScript runtime ${meta.runtime ?? "?"}`];
  lines.push(`${meta.classes.length} element class${meta.classes.length === 1 ? "" : "es"}:`);
  for (const c of meta.classes) {
    lines.push("", `  ${c.name}  ports ${c.ports}  processing ${c.processing}${c.flowCode ? `  flow ${c.flowCode}` : ""}${c.task ? "  task" : ""}${c.source ? `  (${c.source.file}:${c.source.line})` : ""}`);
    if (c.doc?.summary) lines.push(`    ${c.doc.summary}`);
    if (c.doc?.c) lines.push(`    synopsis: ${c.doc.c.split("\n")[0]}`);
    for (const a of c.args) lines.push(`    arg ${a.name} (${a.type}${a.required ? ", required" : ""}${a.positional ? ", positional" : ", keyword"}${a.default !== undefined ? `, default ${a.default}` : ""})`);
    for (const h of c.handlers) lines.push(`    handler ${h.name} (${[h.read && "read", h.write && "write"].filter(Boolean).join("/")}, ${h.type})${h.doc ? ": " + h.doc.split("\n")[0] : ""}`);
  }
  return lines.join("\n");
}

export function inspectCommand(argv: string[]): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: "boolean" } } });
  if (!positionals.length) throw new Error("usage: clickos inspect MODULE.wasm [--json]");
  for (const file of positionals) {
    const bytes = new Uint8Array(readFileSync(file));
    const meta = readMeta(bytes, file);
    checkInterface(new WebAssembly.Module(bytes), file);
    console.log(values.json ? JSON.stringify(meta, null, 2) : formatMeta(meta, file));
  }
  return 0;
}
