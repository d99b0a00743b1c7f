// Shared by the examples' make-traffic.ts scripts: writes an example's input
// captures (next to its configuration) and the expected output captures (in
// expected/), each built independently with the packet builder, never by running
// the configuration. Timestamps: packets are 1 ms apart and capture k starts
// k × 100 µs after the first, so with BURST 1 sources (one packet per source per
// scheduler round, in declaration order) the replay order is also time order.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writePcap } from "@clickos/runtime";

export const BASE_NS = 1_700_000_000_000_000_000n;

/** A pcap of `frames`, 1 ms apart from `startNs` (linkType 1: Ethernet, 101: raw IP). */
export function capture(frames: Uint8Array[], startNs = BASE_NS, linkType = 1): Uint8Array {
  return writePcap(frames.map((data, i) => ({ data, timestampNs: startNs + BigInt(i) * 1_000_000n })), { linkType });
}

export interface ExampleCaptures {
  /** Input captures by file name (netfront0.pcap, ...), in replay order. */
  inputs: Record<string, Uint8Array[]>;
  /** Expected output captures by the base name of the file the config writes. */
  expected: Record<string, Uint8Array[]>;
  linkTypes?: Record<string, number>;
}

/** Writes the inputs into `dir` and the expected outputs into `dir/expected`. */
export function writeExample(dirUrl: URL, c: ExampleCaptures): void {
  const dir = dirUrl.pathname;
  mkdirSync(join(dir, "expected"), { recursive: true });
  Object.entries(c.inputs).forEach(([name, frames], k) => {
    writeFileSync(join(dir, name), capture(frames, BASE_NS + BigInt(k) * 100_000n, c.linkTypes?.[name] ?? 1));
  });
  for (const [name, frames] of Object.entries(c.expected)) {
    writeFileSync(join(dir, "expected", name), capture(frames, BASE_NS, c.linkTypes?.[name] ?? 1));
  }
  const n = (r: Record<string, Uint8Array[]>) => Object.entries(r).map(([k, v]) => `${k} (${v.length})`).join(", ");
  console.log(`${dir}: inputs ${n(c.inputs)}; expected ${n(c.expected)}`);
}

/** "aa:bb:..." → the 6 bytes, for hand-built frames (PPPoE and such). */
export function macBytes(mac: string): number[] {
  return mac.split(":").map((h) => parseInt(h, 16));
}
