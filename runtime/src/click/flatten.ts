/** Expands compound elements into a flat graph of primitive elements (Click's compound expansion). */
import type { AstElement, ClassRef, CompoundBody, CompoundDef, Formal, Loc, RouterAst, Scope } from "./ast.js";
import { splitConfig, splitSpace } from "./config-split.js";
import type { ErrorList } from "./errors.js";
import { VarEnv, expandVars } from "./variables.js";

export interface FlatElement {
  name: string;
  className: string;
  config: string;
  file: string;
  line: number;
}
export interface FlatConnection {
  from: string;
  fromPort: number;
  to: string;
  toPort: number;
  file: string;
  line: number;
}
export interface FlatGraph {
  elements: FlatElement[];
  connections: FlatConnection[];
  requires: Array<{ kind: "package" | "library" | string; value: string }>;
}

/** Bounds on compound expansion: a configuration of a few lines can otherwise
 *  expand exponentially (each compound using the previous one twice) or nest
 *  deeper than the stack. Click's own configurations stay far below these. */
export const MAX_ELEMENTS = 100_000;
export const MAX_COMPOUND_DEPTH = 100;
/** Characters of configuration strings in all (variables can double them per level). */
export const MAX_CONFIG_CHARS = 64 << 20;

interface RawConn {
  from: string;
  fromPort: number;
  to: string;
  toPort: number;
  loc: Loc;
}

interface Instance {
  body: CompoundBody;
  loc: Loc;
}

/** Click's compound signature text, e.g. `Foo[2 arguments, 1 input, 1 output]`. */
function signature(name: string, formals: Formal[] | null, nargs: number, nin: number, nout: number): string {
  let s = name || "<anonymous>";
  if (formals && formals.length)
    s += "(" + formals.map((f) => (f.keyword === "" ? "<arg>" : f.keyword === "__REST__" ? "..." : f.keyword)).join(", ") + ")";
  const pl = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  s += "[";
  if (!formals && nargs > 0) s += pl(nargs, "argument") + ", ";
  return s + `${pl(nin, "input")}, ${pl(nout, "output")}]`;
}

/**
 * Assign compound arguments to formals with Click's rules (cp_assign_arguments):
 * positional formals take the leading arguments, keyword formals (all
 * mandatory) take `KEYWORD value` arguments, `__REST__` collects the rest.
 * Returns values in formal order, or null if the arguments do not fit.
 */
export function assignArguments(args: string[], formals: Formal[]): string[] | null {
  if (formals.length === 0 || formals[formals.length - 1].keyword === "") {
    if (formals.some((f) => f.keyword !== "")) {
      // keyword formals followed by a positional one: Click's order error was reported
      return null;
    }
    return args.length === formals.length ? args.slice() : null;
  }
  const hasRest = formals[formals.length - 1].keyword === "__REST__";
  const values: Array<string | undefined> = formals.map(() => undefined);
  const used = args.map(() => false);
  const npos = formals.filter((f) => f.keyword === "").length;
  let ai = 0;
  for (let fi = 0; fi < npos; fi++, ai++) {
    if (ai >= args.length) return null;
    values[fi] = args[ai];
    used[ai] = true;
  }
  for (; ai < args.length; ai++) {
    const words = splitSpace(args[ai]);
    const kw = words[0];
    const fi = formals.findIndex((f, i) => i >= npos && f.keyword === kw && f.keyword !== "__REST__");
    if (fi >= 0 && kw !== undefined) {
      values[fi] = args[ai].slice(args[ai].indexOf(kw) + kw.length).trim();
      used[ai] = true;
    } else if (!hasRest) return null;
  }
  for (let fi = npos; fi < formals.length; fi++)
    if (formals[fi].keyword !== "__REST__" && values[fi] === undefined) return null;
  if (hasRest) values[formals.length - 1] = args.filter((_, i) => !used[i]).join(", ");
  return values.map((v) => v ?? "");
}

export class Flattener {
  private readonly elements: FlatElement[] = [];
  private readonly byName = new Map<string, FlatElement | Instance>();
  private readonly raw: RawConn[] = [];
  private readonly instances = new Map<string, Instance>();

  /** Set when a bound was hit: expansion stops (one error, at the element that crossed it). */
  private overflowed = false;
  private configChars = 0;

  constructor(private readonly errors: ErrorList) {}

