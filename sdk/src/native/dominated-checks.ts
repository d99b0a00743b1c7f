// A pass over wasm2c's output that drops the bounds checks an earlier check
// already covers, and checks a straight run of accesses once.
//
// wasm2c 1.0.32 checks every access: `i32_load(&mem, (u64)(w2c_i0) + 28u)`
// traps unless w2c_i0 + 28 + 4 <= mem.size. An element touches the same few
// objects over and over (its own fields, a packet descriptor, the IP header), so
// most of those checks repeat one that already passed: once `this + 32 <= size`
// has been checked, `this + 8` needs no check. The C compiler cannot see that
// (it does not relate symbolic sums), and the checks cost a quarter of a simple
// element's instructions.
//
// The pass tracks, along every path of a function, which value each variable
// holds (a plain copy `w2c_i0 = w2c_l3;` shares the value) and, per value, the
// largest `offset + size` a check has proven in bounds. An access whose end is
// within what is proven for its address's value on every path reaching it uses
// an unchecked variant; every other access keeps its check.
//
// One check may move: in a straight run of statements (no branch, label, goto,
// return, call, import or other operation that can trap), the first access
// through a value is checked for the furthest end the run reaches through that
// value, so that header written field by field (+0, +4, +6, +10, +12) costs one
// check, not five (RANGE_CHECK, wasm2c's own macro). Every access of the run
// executes once the first one has, so this traps if and only if the original
// does, possibly a few stores earlier. Nobody can see those stores: a trap
// abandons the instance (both hosts re-instantiate the module and drop the
// packets in flight), and the trap is an out-of-bounds access either way.
//
// Why a fact holds on: the memory never shrinks (memory.grow only adds pages, and
// a trap abandons the function), and a value never changes (a variable that is
// assigned gets a new value). Facts are only lost where paths join: after an
// if/else (those proven on both sides survive), at a block's end label (those
// proven on the fall-through and at every goto to it) and at a loop's head
// (variables assigned inside the loop get new values; the loop is entered only
// from above in wasm's structured control flow, which the pass checks).
//
// The pass recognises wasm2c's layout (one statement per line, `if (...) {`,
// `} else {`, `}`, `goto`, labels, `switch` for br_table). A function with
// anything else keeps all its checks; a file without wasm2c's access helpers is
// left as it was. `applied` is false then, and the code is only slower.

import { FUNCTION_START } from "./local-memory.ts";

