// StringAccum: Click's string builder, for handlers whose text grows with the
// element's state (flow tables, mappings, sessions). It writes UTF-8 straight
// into one growing raw buffer, and numbers and addresses are formatted in place,
// so a table of any size costs its own length in memory and no garbage per
// line. (Building the same text with `s += ...` copies the whole string at
// every line and leaves every piece for a collection that the minimal runtime
// only makes after the handler returns: a few hundred lines can exhaust the
// module's memory.)
//
// A read handler takes one in place of returning a string:
//
//   @handler("flows") flows(sa: StringAccum): void {
//     for (...) sa.u32(n).add(" ").ip4(addr).add("\n");
//   }
//
// The handler's StringAccum writes into the buffer the host reads the result
// from and hands the host each 64 KiB as it fills (clickos.handler_text), so the
// text is never copied inside the module and needs no more than 64 KiB of it.

import { scratch } from "./internal/memory";
import { host_handler_text } from "./abi.generated";

/** The handler accumulator's piece size (bytes held before handing them on). */
const FLUSH_AT: usize = 64 * 1024;

export class StringAccum {
  /** @internal */ _ptr: usize = 0;
  /** @internal */ _len: usize = 0;
  /** @internal */ _cap: usize = 0;
  /** @internal True for the handler result (the scratch buffer the host reads). */
  _scratch: bool;

  /** `forHandler` is internal: the one accumulator read handlers write into. */
  constructor(forHandler: bool = false) { this._scratch = forHandler; }

  /** Bytes written so far. */
  get length(): i32 { return <i32>this._len; }

  /** Room for `more` further bytes; returns where they go. The handler's
   *  accumulator hands what it holds to the host (clickos.handler_text) instead
   *  of growing past FLUSH_AT, so its text may be larger than module memory. */
  private reserve(more: usize): usize {
    if (this._scratch && this._len > 0 && this._len + more > FLUSH_AT) {
      host_handler_text(<i32>this._ptr, <i32>this._len);
      this._len = 0;
    }
    const need = this._len + more;
    if (need > this._cap) {
      let cap = max<usize>(this._cap << 1, max<usize>(need, 256));
      if (this._scratch) this._ptr = scratch(cap);
      else this._ptr = this._ptr == 0 ? heap.alloc(cap) : heap.realloc(this._ptr, cap);
      this._cap = cap;
    }
    return this._ptr + this._len;
  }

  /** Appends `s` (UTF-8). */
  add(s: string): StringAccum {
    const n = <usize>String.UTF8.byteLength(s, false);
    const at = this.reserve(n);
    String.UTF8.encodeUnsafe(changetype<usize>(s), s.length, at, false);
    this._len += n;
    return this;
  }

  /** Appends one character given by its code (below 128: one byte). */
  char(c: i32): StringAccum {
    if (c < 0x80) {
      store<u8>(this.reserve(1), <u8>c);
      this._len += 1;
      return this;
    }
    return this.add(String.fromCodePoint(c));
  }

  /** Appends an unsigned number in decimal. */
  u64(v: u64): StringAccum {
    let digits: usize = 1;
    for (let t = v; t >= 10; t /= 10) digits++;
    const at = this.reserve(digits);
    for (let i = digits; i > 0; i--) {
      store<u8>(at + i - 1, <u8>(48 + v % 10));
      v /= 10;
    }
    this._len += digits;
    return this;
  }

  u32(v: u32): StringAccum { return this.u64(<u64>v); }

  /** Appends a signed number in decimal. */
  i64(v: i64): StringAccum {
    if (v < 0) {
      this.char(45);
      return this.u64(<u64>(-(v + 1)) + 1);
    }
    return this.u64(<u64>v);
  }

  i32(v: i32): StringAccum { return this.i64(<i64>v); }

  /** Appends `v` in lowercase hexadecimal, at least `width` digits (zero-padded). */
  hex(v: u64, width: i32 = 1): StringAccum {
    let digits: i32 = 1;
    for (let t = v >> 4; t != 0; t >>= 4) digits++;
    if (digits < width) digits = width;
    const at = this.reserve(<usize>digits);
    for (let i = digits; i > 0; i--) {
      const d = <u8>(v & 15);
      store<u8>(at + <usize>i - 1, d < 10 ? 48 + d : 87 + d);
      v >>= 4;
    }
    this._len += <usize>digits;
    return this;
  }

  /** Appends an IPv4 address given raw (`load<u32>` of its bytes, as IPAddress.raw): "10.0.0.1". */
  ip4(raw: u32): StringAccum {
    this.u32(raw & 0xff).char(46).u32((raw >>> 8) & 0xff).char(46);
    return this.u32((raw >>> 16) & 0xff).char(46).u32(raw >>> 24);
  }

  /** Appends the 6-byte Ethernet address at `ptr`: "00:11:22:33:44:55". */
  ether(ptr: usize): StringAccum {
    for (let i: usize = 0; i < 6; i++) {
      if (i) this.char(58);
      this.hex(<u64>load<u8>(ptr + i), 2);
    }
    return this;
  }

  /** The text so far as a string (allocates; for tests and small results). */
  toString(): string {
    return String.UTF8.decodeUnsafe(this._ptr, this._len, false);
  }

  /** Empties it, keeping the buffer. */
  clear(): void { this._len = 0; }
}

// The one accumulator a read handler writes into: the scratch buffer, where the
// host reads every handler result.
const handlerAccum = new StringAccum(true);

/** @internal The handler's accumulator, emptied (generated glue). */
export function startHandlerText(): StringAccum {
  handlerAccum._len = 0;
  handlerAccum._cap = 0; // the scratch buffer may have been used for other strings
  return handlerAccum;
}

/** @internal The marker a read handler returns when its text is in the accumulator. */
export const HANDLER_TEXT: string = "\u0000clickos-handler-text";

/** @internal Bytes of the handler's text still in the scratch buffer (the last piece). */
export function handlerTextLength(): i32 { return <i32>handlerAccum._len; }
