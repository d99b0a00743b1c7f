// IPFilter/IPClassifier language: removes tests whose outcome is already known on
// the way to them, as Click's classifier optimiser does. The builder emits each
// rule's tests independently, so a rule set of "tcp && ..." rules tests the
// protocol byte again in every rule, even on paths where an earlier test already
// settled it.
//
// Facts flow down the DAG (every jump goes to a lower index, so instructions are
// visited from the entry, the highest index, downwards and each is seen after all
// its predecessors): what is known on entry to an instruction is what holds on
// every edge into it. An edge whose target's outcome follows from the facts on
// that edge is redirected past the target (jump threading), repeatedly. Facts are
//   - per extracted field (base, offset, nbytes, shift, mask): a range lo..hi and
//     values it is known not to be,
//   - per base: bytes known to be in the packet (a read up to there cannot be
//     short) and lengths known to be out of it (a read that far is short).
// Instructions no edge reaches any more are dropped and the rest renumbered in
// order, so the "jumps go down" invariant still holds.

import { STRIDE, I_BASE, I_OFFSET, I_NBYTES, I_SHIFT, I_MASK, I_OP, I_VALUE, I_YES, I_NO, I_SHORT } from "./ipfilter-program";
import { OP_EQ } from "./ipfilter-ast";

const NBASES = 3;
const FAR: i32 = i32.MAX_VALUE;

class FieldFact {
  constructor(public key: u64, public lo: u32, public hi: u32, public ne: u32[]) {}
  copy(): FieldFact { return new FieldFact(this.key, this.lo, this.hi, this.ne.slice()); }
}

class Facts {
  fields: FieldFact[] = [];
  readable: StaticArray<i32> = new StaticArray<i32>(NBASES);   // a read ending at or before this is in the packet
  short: StaticArray<i32> = new StaticArray<i32>(NBASES);      // a read ending at or after this is short

  static empty(): Facts {
    const f = new Facts();
    for (let b = 0; b < NBASES; b++) { f.readable[b] = 0; f.short[b] = FAR; }
    return f;
  }

  copy(): Facts {
    const f = new Facts();
    for (let i = 0; i < this.fields.length; i++) f.fields.push(this.fields[i].copy());
    for (let b = 0; b < NBASES; b++) { f.readable[b] = this.readable[b]; f.short[b] = this.short[b]; }
    return f;
  }

  find(key: u64): FieldFact | null {
    for (let i = 0; i < this.fields.length; i++) if (this.fields[i].key == key) return this.fields[i];
    return null;
  }

  /** What holds on both this and `o`. */
  meet(o: Facts): Facts {
    const f = Facts.empty();
    for (let i = 0; i < this.fields.length; i++) {
      const a = this.fields[i];
      const b = o.find(a.key);
      if (b === null) continue;
      const ne: u32[] = [];
      for (let k = 0; k < a.ne.length; k++) if (b.ne.includes(a.ne[k])) ne.push(a.ne[k]);
      f.fields.push(new FieldFact(a.key, min(a.lo, b.lo), max(a.hi, b.hi), ne));
    }
    for (let b = 0; b < NBASES; b++) { f.readable[b] = min(this.readable[b], o.readable[b]); f.short[b] = max(this.short[b], o.short[b]); }
    return f;
  }
}

// Outcomes of an instruction.
const YES = 0, NO = 1, SHORT = 2, UNKNOWN = -1;

function keyOf(c: i32[], o: i32): u64 {
  return (<u64>c[o + I_BASE] << 62) | (<u64>(c[o + I_OFFSET] & 0xffff) << 46) | (<u64>(c[o + I_NBYTES] & 7) << 43)
    | (<u64>(c[o + I_SHIFT] & 31) << 38) | (<u64>(<u32>c[o + I_MASK]) << 6);
}

function readEnd(c: i32[], o: i32): i32 { return c[o + I_OFFSET] + c[o + I_NBYTES]; }

