#!/usr/bin/env node
// Generates the ABI constants for every side of the boundary from sdk/abi/abi.json:
//   runtime/src/abi.generated.ts      the Node host
//   sdk/assembly/abi.generated.ts     the module side (AssemblyScript)
//   minios-host/include/clickos_abi.h the C host
// `--check` exits 1 if any generated file differs from what is committed.
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const abi = JSON.parse(readFileSync(join(root, "sdk/abi/abi.json"), "utf8"));
const banner = "Generated from sdk/abi/abi.json by sdk/scripts/gen-abi.mjs. Do not edit.";
const upper = (s) => s.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
const fieldType = (t) => (t.startsWith("u8[") ? "bytes" : t);
const funcs = abi.exports.filter((e) => e.kind !== "memory");

function typescriptHost() {
  const out = [`// ${banner}`, ""];
  out.push(`export const ABI_VERSION = ${abi.version};`);
  out.push(`export const META_SECTION = ${JSON.stringify(abi.metaSection)};`);
  for (const c of abi.constants) out.push(`/** ${c.doc} */\nexport const ${c.name} = ${c.value};`);
  out.push(`/** ${abi.descriptor.doc} */`);
  out.push(`export const DESC_SIZE = ${abi.descriptor.size};`);
  for (const f of abi.descriptor.fields) out.push(`/** ${f.doc} (${f.type}) */\nexport const DESC_${upper(f.name)} = ${f.offset};`);
  out.push("", "export type WasmType = \"i32\" | \"i64\" | \"f32\" | \"f64\";");
  out.push("export interface AbiFunction { name: string; params: WasmType[]; results: WasmType[]; optional?: boolean; hostAdded?: boolean; }");
  out.push(`/** Functions modules export (besides \`memory\`); \`optional\` ones may be absent; \`hostAdded\` ones the host adds itself (a module's own is dropped). */`);
  out.push(`export const EXPORTS: readonly AbiFunction[] = ${JSON.stringify(funcs.map((e) => ({ name: e.name, params: e.params.map((p) => p[1]), results: e.results, ...(e.optional ? { optional: true } : {}), ...(e.hostAdded ? { hostAdded: true } : {}) })), null, 2)};`);
  out.push(`/** Argument types a clickos.meta argument may declare. */`);
  out.push(`export const ARG_TYPES: readonly string[] = ${JSON.stringify(abi.argTypes)};`);
  out.push(`/** ${abi.meta.doc} */`);
  out.push(`export const META_SCHEMA = ${JSON.stringify(abi.meta.schema, null, 2)} as const;`);
  out.push(`/** The closed list of imports a module may have, as "module.name". */`);
  out.push(`export const IMPORTS: readonly (AbiFunction & { module: string })[] = ${JSON.stringify(abi.imports.map((i) => ({ module: i.module, name: i.name, params: i.params.map((p) => p[1]), results: i.results })), null, 2)};`);
  return out.join("\n") + "\n";
}

function assemblyModule() {
  const out = [`// ${banner}`, ""];
  out.push(`export const ABI_VERSION: i32 = ${abi.version};`);
  for (const c of abi.constants) out.push(`/** ${c.doc} */\nexport const ${c.name}: i32 = ${c.value};`);
  out.push(`export const DESC_SIZE: usize = ${abi.descriptor.size};`);
  for (const f of abi.descriptor.fields) out.push(`export const DESC_${upper(f.name)}: usize = ${f.offset};`);
  out.push("", "// Host functions, declared once (module \"clickos\").");
  const asType = { i32: "i32", i64: "i64", f64: "f64", f32: "f32" };
  for (const i of abi.imports.filter((i) => i.module === "clickos")) {
    const params = i.params.map(([n, t]) => `${n}: ${asType[t]}`).join(", ");
    out.push(`/** ${i.doc} */`);
    out.push(`// @ts-ignore: decorator`);
    out.push(`@external("clickos", "${i.name}")`);
    out.push(`export declare function host_${i.name}(${params}): ${i.results[0] ? asType[i.results[0]] : "void"};`);
  }
  return out.join("\n") + "\n";
}

function cHeader() {
  const cType = { i32: "int32_t", i64: "int64_t", f64: "double", f32: "float", u32: "uint32_t" };
  const out = [`/* ${banner} */`, "#ifndef CLICKOS_ABI_H", "#define CLICKOS_ABI_H", "#include <stdint.h>", ""];
  out.push(`#define CLICKOS_ABI_VERSION ${abi.version}`);
  out.push(`#define CLICKOS_META_SECTION ${JSON.stringify(abi.metaSection)}`);
  for (const c of abi.constants) out.push(`/* ${c.doc} */\n#define CLICKOS_${c.name} (${c.value})`);
  out.push("", `/* ${abi.descriptor.doc} */`, "typedef struct clickos_desc {");
  for (const f of abi.descriptor.fields) {
    const t = fieldType(f.type);
    out.push(t === "bytes" ? `  uint8_t ${f.name}[${/\[(\d+)\]/.exec(f.type)[1]}]; /* ${f.doc} */` : `  ${t === "u32" ? "uint32_t" : t === "i32" ? "int32_t" : "int64_t"} ${f.name}; /* ${f.doc} */`);
  }
  out.push("} clickos_desc;");
  out.push(`#define CLICKOS_DESC_SIZE ${abi.descriptor.size}`);
  for (const f of abi.descriptor.fields) out.push(`#define CLICKOS_DESC_${upper(f.name)} ${f.offset}`);
  out.push(`typedef char clickos_desc_size_check[sizeof(clickos_desc) == ${abi.descriptor.size} ? 1 : -1];`);
  out.push("", "/* Exports every module provides (signatures as wasm types). */");
  for (const e of funcs) {
    const ps = e.params.map(([n, t]) => `${cType[t]} ${n}`).join(", ") || "void";
    out.push(`/* ${e.hostAdded ? "HOST-ADDED " : e.optional ? "OPTIONAL " : ""}${e.name}(${ps}) -> ${e.results[0] ? cType[e.results[0]] : "void"}: ${e.doc.replace(/\*\//g, "")} */`);
  }
  out.push("", "/* The closed import list, as \"module.name\". */", "#define CLICKOS_IMPORT_LIST \\");
  out.push(abi.imports.map((i) => `  "${i.module}.${i.name}"`).join(", \\\n"));
  out.push("", "#endif");
  return out.join("\n") + "\n";
}

const targets = [
  ["runtime/src/abi.generated.ts", typescriptHost()],
  ["sdk/assembly/abi.generated.ts", assemblyModule()],
  ["minios-host/include/clickos_abi.h", cHeader()],
];
const check = process.argv.includes("--check");
let stale = 0;
for (const [rel, text] of targets) {
  const path = join(root, rel);
  const old = existsSync(path) ? readFileSync(path, "utf8") : null;
  if (old === text) continue;
  if (check) { console.error(`${rel} is stale: run node sdk/scripts/gen-abi.mjs`); stale++; }
  else { writeFileSync(path, text); console.log(`wrote ${rel}`); }
}
process.exit(stale ? 1 : 0);
