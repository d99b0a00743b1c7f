// Graph checks before anything runs, with Click's rules and messages
// (lib/router.cc: check_hookup_range, check_push_and_pull,
// check_hookup_completeness; lib/element.cc: notify_nports, processing_vector,
// port_flow). Every problem is collected and located `file:line:`; nothing
// stops at the first error.
//
// Deviations from Click, on purpose:
// - Click locates hookup errors at the element's declaration; connection errors
//   here ("has no output", push/pull mismatch, illegal reuse) point at the
//   connection's line, which is where the fix goes. Unused-port errors point at
//   the element, like Click.
// - Click accepts cycles of push (or pull) connections and recurses at run time;
//   the batched host cannot (a batch would re-enter the element holding it), so
//   they are refused here. A Queue (push to pull) or a flow code that separates
//   the ports (Idle's x/y) breaks a cycle.

import type { FlatConnection, FlatGraph } from "../click/index.ts";

export interface PortClass { ports: string; processing: string; flowCode?: string }

/** What the check resolved for one element. */
export interface ElementPorts {
  ninputs: number;
  noutputs: number;
  /** Per input: true if pull (else push; agnostics left unresolved count as push, like Click). */
  inputPull: boolean[];
  /** Per output: true if pull. */
  outputPull: boolean[];
}

export interface GraphCheck {
  errors: string[];
  warnings: string[];
  ports: Map<string, ElementPorts>;
  /** The valid connections, duplicates removed (Click ignores exact duplicates). */
  connections: FlatConnection[];
}

// ---- port counts ("1/1", "1/1-2", "1-/=", "-/-", "2") ----

export interface PortRange { inLo: number; inHi: number; outLo: number; outHi: number; equal: number }

function pair(s: string, i: number): { lo: number; hi: number; i: number } | null {
  let lo: number, hi: number;
  if (i === s.length || s[i] === "-") lo = 0;
  else if (/[0-9]/.test(s[i])) { const m = /^[0-9]+/.exec(s.slice(i))!; lo = Number(m[0]); i += m[0].length; }
  else return null;
  if (i < s.length && s[i] === "-") {
    i++;
    const m = /^[0-9]+/.exec(s.slice(i));
    if (m) { hi = Number(m[0]); i += m[0].length; } else hi = Infinity;
  } else hi = lo;
  return { lo, hi, i };
}

/** Parses a port count code like Click's Element::notify_nports; null if malformed. */
export function parsePortCount(code: string): PortRange | null {
  const a = pair(code, 0);
  if (!a) return null;
  let rest: string;
  if (a.i === code.length) rest = code;
  else if (code[a.i] === "/") rest = code.slice(a.i + 1);
  else return null;
  let equal = 0;
  if (rest[0] === "=") {
    if (/^=\+*$/.test(rest)) equal = rest.length;
  }
  if (equal) return { inLo: a.lo, inHi: a.hi, outLo: 0, outHi: 0, equal };
  const b = pair(rest, 0);
  if (!b || b.i !== rest.length) return null;
  return { inLo: a.lo, inHi: a.hi, outLo: b.lo, outHi: b.hi, equal: 0 };
}

/** Click's notify_nports: the used port counts clamped into the class's range. */
export function resolvePortCounts(r: PortRange, usedIn: number, usedOut: number): { ninputs: number; noutputs: number } {
  const ninputs = Math.min(Math.max(usedIn, r.inLo), r.inHi);
  const noutputs = r.equal ? ninputs + r.equal - 1 : Math.min(Math.max(usedOut, r.outLo), r.outHi);
  return { ninputs, noutputs };
}

// ---- processing codes ("a", "h/l", "a/ah", "hl/hlh") ----

export type Proc = "h" | "l" | "a";

