/** Recursive-descent parser for Click configurations, producing the unflattened AST.
 *  One file (~640 lines): a recursive-descent parser is one mutually recursive set
 *  of methods over one token stream (statements, connections, port lists,
 *  elementclass bodies, requires); the lexer, AST, flattening and errors live in
 *  their own files. */
import type {
  AstConnection, AstElement, ClassRef, CompoundBody, CompoundDef, Formal, Loc, RouterAst, Scope,
} from "./ast.js";
import { splitConfig, splitSpace, unquote } from "./config-split.js";
import { ErrorList } from "./errors.js";
import { Lexer, type Token } from "./lexer.js";

export interface ParseOptions {
  /**
   * Decides whether an identifier names an element class. Without it, a word
   * is a class if it is a compound/synonym in scope, or (when not a declared
   * element) looks like a Click class name: a capital letter then letters,
   * digits and underscores.
   */
  isClass?: (name: string) => boolean;
}

const CLASS_LIKE = /^[A-Z][A-Za-z0-9_]*$/;
/** Tokens that start a new statement: left for the statement loop after an error. */
/** Deepest nesting of elementclass bodies accepted (Click's own configurations nest a few levels). */
export const MAX_NESTING = 100;
/** Longest port list one `[...]` may spell out (`[0-4000000000]` must not exhaust memory). */
export const MAX_PORT_LIST = 65536;
const RESTART = new Set(["elementclass", "require", "provide", "define", "}", "||", "eof"]);

/** One element mention within a connection statement. */
interface ElementState {
  name: string;
  line: number;
  /** Port lists as Click's lexer keeps them: `[0,2]` is [0, 2], `[1-3]` is [1, 2, 3], a
   *  trailing -1 marks an expandable list (`[]` is [0, -1], `[2,]` is [2, -1]); null: no `[...]`. */
  inPort: number[] | null;
  outPort: number[] | null;
  declType: ClassRef | null;
  hasDecl: boolean;
  config: string | null;
  bare: boolean;
  implicit: boolean;
  element?: AstElement | null; // resolved (null for pseudo-elements)
}

class ScopeState {
  readonly scope: Scope;
  readonly byName = new Map<string, AstElement>();
  readonly anonymous: AstElement[] = [];
  readonly types: Map<string, ClassRef>;
  readonly formalNames = new Set<string>();
  /** Connections whose endpoint names are filled in once anonymous names are final. */
  readonly pending: Array<{ conn: AstConnection; from: ElementState; to: ElementState }> = [];
  constructor(
    depth: number,
    parentTypes: Map<string, ClassRef> | null,
    readonly compound: boolean,
  ) {
    this.scope = { depth, elements: [], connections: [], defines: [] };
    this.types = new Map(parentTypes ?? []);
  }
}

export class Parser {
  private readonly lx: Lexer;
  private readonly requires: RouterAst["requires"] = [];

  constructor(
    text: string,
    private readonly file: string,
    private readonly errors: ErrorList,
    private readonly options: ParseOptions = {},
  ) {
    this.lx = new Lexer(text, file, errors);
  }

  private err(line: number, message: string): void {
    this.errors.add(this.file, line, message);
  }
  private loc(line: number): Loc {
    return { file: this.file, line };
  }
  private syntax(t: Token): void {
    if (t.kind === "eof") this.err(t.line, "syntax error at end of file");
    else this.err(t.line, `syntax error near '${t.text}'`);
  }

  parse(): RouterAst {
    const st = new ScopeState(0, null, false);
    this.statements(st);
    this.finishScope(st);
    return { file: this.file, scope: st.scope, requires: this.requires };
  }

  /** Parse statements until EOF, or '}' / '||' in a compound (returned, consumed). */
  private statements(st: ScopeState): Token {
    for (;;) {
      const t = this.lx.next();
      switch (t.kind) {
        case "ident": case "[": case "{": case "->": case "=>":
          this.lx.unlex(t);
          this.connection(st);
          break;
        case "elementclass": this.elementclass(st); break;
        case "require": this.require(st, t); break;
        case "define": this.define(st, t); break;
        case "provide": this.configArg(t); break;
        case ";": break;
        case "}": case "||":
          if (st.compound) return t;
          this.syntax(t);
          break;
        case "eof":
          if (st.compound) this.err(t.line, "expected '}'");
          return t;
        default:
          this.syntax(t);
      }
    }
  }

