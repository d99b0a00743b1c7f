// Pull outputs and tasks written in WebAssembly (clickos_pull, clickos_task_run,
// clickos.input_pull) under faults, in the Node host: a trap in the element's
// own pull or task costs the packet it was working on, and only it (the others
// lent in the call go back to the front of the input); a trap upstream, inside
// a nested crossing, is blamed where it happened; runaway pulls end on the
// lend limit and the fuel; pulls outside a pull or task get nothing; and a
// module whose pull answers are forged cannot make the host lose or double-free
// a packet.
import { describe, it, expect, beforeAll } from "vitest";
import { runClick, pcapOf, framesOf } from "@clickos/sdk/testing";
import { DESC_PORT, DESC_SIZE } from "@clickos/runtime";
import { FAULTS, faultyWasm, normal, poison } from "./support.ts";
import { hostileModule, HOSTILE_META } from "../support/hostile-module.ts";

let wasm = "";
beforeAll(async () => { wasm = await faultyWasm(); }, 600_000);

const traffic = (n: number, bad: number[]) => Array.from({ length: n }, (_, i) => (bad.includes(i) ? poison() : normal(i)));

function run(config: string, input: Uint8Array[], modules = [wasm]) {
  const r = runClick(config, { files: { "in.pcap": pcapOf(input) }, modules, elements: false, log: () => {} });
  return { r, out: r.files["out.pcap"] ? framesOf(r.files["out.pcap"]) : [] };
}

describe("a WASM scheduler's own pull under faults", () => {
  for (const mode of FAULTS) {
    it(`${mode}: the poisoned packet alone is lost, reported with its number; the rest leave in order`, () => {
      const input = traffic(600, [300]);
      const { r, out } = run(`FromDump(in.pcap) -> Queue(1000) -> s :: FaultySched(${mode}) -> ToDump(out.pcap);`, input);
      expect(out).toEqual(input.filter((_, i) => i !== 300));
      expect(r.stats.trapReports.map((t) => [t.element, t.packet])).toEqual([["s", 301]]);
      expect(r.read("s.traps")).toBe("1");
      expect(r.router.store.live).toBe(0);
    });
  }

  it("a trap upstream of the scheduler, in a nested crossing of the same module, is blamed there", () => {
    const input = traffic(600, [10, 400]);
    const { r, out } = run(`FromDump(in.pcap) -> Queue(1000) -> f :: Faulty(abort) -> s :: FaultySched(none) -> ToDump(out.pcap);`, input);
    expect(out).toEqual(input.filter((_, i) => i !== 10 && i !== 400));
    expect(r.stats.trapReports.map((t) => [t.element, t.packet])).toEqual([["f", 11], ["f", 401]]);
    expect(r.read("s.traps")).toBe("0");
    expect(r.read("f.traps")).toBe("2");
    expect(r.router.store.live).toBe(0);
  });

  it("a pull that takes everything upstream has at most MAX_LEND (256) lent per call; the rest of what it took is dropped", () => {
    const { r, out } = run(`FromDump(in.pcap) -> Queue(1000) -> s :: FaultySched(greedy) -> ToDump(out.pcap);`, traffic(600, []));
    expect(out.length).toBe(3); // 256 + 256 + 88 lent, one returned per pull
    expect(r.read("s.pulled")).toBe("600");
    expect(r.stats.dropped).toBe(597);
    expect(r.router.store.live).toBe(0);
  });
});

describe("a WASM task under faults", () => {
  for (const mode of ["abort", "loop", "oob"]) {
    it(`${mode}: the packet it trapped on is lost; the others of its burst are lent again and pushed on, in order`, () => {
      const input = traffic(600, [300]);
      const { r, out } = run(`FromDump(in.pcap) -> Queue(1000) -> u :: FaultyUnqueue(${mode}) -> ToDump(out.pcap);`, input);
      expect(out).toEqual(input.filter((_, i) => i !== 300));
      expect(r.stats.trapReports.map((t) => [t.element, t.packet])).toEqual([["u", 301]]);
      expect(r.router.store.live).toBe(0);
    });
  }

  it("a task that never stops pulling ends on the lend limit and its fuel, once per packet: the run ends", () => {
    const { r, out } = run(`FromDump(in.pcap) -> Queue(100) -> u :: FaultyUnqueue(spin) -> ToDump(out.pcap);`, traffic(12, []));
    expect(out).toEqual([]);
    expect(r.stats.trapReports).toHaveLength(12);
    expect(r.stats.trapReports[0].message).toMatch(/out of fuel/);
    expect(r.router.store.live).toBe(0);
  });

  it("the disable policy trips once the packets before the poisoned one have run again; then the task pulls nothing", () => {
    const input = traffic(40, [5]);
    const r = runClick(`FromDump(in.pcap) -> q :: Queue(100) -> u :: FaultyUnqueue(abort, TRAP_POLICY disable) -> ToDump(out.pcap);`,
      { files: { "in.pcap": pcapOf(input) }, modules: [wasm], elements: false, log: () => {} });
    expect(framesOf(r.files["out.pcap"])).toEqual(input.slice(0, 5));
    expect(r.read("u.trap_state")).toBe("disabled");
    // Whatever the burst: the rest stays queued, as behind a stopped Unqueue.
    expect(r.read("q.length")).toBe("34");
    expect(r.router.store.live).toBe(34);
  });
});

