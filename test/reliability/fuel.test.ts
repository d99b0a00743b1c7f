// Fuel metering (sdk/src/build/fuel.ts): a runaway loop ends in a contained
// "out of fuel" trap; the budget comes from clickos.meta (or the host's limits);
// an unmetered build has no fuel export; a host that never refuels a metered
// module runs it unmetered.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { readFileSync } from "node:fs";
import { runClick, pcapOf, framesOf } from "../../sdk/src/testing/index.ts";
import { readMeta } from "../../runtime/src/host/validate.ts";
import { hostLimits } from "../../runtime/src/host/wasm-module.ts";
import { fuelOption } from "../../sdk/src/build/build.ts";
import { DEFAULT_FUEL, FUEL_EXPORT } from "../../sdk/src/build/fuel.ts";
import { faultyWasm, normal, poison } from "./support.ts";
import { report } from "./report.ts";

let metered = "", unmetered = "";
beforeAll(async () => { [metered, unmetered] = await Promise.all([faultyWasm(), faultyWasm({ fuel: false })]); }, 180_000);
let cases = 0;
afterAll(() => report("fuel", {
  title: "Runaway loops and fuel (Node host)",
  rows: [{ input: "Faulty(loop): an endless loop on the trigger packet; budgets from metadata and host; unmetered builds", cases, outcome: "out-of-fuel trap, batch dropped, module re-created, later batches forwarded; no hang" }],
}));

const loopConf = "FromDump(in.pcap) -> f :: Faulty(loop) -> ToDump(out.pcap);";

describe("fuel metering", () => {
  it("a runaway loop is stopped by the fuel and contained like any trap", () => {
    const input = Array.from({ length: 600 }, (_, i) => (i === 300 ? poison() : normal(i)));
    const r = runClick(loopConf, { files: { "in.pcap": pcapOf(input) }, modules: [metered], elements: false, log: () => {} });
    expect(r.read("f.traps")).toBe("1");
    expect(r.read("f.last_trap")).toMatch(new RegExp(`out of fuel: more than ${DEFAULT_FUEL} units of work .* runaway loop`));
    expect(framesOf(r.files["out.pcap"]).length).toBe(256 + 88);
    cases++;
  });

  it("the build records the budget in clickos.meta and exports clickos_fuel_set; --fuel off does neither", () => {
    const on = new Uint8Array(readFileSync(metered)), off = new Uint8Array(readFileSync(unmetered));
    expect((readMeta(on, "on") as { fuel?: number }).fuel).toBe(DEFAULT_FUEL);
    expect((readMeta(off, "off") as { fuel?: number }).fuel).toBeUndefined();
    const exp = (b: Uint8Array) => WebAssembly.Module.exports(new WebAssembly.Module(b)).map((e) => e.name);
    expect(exp(on)).toContain(FUEL_EXPORT);
    expect(exp(off)).not.toContain(FUEL_EXPORT);
    cases++;
  });

  it("a host that never calls clickos_fuel_set runs the module unmetered", async () => {
    const mod = new WebAssembly.Module(new Uint8Array(readFileSync(metered)));
    const noop = () => {};
    const inst = new WebAssembly.Instance(mod, {
      clickos: { log: noop, error: noop, now_ns: () => 0n, random: noop, timer_schedule: noop, timer_cancel: noop },
      env: { abort: () => { throw new Error("abort"); }, trace: noop, seed: () => 1 },
    });
    const set = inst.exports[FUEL_EXPORT] as (f: bigint) => bigint;
    const left = set(5n);               // what instantiation left of the initial fuel
    expect(left > 2n ** 62n).toBe(true);
    expect(set(0n)).toBe(5n);           // returns the previous value
    cases++;
  });

  it("the host's budget overrides the metadata's", () => {
    const saved = hostLimits.fuel;
    hostLimits.fuel = 400;   // enough for configure and a clean batch of 100 (measured), not for the loop
    try {
      const input = [...Array.from({ length: 100 }, (_, i) => normal(i)), poison()];
      const r = runClick("FromDump(in.pcap, BURST 100) -> f :: Faulty(loop) -> ToDump(out.pcap);", { files: { "in.pcap": pcapOf(input) }, modules: [metered], elements: false, log: () => {} });
      expect(r.read("f.last_trap")).toMatch(/out of fuel: more than 400 units/);
      expect(framesOf(r.files["out.pcap"]).length).toBe(100);
    } finally { hostLimits.fuel = saved; }
    cases++;
  });

  it("fuelOption: numbers, \"off\", and a clear error for anything else", () => {
    expect(fuelOption(undefined)).toBe(DEFAULT_FUEL);
    expect(fuelOption(5000)).toBe(5000);
    expect(fuelOption("123")).toBe(123);
    expect(fuelOption("off")).toBe(false);
    expect(fuelOption(false)).toBe(false);
    expect(() => fuelOption(-3, "p/package.json")).toThrow(/p\/package\.json: clickos\.fuel must be a positive integer \(units of work per crossing\) or "off", not -3/);
    expect(() => fuelOption("lots")).toThrow(/not "lots"/);
    cases++;
  });
});
