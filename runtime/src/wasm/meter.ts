// The host's own fuel metering and sanitising of an untrusted module, done on
// the binary before it is compiled (Node host) or handed to wasm2c (native
// build). Both hosts run exactly the bytes this returns, so a module's own
// claims count for nothing:
//
//   - every export that is not part of the ABI is dropped (an export name is the
//     one piece of module text wasm2c prints into C; only ABI names remain), and
//     so is any `clickos_fuel_set` the module brought itself;
//   - every custom section but clickos.meta is dropped (the name section's
//     function names would otherwise reach wasm2c's output);
//   - a fuel counter is added: a mutable i64 global, decremented at the entry of
//     every function and at the head of every loop (each iteration passes it
//     once), with `unreachable` when it drops below zero. The start function is
//     metered like everything else: the global starts at `startFuel`, so a
//     top-level loop traps at instantiation instead of hanging the host;
//   - the export `clickos_fuel_set(fuel: i64) -> i64` sets the counter and
//     returns what was left. The host refills it before every call into the
//     module and reads it after a trap (below zero: the trap was fuel running out).
//
// Everything is appended (a new type, global, function and export), so no index
// in the module shifts. An instruction this reader does not know (SIMD, tail
// calls, exceptions, threads, anything newer) refuses the module: a loop inside
// it could otherwise escape metering.

import { WasmFormatError, encodeLeb } from "./sections.ts";
import { WasmReader as Reader } from "./reader.ts";

export const FUEL_EXPORT = "clickos_fuel_set";

export interface MeterOptions {
  /** Exports to keep (every other export is dropped). */
  keepExports: ReadonlySet<string>;
  /** Custom sections to keep. */
  keepCustom: ReadonlySet<string>;
  /** The counter's value at instantiation: the budget of the start function. */
  startFuel: number;
}

export class MeterError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`byte ${offset}: ${message}`);
    this.name = "MeterError";
  }
}

const leb = encodeLeb;

function sleb64(v: bigint): number[] {
  const out: number[] = [];
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && !(b & 0x40)) || (v === -1n && b & 0x40)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}

const I64 = 0x7e;

/** Skips a block type: empty, one value type, or a type index (s33). */
function blockType(r: Reader): void {
  const t = r.bytes[r.pos];
  if (t === 0x40 || t === 0x7f || t === 0x7e || t === 0x7d || t === 0x7c || t === 0x7b || t === 0x70 || t === 0x6f) { r.pos++; return; }
  r.sleb(33);
}

/** Copies one function body, inserting `charge` after its local declarations
 *  and after every loop's block type. */
function meterBody(r: Reader, charge: number[], out: number[]): void {
  const start = r.pos;
  const groups = r.u32();
  let locals = 0;
  for (let i = 0; i < groups; i++) {
    locals += r.u32();
    if (locals > 50000) throw new MeterError("function declares too many locals", start);
    r.byte();
  }
  pushRange(out, r.bytes, start, r.pos);
  append(out, charge);
  let depth = 1;
  let from = r.pos;
  while (depth > 0) {
    const at = r.pos;
    const op = r.byte();
    switch (op) {
      case 0x02: case 0x04: blockType(r); depth++; break;
      case 0x03:
        blockType(r); depth++;
        pushRange(out, r.bytes, from, r.pos);
        append(out, charge);
        from = r.pos;
        break;
      case 0x0b: depth--; break;
      case 0x00: case 0x01: case 0x05: case 0x0f: case 0x1a: case 0x1b: case 0xd1: break;
      case 0x0c: case 0x0d: case 0x10: case 0x20: case 0x21: case 0x22: case 0x23: case 0x24:
      case 0x25: case 0x26: case 0xd2: r.u32(); break;
      case 0x0e: { const n = r.u32(); for (let i = 0; i <= n; i++) r.u32(); break; }
      case 0x11: r.u32(); r.u32(); break;
      case 0x1c: { const n = r.u32(); r.skip(n); break; }
      case 0x3f: case 0x40: if (r.u32() !== 0) throw new MeterError("more than one memory", at); break;
      case 0x41: r.sleb(32); break;
      case 0x42: r.sleb(64); break;
      case 0x43: r.skip(4); break;
      case 0x44: r.skip(8); break;
      case 0xd0: r.byte(); break;
      case 0xfc: prefixed(r, at); break;
      default:
        if (op >= 0x28 && op <= 0x3e) {
          if (r.u32() >= 64) throw new MeterError("multi-memory access", at);
          r.u32();
        } else if (op >= 0x45 && op <= 0xc4) {
          // numeric instructions (0xc0-0xc4: sign extension): no immediates
        } else {
          throw new MeterError(`instruction 0x${op.toString(16)} (${unsupportedName(op)}) cannot be metered: the ClickOS hosts refuse it`, at);
        }
    }
  }
  if (r.pos !== r.end) throw new MeterError("function body continues after its final end", r.pos);
  pushRange(out, r.bytes, from, r.pos);
}

