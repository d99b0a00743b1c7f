// Shared by the make-*-fixtures.ts scripts of the standard element library: writes
// a golden test's input capture and its expected output captures from a list of
// cases, each an input frame and the frame(s) each output should see because of
// it. Expected frames are built by the scripts with the packet builder (which
// computes lengths and checksums itself), never by running the elements.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { writePcap, type WritableRecord } from "@clickos/runtime";

export const LINK_ETHER = 1;
export const LINK_RAW = 101; // what ToDump(..., ENCAP IP) writes

export interface Case {
  in: Uint8Array;
  /** Output variable (e.g. "OUT", "BAD") → the frame(s) it should receive for this input. */
  out?: Record<string, Uint8Array | Uint8Array[]>;
}

export interface GoldenSpec {
  /** Directory of the tests (usually import.meta.dirname). */
  dir: string;
  /** Test name, e.g. "Strip-01". */
  name: string;
  /** Link type of the input capture (default Ethernet). */
  inLink?: number;
  /** Output variables → link type of the capture ToDump writes for them. */
  outputs: Record<string, number>;
  cases: Case[];
  /** Expected handler values read after the run ("elem.handler" → value). */
  handlers?: Record<string, string>;
  /** Timestamp of every input packet, instead of one millisecond apart. */
  sameTimestamp?: boolean;
}

const T0 = 1_700_000_000_000_000_000n; // 2023-11-14, whole microseconds

export function timestampOf(i: number, same = false): bigint {
  return same ? T0 : T0 + BigInt(i) * 1_000_000n;
}

/** Where a generator writes: its own directory, or CLICKOS_FIXTURES_OUT when set
 *  (test/architecture/golden-generators.test.ts regenerates every fixture there
 *  and compares it with the committed one). */
export function fixturesOut(dir: string): string {
  return process.env.CLICKOS_FIXTURES_OUT ?? dir;
}

export function writeGolden(spec: GoldenSpec): void {
  const inputs: WritableRecord[] = [];
  const outs: Record<string, WritableRecord[]> = {};
  for (const v of Object.keys(spec.outputs)) outs[v] = [];
  spec.cases.forEach((c, i) => {
    const ts = timestampOf(i, spec.sameTimestamp);
    inputs.push({ data: c.in, timestampNs: ts });
    for (const [v, frames] of Object.entries(c.out ?? {})) {
      if (!outs[v]) throw new Error(`${spec.name}: case ${i} names undeclared output ${v}`);
      for (const f of Array.isArray(frames) ? frames : [frames]) outs[v].push({ data: f, timestampNs: ts });
    }
  });
  const put = (file: string, bytes: Uint8Array | string) => writeFileSync(join(fixturesOut(spec.dir), file), bytes);
  put(`${spec.name}.IN.pcap`, writePcap(inputs, { linkType: spec.inLink ?? LINK_ETHER, snaplen: 65535 }));
  for (const [v, link] of Object.entries(spec.outputs)) {
    put(`${spec.name}.${v}.pcap`, writePcap(outs[v], { linkType: link, snaplen: 65535 }));
  }
  if (spec.handlers) put(`${spec.name}.handlers.json`, JSON.stringify(spec.handlers, null, 2) + "\n");
}

/** A copy of `b` with bytes changed: `set(frame, {offset: value, ...})`. */
export function patch(b: Uint8Array, changes: Record<number, number>): Uint8Array {
  const c = b.slice();
  for (const [k, v] of Object.entries(changes)) c[Number(k)] = v;
  return c;
}

/** `b` zero-padded to `n` bytes (Ethernet minimum frame padding). */
export function pad(b: Uint8Array, n: number): Uint8Array {
  if (b.length >= n) return b;
  const c = new Uint8Array(n);
  c.set(b);
  return c;
}

/** Concatenation of byte arrays. */
export function cat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}
