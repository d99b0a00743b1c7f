// A compiled byte-pattern classifier: an ordered list of patterns, each a
// conjunction of (possibly negated) clauses, each clause a run of bytes compared
// under a per-byte mask. match() returns the index of the first pattern that
// matches, or -1. Built once at configuration time (allocation allowed there);
// match() only reads preallocated StaticArrays, so it allocates nothing.
//
// Click's Classifier compiles the same patterns into an optimised decision tree
// of aligned 4-byte tests; this is the plain sequential form with the same
// results: a clause whose masked bytes run past the end of the packet does not
// match (so its negation does), and bytes with an all-zero mask need not exist.
// Shared so that other pattern languages (IPClassifier, IPFilter) can target it.

import { Packet } from "@clickos/sdk";

/** One chunk: up to 4 bytes at `offset`, as a big-endian word, pre-masked value. */
class Chunk {
  constructor(public offset: u32, public value: u32, public mask: u32, public need: u32) {}
}

export class ClassifierProgram {
  // Building state.
  private chunks: Chunk[] = [];
  private clauseEnds: i32[] = [];      // chunk index after each clause's last chunk
  private clauseNegs: bool[] = [];
  private patternEnds: i32[] = [];     // clause index after each pattern's last clause
  // Frozen form read by match().
  private cOff: StaticArray<u32> = new StaticArray<u32>(0);
  private cVal: StaticArray<u32> = new StaticArray<u32>(0);
  private cMask: StaticArray<u32> = new StaticArray<u32>(0);
  private cNeed: StaticArray<u32> = new StaticArray<u32>(0);
  private clEnd: StaticArray<i32> = new StaticArray<i32>(0);
  private clNeg: StaticArray<bool> = new StaticArray<bool>(0);
  private patEnd: StaticArray<i32> = new StaticArray<i32>(0);

  get patternCount(): i32 { return this.patternEnds.length; }

  /** Starts the next pattern (its index is the output it selects). */
  beginPattern(): void { this.patternEnds.push(this.clauseEnds.length); }

  /** Adds a clause to the current pattern: bytes `value` under `mask` (same length)
   *  at `offset`; with `negated`, the clause holds when those bytes do not match. */
  addClause(offset: u32, value: u8[], mask: u8[], negated: bool): void {
    for (let i = 0; i < value.length; i += 4) {
      let v: u32 = 0, m: u32 = 0, need: u32 = 0;
      for (let j = 0; j < 4; j++) {
        const k = i + j;
        const mb: u32 = k < value.length ? <u32>mask[k] : 0;
        const vb: u32 = k < value.length ? <u32>value[k] & mb : 0;
        v = (v << 8) | vb;
        m = (m << 8) | mb;
        if (mb != 0) need = offset + <u32>k + 1;
      }
      if (m != 0) this.chunks.push(new Chunk(offset + <u32>i, v, m, need));
    }
    this.clauseEnds.push(this.chunks.length);
    this.clauseNegs.push(negated);
    this.patternEnds[this.patternEnds.length - 1] = this.clauseEnds.length;
  }

  /** True when pattern `i` matches every packet (no clause can fail). */
  matchesAll(i: i32): bool {
    const first = i == 0 ? 0 : this.patternEnds[i - 1];
    for (let c = first; c < this.patternEnds[i]; c++) {
      const start = c == 0 ? 0 : this.clauseEnds[c - 1];
      const empty = start == this.clauseEnds[c];
      // An empty clause always matches; negated, it never does.
      if (!empty || this.clauseNegs[c]) return false;
    }
    return true;
  }

  /** Freezes the program for match(). */
  finish(): void {
    const n = this.chunks.length;
    this.cOff = new StaticArray<u32>(n);
    this.cVal = new StaticArray<u32>(n);
    this.cMask = new StaticArray<u32>(n);
    this.cNeed = new StaticArray<u32>(n);
    for (let i = 0; i < n; i++) {
      const c = this.chunks[i];
      this.cOff[i] = c.offset; this.cVal[i] = c.value; this.cMask[i] = c.mask; this.cNeed[i] = c.need;
    }
    this.clEnd = StaticArray.fromArray<i32>(this.clauseEnds);
    this.clNeg = StaticArray.fromArray<bool>(this.clauseNegs);
    this.patEnd = StaticArray.fromArray<i32>(this.patternEnds);
  }

  /** Index of the first matching pattern, or -1. */
  match(p: Packet): i32 {
    const len = p.length;
    const data = p.dataAddress;
    // Locals, not fields: the loop then reads each array's address once per packet.
    const patEnd = this.patEnd, clEnd = this.clEnd, clNeg = this.clNeg;
    const cNeed = this.cNeed, cOff = this.cOff, cMask = this.cMask, cVal = this.cVal;
    let clause = 0, chunk = 0;
    for (let pat = 0, np = patEnd.length; pat < np; pat++) {
      const lastClause = unchecked(patEnd[pat]);
      let ok = true;
      for (; clause < lastClause; clause++) {
        const lastChunk = unchecked(clEnd[clause]);
        let hit = true;
        for (; chunk < lastChunk; chunk++) {
          if (len < unchecked(cNeed[chunk])) { hit = false; break; }
          const off = unchecked(cOff[chunk]);
          let w: u32;
          // Read straight from the data: `len` was checked just above (need), and
          // a word that runs past the end is assembled from the bytes present.
          if (off + 4 <= len) w = bswap<u32>(load<u32>(data + <usize>off));
          else {
            w = 0;
            for (let j: u32 = 0; j < 4; j++) w = (w << 8) | (off + j < len ? <u32>load<u8>(data + <usize>(off + j)) : 0);
          }
          if ((w & unchecked(cMask[chunk])) != unchecked(cVal[chunk])) { hit = false; break; }
        }
        if (hit == unchecked(clNeg[clause])) { ok = false; break; }
        chunk = lastChunk;
      }
      if (ok) return pat;
      // Skip the rest of this pattern.
      clause = lastClause;
      chunk = clause == 0 ? 0 : unchecked(clEnd[clause - 1]);
    }
    return -1;
  }

  /** Human-readable program: one line per pattern, Click-like "offset/value%mask" words. */
  toString(): string {
    let s = "";
    for (let pat = 0; pat < this.patEnd.length; pat++) {
      s += pat.toString() + " ";
      const first = pat == 0 ? 0 : this.patEnd[pat - 1];
      if (first == this.patEnd[pat]) s += " -";
      for (let c = first; c < this.patEnd[pat]; c++) {
        s += this.clNeg[c] ? " !" : " ";
        const start = c == 0 ? 0 : this.clEnd[c - 1];
        if (start == this.clEnd[c]) s += "-";
        for (let k = start; k < this.clEnd[c]; k++) {
          if (k > start) s += "&";
          s += this.cOff[k].toString() + "/" + hex8(this.cVal[k]) + "%" + hex8(this.cMask[k]);
        }
      }
      s += "  ->[" + pat.toString() + "]\n";
    }
    return s;
  }
}

function hex8(v: u32): string {
  const h = v.toString(16);
  return "00000000".substring(0, 8 - h.length) + h;
}
