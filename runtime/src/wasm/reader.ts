// A bounds-checked reader of WebAssembly binary encodings (LEB128 numbers,
// names, value types), shared by the section reader, the import check of the
// native build and the fuel meter. Every error names the byte offset.

import { WasmFormatError } from "./sections.ts";

const VALTYPES: Record<number, string> = { 0x7f: "i32", 0x7e: "i64", 0x7d: "f32", 0x7c: "f64", 0x7b: "v128", 0x70: "funcref", 0x6f: "externref" };

export class WasmReader {
  constructor(readonly bytes: Uint8Array, public pos: number, readonly end: number) {}
  byte(): number {
    if (this.pos >= this.end) throw new WasmFormatError("unexpected end of section", this.pos);
    return this.bytes[this.pos++];
  }
  /** An unsigned LEB128 number of at most 32 bits. */
  u32(): number {
    let result = 0, shift = 0;
    const start = this.pos;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) break;
      shift += 7;
      if (shift > 28) throw new WasmFormatError("LEB128 number too long", start);
    }
    if (result > 0xffffffff) throw new WasmFormatError("LEB128 number out of range", start);
    return result;
  }
  /** Skips a signed LEB128 number of at most `bits` bits. */
  sleb(bits: number): void {
    const start = this.pos;
    for (let n = 0; ; n++) {
      if (n * 7 >= bits + 7) throw new WasmFormatError("LEB128 number too long", start);
      if (!(this.byte() & 0x80)) return;
    }
  }
  skip(n: number): void {
    if (this.pos + n > this.end) throw new WasmFormatError("unexpected end of section", this.pos);
    this.pos += n;
  }
  name(): string {
    const n = this.u32();
    if (this.pos + n > this.end) throw new WasmFormatError("name runs past the section", this.pos);
    const s = new TextDecoder().decode(this.bytes.subarray(this.pos, this.pos + n));
    this.pos += n;
    return s;
  }
  valtype(): string {
    const at = this.pos, b = this.byte();
    const t = VALTYPES[b];
    if (!t) throw new WasmFormatError(`unknown value type 0x${b.toString(16)}`, at);
    return t;
  }
  limits(): void { const flags = this.byte(); this.u32(); if (flags & 1) this.u32(); }
}