  /** After a keyword: read "(config)" and return it, or null. */
  private configArg(kw: Token): string | null {
    const t = this.lx.next();
    if (t.kind !== "(") {
      this.err(t.line, "expected '('");
      this.lx.unlex(t);
      return null;
    }
    return this.lx.readConfig(t.line);
  }

  private require(st: ScopeState, kw: Token): void {
    const conf = this.configArg(kw);
    if (conf === null) return;
    for (const arg of splitConfig(conf)) {
      const words = splitSpace(arg);
      if (words.length === 0) continue;
      let type = words[0];
      if (!["package", "library", "compact_config"].includes(type) && words.length === 1) {
        words.push(type);
        type = "package";
      }
      if (type === "compact_config" && words.length === 1) continue;
      if ((type === "package" || type === "library") && words.length === 2) {
        if (type === "library" && st.compound) {
          this.err(kw.line, "'require library' must be used at file scope");
          continue;
        }
        this.requires.push({ kind: type, value: unquote(words[1]), loc: this.loc(kw.line) });
      } else this.err(kw.line, "syntax error at requirement");
    }
  }

  private define(st: ScopeState, kw: Token): void {
    const conf = this.configArg(kw);
    if (conf === null) return;
    for (const arg of splitConfig(conf)) {
      if (!arg) continue;
      const m = /^\$([A-Za-z0-9_]+)(?:\s+([\s\S]*))?$/.exec(arg);
      if (!m) {
        this.err(kw.line, "bad 'define' declaration: not a variable");
        continue;
      }
      if (st.scope.defines.some((d) => d.name === m[1]) || st.formalNames.has(m[1])) {
        this.err(kw.line, `parameter '$${m[1]}' multiply defined`);
        continue;
      }
      st.scope.defines.push({ name: m[1], value: (m[2] ?? "").trim(), loc: this.loc(kw.line) });
    }
  }

  private elementclass(st: ScopeState): void {
    const tname = this.lx.next();
    let name = "";
    if (tname.kind === "ident") name = tname.text;
    else {
      this.lx.unlex(tname);
      this.err(tname.line, "expected element type name");
    }
    const t = this.lx.next();
    if (t.kind === "{") {
      const def = this.compound(st, name, t);
      if (name) st.types.set(name, { kind: "compound", def });
    } else if (t.kind === "ident") {
      if (name) st.types.set(name, this.lookupClass(st, t.text));
    } else {
      this.syntax(t);
      if (name) st.types.set(name, { kind: "primitive", name });
    }
  }

  private lookupClass(st: ScopeState, name: string): ClassRef {
    return st.types.get(name) ?? { kind: "primitive", name };
  }

  /** Parse compound bodies after '{' (including '||' overloads and '...'). */
  private compound(parent: ScopeState, name: string, open: Token): CompoundDef {
    const def: CompoundDef = { name, bodies: [], loc: this.loc(open.line) };
    let bodyLine = open.line;
    for (;;) {
      const first = this.lx.next();
      if (first.kind === "...") {
        const ext = parent.types.get(name) ?? (name && this.isClassName(name) ? { kind: "primitive" as const, name } : undefined);
        if (!ext) this.err(first.line, `cannot extend unknown element class '${name}'`);
        else def.extends = ext;
        const close = this.lx.next();
        if (def.bodies.length === 0 || close.kind !== "}") this.err(first.line, "'...' should occur last, after one or more compounds");
        if (close.kind !== "}") this.lx.unlex(close);
        return def;
      }
      this.lx.unlex(first);
      if (parent.scope.depth + 1 > MAX_NESTING) {
        // Deeper would overflow the stack (here and in expansion): skip the body.
        this.err(bodyLine, `compound element classes nested more than ${MAX_NESTING} deep`);
        for (let open = 1, t = this.lx.next(); t.kind !== "eof"; t = this.lx.next()) {
          if (t.kind === "{") open++;
          else if (t.kind === "}" && --open === 0) break;
        }
        return def;
      }
      const st = new ScopeState(parent.scope.depth + 1, parent.types, true);
      const formals = this.formals(st);
      const end = this.statements(st);
      this.finishScope(st);
      def.bodies.push(this.finishCompound(st, name, formals, bodyLine));
      if (end.kind === "}") {
        // extension: also accept "{ ... } || { ... }" (Click writes "{ ... || ... }")
        const bars = this.lx.next();
        const brace = bars.kind === "||" ? this.lx.next() : null;
        if (!brace || brace.kind !== "{") {
          if (brace) this.lx.unlex(brace);
          this.lx.unlex(bars);
          return def;
        }
        bodyLine = brace.line;
        continue;
      }
      if (end.kind !== "||") return def;
      bodyLine = end.line;
    }
  }