/** Click's processing_vector: one code per port, the last character repeating. */
export function processingVector(code: string, nin: number, nout: number, errors: string[]): { ins: Proc[]; outs: Proc[] } {
  let bad = false;
  const side = (s: string, n: number): Proc[] => {
    const v: Proc[] = [];
    let val: Proc = "a", i = 0, stopped = false;
    for (let k = 0; k < n; k++) {
      if (!stopped) {
        const c = (s[i] ?? "").toLowerCase();
        if (c === "h" || c === "l" || c === "a") { val = c; i++; }
        else if (c === "") stopped = true;
        else { bad = true; stopped = true; }
      }
      v.push(val);
    }
    return v;
  };
  const slash = code.indexOf("/");
  const ins = side(slash < 0 ? code : code.slice(0, slash), nin);
  const outs = side(slash < 0 ? code : code.slice(slash + 1), nout);
  if (bad) errors.push("bad processing code");
  return { ins, outs };
}

// ---- flow codes ("x/x", "xy/x", "#/#", "x/y", "[^x]/x") ----

interface FlowCode { set: Set<string>; neg: boolean }

function flowCodes(section: string, errs: string[]): FlowCode[] {
  const out: FlowCode[] = [];
  for (let i = 0; i < section.length; ) {
    const c = section[i];
    if (c === "[") {
      const end = section.indexOf("]", i);
      let body = end < 0 ? section.slice(i + 1) : section.slice(i + 1, end);
      const neg = body.startsWith("^");
      if (neg) body = body.slice(1);
      for (const ch of body) if (!/[A-Za-z#]/.test(ch)) errs.push(`flow code: invalid character '${ch}'`);
      if (end < 0) errs.push("flow code: missing ']'");
      out.push({ set: new Set(body), neg });
      i = end < 0 ? section.length : end + 1;
    } else {
      if (!/[A-Za-z#]/.test(c)) errs.push(`flow code: invalid character '${c}'`);
      out.push({ set: new Set([c]), neg: false });
      i++;
    }
  }
  return out;
}

/** Resolves '#' (same port number on both sides) for the code at port p. */
function at(codes: FlowCode[], p: number): FlowCode {
  const c = codes[Math.min(p, codes.length - 1)];
  if (!c.set.has("#")) return c;
  const set = new Set(c.set);
  set.delete("#");
  set.add(`#${p}`);
  return { set, neg: c.neg };
}

function meet(a: FlowCode, b: FlowCode): boolean {
  if (a.neg && b.neg) return true;
  if (!a.neg && !b.neg) { for (const x of a.set) if (b.set.has(x)) return true; return false; }
  const [pos, neg] = a.neg ? [b, a] : [a, b];
  for (const x of pos.set) if (!neg.set.has(x)) return true;
  return false;
}

/** Click's port_flow: which ports on the other side packets from port p can reach. */
export function portFlow(flowCode: string | undefined, isOutput: boolean, p: number, nother: number, errs: string[] = []): boolean[] {
  if (!flowCode || flowCode === "x/x") return new Array(nother).fill(true);
  const slash = flowCode.indexOf("/");
  const fin = slash < 0 ? flowCode : flowCode.slice(0, slash);
  const fout = slash < 0 ? flowCode : flowCode.slice(slash + 1);
  if (!fin || !fout) { errs.push("flow code: missing or bad '/'"); return new Array(nother).fill(false); }
  const mine = flowCodes(isOutput ? fout : fin, errs), other = flowCodes(isOutput ? fin : fout, errs);
  if (!mine.length || !other.length) return new Array(nother).fill(false);
  const code = at(mine, p);
  const r: boolean[] = [];
  for (let i = 0; i < nother; i++) r.push(meet(code, at(other, i)));
  return r;
}

// ---- the check ----

const loc = (file: string, line: number) => (file ? `${file}:${line}: ` : "");

type Decl = { className: string; file: string; line: number; cls?: PortClass; range?: PortRange };
/** What the phases of the check share: declarations, the errors so far, and Click's 'name :: Class' quoting. */
interface Check { decl: Map<string, Decl>; errors: string[]; q: (name: string) => string }

/**
 * Checks a flat graph against its element classes. `classOf` returns the port,
 * processing and flow codes of a class, or undefined if the class is unknown
 * (`unknown(className)` then gives the message, e.g. with a "did you mean").
 * The phases follow Click's (lib/router.cc): hookup range, push and pull,
 * completeness, then cycles; each reports in the order Click would.
 */
export function checkGraph(graph: FlatGraph, classOf: (className: string) => PortClass | undefined,
                           unknown: (className: string) => string): GraphCheck {
  const errors: string[] = [], warnings: string[] = [];
  const decl = new Map<string, Decl>();
  for (const e of graph.elements) {
    const cls = classOf(e.className);
    const d: Decl = { className: e.className, file: e.file, line: e.line, cls };
    decl.set(e.name, d);
    if (!cls) { errors.push(`${loc(e.file, e.line)}${unknown(e.className)}`); continue; }
    const r = parsePortCount(cls.ports);
    if (!r) errors.push(`${loc(e.file, e.line)}${e.name} :: ${e.className}: bad port count`);
    else d.range = r;
  }
  const ck: Check = { decl, errors, q: (name) => `'${name} :: ${decl.get(name)?.className ?? "?"}'` };
  const { ports, conns } = checkHookupRange(ck, distinctConnections(graph, decl));
  checkPushAndPull(ck, ports, conns);
  checkHookupCompleteness(ck, graph, ports, conns);
  findCycles(conns, ports, decl, errors);
  return { errors, warnings, ports, connections: conns };
}

/** Duplicates are dropped silently, as Click does; connections touching an
 *  unknown class are left out of the remaining checks (already reported). */
function distinctConnections(graph: FlatGraph, decl: Map<string, Decl>): FlatConnection[] {
  const seen = new Set<string>();
  const conns: FlatConnection[] = [];
  for (const c of graph.connections) {
    const key = `${c.from}\0${c.fromPort}\0${c.to}\0${c.toPort}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (!decl.get(c.from)?.range || !decl.get(c.to)?.range) continue;
    conns.push(c);
  }
  return conns;
}

/** Port counts (Click's check_hookup_range): each element's counts from its port
 *  code and the ports used; connections to ports that do not exist are refused. */
function checkHookupRange({ decl, errors, q }: Check, all: FlatConnection[]): { ports: Map<string, ElementPorts>; conns: FlatConnection[] } {
  const ports = new Map<string, ElementPorts>();
  const usedIn = new Map<string, number>(), usedOut = new Map<string, number>();
  for (const c of all) {
    usedOut.set(c.from, Math.max(usedOut.get(c.from) ?? 0, c.fromPort + 1));
    usedIn.set(c.to, Math.max(usedIn.get(c.to) ?? 0, c.toPort + 1));
  }
  for (const [name, d] of decl) {
    if (!d.range) continue;
    const { ninputs, noutputs } = resolvePortCounts(d.range, usedIn.get(name) ?? 0, usedOut.get(name) ?? 0);
    ports.set(name, { ninputs, noutputs, inputPull: new Array(ninputs).fill(false), outputPull: new Array(noutputs).fill(false) });
  }
  const conns = all.filter((c) => {
    let ok = true;
    if (c.fromPort >= ports.get(c.from)!.noutputs) { errors.push(`${loc(c.file, c.line)}${q(c.from)} has no output ${c.fromPort}`); ok = false; }
    if (c.toPort >= ports.get(c.to)!.ninputs) { errors.push(`${loc(c.file, c.line)}${q(c.to)} has no input ${c.toPort}`); ok = false; }
    return ok;
  });
  return { ports, conns };
}

/** Push and pull (Click's check_push_and_pull): agnostic ports take the
 *  personality of what they are connected to, and through the element's flow
 *  code, of its other agnostic ports. Sets each port's inputPull/outputPull. */
function checkPushAndPull({ decl, errors, q }: Check, ports: Map<string, ElementPorts>, conns: FlatConnection[]): void {
  const ins = new Map<string, Proc[]>(), outs = new Map<string, Proc[]>();
  for (const [name, p] of ports) {
    const d = decl.get(name)!;
    const errs: string[] = [];
    const v = processingVector(d.cls!.processing, p.ninputs, p.noutputs, errs);
    for (const m of errs) errors.push(`${loc(d.file, d.line)}${q(name)}: ${m}`);
    ins.set(name, v.ins);
    outs.set(name, v.outs);
  }
  // A fake link joins an agnostic input to each agnostic output its flow code reaches.
  interface Link { from: string; fromPort: number; to: string; toPort: number; fake: boolean; c?: FlatConnection; dead?: boolean }
  const links: Link[] = conns.map((c) => ({ from: c.from, fromPort: c.fromPort, to: c.to, toPort: c.toPort, fake: false, c }));
  const flowErrors = new Set<string>();
  for (const [name, p] of ports) {
    const d = decl.get(name)!;
    for (let i = 0; i < p.ninputs; i++) {
      if (ins.get(name)![i] !== "a") continue;
      const errs: string[] = [];
      const travels = portFlow(d.cls!.flowCode, false, i, p.noutputs, errs);
      for (const m of errs) flowErrors.add(`${loc(d.file, d.line)}${q(name)} ${m}`);
      for (let j = 0; j < travels.length; j++)
        if (travels[j] && outs.get(name)![j] === "a") links.push({ from: name, fromPort: j, to: name, toPort: i, fake: true });
    }
  }
  errors.push(...flowErrors);
  for (let changed = true; changed; ) {
    changed = false;
    for (const l of links) {
      if (l.dead) continue;
      const o = outs.get(l.from)!, iv = ins.get(l.to)!;
      const pf = o[l.fromPort], pt = iv[l.toPort];
      if (pt === "a") { if (pf !== "a") { iv[l.toPort] = pf; changed = true; } }
      else if (pf === "a") { o[l.fromPort] = pt; changed = true; }
      else if (pf !== pt) {
        const t1 = pf === "h" ? "push" : "pull", t2 = pf === "h" ? "pull" : "push";
        if (!l.fake) errors.push(`${loc(l.c!.file, l.c!.line)}${q(l.from)} ${t1} output ${l.fromPort} connected to ${q(l.to)} ${t2} input ${l.toPort}`);
        else {
          const d = decl.get(l.from)!;
          errors.push(`${loc(d.file, d.line)}agnostic ${q(l.from)} in mixed context: ${t2} input ${l.toPort}, ${t1} output ${l.fromPort}`);
        }
        l.dead = true;
      }
    }
  }
  for (const [name, p] of ports) {
    p.inputPull = ins.get(name)!.map((x) => x === "l");
    p.outputPull = outs.get(name)!.map((x) => x === "l");
  }
}

/** Completeness (Click's check_hookup_completeness): a push output or a pull
 *  input takes exactly one connection; every port that exists is used. */
function checkHookupCompleteness({ decl, errors, q }: Check, graph: FlatGraph, ports: Map<string, ElementPorts>, conns: FlatConnection[]): void {
  const byOut = new Map<string, FlatConnection>(), byIn = new Map<string, FlatConnection>();
  // Ports named by a connection already refused (bad port, unknown class) do not
  // count as unused: one mistake, one message.
  const touched = new Set<string>();
  for (const c of graph.connections) { touched.add(`o\0${c.from}\0${c.fromPort}`); touched.add(`i\0${c.to}\0${c.toPort}`); }
  for (const c of conns) {
    const ok = `${c.from}\0${c.fromPort}`, ik = `${c.to}\0${c.toPort}`;
    if (byOut.has(ok) && !ports.get(c.from)!.outputPull[c.fromPort])
      errors.push(`${loc(c.file, c.line)}illegal reuse of ${q(c.from)} push output ${c.fromPort}`);
    if (byIn.has(ik) && ports.get(c.to)!.inputPull[c.toPort])
      errors.push(`${loc(c.file, c.line)}illegal reuse of ${q(c.to)} pull input ${c.toPort}`);
    if (!byOut.has(ok)) byOut.set(ok, c);
    if (!byIn.has(ik)) byIn.set(ik, c);
  }
  for (const [name, p] of ports) {
    const d = decl.get(name)!;
    for (let i = 0; i < p.ninputs; i++) if (!touched.has(`i\0${name}\0${i}`)) errors.push(`${loc(d.file, d.line)}${q(name)} input ${i} unused`);
    for (let o = 0; o < p.noutputs; o++) if (!touched.has(`o\0${name}\0${o}`)) errors.push(`${loc(d.file, d.line)}${q(name)} output ${o} unused`);
  }
}

/**
 * Refuses cycles of push connections (packets pushed back into an element that
 * is still handling its batch) and of pull connections (a pull that would pull
 * itself). Nodes are ports, so a flow code that separates ports breaks a cycle.
 */
function findCycles(conns: FlatConnection[], ports: Map<string, ElementPorts>,
                    decl: Map<string, { className: string; cls?: PortClass }>, errors: string[]): void {
  for (const mode of ["push", "pull"] as const) {
    // push: node = input port; edge (a,i) -> (b,k) if a's push output j is reachable from i and a[j] -> [k]b.
    // pull: node = output port; edge (b,j) -> (a,o) if b's pull input i is reachable from j and a[o] -> [i]b.
    const next = new Map<string, { node: string; c: FlatConnection }[]>();
    const key = (e: string, p: number) => `${e}\0${p}`;
    for (const c of conns) {
      // A connection whose two ends disagree was reported above; it is in neither graph.
      const inPull = ports.get(c.to)!.inputPull[c.toPort], outPull = ports.get(c.from)!.outputPull[c.fromPort];
      if (inPull !== outPull || (mode === "pull") !== inPull) continue;
      const [elem, port, nodeTo] = mode === "push"
        ? [c.from, c.fromPort, key(c.to, c.toPort)]
        : [c.to, c.toPort, key(c.from, c.fromPort)];
      const p = ports.get(elem)!;
      const nfrom = mode === "push" ? p.ninputs : p.noutputs;
      for (let s = 0; s < nfrom; s++) {
        const travels = portFlow(decl.get(elem)!.cls?.flowCode, mode === "pull", s, mode === "push" ? p.noutputs : p.ninputs);
        if (!travels[port]) continue;
        const k = key(elem, s);
        if (!next.has(k)) next.set(k, []);
        next.get(k)!.push({ node: nodeTo, c });
      }
    }
    const color = new Map<string, number>(); // 1 on stack, 2 done
    const reported = new Set<string>();
    for (const start of next.keys()) {
      if (color.get(start)) continue;
      // Iterative DFS keeping the path of connections for the message.
      const stack: { node: string; i: number; via?: FlatConnection }[] = [{ node: start, i: 0 }];
      color.set(start, 1);
      while (stack.length) {
        const top = stack[stack.length - 1];
        const edges = next.get(top.node) ?? [];
        if (top.i >= edges.length) { color.set(top.node, 2); stack.pop(); continue; }
        const e = edges[top.i++];
        const cState = color.get(e.node);
        if (cState === 1) {
          const from = stack.findIndex((f) => f.node === e.node);
          const path = [...stack.slice(from + 1).map((f) => f.via!), e.c];
          const names = mode === "push" ? [path[0].from, ...path.map((x) => x.to)] : [path[0].to, ...path.map((x) => x.from)];
          const sig = [...new Set(names)].sort().join(",");
          if (!reported.has(sig)) {
            reported.add(sig);
            errors.push(`${loc(e.c.file, e.c.line)}${mode} cycle: ${names.map((n) => `'${n}'`).join(" -> ")} (packets would re-enter an element still handling them; put a Queue in the loop)`);
          }
        } else if (!cState) {
          color.set(e.node, 1);
          stack.push({ node: e.node, i: 0, via: e.c });
        }
      }
    }
  }
}
