// AhoCorasick: a multi-pattern byte matcher compiled, at configuration time, into
// a flat deterministic automaton (DFA) so that scanning costs one table lookup per
// input byte whatever the number of patterns.
//
// Build (allocates; configure time only):
//   const ac = new AhoCorasick();
//   ac.add(bytes, 0); ac.add(bytes2, 1); ...
//   const err = ac.compile(nocase, maxStates);  // "" on success
// Scan (allocates nothing):
//   const n = ac.scan(ptr, len);                // distinct pattern ids found
//   for (let i = 0; i < n; i++) ac.matchedAt(i) ...
//
// Layout. States are numbered so that every accepting state (one at which some
// pattern ends, directly or through a suffix link) comes after every
// non-accepting one. The transition table has nstates rows of 256 u32 entries,
// and each entry holds the linear-memory ADDRESS of the next state's row, so the
// loop-carried work per byte is one add and one load:
//     s = load<u32>(s + (byte << 2))
// and a match is noticed with one `s >= address of the first accepting row`
// comparison, off the critical path. Measured in the Node host (bench-ids.ts,
// 500-byte payloads, TurboFan): 2.4 ns/byte, against 3.0 ns/byte for a u16
// table of state numbers (half the memory, but shift/or/scale on the chain). The
// price is 1 KiB per state; AssemblyScript's collector never moves objects, so
// the addresses stay valid for the table's lifetime.
// Case folding (nocase) is compiled into the table: patterns are lower-cased and
// the columns of upper-case letters copy those of their lower-case letters, so the
// scan loop does no folding of its own.

// @ts-ignore: decorator
@inline const ALPHABET: i32 = 256;

function foldByte(c: i32, nocase: bool): i32 {
  return nocase && c >= 65 && c <= 90 ? c | 0x20 : c;
}

export class AhoCorasick {
  private patterns: Uint8Array[] = [];
  private ids: i32[] = [];

  /** Transition table: row s, column byte -> address of the next state's row. */
  private table: StaticArray<u32> = new StaticArray<u32>(0);
  /** Address of row firstAccept: states are kept as row addresses. */
  private acceptAddr: usize = 0;
  private firstAccept: i32 = 1;
  /** Per accepting state (index s - firstAccept): its pattern ids are
   *  outList[outStart[k] .. outStart[k+1]). */
  private outStart: StaticArray<i32> = new StaticArray<i32>(1);
  private outList: StaticArray<i32> = new StaticArray<i32>(0);
  /** Per pattern id: the scan number that last found it (dedup within one scan). */
  private stamp: StaticArray<u32> = new StaticArray<u32>(0);
  private scanNo: u32 = 0;
  /** Distinct ids found by the last scan, in order of first occurrence. */
  private matched: StaticArray<i32> = new StaticArray<i32>(0);
  private nmatched: i32 = 0;
  private maxId: i32 = -1;
  /** Number of DFA states after compile. */
  nstates: i32 = 0;

  /** Adds a pattern reported as `id` (ids are small integers, may repeat). */
  add(pattern: Uint8Array, id: i32): void {
    this.patterns.push(pattern);
    this.ids.push(id);
    if (id > this.maxId) this.maxId = id;
  }