  private formals(st: ScopeState): Formal[] {
    const formals: Formal[] = [];
    let orderError = false;
    for (;;) {
      const t1 = this.lx.next();
      let keyword = "";
      let varName: string;
      if (t1.kind === "ident") {
        const t2 = this.lx.next();
        if (t2.kind !== "var") {
          if (formals.length > 0) this.err(t1.line, "expected variable");
          this.lx.unlex(t2);
          this.lx.unlex(t1);
          return formals;
        }
        keyword = t1.text;
        varName = t2.text;
      } else if (t1.kind === "var") varName = t1.text;
      else if (t1.kind === "|") return formals;
      else {
        if (formals.length > 0) this.err(t1.line, "expected variable");
        this.lx.unlex(t1);
        return formals;
      }
      if (formals.some((f) => f.name === varName)) this.err(t1.line, `parameter '$${varName}' multiply defined`);
      else {
        if (keyword && formals.some((f) => f.keyword === keyword))
          this.err(t1.line, `repeated keyword parameter '${keyword}' in compound element`);
        const prev = formals[formals.length - 1];
        if (!orderError && prev && ((!keyword && prev.keyword) || prev.keyword === "__REST__")) {
          this.err(t1.line, "compound element parameters out of order (the correct order is '[positional], [keywords], [__REST__]')");
          orderError = true;
        }
        formals.push({ name: varName, keyword });
        st.formalNames.add(varName);
      }
      const sep = this.lx.next();
      if (sep.kind === "|") return formals;
      if (sep.kind !== ",") {
        this.err(sep.line, "expected ',' or '|'");
        this.lx.unlex(sep);
        return formals;
      }
    }
  }

  /** Check the input/output pseudo-elements and count the compound's ports. */
  private finishCompound(st: ScopeState, name: string, formals: Formal[], line: number): CompoundBody {
    const printable = name || "<anonymous>";
    const conns = st.scope.connections;
    const count = (pseudo: "input" | "output"): number => {
      const isOutput = pseudo === "output";
      const used = new Set<number>();
      let misused = false;
      for (const c of conns) {
        if ((isOutput ? c.to : c.from) === pseudo) used.add(isOutput ? c.toPort : c.fromPort);
        if ((isOutput ? c.from : c.to) === pseudo) misused = true;
      }
      if (misused)
        this.err(line, `'${printable}' pseudoelement '${pseudo}' may only be used as ${isOutput ? "input" : "output"}`);
      const n = used.size ? Math.max(...used) + 1 : 0;
      for (let i = 0; i < n; i++) if (!used.has(i)) this.err(line, `'${printable}' ${pseudo} ${i} missing`);
      return n;
    };
    return { formals, scope: st.scope, ninputs: count("input"), noutputs: count("output"), loc: this.loc(line) };
  }

  /** Give anonymous elements their final `Class@N` names, avoiding clashes. */
  private finishScope(st: ScopeState): void {
    for (const e of st.anonymous) {
      const at = e.name.lastIndexOf("@");
      const prefix = e.name.slice(0, at + 1);
      let n = Number(e.name.slice(at + 1));
      let name = e.name;
      while (st.byName.has(name)) name = prefix + String(++n);
      e.name = name;
      st.byName.set(name, e);
    }
    for (const { conn, from, to } of st.pending) {
      conn.from = this.endpointName(from)!;
      conn.to = this.endpointName(to)!;
    }
    st.pending.length = 0;
  }

  private isClassName(name: string): boolean {
    return this.options.isClass ? this.options.isClass(name) : CLASS_LIKE.test(name);
  }

