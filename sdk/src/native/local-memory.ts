// A pass over wasm2c's output that keeps each function's view of linear memory
// in a local, so the C compiler can hold the memory's base and size in registers.
//
// wasm2c 1.0.32 writes every access as `i32_load(&instance->w2c_memory, addr)`:
// a bounds check against mem->size, then a memcpy through mem->data. A store is a
// memcpy through a char pointer, which may (as far as the compiler knows) modify
// any object, including the instance holding data and size — so after every
// store it reloads both for the next check (measured: a third of a simple
// element's instructions). Here each function gets
//
//   wasm_rt_memory_t clickos_mem = instance->w2c_memory;
//
// and its accesses go through &clickos_mem, a local whose address never escapes
// once the access helpers are inlined: a store into linear memory cannot change
// it. It is refreshed after every statement that calls out (another function,
// call_indirect, an import, memory.grow), since only those can grow the memory
// and move or resize it. Bounds checks are unchanged: the same check, against
// the same size, in the same order. Bulk memory (memory.copy/fill) goes through
// the local too.
//
// The pass recognises wasm2c's output by its shape. Anything it does not
// recognise (another wabt version, an imported memory) leaves the file as it
// was: `applied` is false and the code is only slower, never wrong.

const MEMORY_ARG = "&instance->w2c_memory,";
const ACCESS = /\b((?:i32|i64|f32|f64)_(?:load|store)\w*|memory_fill)\(&instance->w2c_memory,/g;
const COPY = /\bmemory_copy\(&instance->w2c_memory, &instance->w2c_memory,/g;
// Statements after which the memory may have grown: calls to wasm functions
// (direct or indirect), imports, and memory.grow itself.
const CALLS_OUT = /\bw2c_\w+\(instance\b|CALL_INDIRECT\(|\(\*Z_\w+\)\(|wasm_rt_grow_memory\(/;
/** The first line of a wasm2c function definition (its body ends at a line "}"). */
export const FUNCTION_START = /^(?:static )?[A-Za-z_][\w ]*\*? ?w2c_\w+\([A-Za-z_]\w*_instance_t\* instance\b.*\) \{$/;
const LOCAL = "clickos_mem";

export interface LocalMemoryResult {
  code: string;
  applied: boolean;
  /** Why it was not applied (when applied is false). */
  reason?: string;
  functions: number;
  accesses: number;
}

/** `code` is wasm2c's .c output, `header` its .h (where the instance struct is). */
export function localizeMemory(code: string, header: string): LocalMemoryResult {
  const keep = (reason: string): LocalMemoryResult => ({ code, applied: false, reason, functions: 0, accesses: 0 });
  if (!/^\s*wasm_rt_memory_t w2c_memory;$/m.test(header)) return keep("the module does not define its own memory");
  if (code.includes(LOCAL)) return keep(`the output already uses the name ${LOCAL}`);
  const lines = code.split("\n");
  const out: string[] = [];
  let functions = 0, accesses = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!FUNCTION_START.test(line)) { out.push(line); continue; }
    let end = i + 1;
    while (end < lines.length && lines[end] !== "}") end++;
    if (end === lines.length) return keep(`unterminated function at line ${i + 1}`);
    const body = lines.slice(i + 1, end);
    i = end;
    // Only functions that load or store gain anything (memory.grow alone stays as it is).
    if (!body.some((l) => new RegExp(ACCESS.source).test(l) || new RegExp(COPY.source).test(l))) { out.push(line, ...body, "}"); continue; }
    out.push(line, `  wasm_rt_memory_t ${LOCAL} = instance->w2c_memory;`);
    for (const l of body) {
      const rewritten = l
        .replace(ACCESS, (_m, fn: string) => { accesses++; return `${fn}(&${LOCAL},`; })
        .replace(COPY, () => { accesses++; return `memory_copy(&${LOCAL}, &${LOCAL},`; });
      if (rewritten.includes(MEMORY_ARG) && !/wasm_rt_grow_memory\(/.test(rewritten)) {
        return keep(`unexpected use of the memory at: ${l.trim()}`);
      }
      out.push(rewritten);
      if (CALLS_OUT.test(l)) {
        const t = l.trim();
        // One statement per line is wasm2c's layout; a call elsewhere (inside a
        // condition, across lines) would need a refresh we cannot place.
        if (!t.endsWith(";") || t.indexOf(";") !== t.length - 1 || /[{}]|\bgoto\b/.test(t)) return keep(`call in an unexpected position: ${t}`);
        if (!t.startsWith("return ")) out.push(`  ${LOCAL} = instance->w2c_memory;`);
      }
    }
    out.push("}");
    functions++;
  }
  return { code: out.join("\n"), applied: functions > 0, functions, accesses, ...(functions ? {} : { reason: "no function accesses memory" }) };
}
