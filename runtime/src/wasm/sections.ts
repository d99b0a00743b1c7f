// Minimal reader/writer of a WebAssembly binary's section list: enough to find
// and append custom sections (clickos.meta) and to list imports and exports
// without compiling the module. Every read is bounds-checked and errors name the
// byte offset.

export class WasmFormatError extends Error {
  constructor(message: string, public readonly offset: number) {
    super(`byte ${offset}: ${message}`);
    this.name = "WasmFormatError";
  }
}

export interface Section { id: number; start: number; end: number; name?: string; payloadStart: number }

function readLeb(bytes: Uint8Array, pos: number): [number, number] {
  let result = 0, shift = 0, p = pos;
  for (;;) {
    if (p >= bytes.length) throw new WasmFormatError("truncated LEB128 number", p);
    const b = bytes[p++];
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) break;
    shift += 7;
    if (shift > 35) throw new WasmFormatError("LEB128 number too long", pos);
  }
  return [result, p];
}

/** A number as unsigned LEB128 bytes. */
export function encodeLeb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

export function listSections(bytes: Uint8Array): Section[] {
  if (bytes.length < 8) throw new WasmFormatError("too short to be a WebAssembly module", 0);
  if (bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) throw new WasmFormatError("bad magic (not a WebAssembly module)", 0);
  if (bytes[4] !== 1 || bytes[5] || bytes[6] || bytes[7]) throw new WasmFormatError("unsupported WebAssembly version", 4);
  const out: Section[] = [];
  let pos = 8;
  while (pos < bytes.length) {
    const start = pos;
    const id = bytes[pos++];
    const [size, p] = readLeb(bytes, pos);
    const end = p + size;
    if (end > bytes.length) throw new WasmFormatError(`section ${id} runs past the end of the module (${size} bytes declared)`, start);
    const sec: Section = { id, start, end, payloadStart: p };
    if (id === 0) {
      const [nameLen, q] = readLeb(bytes, p);
      if (q + nameLen > end) throw new WasmFormatError("custom section name runs past the section", p);
      sec.name = new TextDecoder().decode(bytes.subarray(q, q + nameLen));
      sec.payloadStart = q + nameLen;
    }
    out.push(sec);
    pos = end;
  }
  return out;
}

export function readCustomSection(bytes: Uint8Array, name: string): Uint8Array | null {
  const s = listSections(bytes).find((x) => x.id === 0 && x.name === name);
  return s ? bytes.subarray(s.payloadStart, s.end) : null;
}

/** Returns a copy of the module with `name` replaced by (or appended as) a custom section holding `payload`. */
export function withCustomSection(bytes: Uint8Array, name: string, payload: Uint8Array): Uint8Array {
  const keep = listSections(bytes).filter((s) => !(s.id === 0 && s.name === name));
  const nameBytes = new TextEncoder().encode(name);
  const body = [...encodeLeb(nameBytes.length), ...nameBytes];
  const header = [0, ...encodeLeb(body.length + payload.length), ...body];
  const parts: Uint8Array[] = [bytes.subarray(0, 8), ...keep.map((s) => bytes.subarray(s.start, s.end)), Uint8Array.from(header), payload];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

export interface MemoryLimits { min: number; max: number | null; shared: boolean; memory64: boolean }

/** The limits of each memory the module defines (memory section; imported memories
 *  are not listed), in 64 KiB pages, without compiling the module. */
export function readMemoryLimits(bytes: Uint8Array): MemoryLimits[] {
  const sec = listSections(bytes).find((s) => s.id === 5);
  if (!sec) return [];
  let [count, p] = readLeb(bytes, sec.payloadStart);
  const out: MemoryLimits[] = [];
  for (let i = 0; i < count; i++) {
    if (p >= sec.end) throw new WasmFormatError("memory section ends inside its entries", p);
    const flags = bytes[p++];
    if (flags > 7) throw new WasmFormatError(`unknown memory limits flags 0x${flags.toString(16)}`, p - 1);
    let min: number, max: number | null = null;
    [min, p] = readLeb(bytes, p);
    if (flags & 1) [max, p] = readLeb(bytes, p);
    if (p > sec.end) throw new WasmFormatError("memory limits run past the memory section", p);
    out.push({ min, max, shared: (flags & 2) !== 0, memory64: (flags & 4) !== 0 });
  }
  return out;
}