function prefixed(r: Reader, at: number): void {
  const sub = r.u32();
  if (sub <= 7) return;                         // saturating float-to-int
  switch (sub) {
    case 8: r.u32(); r.u32(); return;           // memory.init data, mem
    case 9: r.u32(); return;                    // data.drop
    case 10: r.u32(); r.u32(); return;          // memory.copy
    case 11: r.u32(); return;                   // memory.fill
    case 12: case 14: r.u32(); r.u32(); return; // table.init, table.copy
    case 13: case 15: case 16: case 17: r.u32(); return;
  }
  throw new MeterError(`instruction 0xfc ${sub} cannot be metered: the ClickOS hosts refuse it`, at);
}

function unsupportedName(op: number): string {
  if (op === 0xfd) return "SIMD";
  if (op === 0xfe) return "threads";
  if (op === 0x12 || op === 0x13) return "tail call";
  if (op >= 0x06 && op <= 0x09 || op === 0x18 || op === 0x19) return "exception handling";
  return "unknown";
}

function pushRange(out: number[], b: Uint8Array, from: number, to: number): void {
  for (let i = from; i < to; i++) out.push(b[i]);
}

function append(out: number[], more: ArrayLike<number>): void {
  for (let i = 0; i < more.length; i++) out.push(more[i]);
}

function vecSection(out: number[], id: number, count: number, body: number[]): void {
  const n = leb(count);
  out.push(id);
  append(out, leb(n.length + body.length));
  append(out, n);
  append(out, body);
}

interface Parsed {
  sections: { id: number; start: number; end: number; payload: number; name?: string }[];
  funcImports: number;
  globalImports: number;
}

function parse(b: Uint8Array): Parsed {
  if (b.length < 8 || b[0] !== 0 || b[1] !== 0x61 || b[2] !== 0x73 || b[3] !== 0x6d) throw new WasmFormatError("bad magic (not a WebAssembly module)", 0);
  if (b[4] !== 1 || b[5] || b[6] || b[7]) throw new WasmFormatError("unsupported WebAssembly version", 4);
  const sections: Parsed["sections"] = [];
  let p = 8, funcImports = 0, globalImports = 0;
  while (p < b.length) {
    const start = p;
    const r = new Reader(b, p + 1, b.length);
    const id = b[p];
    const size = r.u32();
    const end = r.pos + size;
    if (end > b.length) throw new WasmFormatError(`section ${id} runs past the end of the module`, start);
    const s: Parsed["sections"][number] = { id, start, end, payload: r.pos };
    if (id === 0) {
      const n = new Reader(b, r.pos, end);
      const len = n.u32();
      n.skip(len);
      s.name = new TextDecoder().decode(b.subarray(n.pos - len, n.pos));
    } else if (id === 2) {
      const n = new Reader(b, r.pos, end);
      for (let i = 0, count = n.u32(); i < count; i++) {
        n.skip(n.u32()); n.skip(n.u32());
        const kind = n.byte();
        if (kind === 0) { n.u32(); funcImports++; }
        else if (kind === 1) { n.byte(); const f = n.byte(); n.u32(); if (f & 1) n.u32(); }
        else if (kind === 2) { const f = n.byte(); n.u32(); if (f & 1) n.u32(); }
        else if (kind === 3) { n.byte(); n.byte(); globalImports++; }
        else throw new MeterError(`unknown import kind ${kind}`, n.pos - 1);
      }
    } else if (id > 12) {
      throw new MeterError(`unknown section id ${id}`, start);
    }
    if (id !== 0 && sections.some((x) => x.id === id)) throw new MeterError(`section ${id} appears twice`, start);
    sections.push(s);
    p = end;
  }
  return { sections, funcImports, globalImports };
}

/** Counts the entries of a vector section (0 when absent). */
function countOf(b: Uint8Array, s: Parsed["sections"][number] | undefined): number {
  return s ? new Reader(b, s.payload, s.end).u32() : 0;
}

