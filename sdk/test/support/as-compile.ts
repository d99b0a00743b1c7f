// Test helper: compile a small AssemblyScript entry (a file or a source string) with the
// programmatic asc API, cache the .wasm, and instantiate it with stub host imports.
//
//   const m = await loadAS({ file: "sdk/test/net/assembly/checksum.ts" });
//   const p = m.writeBytes(new Uint8Array([0x45, 0, ...]));
//   m.exports.checksum(p, 20);
//
// A source string is compiled as if it were a file in `dir` (relative to the repository
// root or absolute), so relative imports such as `../../../assembly/net/index` resolve
// against the real tree.
//
// Caching: the key is a hash of the entry text, the compiler arguments and the asc version.
// Each cache entry (one JSON file, written atomically) holds the binary and every
// non-library file the compiler read with its content hash; it is reused only while all of
// them are unchanged, so editing sdk/assembly/net/*.ts invalidates dependent test modules.

import asc from "assemblyscript/asc";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync } from "node:fs";
import { dirname, join, relative, resolve, isAbsolute } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
/** Repository root (sdk/test/support/../../..). */
export const REPO_ROOT = resolve(HERE, "../../..");
const CACHE_DIR = join(REPO_ROOT, "node_modules/.cache/clickos-as-tests");

export type ASSource =
  | { file: string }
  | { source: string; /** directory the source pretends to live in (for relative imports) */ dir: string; name?: string };

export interface CompileOptions {
  /** Runtime variant: "incremental" (default here), "minimal" (the element builds' default) or "stub". */
  runtime?: "incremental" | "minimal" | "stub";
  /** Optimisation flags; default mirrors the release build: ["-O3", "--noAssert"]. */
  optimize?: string[];
  /** Extra asc arguments. */
  args?: string[];
  /** Skip the on-disk cache. */
  noCache?: boolean;
}

export interface LoadOptions extends CompileOptions {
  /** Extra or overriding imports, merged over the stubs. */
  imports?: Record<string, Record<string, unknown>>;
}

export interface ASModule {
  exports: Record<string, any>;
  memory: WebAssembly.Memory;
  /** Lines passed to env.trace. */
  traces: string[];
  /** Decodes an AssemblyScript string (UTF-16LE, byte length at ptr - 4). 0 gives null. */
  readString(ptr: number): string | null;
  /** Allocates a pinned ArrayBuffer holding `bytes`; returns its data pointer. */
  writeBytes(bytes: ArrayLike<number>): number;
  /** Allocates a pinned AssemblyScript string; returns its pointer. */
  writeString(s: string): number;
  /** Copies `len` bytes out of linear memory. */
  readBytes(ptr: number, len: number): Uint8Array;
  /** Unpins something returned by writeBytes/writeString. */
  free(ptr: number): void;
}

const ASC_VERSION: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "node_modules/assemblyscript/package.json"), "utf8"));
    return String(pkg.version);
  } catch {
    return "unknown";
  }
})();

const sha = (s: string | Uint8Array): string => createHash("sha256").update(s).digest("hex");

interface CacheEntry {
  deps: Record<string, string>; // absolute path -> sha256 of content
  wasm: string; // base64
}

function resolveEntry(src: ASSource): { abs: string; text: string; virtual: boolean } {
  if ("file" in src) {
    const abs = isAbsolute(src.file) ? src.file : resolve(REPO_ROOT, src.file);
    return { abs, text: readFileSync(abs, "utf8"), virtual: false };
  }
  const dir = isAbsolute(src.dir) ? src.dir : resolve(REPO_ROOT, src.dir);
  const name = src.name ?? `__entry_${sha(src.source).slice(0, 12)}.ts`;
  return { abs: join(dir, name), text: src.source, virtual: true };
}

function argsFor(opts: CompileOptions): string[] {
  return [
    ...(opts.optimize ?? ["-O3", "--noAssert"]),
    "--runtime", opts.runtime ?? "incremental",
    "--exportRuntime",
    ...(opts.args ?? []),
  ];
}

function cacheValid(entry: CacheEntry): boolean {
  for (const [file, hash] of Object.entries(entry.deps)) {
    if (!existsSync(file)) return false;
    if (sha(readFileSync(file)) !== hash) return false;
  }
  return true;
}

/** Compilations in flight, so concurrent requests for one key compile once. Finished
 *  results are not memoised here: the disk cache re-checks dependencies every time. */
const inFlight = new Map<string, Promise<Uint8Array>>();

/** Compiles an AssemblyScript entry to a wasm binary (cached). Throws with asc's diagnostics. */
export function compileAS(src: ASSource, opts: CompileOptions = {}): Promise<Uint8Array> {
  const entry = resolveEntry(src);
  const args = argsFor(opts);
  const key = sha(JSON.stringify([ASC_VERSION, args, relative(REPO_ROOT, entry.abs), entry.text]));
  if (opts.noCache) return compileUncached(entry, args, key, false);
  const pending = inFlight.get(key);
  if (pending) return pending;
  const p = compileUncached(entry, args, key, true).finally(() => inFlight.delete(key));
  inFlight.set(key, p);
  return p;
}

