// The host's fuel metering (runtime/src/wasm/meter.ts) on random valid modules
// that neither the SDK nor we wrote: Binaryen's translate-to-fuzz turns random
// bytes into a module using every MVP construct plus the extensions the hosts
// accept. With fuel to spare the metered module must behave exactly as the
// original in V8 (same results, traps and imported-function calls), and with a
// small budget every call must end.
import { describe, it, expect, afterAll } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { meterModule, FUEL_EXPORT } from "../../runtime/src/wasm/meter.ts";
import { rng } from "../../sdk/test/net/frames.ts";
import { report, fuzzRuns, SEED } from "./report.ts";
import { ROOT } from "./support.ts";

const WASM_OPT = join(ROOT, "node_modules/binaryen/bin/wasm-opt");
const FEATURES = ["--mvp-features", "--enable-sign-ext", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-mutable-globals"];
const MODULES = fuzzRuns(24);
const stats = { modules: 0, calls: 0, traps: 0, fuelTraps: 0 };
afterAll(() => report("meter-fuzz", {
  title: "Fuel metering on random modules (Binaryen translate-to-fuzz, V8)",
  rows: [{ input: `random valid modules (seed ${SEED}), every export called`, cases: stats.modules, outcome: `${stats.calls} calls, ${stats.traps} traps: identical results, traps and import calls metered and unmetered; with 20 units per call every call ended (${stats.fuelTraps} out of fuel)` }],
}));

function fuzzModule(seed: number): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), "clickos-ttf-"));
  const r = rng(seed);
  writeFileSync(join(dir, "seed"), Uint8Array.from({ length: 6000 }, () => Math.floor(r() * 256)));
  const p = spawnSync(process.execPath, [WASM_OPT, join(dir, "seed"), "-ttf", ...FEATURES, "-o", join(dir, "m.wasm")], { encoding: "utf8" });
  if (p.status !== 0) throw new Error(`wasm-opt -ttf failed: ${p.stderr}`);
  return new Uint8Array(readFileSync(join(dir, "m.wasm")));
}

/** Calls every exported function with zero arguments; returns what happened, line by line. */
function exercise(bytes: Uint8Array, fuel: bigint | null): { lines: string[]; traps: number; outOfFuel: number } {
  const lines: string[] = [];
  let traps = 0, outOfFuel = 0;
  let exportsRef: WebAssembly.Exports = {};
  const order = WebAssembly.Module.exports(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>)).filter((e) => e.kind === "function" && e.name !== FUEL_EXPORT).map((e) => e.name);
  const log = (v: unknown) => { lines.push(`  log ${String(v)}`); };
  const imports = {
    "fuzzing-support": {
      "log-i32": log, "log-i64": log, "log-f32": log, "log-f64": log,
      "call-export-catch": (i: number) => {
        const f = exportsRef[order[i % Math.max(1, order.length)]] as ((...a: unknown[]) => unknown) | undefined;
        try { f?.(); return 0; } catch { return 1; }
      },
      "call-export": (i: number) => { (exportsRef[order[i % Math.max(1, order.length)]] as () => unknown)?.(); },
    },
  };
  let inst: WebAssembly.Instance;
  try {
    inst = new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>), imports);
  } catch (e) {
    return { lines: [`start traps: ${(e as Error).message}`], traps: 1, outOfFuel: 0 };
  }
  exportsRef = inst.exports;
  const setFuel = inst.exports[FUEL_EXPORT] as ((f: bigint) => bigint) | undefined;
  for (const name of order) {
    const f = inst.exports[name] as (...a: unknown[]) => unknown;
    const args = Array.from({ length: f.length }, () => 0);
    if (fuel !== null) setFuel!(fuel);
    try {
      lines.push(`${name} = ${String(f(...args.map(() => 0)))}`);
    } catch (e) {
      // i64 parameters want BigInt: call again the way V8 accepts
      if (e instanceof TypeError) {
        try { lines.push(`${name} = ${String(f(...args.map(() => 0n)))}`); continue; } catch (e2) { e = e2; }
      }
      traps++;
      if (fuel !== null && setFuel!(0n) < 0n) outOfFuel++;
      lines.push(`${name} traps: ${(e as Error).message}`);
    }
  }
  return { lines, traps, outOfFuel };
}

describe("fuel metering preserves behaviour on random modules", () => {
  it(`${MODULES} random modules: identical with fuel to spare, every call ends on a small budget`, { timeout: 600_000 }, () => {
    for (let k = 0; k < MODULES; k++) {
      const original = fuzzModule(SEED + k);
      const names = new Set(WebAssembly.Module.exports(new WebAssembly.Module(original as Uint8Array<ArrayBuffer>)).map((e) => e.name));
      const metered = meterModule(original, { keepExports: names, keepCustom: new Set(), startFuel: 2 ** 60 });
      const a = exercise(original, null), b = exercise(metered, 2n ** 60n);
      expect(b.lines, `module ${k} (seed ${SEED + k})`).toEqual(a.lines);
      const small = exercise(meterModule(original, { keepExports: names, keepCustom: new Set(), startFuel: 2 ** 60 }), 20n);
      expect(small.lines.length).toBeGreaterThan(0);
      stats.modules++;
      stats.calls += a.lines.filter((l) => !l.startsWith("  ")).length;
      stats.traps += a.traps;
      stats.fuelTraps += small.outOfFuel;
    }
    // Not vacuous: the modules call and trap, and a small budget stops some calls.
    expect(stats.calls).toBeGreaterThan(MODULES * 3);
    expect(stats.traps).toBeGreaterThan(0);
    expect(stats.fuelTraps).toBeGreaterThan(0);
  });
});
