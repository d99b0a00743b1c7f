// IPFilter/IPClassifier language: the compiled program, a flat decision DAG in one
// StaticArray, and the builder that flattens expression trees into it.
//
// Each instruction is STRIDE i32s:
//   base, offset, nbytes, shift, mask, op, value, yes, no, short
// meaning: read `nbytes` big-endian bytes at `offset` from the base header (IP,
// transport or MAC); if they are not all in the packet, go to `short`; else compute
// v = (bytes >>> shift) & mask and go to `yes` if  v == value (op EQ) / v > value (op GT),
// else to `no`. A target >= 0 is an instruction index; TARGET_DROP and outputTarget(k)
// end the run. The builder emits an instruction only after every instruction it can
// jump to, so every jump goes to a lower index and a run always terminates.

import { optimizeProgram } from "./ipfilter-optimize";
import { Node, N_TRUE, N_FALSE, N_TEST, N_AND, N_OR, N_NOT, N_TERNARY, N_PRIM, OP_EQ, BASE_NET, BASE_TRANSPORT } from "./ipfilter-ast";

export const STRIDE: i32 = 10;
export const I_BASE: i32 = 0;
export const I_OFFSET: i32 = 1;
export const I_NBYTES: i32 = 2;
export const I_SHIFT: i32 = 3;
export const I_MASK: i32 = 4;
export const I_OP: i32 = 5;
export const I_VALUE: i32 = 6;
export const I_YES: i32 = 7;
export const I_NO: i32 = 8;
export const I_SHORT: i32 = 9;

export const TARGET_DROP: i32 = -1;
/** The jump target meaning "send to output k". */
export function outputTarget(k: i32): i32 { return -2 - k; }
/** The output port of a terminal target, or -1 (drop). */
// @ts-ignore: decorator
@inline export function targetOutput(t: i32): i32 { return t == TARGET_DROP ? -1 : -2 - t; }

// The layout runProgram reads: RUN_STRIDE i32s per instruction, the read in one word
// (fewer loads per step than the builder's layout, which the listing keeps).
export const RUN_STRIDE: i32 = 6;
// offset | nbytes << 16 | base << 19 | (op == EQ) << 21 | wordShift << 22, where wordShift
// = 32 - 8 * nbytes + shift: the field's value from the big-endian 32-bit word at offset.
export const R_READ: i32 = 0;
export const R_MASK: i32 = 1;
export const R_VALUE: i32 = 2;
export const R_YES: i32 = 3;
export const R_NO: i32 = 4;
export const R_SHORT: i32 = 5;

export class Program {
  code: StaticArray<i32>;
  /** The same instructions in the layout runProgram reads. */
  run: StaticArray<i32>;
  /** First instruction, or a terminal target when the answer needs no packet data. */
  entry: i32;
  constructor(code: StaticArray<i32>, entry: i32) {
    this.code = code;
    this.entry = entry;
    const n = code.length / STRIDE;
    const r = new StaticArray<i32>(n * RUN_STRIDE);
    for (let i = 0; i < n; i++) {
      const o = i * STRIDE, q = i * RUN_STRIDE;
      r[q + R_READ] = (code[o + I_OFFSET] & 0xffff) | ((code[o + I_NBYTES] & 7) << 16) | ((code[o + I_BASE] & 3) << 19)
        | (code[o + I_OP] == OP_EQ ? 1 << 21 : 0) | (((32 - 8 * code[o + I_NBYTES] + code[o + I_SHIFT]) & 63) << 22);
      r[q + R_MASK] = code[o + I_MASK];
      r[q + R_VALUE] = code[o + I_VALUE];
      r[q + R_YES] = code[o + I_YES];
      r[q + R_NO] = code[o + I_NO];
      r[q + R_SHORT] = code[o + I_SHORT];
    }
    this.run = r;
  }

  get length(): i32 { return this.code.length / STRIDE; }

  /** A readable listing, for the "program" handler. */
  toString(): string {
    let s = "entry " + targetText(this.entry) + "\n";
    const c = this.code;
    for (let i = 0; i < this.length; i++) {
      const o = i * STRIDE;
      const base = c[o + I_BASE];
      let t = i.toString() + ": " + (base == BASE_NET ? "ip" : base == BASE_TRANSPORT ? "transp" : "ether")
        + "[" + c[o + I_OFFSET].toString() + ":" + c[o + I_NBYTES].toString() + "]";
      if (c[o + I_SHIFT] != 0) t += " >> " + c[o + I_SHIFT].toString();
      t += " & 0x" + (<u32>c[o + I_MASK]).toString(16) + (c[o + I_OP] == OP_EQ ? " == " : " > ")
        + (<u32>c[o + I_VALUE]).toString() + "  yes " + targetText(c[o + I_YES])
        + "  no " + targetText(c[o + I_NO]) + "  short " + targetText(c[o + I_SHORT]);
      s += t + "\n";
    }
    return s;
  }
}

function targetText(t: i32): string {
  if (t >= 0) return t.toString();
  return t == TARGET_DROP ? "[drop]" : "[" + targetOutput(t).toString() + "]";
}

export class ProgramBuilder {
  private code: i32[] = [];

  /** Emits code for `n`: it continues at `yes` if n holds, at `no` if not. Returns the entry. */
  add(n: Node, yes: i32, no: i32): i32 { return this.emit(n, yes, no, no); }

  private emit(n: Node, yes: i32, no: i32, short: i32): i32 {
    const k = n.kind;
    if (k == N_TRUE) return yes;
    if (k == N_FALSE) return no;
    if (k == N_AND) return this.emit(n.a!, this.emit(n.b!, yes, no, short), no, short);
    if (k == N_OR) return this.emit(n.a!, yes, this.emit(n.b!, yes, no, short), short);
    if (k == N_NOT) return this.emit(n.a!, no, yes, short);
    if (k == N_TERNARY) {
      const y = this.emit(n.b!, yes, no, short);
      const z = this.emit(n.c!, yes, no, short);
      return this.emit(n.a!, y, z, short);
    }
    // Inside a primitive, running off the packet makes the primitive false.
    if (k == N_PRIM) return this.emit(n.a!, yes, no, no);
    assert(k == N_TEST);
    if (yes == no && short == yes) return yes; // the answer does not depend on this test
    const at = this.code.length / STRIDE;
    const c = this.code;
    c.push(n.base); c.push(n.offset); c.push(n.nbytes); c.push(n.shift); c.push(<i32>n.mask);
    c.push(n.op); c.push(<i32>n.value); c.push(yes); c.push(no); c.push(short);
    return at;
  }

  /** The program starting at `entry`, optimised (ipfilter-optimize.ts) unless asked not to. */
  finish(entry: i32, optimize: bool = true): Program {
    let code = this.code;
    if (optimize) {
      const o = optimizeProgram(code, entry);
      code = o.code;
      entry = o.entry;
    }
    const out = new StaticArray<i32>(code.length);
    for (let i = 0; i < code.length; i++) out[i] = code[i];
    return new Program(out, entry);
  }
}
