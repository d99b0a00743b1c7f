// Trap containment in the Node host: a trap drops only the packets in flight, is
// counted and readable through handlers, and the module is re-instantiated with
// its elements re-created from their configurations while the graph keeps going.
import { describe, it, expect, beforeAll } from "vitest";
import { runClick } from "../../src/index.ts";
import { pkt, pcapOf, framesOf } from "../../../sdk/src/testing/index.ts";
import { faultyWasm } from "./faulty-module.ts";

let wasm = "";
beforeAll(async () => { wasm = await faultyWasm(); }, 120_000);

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
    it(`${mode}: drops the batch in flight, counts the trap, keeps forwarding`, () => {
      // BURST 1 would isolate the poison packet; with one batch the whole batch is in flight.
      const input = traffic();
      const r = runClick(config(mode), { files: { "in.pcap": pcapOf(input) }, modules: [wasm], elements: false, log: () => {} });
      const out = framesOf(r.files["out.pcap"]);
      expect(r.read("f.traps")).toBe("1");
      expect(r.read("f.last_trap")).not.toBe("");
      // The whole batch of 20 was in flight: all of it is dropped, nothing else.
      expect(out.length).toBe(0);
      expect(r.stats.trapDrops).toBe(20);
    });
  }

  it("later batches are forwarded by the re-created element, with its configuration", () => {
    const input: Uint8Array[] = [];
    for (let i = 0; i < 600; i++) input.push(i === 300 ? poison() : normal(i));
    const r = runClick(config("unreachable"), { files: { "in.pcap": pcapOf(input) }, modules: [wasm], elements: false, log: () => {} });
    const out = framesOf(r.files["out.pcap"]);
    // Batches are 256 packets: [0,256) passes, [256,512) holds the poison and is lost, [512,600) passes.
    expect(out.length).toBe(256 + 88);
    expect(r.read("f.traps")).toBe("1");
    // Re-created from "unreachable": state restarts (seen counts only the last batch) and the mode is kept.
    expect(r.read("f.seen")).toBe("88");
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
    // a's state was re-created too (same module instance): its counter restarted.
    expect(r.read("a.seen")).toBe("0");
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
