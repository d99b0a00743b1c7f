// Pure helpers behind `clickos run`'s handler and device options.
import type { Router, RunStats } from "../host/router.ts";
import type { DeviceMap } from "../host/elements/netfront.ts";

/** `--write elem.handler=value` list → map (error names the bad item). */
export function parseWrites(list: string[]): Record<string, string> {
  const w: Record<string, string> = {};
  for (const item of list) {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new Error(`--write ${item}: expected elem.handler=value`);
    w[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return w;
}

/** `--netfront N=in.pcap`, `--netfront N:out=out.pcap` (also device names: `eth0=x.pcap`). */
export function parseDeviceMap(list: string[]): DeviceMap {
  const m: DeviceMap = {};
  for (const item of list) {
    const r = /^([^=:]+)(?::(in|out))?=(.+)$/.exec(item);
    if (!r) throw new Error(`--netfront ${item}: expected N=file.pcap or N:out=file.pcap`);
    const e = (m[r[1]] ??= {});
    e[(r[2] ?? "in") as "in" | "out"] = r[3];
  }
  return m;
}

/** Reads handlers after a run; `elem.handlers` lists an element's handlers; errors are values, not throws. */
export function readHandlers(router: Router, paths: string[]): Record<string, { value?: string; error?: string }> {
  const out: Record<string, { value?: string; error?: string }> = {};
  for (const p of paths) {
    try { out[p] = { value: router.readHandler(p) }; } catch (e) { out[p] = { error: (e as Error).message }; }
  }
  return out;
}

/** Every readable handler of every element (for --json without -h). */
export function allReadHandlers(router: Router): string[] {
  const paths: string[] = [];
  for (const e of router.elements)
    for (const h of router.handlersOf(e)) if (h.read && h.name !== "handlers") paths.push(`${e.name}.${h.name}`);
  return paths;
}

export function jsonReport(stats: RunStats, handlers: Record<string, { value?: string; error?: string }>, files: string[]): string {
  const mpps = stats.elapsedMs > 0 ? stats.packetsIn / stats.elapsedMs / 1000 : 0;
  const trapReports = stats.trapReports.map((t) => ({ ...t, timestampNs: String(t.timestampNs) }));
  return JSON.stringify({ stats: { ...stats, trapReports, mpps: Number(mpps.toFixed(3)) }, handlers, files }, null, 2);
}

export function formatHandlers(handlers: Record<string, { value?: string; error?: string }>): string {
  return Object.entries(handlers).map(([p, r]) => r.error !== undefined ? `${p}: error: ${r.error}`
    : r.value!.includes("\n") ? `${p}:\n${r.value}` : `${p}: ${r.value}`).join("\n");
}

/** "1234567 packets, 2.31 Mpps, 0.5 s" */
export function progressLine(packets: number, elapsedMs: number): string {
  const pps = elapsedMs > 0 ? packets / (elapsedMs / 1000) : 0;
  const rate = pps >= 1e6 ? `${(pps / 1e6).toFixed(2)} Mpps` : pps >= 1e3 ? `${(pps / 1e3).toFixed(1)} kpps` : `${Math.round(pps)} pps`;
  return `${packets} packets, ${rate}, ${(elapsedMs / 1000).toFixed(1)} s`;
}

/** A progress callback for runClick that redraws one line, only on a TTY (silent otherwise). */
export function progressReporter(stream: { isTTY?: boolean; write(s: string): unknown }): ((packets: number, elapsedMs: number) => void) | undefined {
  if (!stream.isTTY) return undefined;
  return (p, ms) => { stream.write(`\r${progressLine(p, ms)}\x1b[K`); };
}
