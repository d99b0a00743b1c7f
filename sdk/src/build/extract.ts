// Reads element classes out of AssemblyScript sources with ts-morph (the sources
// are valid TypeScript syntax): the @element decorator, the doc block, the
// arguments read in configure(), and @handler members. Produces the metadata and
// what the glue generator needs, or file:line errors for invalid declarations.

import { Project, SyntaxKind, Node, type ClassDeclaration, type MethodDeclaration, type SourceFile, type Decorator } from "ts-morph";
import { relative } from "node:path";
import type { ArgMeta, ClassMeta, HandlerMeta } from "./metadata.ts";
import { findDocComment, parseDocBlock } from "./docblock.ts";
import { validPortCount, validProcessing, validFlowCode } from "./validate.ts";
import { BuildError, type Located } from "./errors.ts";
import { ARG_TYPES as ABI_ARG_TYPES } from "@clickos/runtime";

/** `accum`: a read handler method that writes into a StringAccum instead of returning a string. */
export interface HandlerGlue { meta: HandlerMeta; member: string; kind: "field" | "method"; accum?: boolean }
export interface ExtractedClass {
  meta: ClassMeta;
  tsName: string;          // the AssemblyScript class name
  file: string;            // absolute path
  handlers: HandlerGlue[];
  /** The class defines its own push (else the glue generates a per-packet loop over simpleAction). */
  ownPush: boolean;
}

