// clickos run CONFIG.click | 'Chain -> Of -> Elements' [--in IN.pcap] [--out OUT.pcap]
//   [-h elem.handler ...] [--write elem.handler=value ...] [--json] [--module X.wasm ...] [--elements X.wasm]
// A chain expression with --in/--out runs as FromDump(IN) -> CHAIN -> ToDump(OUT).
import { parseArgs } from "node:util";
import { readFileSync, existsSync } from "node:fs";
import { runClick } from "@clickos/runtime";

export function chainConfig(expr: string, input?: string, output?: string): string {
  const q = (s: string) => JSON.stringify(s);
  return `${input ? `FromDump(${q(input)}, STOP true) -> ` : ""}${expr}${output ? ` -> ToDump(${q(output)})` : input ? " -> Discard" : ""};`;
}

export function runCommand(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      in: { type: "string" }, out: { type: "string" }, h: { type: "string", multiple: true, short: "h" },
      write: { type: "string", multiple: true, short: "w" }, json: { type: "boolean" },
      module: { type: "string", multiple: true }, elements: { type: "string" }, expression: { type: "string", short: "e" },
      quiet: { type: "boolean", short: "q" },
    },
  });
  const target = values.expression ?? positionals[0];
  if (!target) throw new Error("usage: clickos run CONFIG.click | 'A -> B' [--in in.pcap --out out.pcap] [-h elem.handler]");
  const isFile = !values.expression && existsSync(target) && !/->/.test(target);
  const config = isFile ? readFileSync(target, "utf8") : chainConfig(target, values.in, values.out);
  const writes: Record<string, string> = {};
  for (const w of values.write ?? []) {
    const eq = w.indexOf("=");
    if (eq < 0) throw new Error(`--write ${w}: expected elem.handler=value`);
    writes[w.slice(0, eq)] = w.slice(eq + 1);
  }
  const progress = process.stderr.isTTY && !values.quiet && !values.json
    ? (n: number, ms: number) => process.stderr.write(`\r${n} packets, ${(n / ms / 1000).toFixed(2)} Mpps, ${(ms / 1000).toFixed(1)} s   `)
    : undefined;
  const r = runClick(config, {
    configFile: isFile ? target : "<command line>", writeToDisk: true, writes,
    modules: values.module, elements: values.elements, onProgress: progress,
  });
  if (progress) process.stderr.write("\n");
  const handlers: Record<string, string> = {};
  for (const h of values.h ?? []) handlers[h] = r.read(h);
  if (values.json) {
    console.log(JSON.stringify({ stats: r.stats, handlers, files: Object.keys(r.files) }, null, 2));
  } else {
    if (!values.quiet) {
      const s = r.stats;
      console.error(`${s.packetsIn} packets in, ${s.packetsOut} out, ${s.dropped} dropped${s.trapDrops ? `, ${s.trapDrops} lost to traps` : ""}; ${(s.elapsedMs).toFixed(1)} ms${Object.keys(r.files).length ? `; wrote ${Object.keys(r.files).join(", ")}` : ""}`);
    }
    for (const [h, v] of Object.entries(handlers)) console.log(v.includes("\n") ? `${h}:\n${v}` : `${h}: ${v}`);
  }
  return 0;
}
