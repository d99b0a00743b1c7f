// Garbage collection in built modules (sdk/assembly/internal/gc.ts,
// sdk/src/build/heap-total.ts): a crossing collects only after something was
// allocated, and an element that allocates per packet still has its garbage
// collected, so it runs in a small memory for as long as it likes.
import { describe, it, expect, beforeAll } from "vitest";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildPackage } from "../../src/build/build.ts";
import { runClick } from "@clickos/runtime";

const root = new URL("../../..", import.meta.url).pathname;
const ELEMENTS = `
import { Element, Packet } from "@clickos/sdk";

/** Allocates 2 KiB of garbage per packet. */
@element("Garbage")
export class Garbage extends Element {
  @handler("count") count: u64 = 0;
  simpleAction(p: Packet): i32 {
    const junk = new Array<u8>(2048);
    junk[p.length & 2047] = 1;
    this.count += <u64>junk.length >> 11;
    return 0;
  }
}

/** Allocates nothing. */
@element("Quiet")
export class Quiet extends Element {
  @handler("count") count: u64 = 0;
  simpleAction(p: Packet): i32 { this.count++; return 0; }
}
`;

const built: Record<string, string> = {};

async function build(runtime: "minimal" | "incremental"): Promise<string> {
  const dir = mkdtempSync(join(root, "node_modules", `.tmp-gc-${runtime}-`));
  // 4 MiB of memory: 40 MB of garbage only fits if it is collected.
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `gc-${runtime}`, version: "1.0.0", clickos: { abi: 1, wasm: "build/gc.wasm", maxPages: 64, runtime } }));
  writeFileSync(join(dir, "garbage.ts"), ELEMENTS);
  return (await buildPackage({ dir })).wasm;
}

beforeAll(async () => {
  built.minimal = await build("minimal");
  built.incremental = await build("incremental");
}, 600_000);

describe.each(["minimal", "incremental"])("garbage collection (%s runtime)", (runtime) => {
  it("imports nothing beyond the ABI's list (the heap probe is resolved at build time)", () => {
    const mod = new WebAssembly.Module(readFileSync(built[runtime]));
    expect(WebAssembly.Module.imports(mod).map((i) => i.module)).not.toContain("clickos_internal");
  });

  it("collects an element's per-packet garbage: 20,000 packets × 2 KiB in 4 MiB, no trap", () => {
    const r = runClick("InfiniteSource(LIMIT 20000, LENGTH 60, STOP true) -> g :: Garbage -> q :: Quiet -> Discard;", { modules: [built[runtime]], elements: false });
    expect(r.stats.traps).toBe(0);
    expect(r.read("g.count")).toBe("20000");
    expect(r.read("q.count")).toBe("20000");
  });
});
