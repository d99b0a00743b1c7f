// Packet fuzzing of every standard element class in the Node host: random and
// malformed packets (packet-arbitraries.ts) through each class with a valid
// sample configuration (element-configs.ts), in batches of 1, 3 and 256.
// Properties, per case: the host never throws, the case ends (fuel bounds any
// loop), packets out <= packets in + packets the element created, every packet
// slot is released, and the element never traps on bad input.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { readMeta } from "../../runtime/src/host/validate.ts";
import { ensureStandardElementsBuilt } from "../support/build-once.ts";
import { ELEMENT_CONFIGS } from "./element-configs.ts";
import { FuzzGraph } from "./fuzz-graph.ts";
import { caseArb } from "./packet-arbitraries.ts";
import { report, fuzzRuns, SEED } from "./report.ts";

let elements = "";
beforeAll(async () => { elements = await ensureStandardElementsBuilt(); }, 600_000);
const RUNS = fuzzRuns(300);
const rows: { input: string; cases: number; outcome: string }[] = [];
afterAll(() => report("packet-fuzz", {
  title: "Packet fuzzing of every standard element (Node host)",
  rows,
  notes: "Packets: IPv4 with random version/IHL/total length/fragment fields/TTL/protocol/options, good or bad checksums, " +
    "cut anywhere; Ethernet frames carrying IPv4, ARP, PPPoE discovery or garbage; raw bytes; zero-length packets; jumbo frames " +
    "of 2049–9216 bytes. Each case is up to 24 packets per input in batches of 1, 3 or 256. Checked per case: no host exception, " +
    "termination, packets out ≤ in + created, no leaked packet slot, no trap.",
}));

describe("packet fuzzing, every element class", () => {
  it("element-configs.ts covers every class in elements.wasm", () => {
    const meta = readMeta(new Uint8Array(readFileSync(elements)), elements);
    expect(ELEMENT_CONFIGS.map((t) => t.cls).sort()).toEqual(meta.classes.map((c) => c.name).sort());
  });

  for (const t of ELEMENT_CONFIGS) {
    it(`${t.cls}(${t.conf.length > 40 ? t.conf.slice(0, 40) + "…" : t.conf})`, () => {
      const g = new FuzzGraph(t, elements);
      let packets = 0, out = 0, created = 0;
      fc.assert(fc.property(caseArb(t.encap, t.inputs), (c) => {
        const r = g.run(c.frames, c.burst);
        expect(r.traps, `trap on fuzzed input: ${r.lastTrap}`).toBe(0);
        expect(r.leaked).toBe(0);
        expect(r.out).toBeLessThanOrEqual(r.in + Math.max(0, r.emitted));
        packets += r.in; out += r.out; created += Math.max(0, r.emitted);
      }), { seed: SEED, numRuns: RUNS });
      rows.push({ input: `${t.cls}(${t.conf}) — ${t.inputs} input(s), ${t.outputs} output(s)`, cases: RUNS, outcome: `${packets} packets in, ${out} out, ${created} created; no crash, no trap, no leak` });
    });
  }
});
