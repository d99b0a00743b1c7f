// The native host (minios-host: wasm2c + clickos_host.c, through the Linux
// harness clickos-run) against the same faulty element and the same fuzzed
// packets as the Node host:
//  - every fault class Faulty commits is contained under each trap policy
//    (restart, bypass, disable), the other packets are forwarded, exactly as
//    in the Node host;
//  - fuzzed packets through the one-input standard elements give byte-identical
//    outputs in both hosts, and natively with and without shared-input mode, in
//    batches and packet by packet (--one, the Click classes' crossing).
// Faulty(loop) runs too: the C host refills the fuel (clickos_fuel_set) before
// every crossing, so a runaway loop traps there as in the Node host.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import fc from "fast-check";
import { runClick, pcapOf, framesOf } from "@clickos/sdk/testing";
import { harnessFor, runHarness, nativeToolchainMissing } from "../../minios-host/test/native-support.ts";
import { ensureStandardElementsBuilt } from "../support/build-once.ts";
import { ELEMENT_CONFIGS } from "./element-configs.ts";
import { packetArb } from "./packet-arbitraries.ts";
import { faultyWasm, normal, poison } from "./support.ts";
import { report, fuzzRuns, SEED } from "./report.ts";

const missing = nativeToolchainMissing();
const NATIVE_FAULTS = ["unreachable", "oob", "divzero", "stack", "oom", "abort", "loop"];
const faultRows: string[] = [];
const confRows: { input: string; cases: number; outcome: string }[] = [];
afterAll(() => {
  report("native-faults", {
    title: "Fault classes in the native host (wasm2c, Linux harness)",
    rows: [{ input: "Faulty(MODE) with TRAP_POLICY restart / bypass / disable, batches of 1, 3 poisoned packets among 12", cases: faultRows.length, outcome: faultRows.join("; ") || "not run: " + missing }],
    notes: "Each compared with the Node host on the same input: same packets out, same trap count, same trap_state.",
  });
  report("host-conformance", { title: "Node host vs native host on fuzzed packets", rows: confRows });
});