const NAME_PREFIX = "clickos_nc_";
const LOAD_DEF = /^DEFINE_LOAD\((\w+), (\w+), (\w+), (\w+)\)$/;
const STORE_DEF = /^DEFINE_STORE\((\w+), (\w+), (\w+)\)$/;
const ANY_ACCESS = /\b(?:i32|i64|f32|f64)_(?:load|store)\w*\(/g;
const HAS_ACCESS = new RegExp(ANY_ACCESS.source);
const ACCESS = /\b((?:i32|i64|f32|f64)_(?:load|store)\w*)\((&clickos_mem|&instance->w2c_memory), \(u64\)\((w2c_\w+)\)(?: \+ (\d+)u?)?(?=[,)])/;
const LABEL = /^\s*(w2c_\w+):;?\s*$/;
const GOTO = /\bgoto (w2c_\w+);/g;
const COND_GOTO = /\{goto w2c_\w+;\}/g;
const ASSIGNED = /\b(w2c_\w+)\s*(?:=|\+=|-=|\*=|\/=|%=|&=|\|=|\^=|<<=|>>=)(?!=)/g;
const COPY = /^\s*(w2c_\w+) = (w2c_\w+);$/;
const SIZES: Record<string, number> = { u8: 1, s8: 1, u16: 2, s16: 2, u32: 4, s32: 4, f32: 4, u64: 8, s64: 8, f64: 8 };

export interface DominatedChecksResult {
  code: string;
  applied: boolean;
  /** Why nothing was changed (when applied is false). */
  reason?: string;
  /** Accesses that keep their check, and those that no longer need one. */
  checked: number;
  unchecked: number;
  /** Functions left as they were because their shape was not recognised. */
  skipped: string[];
}

/** One path's knowledge: the value each variable holds, and per value the proven end. */
interface State { vars: Map<string, number>; proven: Map<number, number> }

class Unrecognised extends Error {}

export function dropDominatedChecks(code: string): DominatedChecksResult {
  const keep = (reason: string): DominatedChecksResult => ({ code, applied: false, reason, checked: 0, unchecked: 0, skipped: [] });
  if (code.includes(NAME_PREFIX)) return keep(`the output already uses the prefix ${NAME_PREFIX}`);
  const lines = code.split("\n");
  const sizes = new Map<string, number>();
  let lastDef = -1;
  const loads: string[][] = [], stores: string[][] = [];
  lines.forEach((l, i) => {
    const ld = LOAD_DEF.exec(l), st = STORE_DEF.exec(l);
    if (ld && SIZES[ld[2]]) { sizes.set(ld[1], SIZES[ld[2]]); loads.push(ld.slice(1)); lastDef = i; }
    if (st && SIZES[st[2]]) { sizes.set(st[1], SIZES[st[2]]); stores.push(st.slice(1)); lastDef = i; }
  });
  if (lastDef < 0) return keep("no DEFINE_LOAD/DEFINE_STORE access helpers");
  const coalesce = /^#define RANGE_CHECK\(mem, offset, len\)/m.test(code);

  const out: string[] = [];
  const skipped: string[] = [];
  let checked = 0, unchecked = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    out.push(line);
    if (i === lastDef) out.push(...uncheckedHelpers(loads, stores));
    if (!FUNCTION_START.test(line)) continue;
    let end = i + 1;
    while (end < lines.length && lines[end] !== "}") end++;
    if (end === lines.length) return keep(`unterminated function at line ${i + 1}`);
    const body = lines.slice(i + 1, end);
    try {
      const r = rewriteFunction(body, sizes, coalesce);
      out.push(...r.body);
      checked += r.checked;
      unchecked += r.unchecked;
    } catch (e) {
      if (!(e instanceof Unrecognised)) throw e;
      skipped.push(`${/w2c_\w+/.exec(line)![0]}: ${e.message}`);
      out.push(...body);
      checked += body.reduce((n, l) => n + (l.match(ANY_ACCESS)?.length ?? 0), 0);
    }
    out.push("}");
    i = end;
  }
  if (!unchecked) return { ...keep("no check is covered by an earlier one"), checked, skipped };
  return { code: out.join("\n"), applied: true, checked, unchecked, skipped };
}

/** The access helpers without their check (on a big-endian host: the checked ones). */
function uncheckedHelpers(loads: string[][], stores: string[][]): string[] {
  const names = [...loads, ...stores].map((d) => d[0]);
  return [
    "",
    "/* clickos build: the accesses without their bounds check, for addresses an earlier",
    " * check on the same value already covers (sdk/src/native/dominated-checks.ts). */",
    "#if WABT_BIG_ENDIAN",
    ...names.map((n) => `#define ${NAME_PREFIX}${n} ${n}`),
    "#else",
    ...loads.map(([n, t1, t2, t3]) =>
      `static inline ${t3} ${NAME_PREFIX}${n}(wasm_rt_memory_t* mem, u64 addr) { ${t1} result; wasm_rt_memcpy(&result, &mem->data[addr], sizeof(${t1})); wasm_asm("" ::"r"(result)); return (${t3})(${t2})result; }`),
    ...stores.map(([n, t1, t2]) =>
      `static inline void ${NAME_PREFIX}${n}(wasm_rt_memory_t* mem, u64 addr, ${t2} value) { ${t1} wrapped = (${t1})value; wasm_rt_memcpy(&mem->data[addr], &wrapped, sizeof(${t1})); }`),
    "#endif",
  ];
}

interface Frame { kind: "if" | "switch"; before: State | null; thenEnd?: State | null; inElse?: boolean; hasDefault?: boolean }

/** Labels, and for each label with gotos after it (a loop) the variables assigned
 *  anywhere in its extent; refuses gotos into a loop from outside. */
