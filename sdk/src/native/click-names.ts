// Names of the generated Click glue: Click class names (with an optional
// prefix, e.g. `--prefix W` gives WDecIPTTL so it does not clash with Click's
// own DecIPTTL), C++ identifiers, file names and click-buildtool provisions.

import type { ClassMeta } from "@clickos/runtime";

/** Click class names: a letter or '_', then letters, digits, '_', '@', '/' (Click's lexer). */
const CLICK_CLASS = /^[A-Za-z_][A-Za-z0-9_@/]*$/;

export function clickClassName(c: ClassMeta, prefix = ""): string {
  const name = prefix + c.name;
  if (!CLICK_CLASS.test(name)) {
    throw new Error(`${c.source?.file ?? "module"}:${c.source?.line ?? 0}: '${name}' is not a valid Click class name`);
  }
  return name;
}

/** A C/C++ identifier fragment: anything outside [A-Za-z0-9] becomes _XX (hex), '_' becomes __. */
export function cxxIdent(s: string): string {
  let out = "";
  for (const ch of s) {
    if (/[A-Za-z0-9]/.test(ch)) out += ch;
    else if (ch === "_") out += "__";
    else out += "_" + ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/** The C++ class of a generated element: unique per module and class. */
export function cxxClassName(moduleName: string, clickName: string): string {
  return `ClickOSWasm_${cxxIdent(moduleName)}_${cxxIdent(clickName)}`;
}

/** File base (no extension) of a generated element, lower case as Click's are. */
export function elementFileBase(clickName: string): string {
  return "wasm_" + clickName.toLowerCase().replace(/[^a-z0-9_]/g, "_");
}

/** click-buildtool provisions that tie the generated files together. */
export function provisions(moduleName: string) {
  const m = cxxIdent(moduleName);
  return {
    support: "ClickOSWasm",                 // clickos_element.cc
    runtime: "ClickOSWasmRuntime",          // C host + wasm-rt runtime
    code: `ClickOSWasmCode_${m}`,           // wasm2c output
    def: `ClickOSWasmDef_${m}`,             // module.c (clickos_module_def)
    module: `ClickOSWasmModule_${m}`,       // the shared module instance
  };
}

/** The static ClickOSWasmModule holding the module's one instance. */
export function moduleVar(moduleName: string): string {
  return `clickos_wasm_module_${cxxIdent(moduleName)}`;
}

/** A C/C++ string literal, ASCII only (octal escapes are never greedy). */
export function cxxString(s: string): string {
  let out = "";
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b);
    out += b >= 0x20 && b < 0x7f && c !== '"' && c !== "\\" && c !== "?" ? c : "\\" + b.toString(8).padStart(3, "0");
  }
  return `"${out}"`;
}
