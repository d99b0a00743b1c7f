// `clickos build`: element package sources → release .wasm with clickos.meta.
//   1. find sources (package.json "clickos.sources" globs, default: every .ts
//      outside tests, build output and node_modules),
//   2. extract element classes with ts-morph (errors at file:line),
//   3. generate the entry glue, 4. compile with asc, 5. append the metadata
//   section, after checking it against the ABI's schema.
// Fuel metering is not the build's job: every host meters every module itself
// (runtime/src/wasm/meter.ts); the build only records the budget it asks for.

import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { join, resolve, relative } from "node:path";
import { extractClasses, type ExtractedClass } from "./extract.ts";
import { generateEntry } from "./glue.ts";
import { compileAssemblyScript, type AsRuntime } from "./compile.ts";
import { packageSources } from "../package/sources.ts";
import { withCustomSection, ABI_VERSION, META_SECTION, FUEL_DEFAULT, FUEL_MAX, checkMetaSchema } from "@clickos/runtime";
import type { ModuleMeta } from "./metadata.ts";
import { SDK_VERSION } from "../version.ts";
import { buildKey, readStamp, upToDate, writeStamp } from "./stamp.ts";

export interface BuildOptions {
  /** Package directory (with package.json). */
  dir: string;
  runtime?: AsRuntime;
  debug?: boolean;
  /** Output .wasm path; default from package.json clickos.wasm or build/<name>.wasm. */
  out?: string;
  extraAscArgs?: string[];
  /** Maximum memory in 64 KiB pages (default package.json clickos.maxPages, else DEFAULT_MAX_PAGES). */
  maxPages?: number;
  /** Source files or directories (relative to dir) instead of package.json's clickos.sources. */
  sources?: string[];
  /** Fuel per crossing the module asks hosts for (they grant at most FUEL_MAX).
   *  Default package.json clickos.fuel, else FUEL_DEFAULT. */
  fuel?: number;
  /** Compile even when the build stamp says the .wasm is up to date. */
  force?: boolean;
  /** Called just before the AssemblyScript compile (not called when up to date). */
  onCompile?: (classes: string[]) => void;
}

/** `cached`: the .wasm was already the build of these sources (nothing compiled). */
export interface BuildResult { wasm: string; meta: ModuleMeta; classes: ExtractedClass[]; entry: string; cached: boolean }

/** AssemblyScript's minimal runtime: measured by `npm run bench` at 0.90x the time of
 *  incremental on the stateful elements (no write barriers); stub was 0.91x but never
 *  frees. The glue collects after configuration, handlers and timers and every 256
 *  crossings (sdk/assembly/internal/exports.ts), so elements that allocate stay bounded. */
export const DEFAULT_RUNTIME: AsRuntime = "minimal";

/** 16 MiB: room for flow tables and batches, small enough for a 5 MB-class unikernel budget. */
export const DEFAULT_MAX_PAGES = 256;

export function packageInfo(dir: string): { name: string; version: string; clickos: Record<string, unknown> } {
  const pkgPath = join(dir, "package.json");
  if (!existsSync(pkgPath)) return { name: "elements", version: "0.0.0", clickos: {} };
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8"));
  return { name: pkg.name ?? "elements", version: pkg.version ?? "0.0.0", clickos: pkg.clickos ?? {} };
}