function loopsOf(body: string[]): { labelAt: Map<string, number>; loopAssigned: Map<string, Set<string>> } {
  const labelAt = new Map<string, number>();
  const gotos: { at: number; to: string }[] = [];
  body.forEach((l, i) => {
    const m = LABEL.exec(l);
    if (m) {
      if (labelAt.has(m[1])) throw new Unrecognised(`label ${m[1]} twice`);
      labelAt.set(m[1], i);
    }
    for (const g of l.matchAll(GOTO)) gotos.push({ at: i, to: g[1] });
  });
  for (const g of gotos) if (!labelAt.has(g.to)) throw new Unrecognised(`goto to unknown label ${g.to}`);
  const loopAssigned = new Map<string, Set<string>>();
  for (const [label, at] of labelAt) {
    let last = -1;
    for (const g of gotos) if (g.to === label && g.at > at) last = Math.max(last, g.at);
    if (last < 0) continue;
    // Close the range under the loops it overlaps; nothing may jump into it from outside.
    for (let grew = true; grew;) {
      grew = false;
      for (const g of gotos) {
        const t = labelAt.get(g.to)!;
        if (g.at > last && t > at && t <= last) { last = g.at; grew = true; }
      }
    }
    for (const g of gotos) {
      const t = labelAt.get(g.to)!;
      if ((g.at < at || g.at > last) && t > at && t <= last) throw new Unrecognised(`goto ${g.to} enters the loop at ${label} from outside`);
    }
    const assigned = new Set<string>();
    for (let k = at; k <= last; k++) for (const a of body[k].matchAll(ASSIGNED)) assigned.add(a[1]);
    loopAssigned.set(label, assigned);
  }
  return { labelAt, loopAssigned };
}

/** The furthest end that accesses through the variables `same` (one value) reach in
 *  the straight run after line `at`: lines that can only run to the end or trap out of bounds
 *  (no branch, label, goto, return, call or other trapping operation). */