async function compileUncached(
  entry: { abs: string; text: string; virtual: boolean },
  args: string[],
  key: string,
  useCache: boolean,
): Promise<Uint8Array> {
  const cachePath = join(CACHE_DIR, `${key}.json`);
  if (useCache && existsSync(cachePath)) {
    try {
      const cached = JSON.parse(readFileSync(cachePath, "utf8")) as CacheEntry;
      if (cacheValid(cached)) return new Uint8Array(Buffer.from(cached.wasm, "base64"));
    } catch {
      /* fall through and rebuild */
    }
  }

  const entryRel = relative(REPO_ROOT, entry.abs).split("\\").join("/");
  const deps: Record<string, string> = {};
  let binary: Uint8Array | null = null;
  let out = "";
  const sink = {
    write(chunk: string | Uint8Array) {
      out += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      return true;
    },
  };
  const result = await asc.main([entryRel, "--baseDir", REPO_ROOT, "--outFile", "out.wasm", ...args], {
    stdout: sink as any,
    stderr: sink as any,
    readFile(filename: string, baseDir: string) {
      const abs = resolve(baseDir, filename);
      if (abs === entry.abs) {
        if (!entry.virtual) deps[abs] = sha(entry.text);
        return entry.text;
      }
      if (!existsSync(abs)) return null;
      const text = readFileSync(abs, "utf8");
      deps[abs] = sha(text);
      return text;
    },
    writeFile(filename: string, contents: Uint8Array | string) {
      if (filename.endsWith(".wasm")) binary = typeof contents === "string" ? Buffer.from(contents) : contents;
    },
    listFiles() {
      return [];
    },
  });
  if (result.error || !binary) {
    throw new Error(`asc failed for ${entryRel}: ${result.error?.message ?? "no output"}\n${out}`);
  }
  const bin: Uint8Array = binary;
  if (useCache) {
    mkdirSync(CACHE_DIR, { recursive: true });
    // write-then-rename so concurrent test workers never read a half-written entry
    const tmp = `${cachePath}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ deps, wasm: Buffer.from(bin).toString("base64") } satisfies CacheEntry));
    renameSync(tmp, cachePath);
  }
  return bin;
}

/** Decodes an AssemblyScript string from `memory`. */
export function readASString(memory: WebAssembly.Memory, ptr: number): string | null {
  if (!ptr) return null;
  const u32 = new Uint32Array(memory.buffer);
  const byteLen = u32[(ptr - 4) >>> 2];
  const u16 = new Uint16Array(memory.buffer, ptr, byteLen >>> 1);
  let s = "";
  for (let i = 0; i < u16.length; i += 4096) s += String.fromCharCode(...u16.subarray(i, i + 4096));
  return s;
}

/** Compiles (cached) and instantiates an AssemblyScript entry with stub imports. */
export async function loadAS(src: ASSource, opts: LoadOptions = {}): Promise<ASModule> {
  const binary = await compileAS(src, opts);
  const module = await WebAssembly.compile(binary as Uint8Array<ArrayBuffer>);
  let memory: WebAssembly.Memory | undefined;
  const traces: string[] = [];
  const str = (p: number) => (memory ? readASString(memory, p) : null);

  const imports: Record<string, Record<string, unknown>> = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    const mod = (imports[imp.module] ??= {});
    if (imp.kind !== "function") continue;
    if (imp.module === "env" && imp.name === "abort") {
      mod.abort = (msg: number, file: number, line: number, col: number) => {
        throw new Error(`abort: ${str(msg) ?? "(no message)"} at ${str(file) ?? "?"}:${line}:${col}`);
      };
    } else if (imp.module === "env" && imp.name === "trace") {
      mod.trace = (msg: number, n: number, ...vals: number[]) => {
        traces.push(`${str(msg)}${n > 0 ? " " + vals.slice(0, n).join(", ") : ""}`);
      };
    } else if (imp.module === "env" && imp.name === "seed") {
      mod.seed = () => 0x5eed; // deterministic tests
    } else if (imp.module === "clickos") {
      mod[imp.name] = () => 0;
    } else {
      mod[imp.name] = () => {
        throw new Error(`unexpected import ${imp.module}.${imp.name}`);
      };
    }
  }
  for (const [m, fns] of Object.entries(opts.imports ?? {})) Object.assign((imports[m] ??= {}), fns);

  const instance = await WebAssembly.instantiate(module, imports as WebAssembly.Imports);
  const exports = instance.exports as Record<string, any>;
  memory = exports.memory as WebAssembly.Memory;
  if (!memory) throw new Error("module exports no memory");
  const mem = memory;

  const ARRAYBUFFER_ID = 1;
  const STRING_ID = 2;
  return {
    exports,
    memory: mem,
    traces,
    readString: (ptr) => readASString(mem, ptr),
    writeBytes(bytes) {
      const ptr = exports.__pin(exports.__new(bytes.length, ARRAYBUFFER_ID)) >>> 0;
      new Uint8Array(mem.buffer, ptr, bytes.length).set(bytes as ArrayLike<number>);
      return ptr;
    },
    writeString(s) {
      const ptr = exports.__pin(exports.__new(s.length << 1, STRING_ID)) >>> 0;
      const u16 = new Uint16Array(mem.buffer, ptr, s.length);
      for (let i = 0; i < s.length; i++) u16[i] = s.charCodeAt(i);
      return ptr;
    },
    readBytes(ptr, len) {
      return new Uint8Array(mem.buffer.slice(ptr, ptr + len));
    },
    free(ptr) {
      exports.__unpin(ptr);
    },
  };
}
