// Memory limits: the Node host refuses a module whose memory has no declared
// maximum or one above its page limit, with an error naming the module; inside
// the limit, growth past the maximum fails, the AssemblyScript runtime aborts,
// and the trap is contained (Faulty(oom)).
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runClick, pcapOf, framesOf } from "@clickos/sdk/testing";
import { WasmModule, hostLimits } from "../../runtime/src/host/wasm-module.ts";
import { readMemoryLimits } from "@clickos/runtime";
import { faultyWasm, normal, poison, WORK } from "./support.ts";
import { replaceSection, memorySection } from "./wasm-edit.ts";
import { report } from "./report.ts";

let small = "", big = "";
beforeAll(async () => { [small, big] = await Promise.all([faultyWasm(), faultyWasm({ maxPages: 512 })]); }, 600_000);
const rows: { input: string; cases: number; outcome: string }[] = [];
afterAll(() => report("memory-limits", { title: "Memory limits (Node host)", rows }));

const bytesOf = (p: string) => new Uint8Array(readFileSync(p));

describe("memory limits", () => {
  it("the build declares the maximum: 256 pages by default, clickos.maxPages otherwise", () => {
    expect(readMemoryLimits(bytesOf(small))).toEqual([{ min: expect.any(Number), max: 256, shared: false, memory64: false }]);
    expect(readMemoryLimits(bytesOf(big))[0].max).toBe(512);
  });

  it("a module whose maximum is above the host's limit is refused, naming the module and both figures", () => {
    expect(() => WasmModule.load(bytesOf(big), "big.wasm")).toThrow(
      "big.wasm: memory maximum of 512 pages (32 MiB) is above this host's limit of 256 pages (16 MiB); lower clickos.maxPages in package.json or raise the host's page limit");
    // through runClick too, and accepted once the host allows it
    expect(() => runClick("Idle -> Faulty(none) -> Discard;", { modules: [big], elements: false, files: {} })).toThrow(/\.wasm: memory maximum of 512 pages/);
    expect(WasmModule.load(bytesOf(big), "big.wasm", undefined, { ...hostLimits, maxPages: 512 }).meta.classes[0].name).toBe("Faulty");
    rows.push({ input: "declared maximum above the host's page limit (512 > 256 pages)", cases: 2, outcome: "refused at load: module name, both limits, what to change" });
  });

  it("a module that declares no maximum is refused", () => {
    const b = bytesOf(small);
    const min = readMemoryLimits(b)[0].min;
    const noMax = replaceSection(b, 5, memorySection(min));
    expect(readMemoryLimits(noMax)[0].max).toBeNull();
    const path = join(WORK, `nomax-${process.pid}.wasm`);
    writeFileSync(path, noMax);
    expect(() => runClick("Idle -> Faulty(none) -> Discard;", { modules: [path], elements: false, files: {} }))
      .toThrow(/nomax-\d+\.wasm: memory declares no maximum; a host needs one to bound the module/);
    // a malformed memory section is a located format error, not a crash
    expect(() => WasmModule.load(replaceSection(b, 5, [1, 9, 1]), "m.wasm")).toThrow(/m\.wasm: not a valid WebAssembly module: byte \d+: unknown memory limits flags 0x9/);
    expect(() => WasmModule.load(replaceSection(b, 5, [2, 1, 1, 2]), "m.wasm")).toThrow(/m\.wasm: not a valid WebAssembly module: byte \d+: memory section ends inside its entries/);
    rows.push({ input: "no declared maximum; malformed memory section", cases: 3, outcome: "refused at load with the module name (and byte offset for format errors)" });
  });

  it("growth past the maximum is a contained trap: Faulty(oom) loses its packet, memory stays within the limit", () => {
    const input = Array.from({ length: 600 }, (_, i) => (i === 300 ? poison() : normal(i)));
    const r = runClick("FromDump(in.pcap) -> f :: Faulty(oom) -> ToDump(out.pcap);", { files: { "in.pcap": pcapOf(input) }, modules: [small], elements: false, log: () => {} });
    expect(r.read("f.traps")).toBe("1");
    expect(r.read("f.last_trap")).not.toBe("");
    expect(framesOf(r.files["out.pcap"]).length).toBe(599);
    const f = r.router.byName.get("f") as unknown as { module: WasmModule };
    expect(f.module.exports.memory.buffer.byteLength).toBeLessThanOrEqual(256 * 65536);
    rows.push({ input: `Faulty(oom): allocate 1 MiB buffers until memory.grow fails (last_trap: ${r.read("f.last_trap")})`, cases: 1, outcome: "contained trap, only the packet dropped, module re-created, memory ≤ 16 MiB" });
  });
});
