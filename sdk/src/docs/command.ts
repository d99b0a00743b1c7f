// `clickos docs [dir | module.wasm] [--out DIR] [--from-source]`: writes one
// Markdown page per element class plus index.md, from the module's clickos.meta
// (or, with --from-source, from the sources without compiling).

import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { readCustomSection, ABI_VERSION, META_SECTION } from "@clickos/runtime";
import { defaultWasmPath, packageInfo, DEFAULT_RUNTIME } from "../build/build.ts";
import { extractClasses } from "../build/extract.ts";
import { BuildError } from "../build/errors.ts";
import type { ModuleMeta } from "../build/metadata.ts";
import { SDK_VERSION } from "../version.ts";
import { packageSources } from "../package/sources.ts";
import { renderDocs } from "./markdown.ts";

export const DOCS_USAGE = `Usage: clickos docs [dir | module.wasm] [--out DIR] [--from-source]

Writes Markdown documentation, one page per element class and an index.md, from
the clickos.meta section of a built module (a package directory's clickos.wasm,
or a .wasm file).

  --out DIR        where to write (default: docs/ in the package directory)
  --from-source    read the element sources instead of the built module
`;

interface IO { out: (s: string) => void; err: (s: string) => void }
const stdio: IO = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

class DocsError extends Error {}

/** The metadata of a .wasm file, with errors that name the file. */
export function readModuleMeta(wasmPath: string): ModuleMeta {
  const shown = relative(process.cwd(), wasmPath) || wasmPath;
  if (!existsSync(wasmPath)) throw new DocsError(`${shown}: does not exist; run clickos build (or use --from-source)`);
  let section: Uint8Array | null;
  try {
    section = readCustomSection(new Uint8Array(readFileSync(wasmPath)), META_SECTION);
  } catch (e) {
    throw new DocsError(`${shown}: ${(e as Error).message}`);
  }
  if (!section) throw new DocsError(`${shown}: no ${META_SECTION} section; was it built with clickos build?`);
  try {
    return JSON.parse(new TextDecoder().decode(section)) as ModuleMeta;
  } catch (e) {
    throw new DocsError(`${shown}: ${META_SECTION} is not valid JSON (${(e as Error).message})`);
  }
}

/** Metadata straight from a package's sources, as clickos build would record it. */
export function sourceMeta(dir: string): ModuleMeta {
  const info = packageInfo(dir);
  const { files, missing } = packageSources(dir, info.clickos.sources);
  if (missing.length) throw new DocsError(`${join(dir, "package.json")}: clickos.sources: ${missing.join(", ")} does not exist`);
  const classes = extractClasses(files, dir).map((c) => c.meta);
  return { abi: ABI_VERSION, sdk: SDK_VERSION, package: { name: info.name, version: info.version }, runtime: String(info.clickos.runtime ?? DEFAULT_RUNTIME), classes };
}

export function docsCommand(argv: string[], io: IO = stdio): number {
  let target: string | undefined, out: string | undefined, fromSource = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--out") { out = argv[++i]; if (out === undefined) { io.err("clickos docs: --out needs a directory\n"); return 2; } }
    else if (a.startsWith("--out=")) out = a.slice(6);
    else if (a === "--from-source") fromSource = true;
    else if (a === "--help" || a === "-h") { io.out(DOCS_USAGE); return 0; }
    else if (a.startsWith("-")) { io.err(`clickos docs: unknown option ${a}\n\n${DOCS_USAGE}`); return 2; }
    else if (target === undefined) target = a;
    else { io.err(`clickos docs: unexpected argument '${a}'\n`); return 2; }
  }
  const path = resolve(target ?? ".");
  try {
    const isWasm = existsSync(path) && statSync(path).isFile();
    if (isWasm && fromSource) throw new DocsError("--from-source needs a package directory, not a .wasm file");
    const pkgDir = isWasm ? dirname(path) : path;
    if (!isWasm && !existsSync(join(pkgDir, "package.json"))) throw new DocsError(`${target ?? "."}: neither a .wasm file nor a package directory`);
    const meta = fromSource ? sourceMeta(pkgDir) : readModuleMeta(isWasm ? path : defaultWasmPath(pkgDir));
    if (!meta.classes?.length) throw new DocsError("the module declares no element classes");
    const outDir = resolve(out ?? join(isWasm ? process.cwd() : pkgDir, "docs"));
    mkdirSync(outDir, { recursive: true });
    const pages = renderDocs(meta);
    for (const [name, text] of pages) writeFileSync(join(outDir, name), text);
    io.out(`wrote ${pages.size} pages (${meta.classes.length} element classes and index.md) to ${relative(process.cwd(), outDir) || "."}\n`);
    return 0;
  } catch (e) {
    if (e instanceof DocsError) { io.err(`clickos docs: ${e.message}\n`); return 1; }
    if (e instanceof BuildError) { io.err(e.message + "\n"); return 1; }
    throw e;
  }
}
