// Fixtures for RoundRobinSched-01, PrioSched-01 and Unqueue-01..02.
// Run: npx tsx --conditions=source <this file>
//
// The schedulers pull from InfiniteSources in pull mode, which give a packet on
// every pull until their LIMIT: what a scheduler returns then depends only on
// its policy, not on when the router's tasks run (as it would with Queues fed
// by a FromDump), so the expected order is Click's whatever the host.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { writePcap } from "@clickos/runtime";
import { writeGolden, fixturesOut, timestampOf, LINK_ETHER } from "./golden-fixtures.ts";
import { numbered, range } from "./frames.ts";

const dir = import.meta.dirname;

/** The frame InfiniteSource(DATA \<hex>) makes: 14 bytes, byte `b` repeated. */
const filled = (b: number) => new Uint8Array(14).fill(b);
const hex = (b: number) => b.toString(16).padStart(2, "0").repeat(14);

/** A scheduler case: `cls` pulling from InfiniteSources of `limits` packets
 *  (source i fills its frames with byte base + i); `out` is what it should give. */
function writeSchedulerCase(name: string, why: string, cls: string, base: number, limits: number[], out: Uint8Array[]): void {
  const config = [
    `// ${why}`,
    `s :: ${cls} -> ToDump($OUT);`,
    ...limits.map((n, i) => `InfiniteSource(DATA \\<${hex(base + i)}>, LIMIT ${n}) -> [${i}]s;`),
    "",
  ].join("\n");
  const records = out.map((data, i) => ({ data, timestampNs: timestampOf(i) }));
  writeFileSync(join(fixturesOut(dir), `${name}.OUT.pcap`), writePcap(records, { linkType: LINK_ETHER, snaplen: 65535 }));
  writeFileSync(join(fixturesOut(dir), `${name}.click`), config);
}

// RoundRobinSched: 3 from input 0, 5 from input 1, 2 from input 2, one at a
// time in turn, skipping inputs that ran dry.
{
  const limits = [3, 5, 2];
  const left = [...limits], out: Uint8Array[] = [];
  for (let i = 0; out.length < 10; i = (i + 1) % 3) if (left[i] > 0) { left[i]--; out.push(filled(0xa0 + i)); }
  writeSchedulerCase("RoundRobinSched-01", "Each pull takes the next input in turn; an input that ran dry is skipped.", "RoundRobinSched", 0xa0, limits, out);
}

// PrioSched: input 0 until it runs dry, then input 1, then input 2.
{
  const limits = [2, 4, 3];
  const out = limits.flatMap((n, i) => range(n).map(() => filled(0xb0 + i)));
  writeSchedulerCase("PrioSched-01", "Input 0 first, always: lower inputs only when the higher ones have nothing.", "PrioSched", 0xb0, limits, out);
}

// Unqueue: a pull-to-push converter; LIMIT stops it after 7 packets, whatever BURST.
writeGolden({
  dir, name: "Unqueue-01", outputs: { OUT: LINK_ETHER },
  cases: range(12).map((i) => ({ in: numbered(i), ...(i < 7 ? { out: { OUT: numbered(i) } } : {}) })),
  handlers: { "u.count": "7", "q.length": "5" },
});
// 600 packets, BURST -1 (pull until nothing comes back): all of them, in order.
writeGolden({
  dir, name: "Unqueue-02", outputs: { OUT: LINK_ETHER },
  cases: range(600).map((i) => ({ in: numbered(i), out: { OUT: numbered(i) } })),
  handlers: { "u.count": "600" },
});
