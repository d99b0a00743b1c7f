// Fuel metering, a post-pass of `clickos build` (Binaryen, the npm package
// AssemblyScript already depends on). A runaway loop inside an element must end
// in a contained trap, not a hung router, and neither host can interrupt running
// code: WebAssembly has no preemption and MiniOS has no signals. So the module
// counts its own work:
//
//   - a mutable i64 global, the fuel, decremented by one at every function entry
//     and at every loop header (each iteration passes through it once);
//   - when it drops below zero the module executes `unreachable`: a trap like any
//     other, which the host contains (drop the batch, re-instantiate);
//   - the optional ABI export `clickos_fuel_set(fuel: i64) -> i64` sets the fuel
//     and returns what was left. A host refills it before every crossing (the
//     budget is clickos.meta's `fuel`), and after a trap calls it once more on the
//     dead instance: a negative remainder means the trap was fuel exhaustion.
//
// The global starts at the largest i64, so a host that knows nothing of fuel
// (it never calls clickos_fuel_set) runs the module exactly as before, unmetered.

import { BuildError } from "./errors.ts";

export const FUEL_EXPORT = "clickos_fuel_set";
/** Work units per crossing: about 10M loop iterations or calls per batch of up
 *  to 256 packets — tens of milliseconds, two orders of magnitude above what
 *  the standard elements need for a batch of jumbo frames. */
export const DEFAULT_FUEL = 10_000_000;
const GLOBAL = "clickos~fuel";

// Binaryen is loaded lazily (it is large) and through a variable so bundling the
// CLI with esbuild leaves it an external import (it comes with assemblyscript).
const BINARYEN = "binaryen";

// Child expressions to walk, per expression kind. An expression kind missing here
// stops the build: a loop inside it would escape metering unnoticed.
const CHILDREN: Record<string, string[]> = {
  Block: ["children"], If: ["condition", "ifTrue", "ifFalse"], Loop: ["body"], Break: ["condition", "value"],
  Switch: ["condition", "value"], Call: ["operands"], CallIndirect: ["target", "operands"], LocalGet: [],
  LocalSet: ["value"], GlobalGet: [], GlobalSet: ["value"], Load: ["ptr"], Store: ["ptr", "value"], Const: [],
  Unary: ["value"], Binary: ["left", "right"], Select: ["ifTrue", "ifFalse", "condition"], Drop: ["value"],
  Return: ["value"], MemorySize: [], MemoryGrow: ["delta"], Nop: [], Unreachable: [],
  MemoryInit: ["dest", "offset", "size"], DataDrop: [], MemoryCopy: ["dest", "source", "size"],
  MemoryFill: ["dest", "value", "size"],
};

/** Returns the module with fuel metering added (see above). */
export async function addFuel(wasm: Uint8Array, what = "module"): Promise<Uint8Array> {
  const binaryen = (await import(BINARYEN)).default;
  const F = binaryen.Features;
  // What asc emits here (compile.ts disables the rest): the instrumented module
  // needs nothing more, so wasm2c 1.0.32 still accepts it.
  const features = F.MutableGlobals | F.NontrappingFPToInt | F.BulkMemory | F.BulkMemoryOpt | F.SignExt;
  const mod = binaryen.readBinaryWithFeatures(wasm, features);
  try {
    const kindName = new Map<number, string>();
    for (const k of Object.keys(CHILDREN)) kindName.set(binaryen[`${k}Id`], k);
    const i64 = binaryen.i64;
    const charge = () => mod.block(null, [
      mod.global.set(GLOBAL, mod.i64.sub(mod.global.get(GLOBAL, i64), mod.i64.const(1n))),
      mod.if(mod.i64.lt_s(mod.global.get(GLOBAL, i64), mod.i64.const(0n)), mod.unreachable()),
    ], binaryen.none);

    const loops: number[] = [];
    const walk = (e: number, fn: string): void => {
      if (!e) return;
      const kind = kindName.get(binaryen.getExpressionId(e));
      if (!kind) throw new BuildError([{ file: what, line: 0, message: `fuel: function ${fn} uses expression kind #${binaryen.getExpressionId(e)}, which the fuel pass does not know; build with --fuel off` }]);
      if (kind === "Loop") loops.push(e);
      for (const field of CHILDREN[kind]) {
        const v = binaryen[kind][`get${field[0].toUpperCase()}${field.slice(1)}`](e);
        if (Array.isArray(v)) for (const c of v) walk(c as number, fn);
        else walk(v as number, fn);
      }
    };

    let functions = 0;
    for (let i = 0, n = mod.getNumFunctions(); i < n; i++) {
      const f = mod.getFunctionByIndex(i);
      const info = binaryen.getFunctionInfo(f);
      if (info.module) continue; // an import
      loops.length = 0;
      walk(info.body, info.name);
      for (const loop of loops) {
        const body = binaryen.Loop.getBody(loop);
        binaryen.Loop.setBody(loop, mod.block(null, [charge(), body], binaryen.getExpressionInfo(body).type));
      }
      binaryen.Function.setBody(f, mod.block(null, [charge(), info.body], info.results));
      functions++;
    }
    if (!functions) throw new BuildError([{ file: what, line: 0, message: "fuel: the module defines no functions" }]);

    // Starts at the largest i64: unmetered until a host sets it.
    mod.addGlobal(GLOBAL, i64, true, mod.i64.const(0x7fffffffffffffffn));
    mod.addFunction(FUEL_EXPORT, binaryen.createType([i64]), i64, [i64], mod.block(null, [
      mod.local.set(1, mod.global.get(GLOBAL, i64)),
      mod.global.set(GLOBAL, mod.local.get(0, i64)),
      mod.local.get(1, i64),
    ], i64));
    mod.addFunctionExport(FUEL_EXPORT, FUEL_EXPORT);
    if (!mod.validate()) throw new BuildError([{ file: what, line: 0, message: "fuel: the instrumented module does not validate (Binaryen printed why)" }]);
    return mod.emitBinary();
  } finally {
    mod.dispose();
  }
}