/** Returns the sanitised, fuel-metered module (see the top of this file). */
export function meterModule(bytes: Uint8Array, o: MeterOptions): Uint8Array {
  const { sections, funcImports, globalImports } = parse(bytes);
  const find = (id: number) => sections.find((s) => s.id === id);
  const types = countOf(bytes, find(1));
  const funcs = countOf(bytes, find(3));
  const codes = countOf(bytes, find(10));
  if (funcs !== codes) throw new MeterError(`function and code sections disagree (${funcs} functions, ${codes} bodies)`, find(10)?.start ?? 0);
  if (!funcs) throw new MeterError("the module defines no functions", 8);
  const globals = countOf(bytes, find(6));
  const fuelGlobal = globalImports + globals;
  const fuelType = types;
  const fuelFunc = funcImports + funcs;

  const g = leb(fuelGlobal);
  // fuel -= 1; if (fuel < 0) unreachable
  const charge = [0x23, ...g, 0x42, 0x01, 0x7d, 0x24, ...g, 0x23, ...g, 0x42, 0x00, 0x53, 0x04, 0x40, 0x00, 0x0b];

  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const has = new Set(sections.map((s) => s.id));
  // Known sections in their required order; a new one goes where it belongs.
  const order = [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 10, 11];
  const emit = (id: number) => {
    const s = find(id);
    switch (id) {
      case 1: { // type: + (i64) -> i64
        const body: number[] = [];
        if (s) pushRange(body, bytes, skipCount(bytes, s), s.end);
        body.push(0x60, 1, I64, 1, I64);
        vecSection(out, 1, types + 1, body);
        return;
      }
      case 3: {
        const body: number[] = [];
        if (s) { pushRange(body, bytes, skipCount(bytes, s), s.end); }
        body.push(...leb(fuelType));
        vecSection(out, 3, funcs + 1, body);
        return;
      }
      case 6: {
        const body: number[] = [];
        if (s) pushRange(body, bytes, skipCount(bytes, s), s.end);
        body.push(I64, 1, 0x42, ...sleb64(BigInt(Math.max(0, Math.floor(o.startFuel)))), 0x0b);
        vecSection(out, 6, globals + 1, body);
        return;
      }
      case 7: {
        const body: number[] = [];
        let kept = 0;
        if (s) {
          const r = new Reader(bytes, s.payload, s.end);
          for (let i = 0, n = r.u32(); i < n; i++) {
            const from = r.pos;
            const len = r.u32();
            r.skip(len);
            const name = bytes.subarray(r.pos - len, r.pos);
            r.byte(); r.u32();
            const text = new TextDecoder("utf-8", { fatal: false }).decode(name);
            if (text === FUEL_EXPORT || !o.keepExports.has(text)) continue;
            pushRange(body, bytes, from, r.pos);
            kept++;
          }
        }
        const nameBytes = new TextEncoder().encode(FUEL_EXPORT);
        body.push(...leb(nameBytes.length), ...nameBytes, 0x00, ...leb(fuelFunc));
        vecSection(out, 7, kept + 1, body);
        return;
      }
      case 10: {
        const body: number[] = [];
        const r = new Reader(bytes, s!.payload, s!.end);
        const n = r.u32();
        for (let i = 0; i < n; i++) {
          const size = r.u32();
          const end = r.pos + size;
          if (end > s!.end) throw new MeterError("function body runs past the code section", r.pos);
          const fn: number[] = [];
          meterBody(new Reader(bytes, r.pos, end), charge, fn);
          append(body, leb(fn.length));
          append(body, fn);
          r.pos = end;
        }
        // clickos_fuel_set: old = fuel; fuel = arg; return old
        const fuelSet = [0x00, 0x23, ...g, 0x20, 0x00, 0x24, ...g, 0x0b];
        body.push(...leb(fuelSet.length), ...fuelSet);
        vecSection(out, 10, n + 1, body);
        return;
      }
      default:
        if (s) pushRange(out, bytes, s.start, s.end);
    }
  };
  for (const id of order) if (has.has(id) || id === 1 || id === 3 || id === 6 || id === 7) emit(id);
  for (const s of sections) if (s.id === 0 && s.name !== undefined && o.keepCustom.has(s.name)) pushRange(out, bytes, s.start, s.end);
  return Uint8Array.from(out);
}

/** The position after a vector section's count. */
function skipCount(b: Uint8Array, s: Parsed["sections"][number]): number {
  const r = new Reader(b, s.payload, s.end);
  r.u32();
  return r.pos;
}