/** The outcome of instruction at `o` under `f`, or UNKNOWN. */
function decide(c: i32[], o: i32, f: Facts): i32 {
  const base = c[o + I_BASE], end = readEnd(c, o);
  if (end >= f.short[base]) return SHORT;
  if (end > f.readable[base]) return UNKNOWN;
  const ff = f.find(keyOf(c, o));
  if (ff === null) return UNKNOWN;
  const w = <u32>c[o + I_VALUE];
  if (c[o + I_OP] == OP_EQ) {
    if (ff.lo == ff.hi) return ff.lo == w ? YES : NO;
    if (w < ff.lo || w > ff.hi || ff.ne.includes(w)) return NO;
    return UNKNOWN;
  }
  if (ff.lo > w) return YES;
  if (ff.hi <= w) return NO;
  return UNKNOWN;
}

/** `f` plus what taking outcome `out` of instruction `o` tells. */
function learn(c: i32[], o: i32, f: Facts, out: i32): Facts {
  const g = f.copy();
  const base = c[o + I_BASE], end = readEnd(c, o);
  if (out == SHORT) { g.short[base] = min(g.short[base], end); return g; }
  g.readable[base] = max(g.readable[base], end);
  const key = keyOf(c, o);
  let ff = g.find(key);
  if (ff === null) {
    ff = new FieldFact(key, 0, <u32>c[o + I_MASK], []);   // v = (bytes >>> shift) & mask <= mask
    g.fields.push(ff);
  }
  const w = <u32>c[o + I_VALUE];
  if (c[o + I_OP] == OP_EQ) {
    if (out == YES) { ff.lo = w; ff.hi = w; }
    else {
      if (!ff.ne.includes(w)) ff.ne.push(w);
      if (ff.lo == w && ff.lo < ff.hi) ff.lo++;
      if (ff.hi == w && ff.hi > ff.lo) ff.hi--;
    }
  } else if (out == YES) {
    if (w + 1 > ff.lo && w != u32.MAX_VALUE) ff.lo = w + 1;
  } else if (w < ff.hi) {
    ff.hi = w;
  }
  return g;
}

/** Where instruction fields hold the target of outcome s. (A function, not a table:
 *  this module and ipfilter-program.ts import each other.) */
function slot(s: i32): i32 { return s == YES ? I_YES : s == NO ? I_NO : I_SHORT; }

export class Optimized {
  constructor(public code: i32[], public entry: i32) {}
}

/** The program with the tests whose outcome is known on the way to them skipped. */
export function optimizeProgram(code: i32[], entry: i32): Optimized {
  const n = code.length / STRIDE;
  if (entry < 0 || n == 0) return new Optimized(code, entry);
  const inFacts = new Array<Facts | null>(n).fill(null);
  inFacts[entry] = Facts.empty();
  for (let i = entry; i >= 0; i--) {
    const fi = inFacts[i];
    if (fi === null) continue;   // no edge reaches it
    const o = i * STRIDE;
    const base = code[o + I_BASE], end = readEnd(code, o);
    for (let s = 0; s < 3; s++) {
      // Edges never taken add nothing: short when the read is known to fit, yes and
      // no when it is known not to.
      if (s == SHORT ? end <= fi.readable[base] : end >= fi.short[base]) continue;
      const facts = learn(code, o, fi, s);
      let t = code[o + slot(s)];
      while (t >= 0) {
        const out = decide(code, t * STRIDE, facts);
        if (out == UNKNOWN) break;
        t = code[t * STRIDE + slot(out)];
      }
      code[o + slot(s)] = t;
      if (t >= 0) {
        const prev = inFacts[t];
        inFacts[t] = prev === null ? facts : prev.meet(facts);
      }
    }
  }
  // Keep the instructions still reached, renumbered in order.
  const newIndex = new Array<i32>(n).fill(-1);
  let m = 0;
  for (let i = 0; i < n; i++) if (inFacts[i] !== null) newIndex[i] = m++;
  const out = new Array<i32>(m * STRIDE);
  for (let i = 0; i < n; i++) {
    const k = newIndex[i];
    if (k < 0) continue;
    for (let j = 0; j < STRIDE; j++) out[k * STRIDE + j] = code[i * STRIDE + j];
    for (let s = 0; s < 3; s++) {
      const t = out[k * STRIDE + slot(s)];
      if (t >= 0) out[k * STRIDE + slot(s)] = newIndex[t];
    }
  }
  return new Optimized(out, newIndex[entry]);
}
