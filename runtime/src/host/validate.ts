// Load-time validation of an element module, before anything runs: the binary
// parses, has a clickos.meta section whose JSON fits the ABI's schema, was built
// for our ABI major version, imports only the closed list, exports every ABI
// function with the right kind (optional ones may be absent), and declares a
// memory maximum within the host's page limit.

import { ABI_VERSION, META_SECTION, EXPORTS, IMPORTS } from "../abi.generated.ts";
import { readCustomSection, readMemoryLimits } from "../wasm/sections.ts";
import { ModuleLoadError } from "./errors.ts";
import type { ModuleMeta } from "./meta.ts";
import { checkMetaSchema } from "./meta-schema.ts";

const ALLOWED_IMPORTS = new Set(IMPORTS.map((i) => `${i.module}.${i.name}`));

export function readMeta(bytes: Uint8Array, name: string): ModuleMeta {
  let raw: Uint8Array | null;
  try {
    raw = readCustomSection(bytes, META_SECTION);
  } catch (e) {
    throw new ModuleLoadError(name, `not a valid WebAssembly module: ${(e as Error).message}`);
  }
  if (!raw) throw new ModuleLoadError(name, `no '${META_SECTION}' custom section: not built by clickos build (or stripped)`);
  let meta: ModuleMeta;
  try {
    meta = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw));
  } catch (e) {
    throw new ModuleLoadError(name, `malformed '${META_SECTION}' section: ${(e as Error).message}`);
  }
  const problem = checkMetaShape(meta);
  if (problem) throw new ModuleLoadError(name, `malformed '${META_SECTION}' section: ${problem}`);
  if (meta.abi !== ABI_VERSION) {
    throw new ModuleLoadError(name, `built for ClickOS ABI version ${meta.abi}, but this host implements version ${ABI_VERSION}; rebuild it with a matching @clickos/sdk`);
  }
  return meta;
}

function checkMetaShape(m: unknown): string | null {
  // The ABI version first, so an old module gets "rebuild it" rather than a schema complaint.
  if (m && typeof m === "object" && typeof (m as ModuleMeta).abi === "number" && (m as ModuleMeta).abi !== ABI_VERSION) return null;
  return checkMetaSchema(m);
}

export function checkInterface(module: WebAssembly.Module, name: string): void {
  const foreign = WebAssembly.Module.imports(module)
    .filter((i) => i.kind !== "function" || !ALLOWED_IMPORTS.has(`${i.module}.${i.name}`))
    .map((i) => `${i.module}.${i.name} (${i.kind})`);
  if (foreign.length) {
    throw new ModuleLoadError(name, `imports outside the ClickOS ABI's closed list: ${foreign.join(", ")}; allowed: ${[...ALLOWED_IMPORTS].join(", ")}`);
  }
  const exports = new Map(WebAssembly.Module.exports(module).map((e) => [e.name, e.kind]));
  const missing = EXPORTS.filter((e) => !e.optional && exports.get(e.name) !== "function").map((e) => e.name);
  const wrongKind = EXPORTS.filter((e) => e.optional && exports.has(e.name) && exports.get(e.name) !== "function").map((e) => e.name);
  if (wrongKind.length) throw new ModuleLoadError(name, `optional ABI exports of the wrong kind (functions expected): ${wrongKind.join(", ")}`);
  if (exports.get("memory") !== "memory") missing.push("memory");
  if (missing.length) throw new ModuleLoadError(name, `missing ABI exports: ${missing.join(", ")} (metadata and exports disagree; rebuild with clickos build)`);
}

/** 16 MiB, the build's default maximum and the C runtime's default page limit. */
export const HOST_MAX_PAGES = 256;

/** Refuses a module whose memory has no declared maximum or one above `maxPages`:
 *  the declared maximum is what bounds the module's memory (growth past it fails,
 *  which the AssemblyScript runtime turns into an abort, a contained trap). */
export function checkMemory(bytes: Uint8Array, name: string, maxPages = HOST_MAX_PAGES): void {
  let mems;
  try {
    mems = readMemoryLimits(bytes);
  } catch (e) {
    throw new ModuleLoadError(name, `not a valid WebAssembly module: ${(e as Error).message}`);
  }
  const mib = (pages: number) => `${(pages * 65536) / (1 << 20)} MiB`;
  for (const m of mems) {
    if (m.memory64 || m.shared) throw new ModuleLoadError(name, `${m.memory64 ? "64-bit" : "shared"} memory is not supported by ClickOS hosts`);
    if (m.max === null) {
      throw new ModuleLoadError(name, `memory declares no maximum; a host needs one to bound the module (clickos build declares clickos.maxPages, default ${HOST_MAX_PAGES} pages)`);
    }
    if (m.max > maxPages) {
      throw new ModuleLoadError(name, `memory maximum of ${m.max} pages (${mib(m.max)}) is above this host's limit of ${maxPages} pages (${mib(maxPages)}); lower clickos.maxPages in package.json or raise the host's page limit`);
    }
  }
}
