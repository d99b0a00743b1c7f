// Shared by the tcpudp and analysis fixture scripts: writes one golden case
// (<name>.click, <name>.<VAR>.pcap for inputs and expected outputs, and
// <name>.handlers.json). Expected frames come from the packet builder, never from
// running the element.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { writePcap } from "@clickos/runtime";
import { fixturesOut } from "../../standard/tests/golden-fixtures.ts";

export interface Frame { data: Uint8Array; t: number }

/** A frame at time `t` seconds. */
export const at = (t: number, data: Uint8Array): Frame => ({ data, t });

const ns = (t: number) => BigInt(Math.round(t * 1e6)) * 1000n;

export interface GoldenSpec {
  dir: string;
  name: string;
  click: string;
  /** Variables: IN, IN2 (inputs) and OUT, OUT1, ... (expected outputs). */
  files: Record<string, Frame[]>;
  handlers?: Record<string, string>;
}

export function writeCase(g: GoldenSpec): void {
  const dir = fixturesOut(g.dir);
  writeFileSync(join(dir, `${g.name}.click`), g.click.trimStart());
  for (const [v, frames] of Object.entries(g.files)) {
    const pcap = writePcap(frames.map((f) => ({ data: f.data, timestampNs: ns(f.t) })));
    writeFileSync(join(dir, `${g.name}.${v}.pcap`), pcap);
  }
  if (g.handlers) writeFileSync(join(dir, `${g.name}.handlers.json`), JSON.stringify(g.handlers, null, 2) + "\n");
}

/** The bytes of a built frame's TCP or UDP checksum field (IPv4, 20-byte IP header after 14 bytes of Ethernet). */
export function l4Checksum(frame: Uint8Array, proto: "tcp" | "udp", ipHeaderLen = 20): number {
  const o = 14 + ipHeaderLen + (proto === "tcp" ? 16 : 6);
  return (frame[o] << 8) | frame[o + 1];
}