describe.skipIf(missing)(`native host (${missing ?? "wasm2c + cc"})`, () => {
  let faultyExe = "", elementsExe = "", elements = "", faulty = "";
  beforeAll(async () => {
    [elements, faulty] = await Promise.all([ensureStandardElementsBuilt(), faultyWasm()]);
    [faultyExe, elementsExe] = await Promise.all([harnessFor(faulty), harnessFor(elements)]);
  }, 900_000);

  for (const mode of NATIVE_FAULTS) {
    it(`${mode}: each trap drops only its packet, is counted, and the module is re-created`, () => {
      const input = Array.from({ length: 12 }, (_, i) => (i % 4 === 1 ? poison() : normal(i)));
      const r = runHarness(faultyExe, `f :: Faulty(${mode})`, input, ["--batch", "1"], ["traps", "f.seen"], { out1: false });
      expect(r.status, r.stderr).toBe(0);
      expect(r.handlers["traps"]).toBe("3");
      expect(r.out).toEqual(input.filter((_, i) => i % 4 !== 1));
      // the same input in the Node host: same survivors, same trap count
      const n = runClick(`FromDump(in.pcap, BURST 1) -> f :: Faulty(${mode}) -> ToDump(out.pcap);`, { files: { "in.pcap": pcapOf(input) }, modules: [faulty], elements: false, log: () => {} });
      expect(n.read("f.traps")).toBe("3");
      expect(framesOf(n.files["out.pcap"])).toEqual(r.out);
      faultRows.push(`${mode}/restart ok`);
    });
    for (const policy of ["bypass", "disable"]) {
      it(`${mode} with TRAP_POLICY ${policy}: the same packets out, traps and trap_state as the Node host`, () => {
        const input = Array.from({ length: 12 }, (_, i) => (i % 4 === 1 ? poison() : normal(i)));
        const conf = `f :: Faulty(${mode}, TRAP_POLICY ${policy})`;
        const r = runHarness(faultyExe, conf, input, ["--batch", "1"], ["traps", "f.trap_state"], { out1: false });
        expect(r.status, r.stderr).toBe(0);
        const n = runClick(`FromDump(in.pcap, BURST 1) -> ${conf} -> ToDump(out.pcap);`, { files: { "in.pcap": pcapOf(input) }, modules: [faulty], elements: false, log: () => {} });
        expect(r.handlers["traps"]).toBe("1");   // after the first trap the element no longer runs
        expect(n.read("f.traps")).toBe("1");
        expect(r.handlers["f.trap_state"]).toBe(policy === "bypass" ? "bypassed" : "disabled");
        expect(n.read("f.trap_state")).toBe(r.handlers["f.trap_state"]);
        expect(r.out).toEqual(framesOf(n.files["out.pcap"]));
        // bypass: everything after the trap passes, poisoned packets included; disable: nothing does
        expect(r.out.length).toBe(policy === "bypass" ? 11 : 1);
        faultRows.push(`${mode}/${policy} ok`);
      });
    }
  }

  // The harness runs linear chains and connects at most outputs 0 and 1, so the
  // comparison covers one-input classes with at most two outputs.
  // (Classes that pull for themselves need a pull graph: test/native-pull.test.ts and the Click userlevel test.)
  const ONE_INPUT = ELEMENT_CONFIGS.filter((t) => t.inputs === 1 && t.outputs <= 2 && !t.pulls);
  // Headroom an Unstrip reveals on a never-stripped packet is zero in both hosts
  // (each clears what is not meaningful on copy in), so whole frames are compared.
  const RUNS = fuzzRuns(4);
  for (const t of ONE_INPUT) {
    it(`${t.cls}: identical outputs in both hosts on fuzzed packets`, () => {
      let packets = 0;
      fc.assert(fc.property(fc.array(packetArb(t.encap), { minLength: 1, maxLength: 40 }), fc.constantFrom("1", "256"), (frames, batch) => {
        const nat = runHarness(elementsExe, `e :: ${t.cls}(${t.conf})`, frames, ["--batch", batch], ["traps"], { out1: t.outputs > 1 });
        expect(nat.status, nat.stderr).toBe(0);
        expect(nat.handlers["traps"]).toBe("0");
        const conf = [`FromDump(in.pcap, BURST ${batch}) -> e :: ${t.cls}(${t.conf}) -> ToDump(out.pcap);`];
        if (t.outputs > 1) conf.push("e[1] -> ToDump(out1.pcap);");
        for (let k = 2; k < t.outputs; k++) conf.push(`e[${k}] -> Discard;`);
        const node = runClick(conf.join("\n"), { files: { "in.pcap": pcapOf(frames) }, elements, log: () => {} });
        const hex = (fs: Uint8Array[]) => fs.map((f) => Buffer.from(f).toString("hex"));
        expect(hex(nat.out)).toEqual(hex(framesOf(node.files["out.pcap"])));
        if (t.outputs > 1) expect(hex(nat.out1)).toEqual(hex(framesOf(node.files["out1.pcap"])));
        // Shared-input mode (as in Click): nothing written into the input buffers, changes staged.
        const shared = runHarness(elementsExe, `e :: ${t.cls}(${t.conf})`, frames, ["--batch", batch, "--shared-input"], ["traps"], { out1: t.outputs > 1 });
        expect(shared.status, shared.stderr).toBe(0);
        expect(hex(shared.out)).toEqual(hex(nat.out));
        if (t.outputs > 1) expect(hex(shared.out1)).toEqual(hex(nat.out1));
        // ...and packet by packet, as the generated Click classes cross (changes staged in module memory).
        const one = runHarness(elementsExe, `e :: ${t.cls}(${t.conf})`, frames, ["--one", "--shared-input"], ["traps"], { out1: t.outputs > 1 });
        expect(one.status, one.stderr).toBe(0);
        expect(hex(one.out)).toEqual(hex(nat.out));
        if (t.outputs > 1) expect(hex(one.out1)).toEqual(hex(nat.out1));
        packets += frames.length;
      }), { seed: SEED, numRuns: RUNS });
      confRows.push({ input: `${t.cls}(${t.conf})`, cases: RUNS, outcome: `${packets} packets, outputs byte-identical (ports 0 and 1)` });
    });
  }
});