  /** Parse a port list "[...]" if present (Click's Lexer::yport). */
  private port(): number[] | null {
    const t = this.lx.next();
    if (t.kind !== "[") {
      this.lx.unlex(t);
      return null;
    }
    const ports: number[] = [];
    let last = -1;
    let dash = false;
    let tooLong = false;
    for (;;) {
      const n = this.lx.next();
      if (n.kind === "ident") {
        let port = 0;
        if (/^\d+$/.test(n.text)) port = Number(n.text);
        else this.err(n.line, "syntax error: port number should be integer");
        if (dash) for (++last; last <= port && ports.length <= MAX_PORT_LIST; ++last) ports.push(last);
        else ports.push(last = port);
        if (ports.length > MAX_PORT_LIST) {
          if (!tooLong) this.err(n.line, `port list longer than ${MAX_PORT_LIST}`);
          tooLong = true;
          ports.length = MAX_PORT_LIST;
        }
      } else if (n.kind === "]") {
        if (ports.length === 0) ports.push(0);
        ports.push(-1);
        return ports;
      } else {
        this.err(n.line, "syntax error: expected port number");
        this.lx.unlex(n);
        return ports.length ? ports : [0];
      }
      const sep = this.lx.next();
      if (sep.kind === "]") return ports;
      if (sep.kind === "-" && !dash) dash = true;
      else if (sep.kind === ",") dash = false;
      else {
        this.err(sep.line, "syntax error: expected ','");
        this.lx.unlex(sep);
      }
    }
  }

  /** A connection statement: element sets joined by '->'. */
  private connection(st: ScopeState): void {
    let prev: ElementState[] | null = null;
    let arrowLine = 0;
    let connector = "->";
    for (;;) {
      const set = this.elementSet(st, prev === null);
      if (set === null) {
        if (prev) this.checkUseless(prev, true);
        return;
      }
      const next = this.lx.peek();
      this.resolveSet(st, set, next.kind === "->" || next.kind === "=>" || prev !== null);
      if (prev) this.connect(st, prev, set, arrowLine, connector);
      else if (set.some((e) => e.inPort !== null && !e.implicit)) this.err(set[0].line, "input ports ignored at start of chain");
      const t = this.lx.next();
      if (t.kind === "->" || t.kind === "=>") {
        prev = set;
        arrowLine = t.line;
        connector = t.kind;
        continue;
      }
      this.checkUseless(set, true);
      if (t.kind === ";" || t.kind === "eof") {
        if (t.kind === "eof") this.lx.unlex(t);
      } else if (["ident", "{", "}", "[", ")", "||", "elementclass", "require", "provide", "define"].includes(t.kind)) {
        this.lx.unlex(t);
      } else if (t.kind === "::" || t.kind === ",") {
        this.syntax(t);
      } else {
        this.syntax(t);
      }
      return;
    }
  }

  private checkUseless(set: ElementState[], isOutput: boolean): void {
    if (isOutput && set.some((e) => e.outPort !== null && !e.implicit))
      this.err(set[set.length - 1].line, "output ports ignored at end of chain");
  }

  /** Parse a comma-separated element list; null if no element could be parsed. */
  private elementSet(st: ScopeState, first: boolean): ElementState[] | null {
    const set: ElementState[] = [];
    for (;;) {
      const e = this.element(st, first && set.length === 0, set.length === 0);
      if (!e) return set.length ? set : null;
      set.push(e);
      const t = this.lx.next();
      if (t.kind !== ",") {
        this.lx.unlex(t);
        return set;
      }
    }
  }

  private element(st: ScopeState, chainStart: boolean, setStart: boolean): ElementState | null {
    const inPort = this.port();
    const t = this.lx.next();
    const e: ElementState = {
      name: "", line: t.line, inPort, outPort: null, declType: null, hasDecl: false,
      config: null, bare: true, implicit: false,
    };
    if (t.kind === "ident") e.name = t.text;
    else if (t.kind === "{") {
      const def = this.compound(st, "", t);
      e.declType = { kind: "compound", def };
      e.hasDecl = true;
      e.bare = false;
      e.name = "";
    } else if (st.compound && setStart && chainStart && (t.kind === "->" || t.kind === "=>")) {
      this.lx.unlex(t);
      return { ...e, name: "input", outPort: inPort, inPort: null, implicit: true };
    } else if (st.compound && setStart && !chainStart) {
      this.lx.unlex(t);
      return { ...e, name: "output", implicit: true };
    } else {
      if (inPort !== null) this.err(t.line, "stranded port ignored");
      this.syntax(t);
      if (RESTART.has(t.kind)) this.lx.unlex(t);
      return null;
    }
    // ":: Class" declaration
    let n = this.lx.next();
    if (n.kind === "::" && e.name) {
      e.hasDecl = true;
      e.bare = false;
      n = this.lx.next();
      if (n.kind === "ident") {
        e.declType = this.lookupClass(st, n.text);
      } else if (n.kind === "{") {
        e.declType = { kind: "compound", def: this.compound(st, "", n) };
      } else {
        this.err(n.line, "missing element type in declaration");
        e.declType = this.lookupClass(st, e.name);
        this.lx.unlex(n);
      }
      n = this.lx.next();
    }
    if (n.kind === "(") {
      e.bare = false;
      const conf = this.lx.readConfig(n.line);
      e.config = conf ?? "";
    } else this.lx.unlex(n);
    e.outPort = this.port();
    return e;
  }

