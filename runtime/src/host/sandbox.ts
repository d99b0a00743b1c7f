// What a host runs instead of the module it was given: the same code, with every
// export outside the ABI and every custom section but clickos.meta dropped, and
// the host's own fuel metering added (../wasm/meter.ts). Both hosts call this:
// the Node host before compiling, the native build before wasm2c.

import { EXPORTS, META_SECTION, FUEL_DEFAULT, FUEL_MAX } from "../abi.generated.ts";
import { meterModule, MeterError } from "../wasm/meter.ts";
import { WasmFormatError } from "../wasm/sections.ts";
import { ModuleLoadError } from "./errors.ts";
import type { ModuleMeta } from "./meta.ts";

const KEEP_EXPORTS: ReadonlySet<string> = new Set([...EXPORTS.filter((e) => !e.hostAdded).map((e) => e.name), "memory"]);
const KEEP_CUSTOM: ReadonlySet<string> = new Set([META_SECTION]);

/** The per-call fuel budget: the host's own if it sets one, else what the
 *  metadata asks for, never above FUEL_MAX. */
export function fuelBudget(meta: ModuleMeta, hostFuel: number | null): number {
  if (hostFuel !== null) return Math.max(1, Math.floor(hostFuel));
  return Math.min(meta.fuel ?? FUEL_DEFAULT, FUEL_MAX);
}

/** The sanitised, metered module; a module that cannot be metered is refused.
 *  `startFuel` bounds the start function (instantiation), whatever the per-call
 *  budget: a host may run calls on a tight budget, but the module must start.
 *  `alsoKeep`: exports a host keeps for its own measurements (the bench's
 *  allocation probe keeps AssemblyScript's __new); never the module's choice. */
export function sandboxModule(bytes: Uint8Array, name: string, startFuel: number = FUEL_DEFAULT, alsoKeep: readonly string[] = []): Uint8Array {
  try {
    const keepExports = alsoKeep.length ? new Set([...KEEP_EXPORTS, ...alsoKeep]) : KEEP_EXPORTS;
    return meterModule(bytes, { keepExports, keepCustom: KEEP_CUSTOM, startFuel });
  } catch (e) {
    if (e instanceof MeterError || e instanceof WasmFormatError) throw new ModuleLoadError(name, `cannot be metered, refused: ${e.message}`);
    throw e;
  }
}
