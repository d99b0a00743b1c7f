// The pcap fixture every template ships (test/fixtures/mixed.pcap): a few raw-IP
// packets (LINKTYPE_RAW, what `tcpdump -y RAW` writes), so FromDump hands the
// template elements IP headers at offset 0 with no Ethernet to strip. Built with
// the SDK's packet builder; template-fixtures.test.ts checks the committed files
// against this, and `npx tsx --conditions source test/scaffold/template-fixtures.ts
// --write` rewrites them.

import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { pkt } from "@clickos/sdk/testing";
import { writePcap } from "@clickos/runtime";

export const TEMPLATES = ["simple", "classifier", "stateful", "scheduler"] as const;
export const LINKTYPE_RAW = 101;

/** The packets of mixed.pcap, in order; the template tests restate them with changes. */
export function mixedPackets(): Uint8Array[] {
  const a = "10.0.0.1", b = "10.0.0.2", c = "10.0.0.3", d = "10.0.0.4";
  return [
    pkt.ipv4({ src: a, dst: b, ttl: 64, id: 1 }).tcp({ sport: 1234, dport: 80, flags: "S" }).build(),
    pkt.ipv4({ src: b, dst: a, ttl: 64, id: 2 }).tcp({ sport: 80, dport: 1234, flags: "SA" }).build(),
    pkt.ipv4({ src: c, dst: d, ttl: 1, id: 3 }).udp({ sport: 40000, dport: 9 }).payload("query").build(),
    pkt.ipv4({ src: a, dst: b, ttl: 64, id: 4 }).tcp({ sport: 1234, dport: 80, flags: "A" }).build(),
    pkt.ipv4({ src: a, dst: d, ttl: 200, id: 5 }).icmp({ type: 8, code: 0, id: 7, seq: 1 }).payload("ping").build(),
    pkt.ipv4({ src: c, dst: d, ttl: 1, id: 6 }).udp({ sport: 40000, dport: 9 }).payload("again").build(),
    // Not an IPv4 header (version 6 nibble, 10 bytes): the elements' malformed case.
    Uint8Array.from([0x60, 0, 0, 0, 0, 0, 0x3b, 64, 0, 0]),
    pkt.ipv4({ src: a, dst: b, ttl: 63, id: 8 }).tcp({ sport: 1234, dport: 80, flags: "F" }).build(),
  ];
}

export function mixedPcap(): Uint8Array {
  // One packet per millisecond from a fixed instant, so the file never changes.
  const t0 = 1_700_000_000_000_000_000n;
  return writePcap(mixedPackets().map((data, i) => ({ data, timestampNs: t0 + BigInt(i) * 1_000_000n })), { linkType: LINKTYPE_RAW });
}

export function fixturePath(template: string): string {
  return fileURLToPath(new URL(`../../create-clickos-element/template-${template}/test/fixtures/mixed.pcap`, import.meta.url));
}

if (process.argv.includes("--write")) {
  for (const t of TEMPLATES) writeFileSync(fixturePath(t), mixedPcap());
}
