// clickos run CONFIG.click | 'Chain -> Of -> Elements' [--in IN.pcap] [--out OUT.pcap]
//   [-h elem.handler ...] [--write elem.handler=value ...] [--trap-policy elem=restart|bypass|disable]
//   [--netfront N=in.pcap | N:out=out.pcap ...] [--json] [--module X.wasm ...] [--elements X.wasm]
//   [--trace FILE]   record every crossing into a WASM element, for clickos-replay in the native host
//   [--allow-traps]  exit 0 even when an element trapped (default: exit 3, after the report)
// A chain expression with --in/--out runs as FromDump(IN) -> CHAIN -> ToDump(OUT).
import { parseArgs } from "node:util";
import { trafficSummary } from "./demo.ts";
import { readFileSync, existsSync } from "node:fs";
import { runClick, deviceClasses, CrossingTrace } from "@clickos/runtime";
import { parseWrites, parseDeviceMap, readHandlers, allReadHandlers, jsonReport, formatHandlers, progressReporter } from "@clickos/runtime/cli";

export function chainConfig(expr: string, input?: string, output?: string): string {
  const q = (s: string) => JSON.stringify(s);
  return `${input ? `FromDump(${q(input)}, STOP true) -> ` : ""}${expr}${output ? ` -> ToDump(${q(output)})` : input ? " -> Discard" : ""};`;
}

/** --trap-policy elem=POLICY is a handler write of elem.trap_policy before the run. */
export function trapPolicyWrites(list: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of list) {
    const m = /^([^=]+)=(restart|bypass|disable)$/.exec(t);
    if (!m) throw new Error(`--trap-policy ${t}: expected ELEMENT=restart|bypass|disable`);
    out[`${m[1]}.trap_policy`] = m[2];
  }
  return out;
}

/** Exit status of a run in which an element trapped (without --allow-traps). */
export const TRAP_EXIT = 3;

/** Seconds.nanoseconds, as Click prints timestamps. */
export function formatTimestamp(ns: bigint): string {
  return `${ns / 1_000_000_000n}.${(ns % 1_000_000_000n).toString().padStart(9, "0")}`;
}

export function runCommand(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      in: { type: "string" }, out: { type: "string" }, h: { type: "string", multiple: true, short: "h" },
      write: { type: "string", multiple: true, short: "w" }, json: { type: "boolean" },
      "trap-policy": { type: "string", multiple: true }, netfront: { type: "string", multiple: true },
      module: { type: "string", multiple: true }, elements: { type: "string" }, expression: { type: "string", short: "e" },
      quiet: { type: "boolean", short: "q" }, trace: { type: "string" }, "allow-traps": { type: "boolean" },
    },
  });
  const target = values.expression ?? positionals[0];
  if (!target) throw new Error("usage: clickos run CONFIG.click | 'A -> B' [--in in.pcap --out out.pcap] [-h elem.handler]");
  const isFile = !values.expression && existsSync(target) && !/->/.test(target);
  if (!isFile && !values.expression && /\.click$/.test(target) && !/->/.test(target)) throw new Error(`${target}: no such file`);
  const config = isFile ? readFileSync(target, "utf8") : chainConfig(target, values.in, values.out);
  const writes = { ...parseWrites(values.write ?? []), ...trapPolicyWrites(values["trap-policy"] ?? []) };
  const devices = parseDeviceMap(values.netfront ?? []);
  const progress = values.quiet || values.json ? undefined : progressReporter(process.stderr);
  const trace = values.trace ? new CrossingTrace() : undefined;
  const r = runClick(config, { trace,
    configFile: isFile ? target : "<command line>", writeToDisk: true, writes,
    modules: values.module, elements: values.elements, onProgress: progress,
    // The element package in the current directory (an author's own, built) comes too.
    currentPackage: true,
    hostClasses: Object.keys(devices).length ? deviceClasses(devices) : undefined,
  });
  if (progress) process.stderr.write("\n");
  if (trace) trace.save(values.trace!);
  const paths = values.h ?? (values.json ? allReadHandlers(r.router) : []);
  const handlers = readHandlers(r.router, paths);
  if (values.json) {
    console.log(jsonReport(r.stats, handlers, Object.keys(r.files)));
  } else {
    if (!values.quiet) {
      const s = r.stats;
      console.error(`${trafficSummary(s)}; ${(s.elapsedMs).toFixed(1)} ms${Object.keys(r.files).length ? `; wrote ${Object.keys(r.files).join(", ")}` : ""}`);
    }
    if (paths.length) console.log(formatHandlers(handlers));
  }
  // Each packet a trap cost, by number and timestamp (also in --json's stats).
  const s = r.stats;
  if (!values.json) {
    for (const t of s.trapReports) console.error(`clickos run: trap in ${t.element}: packet ${t.packet} (timestamp ${formatTimestamp(t.timestampNs)}) dropped: ${t.message}`);
    if (s.trapDrops > s.trapReports.length) console.error(`clickos run: ... and ${s.trapDrops - s.trapReports.length} more packets lost to traps`);
  }
  if (Object.values(handlers).some((h) => h.error !== undefined)) return 1;
  return s.traps && !values["allow-traps"] ? TRAP_EXIT : 0;
}
