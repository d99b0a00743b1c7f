// Fuel metering by the host (runtime/src/wasm/meter.ts, applied by both hosts
// to every module before it runs): a runaway loop ends in a contained "out of
// fuel" trap that costs only its packet; the budget comes from clickos.meta
// (at most FUEL_MAX) or the host's limits; a module's own fuel claims count for
// nothing, and the start function is metered too.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { readFileSync } from "node:fs";
import { runClick, pcapOf, framesOf } from "@clickos/sdk/testing";
import { readMeta } from "../../runtime/src/host/validate.ts";
import { hostLimits } from "../../runtime/src/host/wasm-module.ts";
import { sandboxModule } from "../../runtime/src/host/sandbox.ts";
import { FUEL_EXPORT } from "../../runtime/src/wasm/meter.ts";
import { FUEL_DEFAULT, FUEL_MAX } from "@clickos/runtime";
import { fuelOption } from "../../sdk/src/build/build.ts";
import { faultyWasm, normal, poison } from "./support.ts";
import { report } from "./report.ts";

let wasm = "";
beforeAll(async () => { wasm = await faultyWasm(); }, 600_000);
let cases = 0;
afterAll(() => report("fuel", {
  title: "Runaway loops and fuel (Node host)",
  rows: [{ input: "Faulty(loop): an endless loop on the trigger packet; budgets from metadata and host; the host's own metering of every module", cases, outcome: "out-of-fuel trap, only the looping packet dropped, module re-created, the rest forwarded; no hang" }],
}));

const loopConf = "FromDump(in.pcap) -> f :: Faulty(loop) -> ToDump(out.pcap);";

describe("fuel metering", () => {
  it("a runaway loop is stopped by the fuel and contained like any trap", () => {
    const input = Array.from({ length: 600 }, (_, i) => (i === 300 ? poison() : normal(i)));
    const r = runClick(loopConf, { files: { "in.pcap": pcapOf(input) }, modules: [wasm], elements: false, log: () => {} });
    expect(r.read("f.traps")).toBe("1");
    expect(r.read("f.last_trap")).toMatch(new RegExp(`out of fuel: more than ${FUEL_DEFAULT} units of work .* runaway loop`));
    expect(framesOf(r.files["out.pcap"])).toEqual(input.filter((_, i) => i !== 300));
    cases++;
  });

  it("the build records the budget in clickos.meta and adds no fuel code: the host does (and exports clickos_fuel_set)", () => {
    const built = new Uint8Array(readFileSync(wasm));
    expect((readMeta(built, "m") as { fuel?: number }).fuel).toBe(FUEL_DEFAULT);
    const exp = (b: Uint8Array) => WebAssembly.Module.exports(new WebAssembly.Module(b as Uint8Array<ArrayBuffer>)).map((e) => e.name);
    expect(exp(built)).not.toContain(FUEL_EXPORT);
    const sandboxed = sandboxModule(built, "m", 1000);
    expect(exp(sandboxed)).toContain(FUEL_EXPORT);
    cases++;
  });

  it("the counter starts at the start budget and clickos_fuel_set returns what was left", () => {
    const mod = new WebAssembly.Module(sandboxModule(new Uint8Array(readFileSync(wasm)), "m", 5_000_000) as Uint8Array<ArrayBuffer>);
    const noop = () => {};
    const inst = new WebAssembly.Instance(mod, {
      clickos: { log: noop, error: noop, now_ns: () => 0n, random: noop, timer_schedule: noop, timer_cancel: noop, input_pull: () => 0, handler_text: noop },
      env: { abort: () => { throw new Error("abort"); }, trace: noop, seed: () => 1 },
    });
    const set = inst.exports[FUEL_EXPORT] as (f: bigint) => bigint;
    const left = set(5n);               // what instantiation left of the start budget
    expect(left > 0n && left <= 5_000_000n).toBe(true);
    expect(set(0n)).toBe(5n);           // returns the previous value
    cases++;
  });

  it("the host's budget overrides the metadata's", () => {
    const saved = hostLimits.fuel;
    hostLimits.fuel = 1000;  // enough for configure and one clean packet (measured; 400 was, before the package had four classes), not for the loop
    try {
      const input = [...Array.from({ length: 100 }, (_, i) => normal(i)), poison()];
      const r = runClick("FromDump(in.pcap, BURST 100) -> f :: Faulty(loop) -> ToDump(out.pcap);", { files: { "in.pcap": pcapOf(input) }, modules: [wasm], elements: false, log: () => {} });
      expect(r.read("f.last_trap")).toMatch(/out of fuel: more than 1000 units/);
      expect(framesOf(r.files["out.pcap"]).length).toBe(100);
    } finally { hostLimits.fuel = saved; }
    cases++;
  });

  it("fuelOption: numbers up to FUEL_MAX, and clear errors for \"off\" and anything else", () => {
    expect(fuelOption(undefined)).toBe(FUEL_DEFAULT);
    expect(fuelOption(5000)).toBe(5000);
    expect(fuelOption("123")).toBe(123);
    expect(() => fuelOption("off")).toThrow(/cannot be turned off: every ClickOS host meters every module itself/);
    expect(() => fuelOption(FUEL_MAX + 1)).toThrow(/from 1 to 100000000/);
    expect(() => fuelOption(-3, "p/package.json")).toThrow(/p\/package\.json: clickos\.fuel must be a whole number of work units per crossing from 1 to \d+, not -3/);
    expect(() => fuelOption("lots")).toThrow(/not "lots"/);
    cases++;
  });
});
