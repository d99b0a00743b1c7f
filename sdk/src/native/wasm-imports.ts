// Reads a module's function imports with their signatures (type + import
// sections), so `clickos build --target` can refuse, before wasm2c runs, an
// import outside the ABI's closed list or one whose signature differs from
// abi.json: the C host defines each import once, and a mismatch would link
// fine and misbehave at run time.

import { listSections, WasmFormatError, WasmReader as Reader, IMPORTS } from "@clickos/runtime";

export interface FunctionImport { module: string; name: string; params: string[]; results: string[] }

/** Function imports in import order (wasm2c orders instantiate's arguments by them). */
export function readFunctionImports(bytes: Uint8Array): { functions: FunctionImport[]; other: string[] } {
  const sections = listSections(bytes);
  const types: { params: string[]; results: string[] }[] = [];
  const typeSec = sections.find((s) => s.id === 1);
  if (typeSec) {
    const r = new Reader(bytes, typeSec.payloadStart, typeSec.end);
    for (let i = 0, n = r.u32(); i < n; i++) {
      const at = r.pos;
      const form = r.byte();
      if (form !== 0x60) throw new WasmFormatError(`type ${i} is not a function type`, at);
      const params = Array.from({ length: r.u32() }, () => r.valtype());
      const results = Array.from({ length: r.u32() }, () => r.valtype());
      types.push({ params, results });
    }
  }
  const functions: FunctionImport[] = [];
  const other: string[] = [];
  const impSec = sections.find((s) => s.id === 2);
  if (impSec) {
    const r = new Reader(bytes, impSec.payloadStart, impSec.end);
    for (let i = 0, n = r.u32(); i < n; i++) {
      const module = r.name(), name = r.name();
      const at = r.pos, kind = r.byte();
      if (kind === 0) {
        const ti = r.u32();
        if (!types[ti]) throw new WasmFormatError(`import ${module}.${name} names missing type ${ti}`, at);
        functions.push({ module, name, ...types[ti] });
      } else {
        other.push(`${module}.${name} (${["function", "table", "memory", "global", "tag"][kind] ?? "kind " + kind})`);
        if (kind === 1) { r.valtype(); r.limits(); }
        else if (kind === 2) r.limits();
        else if (kind === 3) { r.valtype(); r.byte(); }
        else if (kind === 4) { r.byte(); r.u32(); }
        else throw new WasmFormatError(`unknown import kind ${kind}`, at);
      }
    }
  }
  return { functions, other };
}

/** Problems with the module's imports against the ABI's closed list ([] if none). */
export function checkImports(bytes: Uint8Array): string[] {
  const { functions, other } = readFunctionImports(bytes);
  const problems = other.map((o) => `imports ${o}: the native host provides only functions`);
  const sig = (p: string[], r: string[]) => `(${p.join(", ")}) -> ${r.length ? r.join(", ") : "void"}`;
  for (const f of functions) {
    const abi = IMPORTS.find((i) => i.module === f.module && i.name === f.name);
    if (!abi) { problems.push(`imports ${f.module}.${f.name}, which is not in the ClickOS ABI's closed list`); continue; }
    const want = sig([...abi.params], [...abi.results]), got = sig(f.params, f.results);
    if (want !== got) problems.push(`imports ${f.module}.${f.name} as ${got}, but the ABI defines ${want}`);
  }
  return problems;
}