describe("pulls where none belongs", () => {
  it("pullInput in push (push context and pull context alike) gets nothing", () => {
    const input = traffic(50, []);
    const { r, out } = run(`FromDump(in.pcap) -> a :: Steal -> Queue(100) -> b :: Steal -> ToDump(out.pcap);`, input);
    expect(out).toEqual(input);
    expect(r.read("a.stolen")).toBe("0");
    expect(r.read("b.stolen")).toBe("0");
  });
});

describe("hostile pull answers", () => {
  const PULL = `(import "clickos" "input_pull" (func $lend (param i32 i32) (result i32)))`;
  const meta = { ...HOSTILE_META, classes: [{ ...HOSTILE_META.classes[0], ports: "1/1", processing: "l/l" }] };

  it("a class with pull outputs and no clickos_pull export is refused at load, by name", async () => {
    const m = await hostileModule("no-pull", { meta });
    expect(() => run(`FromDump(in.pcap) -> Queue -> h :: Hostile -> ToDump(out.pcap);`, traffic(3, []), [m]))
      .toThrow(/class Hostile has pull outputs \(processing 'l\/l'\) but the module does not export clickos_pull/);
  });

  it("a pull that emits the lent descriptor twice gets the packet once; no slot is lost or freed twice", async () => {
    // Two copies of the lent descriptor at 8192, the first for the pulled port.
    const m = await hostileModule("twice", {
      meta, imports: PULL, emitted: "(i32.const 8192)",
      extra: `(func $copy (param $to i32) (param $from i32) (local $i i32)
        (loop $l (i64.store (i32.add (local.get $to) (local.get $i)) (i64.load (i32.add (local.get $from) (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 8)))
          (br_if $l (i32.lt_u (local.get $i) (i32.const ${DESC_SIZE})))))
      (func (export "clickos_pull") (param $h i32) (param $port i32) (result i32) (local $d i32)
        (local.set $d (call $lend (local.get $h) (i32.const 0)))
        (if (i32.eqz (local.get $d)) (then (return (i32.const 0))))
        (call $copy (i32.const 8192) (local.get $d))
        (call $copy (i32.const ${8192 + DESC_SIZE}) (local.get $d))
        (i32.store (i32.const ${8192 + DESC_PORT}) (local.get $port))
        (i32.store (i32.const ${8192 + DESC_SIZE + DESC_PORT}) (local.get $port))
        (i32.const 2))`,
    });
    const input = traffic(20, []);
    const { r, out } = run(`FromDump(in.pcap) -> Queue -> h :: Hostile -> ToDump(out.pcap);`, input, [m]);
    expect(out).toHaveLength(20);
    expect(r.router.store.live).toBe(0);
  });

  it("a pull that claims a thousand emitted packets outside memory is a contained trap per pull", async () => {
    const m = await hostileModule("liar", {
      meta, imports: PULL, emitted: "(i32.const 0x7ffffff0)",
      extra: `(func (export "clickos_pull") (param $h i32) (param $port i32) (result i32)
        (drop (call $lend (local.get $h) (i32.const 0)))
        (i32.const 1000))`,
    });
    const { r, out } = run(`FromDump(in.pcap) -> Queue -> h :: Hostile -> ToDump(out.pcap);`, traffic(5, []), [m]);
    expect(out).toEqual([]);
    expect(r.stats.trapReports).toHaveLength(5);
    expect(r.stats.trapReports[0].message).toMatch(/bad emitted packet list/);
    expect(r.router.store.live).toBe(0);
  });
});