  private newElement(st: ScopeState, name: string, anonymous: boolean, classRef: ClassRef, config: string, line: number): AstElement {
    const el: AstElement = { name, anonymous, classRef, config, loc: this.loc(line) };
    st.scope.elements.push(el);
    if (anonymous) st.anonymous.push(el);
    else st.byName.set(name, el);
    return el;
  }

  private anonName(st: ScopeState, className: string): string {
    return `${className}@${st.scope.elements.length + 1}`;
  }

  /** Turn element mentions into declarations, references or anonymous elements. */
  private resolveSet(st: ScopeState, set: ElementState[], arrowFollows: boolean): void {
    // "a, b :: Class(config)" declares every element with the same class
    // (only for a stand-alone statement: no arrow before or after)
    const anyPorts = set.some((e) => e.inPort !== null || e.outPort !== null || e.implicit);
    if (set.length > 1 && !arrowFollows && !anyPorts) {
      const last = set[set.length - 1];
      if (last.hasDecl && set.slice(0, -1).every((e) => e.bare))
        for (const e of set) {
          e.declType = last.declType;
          e.hasDecl = true;
          e.config = last.config;
        }
    }
    for (const e of set) {
      if (e.implicit) {
        e.element = null;
        continue;
      }
      const config = e.config ?? "";
      if (!e.name) {
        // bare "{ ... }" compound used inline
        const cls = e.declType!;
        e.element = this.newElement(st, this.anonName(st, ""), true, cls, config, e.line);
        continue;
      }
      this.checkName(e);
      const scopedClass = st.types.get(e.name);
      const explicitClass = this.options.isClass?.(e.name) ?? false;
      const declared = st.compound && (e.name === "input" || e.name === "output") ? "pseudo" : st.byName.get(e.name);
      if (e.hasDecl) {
        if (scopedClass || explicitClass) {
          this.err(e.line, `class '${e.name}' used as element name`);
          const cls = scopedClass ?? { kind: "primitive" as const, name: e.name };
          e.element = this.newElement(st, this.anonName(st, e.name), true, cls, config, e.line);
        } else if (declared) {
          this.err(e.line, `redeclaration of element '${e.name}'`);
          if (declared !== "pseudo") {
            this.errors.add(declared.loc.file, declared.loc.line, `element '${e.name}' previously declared here`);
            e.element = declared;
          } else e.element = null;
        } else {
          e.element = this.newElement(st, e.name, false, e.declType!, config, e.line);
        }
        continue;
      }
      if (scopedClass || explicitClass || (!declared && CLASS_LIKE.test(e.name) && !this.options.isClass)) {
        const cls = scopedClass ?? { kind: "primitive" as const, name: e.name };
        e.element = this.newElement(st, this.anonName(st, e.name), true, cls, config, e.line);
      } else if (declared) {
        if (e.config !== null) this.err(e.line, "configuration string ignored on element reference");
        e.element = declared === "pseudo" ? null : declared;
      } else {
        this.err(e.line, `undeclared element '${e.name}'`);
        e.element = this.newElement(st, this.anonName(st, e.name), true, { kind: "primitive", name: e.name }, config, e.line);
      }
    }
  }

  private checkName(e: ElementState): void {
    if (e.name.split("/").some((part) => /^\d+$/.test(part)))
      this.err(e.line, `element name '${e.name}' has all-digit component`);
  }

  private endpointName(e: ElementState): string | null {
    if (e.element) return e.element.name;
    if (e.implicit || e.name === "input" || e.name === "output") return e.name;
    return null;
  }

