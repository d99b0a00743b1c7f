// runClick: parse a Click configuration, build the router with the standard
// elements and any required packages, run it to completion and return the files
// it wrote and its handlers. Used by `clickos run`, by @clickos/sdk/testing, and
// by the golden tests. Files are read from `files` (in memory) or from disk.

import { readFileSync, writeFileSync, openSync, writeSync, closeSync, mkdirSync, realpathSync } from "node:fs";
import { resolve, dirname } from "node:path";
import { parseClick, type FlatGraph } from "./click/index.ts";
import { Router, type FileAccess, type OutputFile, type RunStats } from "./host/router.ts";
import { ClassTable, locatePackage, standardElementsPath, currentPackage } from "./host/classes.ts";
import type { HostClass } from "./host/router.ts";
import type { CrossingTrace } from "./host/trace.ts";

export interface RunOptions {
  /** In-memory input files by name; files not listed are read from disk (relative to cwd). */
  files?: Record<string, Uint8Array>;
  /** Write outputs to disk as well as returning them (default: only when no `files` were given). */
  writeToDisk?: boolean;
  /** File name used in error messages. */
  configFile?: string;
  /** Standard elements .wasm (default: the installed @clickos/elements). false: none. */
  elements?: string | false;
  /** Extra element modules (.wasm paths). */
  modules?: string[];
  /** Extra host classes. */
  hostClasses?: HostClass[];
  /** Handler writes before the run ("elem.handler" → value). */
  writes?: Record<string, string>;
  /** Also load the element package in this directory (true: the current directory),
   *  as `clickos run` and the SDK's test helpers do, so an author's own classes
   *  need no --module; skipped where it is already loaded. Default: false. */
  currentPackage?: boolean | string;
  /** Where require(package ...) resolves from (default cwd). */
  packageBase?: string;
  log?: (m: string) => void;
  /** Records every crossing into a WebAssembly element (configure to the last
   *  handler read) for replay in another host; save it with trace.save(path). */
  trace?: CrossingTrace;
  onProgress?: (packets: number, elapsedMs: number) => void;
}

export interface RunResult {
  files: Record<string, Uint8Array>;
  stats: RunStats;
  router: Router;
  read(path: string): string;
  write(path: string, value: string): void;
  graph: FlatGraph;
}

export function memoryFiles(inputs: Record<string, Uint8Array>, outputs: Record<string, Uint8Array>, disk: boolean): FileAccess {
  return {
    read: (name) => inputs[name] ?? outputs[name] ?? new Uint8Array(readFileSync(resolve(name))),
    write: (name, bytes) => {
      if (disk) { mkdirSync(dirname(resolve(name)), { recursive: true }); writeFileSync(resolve(name), bytes); }
      outputs[name] = bytes;
    },
    open: (name) => (disk ? diskOutput(name, outputs) : memoryOutput(name, outputs)),
  };
}

/** Streams to the file (its directory created); the result reads it back when asked. */
function diskOutput(name: string, outputs: Record<string, Uint8Array>): OutputFile {
  const path = resolve(name);
  let fd: number;
  try {
    mkdirSync(dirname(path), { recursive: true });
    fd = openSync(path, "w");
  } catch (e) {
    throw new Error(`cannot write '${name}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  Object.defineProperty(outputs, name, { enumerable: true, configurable: true, get: () => new Uint8Array(readFileSync(path)) });
  return {
    write: (bytes) => { for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off); },
    close: () => closeSync(fd),
  };
}

/** Collects the pieces; the whole file appears in `outputs` when closed. */
function memoryOutput(name: string, outputs: Record<string, Uint8Array>): OutputFile {
  const parts: Uint8Array[] = [];
  return {
    write: (bytes) => { parts.push(bytes.slice()); },
    close: () => {
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let o = 0;
      for (const p of parts) { out.set(p, o); o += p.length; }
      outputs[name] = out;
    },
  };
}

export function buildRouter(config: string, opts: RunOptions = {}): { router: Router; graph: FlatGraph; outputs: Record<string, Uint8Array> } {
  const graph = parseClick(config, opts.configFile ?? "config.click");
  const outputs: Record<string, Uint8Array> = {};
  const files = memoryFiles(opts.files ?? {}, outputs, opts.writeToDisk ?? !opts.files);
  const router = new Router(files, opts.log);
  if (opts.trace) router.trace = opts.trace;
  const table = new ClassTable();
  if (opts.hostClasses) table.addHost(...opts.hostClasses);
  const hooks = router.hooks();
  // Each module file once, however many ways it is named (--module, the current
  // package, require(package)).
  const loaded = new Set<string>();
  const add = (path: string, origin?: string) => {
    const key = realpathOr(path);
    if (loaded.has(key)) return;
    loaded.add(key);
    table.addModuleFile(path, hooks, origin);
  };
  if (opts.elements !== false) add(opts.elements ?? standardElementsPath(opts.packageBase), "@clickos/elements");
  for (const m of opts.modules ?? []) add(resolve(m));
  if (opts.currentPackage) {
    const own = currentPackage(opts.currentPackage === true ? process.cwd() : opts.currentPackage);
    if (own) add(own.wasm, own.name);
  }
  for (const req of graph.requires) {
    if (req.kind !== "package" || req.value === "@clickos/elements") continue;
    const pkg = locatePackage(req.value, opts.packageBase);
    add(pkg.wasm, req.value);
  }
  Router.build(graph, table, { files, log: opts.log, writes: opts.writes }, router);
  return { router, graph, outputs };
}

export function runClick(config: string, opts: RunOptions = {}): RunResult {
  const { router, graph, outputs } = buildRouter(config, opts);
  const stats = router.run({ onProgress: opts.onProgress });
  return {
    files: outputs, stats, router, graph,
    read: (p) => router.readHandler(p),
    write: (p, v) => router.writeHandler(p, v),
  };
}

function realpathOr(path: string): string {
  try { return realpathSync(path); } catch { return resolve(path); }
}