const READERS: Record<string, { required: boolean; positional: boolean }> = {
  read: { required: false, positional: false },
  readM: { required: true, positional: false },
  readP: { required: false, positional: true },
  readMP: { required: true, positional: true },
};
// The argument types the ABI defines (sdk/abi/abi.json argTypes), which hosts check metadata against.
const ARG_TYPES: ReadonlySet<string> = new Set(ABI_ARG_TYPES);
const INT_TYPES = new Set(["i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "isize", "usize"]);
export const HANDLER_FIELD_TYPES = new Set([...INT_TYPES, "bool", "f32", "f64", "string"]);

export function extractClasses(files: string[], root: string): ExtractedClass[] {
  const project = new Project({ useInMemoryFileSystem: false, skipAddingFilesFromTsConfig: true, compilerOptions: { allowJs: false } });
  const sources = files.map((f) => project.addSourceFileAtPath(f));
  const problems: Located[] = [];
  const out: ExtractedClass[] = [];
  const seen = new Map<string, { file: string; line: number }>();
  for (const sf of sources) {
    for (const cls of sf.getClasses()) {
      const dec = cls.getDecorator("element");
      if (!dec) continue;
      const rel = relative(root, sf.getFilePath());
      const extracted = extractClass(sf, cls, dec, rel, root, problems);
      if (!extracted) continue;
      const prev = seen.get(extracted.meta.name);
      if (prev) {
        problems.push({ file: rel, line: extracted.meta.source.line, message: `duplicate element class '${extracted.meta.name}' (first declared at ${prev.file}:${prev.line})` });
        continue;
      }
      seen.set(extracted.meta.name, extracted.meta.source);
      extracted.meta.id = out.length;
      out.push(extracted);
    }
  }
  if (problems.length) throw new BuildError(problems);
  return out;
}

function stringLiteral(n: Node | undefined): string | undefined {
  if (n && (Node.isStringLiteral(n) || Node.isNoSubstitutionTemplateLiteral(n))) return n.getLiteralValue();
  return undefined;
}

function extractClass(sf: SourceFile, cls: ClassDeclaration, dec: Decorator, rel: string, root: string, problems: Located[]): ExtractedClass | null {
  const line = cls.getStartLineNumber();
  const at = (n: Node) => n.getStartLineNumber();
  // A problem in an inherited member is reported where that member is (once,
  // however many classes inherit it).
  const err = (n: Node, message: string) => {
    const file = n.getSourceFile() === sf ? rel : relative(root, n.getSourceFile().getFilePath());
    if (!problems.some((p) => p.file === file && p.line === at(n) && p.message === message)) problems.push({ file, line: at(n), message });
  };
  const tsName = cls.getName();
  if (!tsName) { err(cls, "an @element class must have a name"); return null; }
  if (!cls.isExported()) err(cls, `element class ${tsName} must be exported`);
  const chain = classChain(cls, tsName, err);

  const [nameArg, optsArg] = dec.getArguments();
  const name = stringLiteral(nameArg) ?? tsName;
  if (nameArg && stringLiteral(nameArg) === undefined) err(dec, `@element's first argument must be a string literal (the Click class name)`);
  if (!/^[A-Za-z_][A-Za-z0-9_@]*$/.test(name)) err(dec, `invalid Click class name '${name}'`);
  const opts: Record<string, string> = {};
  if (optsArg) {
    if (!Node.isObjectLiteralExpression(optsArg)) err(optsArg, "@element's second argument must be an object literal");
    else for (const p of optsArg.getProperties()) {
      if (!Node.isPropertyAssignment(p)) { err(p, "unsupported @element option syntax"); continue; }
      const v = stringLiteral(p.getInitializer());
      if (v === undefined) { err(p, `@element option '${p.getName()}' must be a string literal`); continue; }
      opts[p.getName()] = v;
    }
  }
  for (const key of Object.keys(opts)) {
    if (!["ports", "processing", "flow"].includes(key)) err(dec, `unknown @element option '${key}' (expected ports, processing, flow)`);
  }
  const ports = opts.ports ?? "1/1";
  const processing = opts.processing ?? "a";
  if (!validPortCount(ports)) err(dec, `invalid port count '${ports}' (Click syntax: "1/1", "1/1-2", "1/-", "-/-")`);
  if (!validProcessing(processing)) err(dec, `unknown processing code '${processing}' (expected Click's codes such as "a", "h", "l", "h/l", "a/ah")`);
  if (opts.flow && !validFlowCode(opts.flow)) err(dec, `invalid flow code '${opts.flow}'`);

  const docComment = findDocComment(sf.getFullText());
  const doc = docComment ? parseDocBlock(docComment.text) : {};
  // An inherited handler or argument keeps the doc its own class's block gives it
  // unless this class's block says otherwise.
  const inherited = (key: "items" | "handlers") => Object.assign({}, ...chain.slice(1).reverse().map((c) => {
    const d = findDocComment(c.getSourceFile().getFullText());
    return d ? parseDocBlock(d.text)[key] ?? {} : {};
  }), doc[key] ?? {}) as Record<string, string>;
  const args = extractArgs(chain, inherited("items"), err);
  const task = checkPullAndTask(chain, processing, dec, err);
  const handlers = extractHandlers(chain, inherited("handlers"), err);
  const meta: ClassMeta = {
    id: -1, name, ports, processing, ...(opts.flow ? { flowCode: opts.flow } : {}),
    ...(task ? { task: true } : {}), args, handlers: handlers.map((h) => h.meta), doc, source: { file: rel, line },
  };
  const ownPush = chain.some((c) => c.getInstanceMethod("push") !== undefined);
  return { meta, tsName, file: sf.getFilePath(), handlers, ownPush };
}

/** Who moves packets through pull ports: an element with pull outputs ("l")
 *  answers them with its own pull(port); one with pull inputs and no pull
 *  outputs needs a task (runTask) to pull them; pull() on a class without pull
 *  outputs would never run (agnostic ports take pulled packets through push).
 *  Returns true when the class has a task. */
function checkPullAndTask(chain: ClassDeclaration[], processing: string, dec: Decorator, err: (n: Node, m: string) => void): boolean {
  const own = (m: string) => chain.find((c) => c.getInstanceMethod(m) !== undefined)?.getInstanceMethod(m);
  const [ins, outs = ins] = processing.split("/");
  const pullOut = outs.includes("l"), pullIn = ins.includes("l");
  const pull = own("pull"), task = own("runTask");
  if (pullOut && !pull) err(dec, `processing '${processing}' has pull outputs: the class must define pull(port: i32): Packet | null`);
  if (pull && !pullOut) err(pull, `pull() runs only for pull outputs ("l" in the processing code, e.g. "l/l" or "h/l"); an agnostic element takes pulled packets through push()`);
  if (pullIn && !pullOut && !task) err(dec, `processing '${processing}' has pull inputs but no pull outputs: something must pull them, so the class needs runTask() (Click's run_task, as in Unqueue)`);
  return task !== undefined;
}

/** The class and the classes it inherits from, up to (not including) Element:
 *  element classes may extend other element classes or plain bases of the same
 *  package, as Click's elements inherit from one another. Reported, and just
 *  [cls], when the chain does not reach Element. */
function classChain(cls: ClassDeclaration, tsName: string, err: (n: Node, m: string) => void): ClassDeclaration[] {
  const chain = [cls];
  for (let c = cls; chain.length <= 32;) {
    const ext = c.getExtends()?.getExpression().getText();
    if (ext === "Element") return chain;
    const base = ext ? c.getBaseClass() : undefined;
    if (!ext || !base) {
      err(c, ext
        ? `element class ${tsName} must extend Element or a class of this package's sources that does (it extends ${ext}, which is neither)`
        : `element class ${tsName} must extend Element (it extends ${chain.length > 1 ? `${c.getName()}, which extends nothing` : "nothing"})`);
      return [cls];
    }
    if (chain.includes(base)) { err(c, `element class ${tsName}: class ${base.getName()} inherits from itself`); return [cls]; }
    chain.push(base);
    c = base;
  }
  err(cls, `element class ${tsName}: more than 32 levels of inheritance`);
  return [cls];
}

/** Arguments read by configure(), in the order it reads them: the most derived
 *  configure(), with the inherited one's arguments where it calls super.configure(). */
function extractArgs(chain: ClassDeclaration[], items: Record<string, string>, err: (n: Node, m: string) => void): ArgMeta[] {
  const args: ArgMeta[] = [];
  const from = (k: number): void => {
    while (k < chain.length && !chain[k].getMethod("configure")) k++;
    if (k === chain.length) return;
    configureArgs(chain[k].getMethod("configure")!, items, err, (a) => { if (!args.some((x) => x.name === a.name)) args.push(a); }, () => from(k + 1));
  };
  from(0);
  return args;
}

function configureArgs(configure: MethodDeclaration, items: Record<string, string>, err: (n: Node, m: string) => void,
                       add: (a: ArgMeta) => void, superCall: () => void): void {
  const argsParam = configure.getParameters()[0]?.getName();
  for (const call of configure.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    if (call.getExpression().getText() === "super.configure") { superCall(); continue; }
    // Looking for  <argsParam>.readX("NAME").type(default?)
    const inner = call.getExpression();
    if (!Node.isPropertyAccessExpression(inner)) continue;
    const readerCall = inner.getExpression();
    if (!Node.isCallExpression(readerCall)) continue;
    const readerAccess = readerCall.getExpression();
    if (!Node.isPropertyAccessExpression(readerAccess)) continue;
    if (readerAccess.getExpression().getText() !== argsParam) continue;
    const reader = READERS[readerAccess.getName()];
    if (!reader) continue;
    const name = stringLiteral(readerCall.getArguments()[0]);
    if (name === undefined) { err(readerCall, `argument name passed to ${readerAccess.getName()} must be a string literal`); continue; }
    const type = inner.getName();
    if (!ARG_TYPES.has(type)) { err(inner, `unknown argument type '${type}' for ${name} (expected one of ${[...ARG_TYPES].join(", ")})`); continue; }
    const def = call.getArguments()[0]?.getText();
    const doc = items[name];
    add({ name, type, required: reader.required, positional: reader.positional, ...(def !== undefined ? { default: def } : {}), ...(doc ? { doc } : {}) });
  }
}

/** Handlers of the class and those it inherits (the base's first; a class may
 *  redeclare an inherited handler's name, which then is its own). */
function extractHandlers(chain: ClassDeclaration[], docs: Record<string, string>, err: (n: Node, m: string) => void): HandlerGlue[] {
  const out: HandlerGlue[] = [];
  for (const cls of [...chain].reverse()) {
    for (const h of classHandlers(cls, docs, err)) {
      const at = out.findIndex((x) => x.meta.name === h.meta.name);
      if (at >= 0) out.splice(at, 1);
      out.push(h);
    }
  }
  out.forEach((h, i) => { h.meta.id = i; });
  return out;
}

function classHandlers(cls: ClassDeclaration, docs: Record<string, string>, err: (n: Node, m: string) => void): HandlerGlue[] {
  const out: HandlerGlue[] = [];
  const names = new Set<string>();
  const modeOf = (dec: Decorator, fallback: string): { read: boolean; write: boolean } | null => {
    const [, modeArg] = dec.getArguments();
    const mode = modeArg ? stringLiteral(modeArg) : fallback;
    if (mode === "r" || mode === "read") return { read: true, write: false };
    if (mode === "w" || mode === "write") return { read: false, write: true };
    if (mode === "rw") return { read: true, write: true };
    err(dec, `handler mode must be "r", "w" or "rw" (got ${modeArg?.getText()})`);
    return null;
  };
  const nameOf = (dec: Decorator, member: string): string | null => {
    const a = dec.getArguments()[0];
    const n = a ? stringLiteral(a) : member;
    if (n === undefined) { err(dec, "handler name must be a string literal"); return null; }
    if (names.has(n)) { err(dec, `duplicate handler '${n}'`); return null; }
    names.add(n);
    return n;
  };
  for (const prop of cls.getProperties()) {
    const dec = prop.getDecorator("handler");
    if (!dec) continue;
    const typeNode = prop.getTypeNode();
    const type = typeNode?.getText() ?? inferLiteralType(prop.getInitializer());
    const name = nameOf(dec, prop.getName());
    const mode = modeOf(dec, "r");
    if (!name || !mode) continue;
    if (!type || !HANDLER_FIELD_TYPES.has(type)) {
      err(prop, `handler '${name}': unsupported type ${type ?? "(none)"}; fields may be bool, integer, float or string — use a method returning string for anything else`);
      continue;
    }
    out.push({ meta: { name, id: out.length, ...mode, type, ...(docs[name] ? { doc: docs[name] } : {}) }, member: prop.getName(), kind: "field" });
  }
  for (const method of cls.getMethods()) {
    const dec = method.getDecorator("handler");
    if (!dec) continue;
    const name = nameOf(dec, method.getName());
    const params = method.getParameters();
    const accum = params.length === 1 && params[0].getTypeNode()?.getText() === "StringAccum";
    const mode = modeOf(dec, params.length && !accum ? "w" : "r");
    if (!name || !mode) continue;
    if (mode.read && mode.write) { err(dec, `handler '${name}': a method handler is either read ("r", returns string) or write ("w", takes a string)`); continue; }
    const ret = method.getReturnTypeNode()?.getText();
    if (mode.read && accum && ret !== "void") { err(method, `read handler '${name}' writes into its StringAccum and returns void`); continue; }
    if (mode.read && !accum && (ret !== "string" || params.length)) { err(method, `read handler '${name}' must be a method with no parameters returning string, or taking a StringAccum and returning void`); continue; }
    if (mode.write && (params.length !== 1 || params[0].getTypeNode()?.getText() !== "string")) { err(method, `write handler '${name}' must take one string parameter`); continue; }
    out.push({ meta: { name, id: out.length, ...mode, type: "string", ...(docs[name] ? { doc: docs[name] } : {}) }, member: method.getName(), kind: "method", ...(accum ? { accum } : {}) });
  }
  return out;
}

function inferLiteralType(init: Node | undefined): string | undefined {
  if (!init) return undefined;
  if (Node.isTrueLiteral(init) || Node.isFalseLiteral(init)) return "bool";
  if (Node.isStringLiteral(init)) return "string";
  if (Node.isNumericLiteral(init)) return init.getText().includes(".") ? "f64" : "i32";
  return undefined;
}
