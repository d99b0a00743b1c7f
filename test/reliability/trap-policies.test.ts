// Trap policies in the Node host, for every fault class Faulty can commit:
// restart (default) keeps the element running after the module is re-created,
// bypass skips it (packets go straight to output 0, unmodified), disable drops
// everything that reaches it. Set by the trap_policy write handler or by the
// TRAP_POLICY keyword in the element's configuration.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { runClick, pcapOf, framesOf } from "@clickos/sdk/testing";
import { FAULTS, faultyWasm, normal, poison } from "./support.ts";
import { report } from "./report.ts";

let wasm = "";
beforeAll(async () => { wasm = await faultyWasm(); }, 600_000);
const outcomes: string[] = [];
afterAll(() => report("trap-policies", {
  title: "Trap policies × fault classes (Node host)",
  rows: [{ input: "Faulty(MODE) with TRAP_POLICY restart / bypass / disable, 600 packets, poison at 300 and 550", cases: outcomes.length, outcome: outcomes.join("; ") }],
}));

// Batches are 256 packets: [0,256) clean, [256,512) holds the first poison,
// [512,600) holds the second one (at 550). A trap costs only its packet: the
// rest of the batch runs again, one packet at a time, and the policy trips at
// the poisoned packet itself, so the outcome does not depend on batch sizes.
function traffic(): Uint8Array[] {
  return Array.from({ length: 600 }, (_, i) => (i === 300 || i === 550 ? poison() : normal(i)));
}

function run(mode: string, how: string, policy: string) {
  const conf = how === "keyword" ? `${mode}, TRAP_POLICY ${policy}` : mode;
  const input = traffic();
  const r = runClick(`FromDump(in.pcap) -> f :: Faulty(${conf}) -> ToDump(out.pcap);`, {
    files: { "in.pcap": pcapOf(input) }, modules: [wasm], elements: false, log: () => {},
    writes: how === "handler" ? { "f.trap_policy": policy } : {},
  });
  return { r, input, out: framesOf(r.files["out.pcap"]) };
}

describe("trap policies (Node host)", () => {
  for (const mode of FAULTS) {
    it(`${mode} / restart: only the two poisoned packets are lost, the re-created element forwards the rest`, () => {
      const { r, out, input } = run(mode, "default", "restart");
      expect(r.read("f.traps")).toBe("2");
      expect(r.read("f.trap_state")).toBe("active");
      expect(out).toEqual(input.filter((_, i) => i !== 300 && i !== 550));
      expect(r.stats.trapDrops).toBe(2);
      expect(r.stats.trapReports.map((t) => t.packet)).toEqual([301, 551]);
      outcomes.push(`${mode}/restart ok`);
    });

    it(`${mode} / bypass: after the first trap packets pass unmodified, poison included`, () => {
      const { r, out, input } = run(mode, "keyword", "bypass");
      expect(r.read("f.trap_policy")).toBe("bypass");
      expect(r.read("f.traps")).toBe("1");
      expect(r.read("f.trap_state")).toBe("bypassed");
      expect(r.read("f.seen")).toBe("0");            // re-created, never run again
      expect(out).toEqual(input.filter((_, i) => i !== 300)); // byte-identical, the second poison too
      expect(r.stats.trapDrops).toBe(1);
      outcomes.push(`${mode}/bypass ok`);
    });

    it(`${mode} / disable: after the first trap everything reaching the element is dropped`, () => {
      const { r, out, input } = run(mode, "handler", "disable");
      expect(r.read("f.traps")).toBe("1");
      expect(r.read("f.trap_state")).toBe("disabled");
      expect(out).toEqual(input.slice(0, 300));
      expect(r.stats.trapDrops).toBe(1);
      expect(r.stats.dropped).toBe(299);
      outcomes.push(`${mode}/disable ok`);
    });
  }

  it("bypass inside a resident chain of one module: the downstream element still runs", () => {
    const input = traffic();
    const r = runClick("FromDump(in.pcap) -> a :: Faulty(unreachable, TRAP_POLICY bypass) -> b :: Faulty(none) -> ToDump(out.pcap);", {
      files: { "in.pcap": pcapOf(input) }, modules: [wasm], elements: false, log: () => {},
    });
    expect(framesOf(r.files["out.pcap"])).toEqual(input.filter((_, i) => i !== 300));
    expect(r.read("a.trap_state")).toBe("bypassed");
    expect(r.read("b.seen")).toBe("299");  // b was re-created with the module at the poison, then saw 301..599
  });

  it("writing trap_policy re-arms a tripped element", () => {
    const input = [poison(), normal(1)];
    const r = runClick("FromDump(in.pcap, BURST 1) -> f :: Faulty(divzero, TRAP_POLICY disable) -> ToDump(out.pcap);", {
      files: { "in.pcap": pcapOf(input) }, modules: [wasm], elements: false, log: () => {},
    });
    expect(r.read("f.trap_state")).toBe("disabled");
    r.write("f.trap_policy", "restart");
    expect(r.read("f.trap_state")).toBe("active");
    expect(() => r.write("f.trap_policy", "explode")).toThrow(/trap_policy: expected restart, bypass, disable, got 'explode'/);
  });

  it("a bad TRAP_POLICY value is a configuration error naming the element", () => {
    expect(() => runClick("FromDump(in.pcap) -> f :: Faulty(none, TRAP_POLICY sometimes) -> Discard;", {
      files: { "in.pcap": pcapOf([normal(1)]) }, modules: [wasm], elements: false, configFile: "p.click",
    })).toThrow(/p\.click:1: While configuring 'f :: Faulty':\n  TRAP_POLICY must be one of restart, bypass, disable \(got 'sometimes'\)/);
  });
});