  /**
   * Connect one element set to the next, as Click's Lexer::yconnection_connect_all:
   * each side is walked element by element and, within an element, through its port
   * list; a side with one element and one port stays put while the other advances
   * (so `a -> b, c` fans out and `a, b -> c` fans in). Both sides stepping
   * (`a[0,1] => [0,1]b`, `a, b => c, d`) needs '=>', which also lets a bare element
   * stand for as many ports as the other side has.
   */
  private connect(st: ScopeState, from: ElementState[], to: ElementState[], line: number, connector: string): void {
    const els = [to, from]; // index 0: inputs, 1: outputs, as in Click
    const lists = [to.map((e) => e.inPort ?? []), from.map((e) => e.outPort ?? [])];
    const minp = [0, 0], expandable = [0, 0];
    for (let k = 0; k < 2; k++)
      for (const ports of lists[k]) {
        const n = ports.length;
        if (n <= 1) minp[k] += 1;
        else if (ports[n - 1] === -1) {
          minp[k] += n - 1;
          expandable[k]++;
        } else minp[k] += n;
      }
    if (expandable[0] + expandable[1] > 1) {
      this.err(line, "at most one expandable port allowed per connection");
      expandable[minp[0] < minp[1] ? 1 : 0] = 0;
    }
    if (connector === "=>")
      for (let k = 0; k < 2; k++)
        if (minp[k] === 1 && minp[1 - k] > 1 && lists[k][0].length === 0) expandable[k] = 1;
    const step = [0, 1].map((k) => minp[k] > 1 || expandable[k] > 0);
    const nexpandable = [0, 1].map((k) => (expandable[k] ? minp[1 - k] - minp[k] : 0));
    if (step[0] && step[1]) {
      if (connector !== "=>") this.err(line, "syntax error: many-to-many connections require '=>'");
      if (!expandable[0] && !expandable[1] && minp[0] !== minp[1])
        this.err(line, `connection mismatch: ${minp[1]} outputs connected to ${minp[0]} inputs`);
      else if (!expandable[0] && minp[0] < minp[1])
        this.err(line, `connection mismatch: ${minp[1]} or more outputs connected to ${minp[0]} inputs`);
      else if (!expandable[1] && minp[1] < minp[0])
        this.err(line, `connection mismatch: ${minp[1]} outputs connected to ${minp[0]} or more inputs`);
    } else if (!step[0] && !step[1]) step[0] = true;

    const at = [0, 0], ppos = [0, 0], port = [-1, -1];
    while (at[0] < to.length && at[1] < from.length) {
      for (let k = 0; k < 2; k++)
        if (port[k] < 0) port[k] = lists[k][at[k]].length ? lists[k][at[k]][0] : 0;
      this.connectOne(st, els[1][at[1]], port[1], els[0][at[0]], port[0], line);
      for (let k = 0; k < 2; k++) {
        if (!step[k]) continue;
        const ports = lists[k][at[k]];
        const np = ports.length;
        ++ppos[k];
        if (ppos[k] < np && ports[ppos[k]] >= 0) port[k] = ports[ppos[k]];
        else if (np && ports[np - 1] === -1 && nexpandable[k] > 0) {
          port[k] = ports[np - 2] + ppos[k] - (np - 2);
          --nexpandable[k];
        } else if (np === 0 && minp[k] === 1 && nexpandable[k] > 0) {
          port[k] = ppos[k];
          --nexpandable[k];
        } else {
          port[k] = -1;
          ppos[k] = 0;
          at[k]++;
        }
      }
    }
  }

  private connectOne(st: ScopeState, f: ElementState, fromPort: number, t: ElementState, toPort: number, line: number): void {
    if (this.endpointName(f) === null || this.endpointName(t) === null) return;
    // anonymous names may still change in finishScope, which fills in from/to
    const conn: AstConnection = { from: "", fromPort, to: "", toPort, loc: this.loc(line) };
    st.scope.connections.push(conn);
    st.pending.push({ conn, from: f, to: t });
  }
}

export function parseRouter(text: string, file = "config.click", options: ParseOptions = {}): { ast: RouterAst; errors: ErrorList } {
  const errors = new ErrorList();
  const ast = new Parser(text, file, errors, options).parse();
  return { ast, errors };
}
