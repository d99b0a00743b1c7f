// WebAssembly elements that pull for themselves (the standard library's
// RoundRobinSched, PrioSched, Unqueue) in the Node host's graph: nested
// crossings when what they pull from is an element of their own module, push
// outputs after a task, handlers, a source written as a task, and the limits
// of tracing.
import { beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { buildPackage } from "@clickos/sdk";
import { runClick } from "../../src/run.ts";
import { CrossingTrace } from "../../src/host/trace.ts";
import { packetsOf, pcap } from "./helpers.ts";

const run = (config: string, files: Record<string, Uint8Array>) => runClick(config, { files, configFile: "t.click", log: () => {} });

describe("WASM pull outputs and tasks", () => {
  it("a scheduler pulling through an agnostic WASM chain (a crossing nested in its own) gives Click's packets", () => {
    const input = pcap(300);
    const r = run(`FromDump(in.pcap) -> s :: RoundRobinSwitch;
      s[0] -> q0 :: Queue(1000) -> [0]rr :: RoundRobinSched;
      s[1] -> q1 :: Queue(1000) -> Strip(14) -> CheckIPHeader -> DecIPTTL -> Unstrip(14) -> [1]rr;
      rr -> u :: Unqueue(BURST 16) -> c :: Counter -> ToDump(out.pcap);`, { "in.pcap": input });
    const out = packetsOf(r.files["out.pcap"]);
    const sent = packetsOf(input);
    expect(out).toHaveLength(300);
    // Round robin over the two queues gives the capture's order back; odd
    // packets went through DecIPTTL (TTL 64 -> 63, checksum updated).
    for (let i = 0; i < 300; i++) {
      expect(out[i].length).toBe(sent[i].length);
      expect(out[i][22]).toBe(i % 2 ? 63 : 64);
    }
    expect(r.read("u.count")).toBe("300");
    expect(r.read("c.count")).toBe("300");
    expect(r.router.store.live).toBe(0);
  });

  it("Unqueue's push output feeds WASM elements of its module, and its handlers work", () => {
    const r = run(`FromDump(in.pcap) -> q :: Queue(1000) -> u :: Unqueue(4, LIMIT 250) -> Strip(14) -> s :: CheckIPHeader -> Discard;`, { "in.pcap": pcap(400) });
    expect(r.read("u.count")).toBe("250");
    expect(r.read("q.length")).toBe("150");
    expect(r.read("u.limit")).toBe("250");
    expect(r.read("s.drops")).toBe("0");
  });

  it("Unqueue(ACTIVE false) pulls nothing; writing active true later is a handler like Click's", () => {
    const r = run(`FromDump(in.pcap) -> q :: Queue(1000) -> u :: Unqueue(ACTIVE false) -> Discard;`, { "in.pcap": pcap(10) });
    expect(r.read("u.count")).toBe("0");
    expect(r.read("q.length")).toBe("10");
    r.write("u.active", "true");
    expect(r.read("u.active")).toBe("true");
  });

  it("PrioSched drains input 0 before input 1 (Queues filled before the first pull)", () => {
    const r = run(`FromDump(in.pcap) -> s :: RoundRobinSwitch;
      s[0] -> hi :: Queue(1000) -> [0]p :: PrioSched;
      s[1] -> lo :: Queue(1000) -> [1]p;
      p -> ToDump(out.pcap, BURST 300);`, { "in.pcap": pcap(200) });
    const out = packetsOf(r.files["out.pcap"]);
    const sent = packetsOf(pcap(200));
    // FromDump pushes its batch before ToDump's first pull: every even packet, then every odd one.
    expect(out).toEqual([...sent.filter((_, i) => i % 2 === 0), ...sent.filter((_, i) => i % 2 === 1)]);
  });

  describe("a source written as a task (no inputs: Packet.make in runTask)", () => {
    let wasm = "";
    beforeAll(async () => {
      wasm = (await buildPackage({ dir: join(import.meta.dirname, "fixtures", "pkg-source"), out: join(mkdtempSync(join(tmpdir(), "pkg-source-")), "source.wasm") })).wasm;
    }, 600_000);

    it("sends what its task makes, in order, into push elements of the standard module; the run ends when it stops working", () => {
      const r = runClick(`s :: CountSource(9, BURST 4) -> Paint(7) -> q :: Queue -> u :: Unqueue(2) -> c :: Counter -> ToDump(out.pcap);`,
        { files: {}, modules: [wasm], configFile: "t.click", log: () => {} });
      expect(packetsOf(r.files["out.pcap"]).map((p) => p[3])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
      expect(r.read("s.sent")).toBe("9");
      expect(r.read("c.count")).toBe("9");
      expect(r.router.store.live).toBe(0);
    });
  });

  it("a crossing trace refuses pull outputs and tasks with a message naming the element", () => {
    expect(() => runClick(`FromDump(in.pcap) -> Queue -> u :: Unqueue -> Discard;`, { files: { "in.pcap": pcap(3) }, log: () => {}, trace: new CrossingTrace() }))
      .toThrow(/u: a crossing trace cannot record pull outputs and tasks written in WebAssembly yet/);
  });
});
