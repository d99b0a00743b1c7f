// Trap containment in the Node host: a trap costs only the packet that caused it
// (the rest of its batch runs again on the new instance), is counted, reported
// with the packet's number and timestamp, and readable through handlers; the
// module is re-instantiated with its elements re-created from their
// configurations while the graph keeps going.
import { describe, it, expect, beforeAll } from "vitest";
import { runClick } from "../../src/index.ts";
import { pkt, pcapOf, framesOf } from "@clickos/sdk/testing";
import { faultyWasm } from "./faulty-module.ts";

let wasm = "";
beforeAll(async () => { wasm = await faultyWasm(); }, 600_000);

const normal = (i: number) => pkt.ether({ dst: "02:00:00:00:00:02" }).ipv4({ id: i }).udp({ sport: 1000 + i, dport: 9 }).build();
const poison = () => pkt.ether({ dst: "ff:ff:ff:ff:ff:ff" }).ipv4().udp().build();

// Batches of 256: packets 0..9 normal, 10 poison, 11..19 normal.
function traffic(): Uint8Array[] {
  const f: Uint8Array[] = [];
  for (let i = 0; i < 20; i++) f.push(i === 10 ? poison() : normal(i));
  return f;
}

const config = (mode: string) => `FromDump(in.pcap) -> f :: Faulty(${mode}) -> ToDump(out.pcap);`;

describe("trap containment (Node host)", () => {
  for (const mode of ["unreachable", "oob", "divzero", "stack", "oom", "abort"]) {
    it(`${mode}: drops only the poisoned packet of the batch, counts and reports the trap, keeps forwarding`, () => {
      const input = traffic();
      const r = runClick(config(mode), { files: { "in.pcap": pcapOf(input) }, modules: [wasm], elements: false, log: () => {} });
      const out = framesOf(r.files["out.pcap"]);
      expect(r.read("f.traps")).toBe("1");
      expect(r.read("f.last_trap")).not.toBe("");
      // All 20 were in one batch: the 19 others are run again and forwarded, in order.
      expect(out).toEqual(input.filter((_, i) => i !== 10));
      expect(r.stats.trapDrops).toBe(1);
      expect(r.stats.traps).toBe(1);
      expect(r.stats.trapReports).toHaveLength(1);
      expect(r.stats.trapReports[0]).toMatchObject({ element: "f", packet: 11 });
      expect(r.stats.trapReports[0].message).toBe(r.read("f.last_trap"));
    });
  }

  it("later batches are forwarded by the re-created element, with its configuration", () => {
    const input: Uint8Array[] = [];
    for (let i = 0; i < 600; i++) input.push(i === 300 ? poison() : normal(i));
    const r = runClick(config("unreachable"), { files: { "in.pcap": pcapOf(input) }, modules: [wasm], elements: false, log: () => {} });
    const out = framesOf(r.files["out.pcap"]);
    // Batches are 256 packets: [256,512) holds the poison; only the poison is lost.
    expect(out).toEqual(input.filter((_, i) => i !== 300));
    expect(r.read("f.traps")).toBe("1");
    // Re-created from "unreachable": state restarts at the poison's own trap
    // (seen counts 301..599) and the mode is kept.
    expect(r.read("f.seen")).toBe("299");
    expect(r.read("f.config")).toBe("unreachable");
    expect(r.read("f.last_trap")).toMatch(/unreachable/);
  });

  it("an abort's message reaches last_trap", () => {
    const r = runClick(config("abort"), { files: { "in.pcap": pcapOf([poison()]) }, modules: [wasm], elements: false, log: () => {} });
    expect(r.read("f.last_trap")).toMatch(/faulty element: triggered by packet/);
  });

  it("elements of the same module downstream of a trap are re-created too", () => {
    const input = [normal(1), poison(), normal(2)];
    const r = runClick("FromDump(in.pcap) -> a :: Faulty(none) -> b :: Faulty(unreachable) -> ToDump(out.pcap);",
      { files: { "in.pcap": pcapOf(input) }, modules: [wasm], elements: false, log: () => {} });
    expect(r.read("b.traps")).toBe("1");
    expect(r.read("a.traps")).toBe("0");
    expect(r.read("a.module_traps")).toBe("1");
    // The batch runs again from a, one packet at a time; b's trap on the poison
    // re-created a too (same module instance): its counter restarted after it.
    expect(r.read("a.seen")).toBe("1");
    expect(framesOf(r.files["out.pcap"])).toEqual([input[0], input[2]]);
    expect(r.stats.trapReports.map((t) => [t.element, t.packet])).toEqual([["b", 2]]);
  });
});

describe("handlers of WASM elements", () => {
  it("reads and writes field and method handlers, rejects bad values with the argument's error", () => {
    const r = runClick("FromDump(in.pcap) -> f :: Faulty(none) -> Discard;", {
      files: { "in.pcap": pcapOf([normal(1), normal(2)]) }, modules: [wasm], elements: false,
      writes: { "f.limit": "42", "f.echo": "hello, world" },
    });
    expect(r.read("f.seen")).toBe("2");
    expect(r.read("f.limit")).toBe("42");
    expect(r.read("f.last")).toBe("hello, world");
    expect(() => r.write("f.limit", "many")).toThrow(/limit type mismatch: expected unsigned integer/);
    expect(() => r.write("f.seen", "1")).toThrow(/not writable/);
    expect(r.read("f.handlers")).toMatch(/seen\tr/);
  });

  it("configuration errors name the element, the file and line, and the argument", () => {
    expect(() => runClick("// the element is on line 2\nFromDump(in.pcap) -> f :: Faulty(explode) -> Discard;", {
      files: { "in.pcap": pcapOf([normal(1)]) }, modules: [wasm], elements: false, configFile: "bad.click",
    })).toThrow(/bad\.click:2: While configuring 'f :: Faulty':\n  MODE must be one of/);
    expect(() => runClick("FromDump(in.pcap) -> f :: Faulty(none, 3, 4) -> Discard;", {
      files: { "in.pcap": pcapOf([normal(1)]) }, modules: [wasm], elements: false, configFile: "bad.click",
    })).toThrow(/too many arguments/);
  });
});
