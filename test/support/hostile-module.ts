// Hand-made element modules for the hostile-module corpus: a complete ClickOS
// ABI surface written in WebAssembly text (so no SDK, no fuel, no checks of
// ours shaped them), with hooks where an attack goes, and clickos.meta as
// given. Built with Binaryen's text parser (the npm package AssemblyScript
// ships), so no command-line tool is needed.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";

export interface HostileParts {
  /** Body of clickos_push (params $h $port $base $count, returns i32); default: every packet to port 0. */
  push?: string;
  /** A start function body (runs at instantiation). */
  start?: string;
  /** Extra module fields (exports, functions, globals) in WAT. */
  extra?: string;
  /** clickos.meta (default: one class "Hostile", 1/1, no handlers). */
  meta?: unknown;
  /** Keep function names (a name section) in the binary. */
  names?: boolean;
  /** Import declarations (WAT), placed before every definition. */
  imports?: string;
  /** Body of clickos_handler_read (params $h $id, returns the length of the text at 1024). */
  handlerRead?: string;
  /** Body of clickos_emitted (returns the address of the emitted descriptors); default 0. */
  emitted?: string;
}

export const HOSTILE_META = {
  abi: 1, sdk: "0.1.0", runtime: "stub",
  classes: [{ id: 0, name: "Hostile", ports: "1/1", processing: "a", args: [], handlers: [{ name: "count", id: 0, read: true, write: false, type: "u32" }], doc: {} }],
};

const wat = (p: HostileParts) => `(module
  ${p.imports ?? ""}
  (memory (export "memory") 2 16)
  (global $count (mut i32) (i32.const 0))
  (func (export "clickos_abi_version") (result i32) (i32.const 1))
  (func (export "clickos_scratch") (param i32) (result i32) (i32.const 1024))
  (func (export "clickos_arena_alloc") (param $n i32) (result i32)
    (if (i32.gt_u (local.get $n) (i32.const 65536)) (then (drop (memory.grow (i32.const 8)))))
    (i32.const 65536))
  (func (export "clickos_arena_free") (param i32))
  (func (export "clickos_element_new") (param i32 i32 i32) (result i32) (i32.const 1))
  (func (export "clickos_element_configure") (param i32 i32) (result i32) (i32.const 0))
  (func (export "clickos_element_initialize") (param i32) (result i32) (i32.const 0))
  (func (export "clickos_element_cleanup") (param i32))
  (func (export "clickos_push") (param $h i32) (param $port i32) (param $base i32) (param $count i32) (result i32) (local $i i32)
    (global.set $count (i32.add (global.get $count) (local.get $count)))
    ${p.push ?? ""}
    (i32.const 0))
  (func (export "clickos_emitted") (result i32) ${p.emitted ?? "(i32.const 0)"})
  (func (export "clickos_timer_fire") (param i32 i32) (result i32) (i32.const 0))
  (func (export "clickos_handler_read") (param $h i32) (param $id i32) (result i32) (local $i i32)
    ${p.handlerRead ?? `(i32.store8 (i32.const 1024) (i32.add (i32.const 48) (i32.rem_u (global.get $count) (i32.const 10))))
    (i32.const 1)`})
  (func (export "clickos_handler_write") (param i32 i32 i32) (result i32) (i32.const -1))
  ${p.start ? `(func $start ${p.start}) (start $start)` : ""}
  ${p.extra ?? ""}
)`;

let n = 0;
/** Writes the module to a temporary file; returns its path. */
export async function hostileModule(name: string, p: HostileParts = {}): Promise<string> {
  const binaryen = (await import("binaryen")).default;
  const mod = binaryen.parseText(wat(p));
  try {
    mod.setFeatures(binaryen.Features.MVP | binaryen.Features.MutableGlobals | binaryen.Features.BulkMemory | binaryen.Features.SignExt);
    if (!mod.validate()) throw new Error(`hostile module ${name} does not validate`);
    mod.addCustomSection("clickos.meta", new TextEncoder().encode(JSON.stringify(p.meta ?? HOSTILE_META)));
    const dir = join(tmpdir(), "clickos-hostile");
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${name}-${process.pid}-${n++}.wasm`);
    binaryen.setDebugInfo(!!p.names);
    writeFileSync(path, mod.emitBinary());
    return path;
  } finally {
    binaryen.setDebugInfo(false);
    mod.dispose();
  }
}

/** A push body that never ends (no fuel of its own: the host must meter it). */
export const LOOP_FOREVER = "(loop $l (br $l))";

/** A push body that runs `action` for each packet whose first byte is 0xff. */
export function onTrigger(action: string): string {
  return `(block $done (loop $next
    (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
    (if (i32.eq (i32.load8_u (i32.load offset=8 (i32.add (local.get $base) (i32.mul (local.get $i) (i32.const 96))))) (i32.const 0xff)) (then ${action}))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br $next)))`;
}