  /** Reports a bound crossed at `loc`, once; returns true when expansion must stop. */
  private tooBig(loc: Loc, why: string | null): boolean {
    if (this.overflowed) return true;
    if (why === null) return false;
    this.overflowed = true;
    this.errors.add(loc.file, loc.line, `configuration too large: ${why}`);
    return true;
  }

  flatten(ast: RouterAst): FlatGraph {
    const env = new VarEnv(null, 0);
    this.defineAll(ast.scope, env);
    this.expandScope(ast.scope, "", env, ast.file);
    const connections = this.resolveConnections();
    this.checkInstancePorts();
    return {
      elements: this.elements,
      connections,
      requires: ast.requires.map((r) => ({ kind: r.kind, value: r.value })),
    };
  }

  private defineAll(scope: Scope, env: VarEnv): void {
    for (const d of scope.defines) env.define(d.name, expandVars(d.value, env));
  }

  /** Substitute variables. An undefined `$x` stays in the string, as in Click (cp_expand):
   *  Script reads such variables at run time, and an element that does not expect one
   *  rejects it in its own configure with its name and argument. */
  private expand(config: string, env: VarEnv): string {
    return expandVars(config, env);
  }

  private expandScope(scope: Scope, prefix: string, env: VarEnv, file: string, depth = 0): void {
    const counts = this.portCounts(scope);
    for (const c of scope.connections)
      this.raw.push({ from: prefix + c.from, fromPort: c.fromPort, to: prefix + c.to, toPort: c.toPort, loc: c.loc });
    for (const e of scope.elements) {
      if (this.overflowed) return;
      const full = prefix + e.name;
      const config = this.expand(e.config, env);
      this.configChars += config.length + full.length;
      if (this.tooBig(e.loc, this.elements.length >= MAX_ELEMENTS ? `more than ${MAX_ELEMENTS} elements after compound expansion (at '${full}')`
        : depth > MAX_COMPOUND_DEPTH ? `compounds nested more than ${MAX_COMPOUND_DEPTH} deep (at '${full}')`
        : this.configChars > MAX_CONFIG_CHARS ? `more than ${MAX_CONFIG_CHARS >> 20} MiB of configuration strings after expansion (at '${full}')` : null)) return;
      const prev = this.byName.get(full);
      if (prev) {
        this.errors.add(e.loc.file, e.loc.line, `redeclaration of element '${full}'`);
        const ploc = "loc" in prev ? prev.loc : prev;
        this.errors.add(ploc.file, ploc.line, `element '${full}' previously declared here`);
        continue;
      }
      const [nin, nout] = counts.get(e.name) ?? [0, 0];
      this.instantiate(e, full, e.classRef, config, nin, nout, env, depth);
    }
    void file;
  }

  private instantiate(e: AstElement, full: string, cls: ClassRef, config: string, nin: number, nout: number, env: VarEnv, depth: number): void {
    if (cls.kind === "primitive") {
      const el: FlatElement = { name: full, className: cls.name, config, file: e.loc.file, line: e.loc.line };
      this.elements.push(el);
      this.byName.set(full, el);
      return;
    }
    const args = splitConfig(config);
    const chosen = this.resolveOverload(cls.def, args, nin, nout, e.loc);
    if (!chosen) return;
    if ("extends" in chosen) {
      if (this.tooBig(e.loc, depth > MAX_COMPOUND_DEPTH ? `compound overloads chained more than ${MAX_COMPOUND_DEPTH} deep (at '${full}')` : null)) return;
      this.instantiate(e, full, chosen.extends, config, nin, nout, env, depth + 1);
      return;
    }
    const { body, values } = chosen;
    const inst: Instance = { body, loc: e.loc };
    this.byName.set(full, inst);
    this.instances.set(full, inst);
    const parent = env.parentOf(body.scope.depth);
    const inner = new VarEnv(parent, body.scope.depth);
    body.formals.forEach((f, i) => inner.define(f.name, values[i]));
    for (const d of body.scope.defines) inner.define(d.name, this.expand(d.value, inner));
    this.expandScope(body.scope, full + "/", inner, e.loc.file, depth + 1);
  }