function runReach(body: string[], sizes: Map<string, number>, same: Set<string>, at: number): number {
  let reach = 0;
  const assign = (line: string) => {
    const copy = COPY.exec(line);
    if (copy) { if (same.has(copy[2])) same.add(copy[1]); else same.delete(copy[1]); return; }
    for (const a of line.matchAll(ASSIGNED)) same.delete(a[1]);
  };
  assign(body[at]);
  for (let j = at + 1; j < body.length; j++) {
    const line = body[j];
    if (LABEL.test(line) || /[{}]|\bgoto\b|\breturn\b|UNREACHABLE/.test(line)) break;
    const n = line.match(ANY_ACCESS)?.length ?? 0;
    const bare = line.replace(ANY_ACCESS, "(").replace(/\((?:u|s)(?:8|16|32|64)\)|\(f(?:32|64)\)/g, "");
    if (n > 1 || /\b[A-Za-z_]\w*\s*\(|\)\s*\(/.test(bare)) break;   // a call (also through a pointer: an import), a macro that may trap
    const a = n ? ACCESS.exec(line) : null;
    if (n && (!a || !sizes.has(a[1]))) break;
    if (a && same.has(a[3])) reach = Math.max(reach, Number(a[4] ?? 0) + sizes.get(a[1])!);
    assign(line);
  }
  return reach;
}

function rewriteFunction(body: string[], sizes: Map<string, number>, coalesce: boolean): { body: string[]; checked: number; unchecked: number } {
  let nextId = 1;
  const entryIds = new Map<string, number>();
  const fresh = () => nextId++;
  const idOf = (s: State, v: string) => {
    const id = s.vars.get(v);
    if (id !== undefined) return id;
    if (!entryIds.has(v)) entryIds.set(v, fresh());
    return entryIds.get(v)!;
  };
  const clone = (s: State | null): State | null => s && { vars: new Map(s.vars), proven: new Map(s.proven) };
  const meet = (a: State | null, b: State | null): State | null => {
    if (!a) return clone(b);
    if (!b) return clone(a);
    const vars = new Map<string, number>();
    for (const v of new Set([...a.vars.keys(), ...b.vars.keys()])) {
      const ia = idOf(a, v), ib = idOf(b, v);
      vars.set(v, ia === ib ? ia : fresh());
    }
    const proven = new Map<number, number>();
    for (const [id, e] of a.proven) {
      const f = b.proven.get(id);
      if (f !== undefined) proven.set(id, Math.min(e, f));
    }
    return { vars, proven };
  };

  const { labelAt, loopAssigned } = loopsOf(body);
  /** Variables that hold value `id` in state `s` (entry values included). */
  const holding = (s: State, id: number) => {
    const same = new Set([...s.vars].filter(([, v]) => v === id).map(([k]) => k));
    for (const [v, e] of entryIds) if (e === id && !s.vars.has(v)) same.add(v);
    return same;
  };

  const incoming = new Map<string, (State | null)[]>();
  const frames: Frame[] = [];
  let state: State | null = { vars: new Map(), proven: new Map() };
  let checked = 0, unchecked = 0;
  const out: string[] = [];
  const jump = (to: string, from: number) => {
    if (labelAt.get(to)! < from) return;   // a loop's back edge: see loopAssigned
    if (!incoming.has(to)) incoming.set(to, []);
    incoming.get(to)!.push(clone(state));
  };

  body.forEach((line, i) => {
    const label = LABEL.exec(line);
    if (label) {
      for (const s of incoming.get(label[1]) ?? []) state = state ? meet(state, s) : clone(s);
      if (state) for (const v of loopAssigned.get(label[1]) ?? []) state.vars.set(v, fresh());
      out.push(line);
      return;
    }
    const t = line.trim();
    const structure = t.replace(COND_GOTO, "");
    const frame = frames[frames.length - 1];
    if (frame?.kind === "switch" && t !== "}") {
      const c = /^(?:case \d+|default): goto (w2c_\w+);$/.exec(t);
      if (!c) throw new Unrecognised(`unexpected line in a switch: ${t}`);
      jump(c[1], i);
      if (t.startsWith("default")) frame.hasDefault = true;
      out.push(line);
      return;
    }
    if (/[{}]/.test(structure)) {
      if (HAS_ACCESS.test(structure)) throw new Unrecognised(`access in a control line: ${t}`);
      if (structure === "}") {
        const f = frames.pop();
        if (!f) throw new Unrecognised("unbalanced }");
        if (f.kind === "switch") state = f.hasDefault ? null : meet(state, f.before);
        else state = f.inElse ? meet(f.thenEnd ?? null, state) : meet(state, f.before);
      } else if (structure === "} else {") {
        if (frame?.kind !== "if" || frame.inElse) throw new Unrecognised("else without if");
        frame.thenEnd = state;
        frame.inElse = true;
        state = clone(frame.before);
      } else if (/^if \(.*\) \{$/.test(structure) && !/[{}]/.test(structure.slice(0, -1))) {
        frames.push({ kind: "if", before: clone(state) });
      } else if (/^switch \(.*\) \{$/.test(structure) && !/[{}]/.test(structure.slice(0, -1))) {
        frames.push({ kind: "switch", before: clone(state) });
      } else {
        throw new Unrecognised(`unexpected braces: ${t}`);
      }
      out.push(line);
      return;
    }

    // A statement: its accesses, then its assignments, then where control goes.
    let text = line;
    const accesses = line.match(ANY_ACCESS) ?? [];
    if (accesses.length && !t.endsWith(";")) throw new Unrecognised(`statement across lines: ${t}`);
    const m = ACCESS.exec(line);
    if (accesses.length === 1 && m && state && sizes.has(m[1])) {
      const id = idOf(state, m[3]);
      const end = Number(m[4] ?? 0) + sizes.get(m[1])!;
      const proven = state.proven.get(id) ?? -1;
      const reach = coalesce && proven < end ? runReach(body, sizes, holding(state, id), i) : end;
      if (proven >= end) {
        text = line.slice(0, m.index) + NAME_PREFIX + line.slice(m.index);
        unchecked++;
      } else if (reach > end) {
        // One check for the run, here; this access and the run's later ones unchecked.
        out.push(`${/^\s*/.exec(line)![0]}RANGE_CHECK((${m[2]}), (u64)(${m[3]}), ${reach});`);
        text = line.slice(0, m.index) + NAME_PREFIX + line.slice(m.index);
        state.proven.set(id, reach);
        checked++;
      } else {
        state.proven.set(id, Math.max(proven, end));
        checked++;
      }
    } else {
      checked += accesses.length;
    }
    if (state) {
      const copy = COPY.exec(line);
      if (copy) state.vars.set(copy[1], idOf(state, copy[2]));
      else for (const a of line.matchAll(ASSIGNED)) state.vars.set(a[1], fresh());
      if (/(\+\+|--)\s*w2c_\w|w2c_\w+\s*(\+\+|--)/.test(line)) throw new Unrecognised(`increment: ${t}`);
    }
    for (const g of line.matchAll(GOTO)) jump(g[1], i);
    if (/^goto w2c_\w+;$/.test(t) || /^return\b/.test(t) || t === "UNREACHABLE;") state = null;
    out.push(text);
  });
  if (frames.length) throw new Unrecognised("unbalanced {");
  return { body: out, checked, unchecked };
}