export function defaultWasmPath(dir: string): string {
  const info = packageInfo(dir);
  const w = info.clickos.wasm;
  return resolve(dir, typeof w === "string" ? w : join("build", info.name.replace(/^@.*\//, "") + ".wasm"));
}

/** Everything a build will do, worked out without writing anything (`extracted`:
 *  the package's classes when the caller has them already). */
function planBuild(o: BuildOptions, extracted?: ExtractedClass[]) {
  const dir = resolve(o.dir);
  const where = relative(process.cwd(), dir) || ".";
  const info = packageInfo(dir);
  const { files, missing } = packageSources(dir, o.sources ?? info.clickos.sources);
  if (missing.length) throw new Error(`${where}: clickos.sources names what does not exist: ${missing.join(", ")}`);
  const classes = extracted ?? extractClasses(files, dir);
  if (!classes.length) throw new Error(`${where}: no element classes found (a class needs @element("Name") and to extend Element)`);
  const runtime = o.runtime ?? ((info.clickos.runtime as AsRuntime | undefined) ?? DEFAULT_RUNTIME);
  const work = join(dir, ".clickos");
  const entry = join(work, "entry.ts");
  const entryText = generateEntry(classes, entry);
  const out = o.out ? resolve(o.out) : defaultWasmPath(dir);
  const maxPages = o.maxPages ?? (typeof info.clickos.maxPages === "number" ? info.clickos.maxPages : DEFAULT_MAX_PAGES);
  const fuel = fuelOption(o.fuel ?? info.clickos.fuel, relative(process.cwd(), join(dir, "package.json")));
  // `fuel` is the per-crossing budget the module asks hosts to refill it with.
  const meta: ModuleMeta = {
    abi: ABI_VERSION, sdk: SDK_VERSION, package: { name: info.name, version: info.version }, runtime, fuel,
    classes: classes.map((c) => c.meta),
  };
  // Hosts refuse metadata outside the schema; say so here, where it can be fixed.
  const problem = checkMetaSchema(meta);
  if (problem) throw new Error(`${where}: the element metadata would be refused by every host: ${problem}`);
  const key = buildKey(dir, entryText, { out: relative(dir, out), runtime, maxPages, debug: !!o.debug, extra: o.extraAscArgs ?? [], meta });
  return { classes, runtime, work, entry, entryText, out, maxPages, meta, key };
}

export async function buildPackage(o: BuildOptions): Promise<BuildResult> {
  const p = planBuild(o);
  // Unchanged sources, SDK, compiler and options, and the .wasm as that build left
  // it: nothing to compile (stamp.ts).
  if (!o.force && upToDate(p.work, p.key, p.out)) return { wasm: p.out, meta: p.meta, classes: p.classes, entry: p.entry, cached: true };
  mkdirSync(p.work, { recursive: true });
  writeFileSync(p.entry, p.entryText);
  mkdirSync(join(p.out, ".."), { recursive: true });
  o.onCompile?.(p.classes.map((c) => c.meta.name));
  await compileAssemblyScript({ entry: p.entry, outFile: p.out, runtime: p.runtime, maxPages: p.maxPages, debug: o.debug, extra: o.extraAscArgs });
  const wasm: Uint8Array = new Uint8Array(readFileSync(p.out));
  writeFileSync(p.out, withCustomSection(wasm, META_SECTION, new TextEncoder().encode(JSON.stringify(p.meta))));
  writeStamp(p.work, p.key, p.out);
  return { wasm: p.out, meta: p.meta, classes: p.classes, entry: p.entry, cached: false };
}

/** Whether the package's .wasm is the build of its sources as they are now (for
 *  clickos pack): "fresh", "stale" (something changed since, or the file was
 *  replaced), or "unknown" (no build stamp: built by an older SDK, or elsewhere). */
export function buildFreshness(o: BuildOptions, extracted?: ExtractedClass[]): "fresh" | "stale" | "unknown" {
  const p = planBuild(o, extracted);
  if (upToDate(p.work, p.key, p.out)) return "fresh";
  return readStamp(p.work, p.out) === null ? "unknown" : "stale";
}

/** The fuel setting: a positive integer up to FUEL_MAX; undefined: FUEL_DEFAULT. */
export function fuelOption(v: unknown, where = "package.json"): number {
  if (v === undefined || v === null) return FUEL_DEFAULT;
  if (v === false || v === "off") throw new Error(`${where}: fuel metering cannot be turned off: every ClickOS host meters every module itself`);
  const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n === "number" && Number.isSafeInteger(n) && n > 0 && n <= FUEL_MAX) return n;
  throw new Error(`${where}: clickos.fuel must be a whole number of work units per crossing from 1 to ${FUEL_MAX}, not ${JSON.stringify(v)}`);
}