  /** Click's Compound::resolve: pick the overload matching argument and port counts. */
  private resolveOverload(
    def: CompoundDef, args: string[], nin: number, nout: number, loc: Loc,
  ): { body: CompoundBody; values: string[] } | { extends: ClassRef } | null {
    let closest: { body: CompoundBody; values: string[] } | null = null;
    for (const body of def.bodies) {
      const values = assignArguments(args, body.formals);
      if (values && body.ninputs === nin && body.noutputs === nout) return { body, values };
      if (values) closest = { body, values };
    }
    if (def.extends) return { extends: def.extends };
    if (def.bodies.length !== 1 || !closest) {
      this.errors.add(loc.file, loc.line, `no match for '${signature(def.name, null, args.length, nin, nout)}'`);
      for (const b of def.bodies)
        this.errors.add(b.loc.file, b.loc.line, `candidate: '${signature(def.name, b.formals, -1, b.ninputs, b.noutputs)}'`);
      return null;
    }
    return closest;
  }

  /** Number of input and output ports used on each element of a scope. */
  private portCounts(scope: Scope): Map<string, [number, number]> {
    const m = new Map<string, [number, number]>();
    const get = (n: string) => m.get(n) ?? (m.set(n, [0, 0]), m.get(n)!);
    for (const c of scope.connections) {
      const f = get(c.from);
      f[1] = Math.max(f[1], c.fromPort + 1);
      const t = get(c.to);
      t[0] = Math.max(t[0], c.toPort + 1);
    }
    return m;
  }

  private isPrimitive(name: string): boolean {
    const v = this.byName.get(name);
    return !!v && !("body" in v);
  }

  /** Splice connections through compound instances and their input/output pseudo-elements. */
  private resolveConnections(): FlatConnection[] {
    const bySource = new Map<string, RawConn[]>();
    const key = (n: string, p: number) => `${n}\u0000${p}`;
    for (const c of this.raw) {
      const k = key(c.from, c.fromPort);
      (bySource.get(k) ?? bySource.set(k, []).get(k)!).push(c);
    }
    // where does data entering (node, port) end up?
    const dests = (node: string, port: number, seen: Set<string>): Array<[string, number]> => {
      if (this.isPrimitive(node)) return [[node, port]];
      const k = key(node, port);
      if (seen.has(k)) return [];
      seen.add(k);
      let src: string | null = null;
      if (this.instances.has(node)) src = node + "/input";
      else if (node.endsWith("/output") && this.instances.has(node.slice(0, -7))) src = node.slice(0, -7);
      if (src === null) return [];
      const out: Array<[string, number]> = [];
      for (const c of bySource.get(key(src, port)) ?? []) out.push(...dests(c.to, c.toPort, seen));
      return out;
    };
    const result: FlatConnection[] = [];
    const seen = new Set<string>();
    for (const c of this.raw) {
      if (!this.isPrimitive(c.from)) continue;
      for (const [to, toPort] of dests(c.to, c.toPort, new Set())) {
        const k = `${c.from}\u0000${c.fromPort}\u0000${to}\u0000${toPort}`;
        if (seen.has(k)) continue;
        seen.add(k);
        result.push({ from: c.from, fromPort: c.fromPort, to, toPort, file: c.loc.file, line: c.loc.line });
      }
    }
    return result;
  }

  /** Click's tunnel checks: ports used outside a compound must exist inside, and vice versa. */
  private checkInstancePorts(): void {
    // Ports used on each name, in one pass (a pass per instance is quadratic).
    const ins = new Map<string, Set<number>>(), outs = new Map<string, Set<number>>();
    const add = (m: Map<string, Set<number>>, n: string, p: number) => (m.get(n) ?? m.set(n, new Set()).get(n)!).add(p);
    for (const c of this.raw) {
      if (this.instances.has(c.to)) add(ins, c.to, c.toPort);
      if (this.instances.has(c.from)) add(outs, c.from, c.fromPort);
    }
    const none = new Set<number>();
    for (const [name, inst] of this.instances) {
      const outerIn = ins.get(name) ?? none;
      const outerOut = outs.get(name) ?? none;
      const { ninputs, noutputs } = inst.body;
      const at = (msg: string) => this.errors.add(inst.loc.file, inst.loc.line, msg);
      for (const p of [...outerIn].sort((a, b) => a - b)) if (p >= ninputs) at(`'${name}' has no input ${p}`);
      for (let p = 0; p < ninputs; p++) if (!outerIn.has(p)) at(`'${name}' input ${p} unused`);
      for (const p of [...outerOut].sort((a, b) => a - b)) if (p >= noutputs) at(`'${name}' has no output ${p}`);
      for (let p = 0; p < noutputs; p++) if (!outerOut.has(p)) at(`'${name}' output ${p} unused`);
    }
  }
}