  /** Builds the automaton. Returns "" or an error message. */
  compile(nocase: bool, maxStates: i32 = 16384): string {
    // 1. Trie, with goto rows grown as states are created (configure time).
    let go: i32[] = [];          // nstates * 256, -1 = no edge
    let outs: Array<i32[]> = []; // pattern ids ending exactly here
    let n = 0;
    for (let k = 0; k < ALPHABET; k++) go.push(-1);
    outs.push([]);
    n = 1;
    for (let i = 0; i < this.patterns.length; i++) {
      const pat = this.patterns[i];
      let s = 0;
      for (let j = 0; j < pat.length; j++) {
        const c = foldByte(<i32>pat[j], nocase);
        let t = go[s * ALPHABET + c];
        if (t < 0) {
          if (n >= maxStates) return "rules need more than " + maxStates.toString() + " automaton states";
          t = n++;
          for (let k = 0; k < ALPHABET; k++) go.push(-1);
          outs.push([]);
          go[s * ALPHABET + c] = t;
        }
        s = t;
      }
      outs[s].push(this.ids[i]);
    }
    // 2. Breadth-first: failure links turn the trie into a complete DFA, and each
    //    state inherits the outputs of its failure state (dictionary suffixes).
    const fail = new Array<i32>(n);
    const queue = new Array<i32>(n);
    let head = 0, tail = 0;
    fail[0] = 0;
    for (let c = 0; c < ALPHABET; c++) {
      const t = go[c];
      if (t < 0) go[c] = 0;
      else { fail[t] = 0; queue[tail++] = t; }
    }
    while (head < tail) {
      const s = queue[head++];
      const f = fail[s];
      const inherited = outs[f];
      for (let k = 0; k < inherited.length; k++) outs[s].push(inherited[k]);
      for (let c = 0; c < ALPHABET; c++) {
        const t = go[s * ALPHABET + c];
        if (t < 0) go[s * ALPHABET + c] = go[f * ALPHABET + c];
        else { fail[t] = go[f * ALPHABET + c]; queue[tail++] = t; }
      }
    }
    // 3. Renumber: non-accepting states first (root stays 0), accepting last.
    const map = new Array<i32>(n);
    let next = 0;
    for (let s = 0; s < n; s++) if (outs[s].length == 0) map[s] = next++;
    const firstAccept = next;
    let totalOuts = 0;
    for (let s = 0; s < n; s++) if (outs[s].length > 0) { map[s] = next++; totalOuts += outs[s].length; }
    // 4. Flat tables.
    const table = new StaticArray<u32>(n * ALPHABET);
    const base = changetype<usize>(table);
    for (let s = 0; s < n; s++) {
      const row = map[s] * ALPHABET;
      for (let c = 0; c < ALPHABET; c++) {
        table[row + c] = <u32>(base + ((<usize>map[go[s * ALPHABET + foldByte(c, nocase)]]) << 10));
      }
    }
    this.acceptAddr = base + (<usize>firstAccept << 10);
    const nacc = n - firstAccept;
    const outStart = new StaticArray<i32>(nacc + 1);
    const outList = new StaticArray<i32>(totalOuts);
    // Order accepting states by new number so outStart is cumulative.
    const byNew = new Array<i32>(n);
    for (let s = 0; s < n; s++) byNew[map[s]] = s;
    let o = 0;
    for (let k = 0; k < nacc; k++) {
      outStart[k] = o;
      const list = outs[byNew[firstAccept + k]];
      for (let j = 0; j < list.length; j++) outList[o++] = list[j];
    }
    outStart[nacc] = o;
    this.table = table;
    this.firstAccept = firstAccept;
    this.outStart = outStart;
    this.outList = outList;
    this.nstates = n;
    this.stamp = new StaticArray<u32>(this.maxId + 1);
    this.matched = new StaticArray<i32>(this.maxId + 1);
    this.scanNo = 0;
    return "";
  }

  /** Scans `len` bytes at `ptr` from the start state; returns how many distinct
   *  pattern ids occur in them (read them with matchedAt). Allocates nothing. */
  scan(ptr: usize, len: u32): i32 {
    this.nmatched = 0;
    if (++this.scanNo == 0) { // wrapped: forget every old stamp
      for (let i = 0, m = this.stamp.length; i < m; i++) unchecked(this.stamp[i] = 0);
      this.scanNo = 1;
    }
    const tbl = changetype<usize>(this.table);
    const acc = this.acceptAddr;
    let s: usize = tbl;
    const end = ptr + <usize>len;
    for (let q = ptr; q < end; q++) {
      s = <usize>load<u32>(s + (<usize>load<u8>(q) << 2));
      if (s >= acc) this.record(<u32>((s - acc) >> 10));
    }
    return this.nmatched;
  }

  /** The i-th distinct pattern id found by the last scan. */
  @inline matchedAt(i: i32): i32 { return unchecked(this.matched[i]); }

  private record(k: u32): void {
    const no = this.scanNo;
    for (let j = unchecked(this.outStart[k]), e = unchecked(this.outStart[k + 1]); j < e; j++) {
      const id = unchecked(this.outList[j]);
      if (unchecked(this.stamp[id]) != no) {
        unchecked(this.stamp[id] = no);
        unchecked(this.matched[this.nmatched++] = id);
      }
    }
  }
}
