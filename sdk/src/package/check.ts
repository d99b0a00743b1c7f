// checkPackage: is this directory a publishable ClickOS element package? Checks
// package.json (the `clickos` field, keyword, files, peer dependency), the built
// .wasm's clickos.meta against the sources (a stale build is an error), and that
// the package has tests. Every problem names the file and the field.

import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { readCustomSection, ABI_VERSION, META_SECTION } from "@clickos/runtime";
import { extractClasses, type ExtractedClass } from "../build/extract.ts";
import { BuildError } from "../build/errors.ts";
import type { ClassMeta, ModuleMeta } from "../build/metadata.ts";
import { SDK_VERSION } from "../version.ts";
import { filesCover } from "./files-field.ts";
import { packageSources, packageTests } from "./sources.ts";
import { sdkRangeProblem } from "./sdk-range.ts";
import { buildFreshness } from "../build/build.ts";

export const ELEMENT_KEYWORD = "clickos-element";

export interface Problem {
  /** File the problem is in, relative to the package directory. */
  file: string;
  /** The field, section or class concerned, if any ("clickos.wasm", "peerDependencies"). */
  field?: string;
  message: string;
}

export interface CheckResult {
  ok: boolean;
  problems: Problem[];
  /** The package's name and version, when package.json could be read. */
  name?: string;
  version?: string;
  /** The built module's metadata, when the .wasm could be read. */
  meta?: ModuleMeta;
  /** What is allowed but probably not meant (printed, nothing refused). */
  warnings: Problem[];
}

/** Where the scaffolder records what it wrote (create-clickos-element), so pack
 *  can tell a README nobody has edited since. */
export const SCAFFOLD_RECORD = ".clickos/scaffold.json";

export function formatProblem(p: Problem): string {
  return `${p.file}${p.field ? `: ${p.field}` : ""}: ${p.message}`;
}

// What has to agree between a build and its sources: everything in the class
// metadata except the id, which is only the order of registration.
function classSignature(c: ClassMeta): Record<string, string> {
  const { id: _id, ...rest } = c;
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, JSON.stringify(v)]));
}

export function checkPackage(dirArg: string): CheckResult {
  const dir = resolve(dirArg);
  const problems: Problem[] = [];
  const pj = "package.json";
  const add = (file: string, field: string | undefined, message: string) => problems.push({ file, ...(field ? { field } : {}), message });

  let pkg: Record<string, any>;
  try {
    pkg = JSON.parse(readFileSync(join(dir, pj), "utf8"));
  } catch (e) {
    const why = existsSync(join(dir, pj)) ? `not valid JSON (${(e as Error).message})` : "missing: not a package directory";
    add(pj, undefined, why);
    return { ok: false, problems, warnings: [] };
  }
  const result: CheckResult = { ok: false, problems, name: pkg.name, version: pkg.version, warnings: [] };

  // --- the clickos field
  const cf = pkg.clickos;
  let wasmRel: string | undefined;
  if (cf === undefined || cf === null || typeof cf !== "object" || Array.isArray(cf)) {
    add(pj, "clickos", `missing; an element package declares { "abi": ${ABI_VERSION}, "wasm": "build/elements.wasm", "elements": [...] }`);
  } else {
    if (cf.abi === undefined) add(pj, "clickos.abi", `missing; this SDK builds ABI ${ABI_VERSION}`);
    else if (cf.abi !== ABI_VERSION) add(pj, "clickos.abi", `${JSON.stringify(cf.abi)} is not compatible with this SDK's ABI ${ABI_VERSION}`);
    if (typeof cf.wasm !== "string" || !cf.wasm) add(pj, "clickos.wasm", "missing; the path of the built module, e.g. \"build/elements.wasm\"");
    else {
      const rel: string = cf.wasm.replace(/^\.\//, "");
      wasmRel = rel;
      if (!existsSync(join(dir, rel))) add(pj, "clickos.wasm", `${rel} does not exist; run clickos build`);
    }
    if (cf.elements !== undefined && !(Array.isArray(cf.elements) && cf.elements.every((e: unknown) => typeof e === "string"))) {
      add(pj, "clickos.elements", "must be a list of element class names");
    }
  }

  // --- keywords, peer dependency
  if (!Array.isArray(pkg.keywords) || !pkg.keywords.includes(ELEMENT_KEYWORD)) {
    add(pj, "keywords", `must include "${ELEMENT_KEYWORD}" so element packages can be found on the registry`);
  }
  const peer = pkg.peerDependencies?.["@clickos/sdk"];
  if (typeof peer !== "string") add(pj, "peerDependencies", `must list "@clickos/sdk": "^${SDK_VERSION}" (the SDK line of ABI ${ABI_VERSION})`);
  else {
    const why = sdkRangeProblem(peer, SDK_VERSION);
    if (why) add(pj, 'peerDependencies["@clickos/sdk"]', why);
  }

  // --- sources and the classes they declare
  const { files: sources, missing } = packageSources(dir, cf?.sources);
  for (const m of missing) add(pj, "clickos.sources", `${m} does not exist`);
  let classes: ClassMeta[] | null = null;
  let extracted: ExtractedClass[] = [];
  if (!missing.length) {
    try {
      extracted = extractClasses(sources, dir);
      classes = extracted.map((c) => c.meta);
      if (!classes.length) add(pj, "clickos.sources", "no element classes found (a class needs @element(\"Name\") and to extend Element)");
    } catch (e) {
      if (!(e instanceof BuildError)) throw e;
      for (const p of e.problems) add(`${p.file}:${p.line}`, undefined, p.message);
    }
  }
  const names = classes?.map((c) => c.name) ?? [];
  if (classes && Array.isArray(cf?.elements)) {
    const declared = new Set<string>(cf.elements);
    const missingDecl = names.filter((n) => !declared.has(n));
    const extra = [...declared].filter((n) => !names.includes(n));
    if (missingDecl.length) add(pj, "clickos.elements", `does not list ${missingDecl.join(", ")} (declared in the sources)`);
    if (extra.length) add(pj, "clickos.elements", `lists ${extra.join(", ")}, which no source declares`);
  }

  // --- files: what npm pack will ship
  if (!Array.isArray(pkg.files)) {
    add(pj, "files", "missing; list the .wasm, the sources and README.md (without it npm falls back to .gitignore, which usually hides build/)");
  } else {
    if (wasmRel && !filesCover(pkg.files, wasmRel)) add(pj, "files", `does not ship ${wasmRel} (clickos.wasm)`);
    const unshipped = sources.map((s) => relative(dir, s).split("\\").join("/")).filter((s) => !filesCover(pkg.files, s));
    if (unshipped.length) add(pj, "files", `does not ship the sources ${unshipped.join(", ")}`);
  }

  // --- the build: clickos.meta must describe exactly these sources
  if (wasmRel && existsSync(join(dir, wasmRel))) {
    const at = wasmRel;
    try {
      const section = readCustomSection(new Uint8Array(readFileSync(join(dir, wasmRel))), META_SECTION);
      if (!section) add(at, META_SECTION, "missing; the module was not built by clickos build");
      else {
        const meta = JSON.parse(new TextDecoder().decode(section)) as ModuleMeta;
        result.meta = meta;
        if (meta.abi !== ABI_VERSION) add(at, `${META_SECTION} abi`, `the module was built for ABI ${meta.abi}, this SDK is ABI ${ABI_VERSION}; rebuild with clickos build`);
        if (classes) compareClasses(meta.classes ?? [], classes, at, add);
      }
    } catch (e) {
      add(at, undefined, `cannot read the module: ${(e as Error).message}`);
    }
    // Metadata alone cannot see a changed method body: the build stamp knows what
    // the .wasm was compiled from (build/stamp.ts).
    if (classes && !problems.some((p) => p.file === at)) {
      let freshness: string;
      try { freshness = buildFreshness({ dir, out: join(dir, wasmRel) }, extracted); } catch { freshness = "fresh"; /* reported above */ }
      if (freshness === "stale") add(at, undefined, "stale build: the sources, the SDK or the build options changed since it was built (or the file was replaced); run clickos build");
      else if (freshness === "unknown") add(at, undefined, "no build stamp (.clickos/build-stamp.json), so it cannot be told from a stale build; run clickos build");
    }
  }

  // --- tests
  const tests = packageTests(dir);
  if (!tests.length) add(".", "tests", "no test files (*.test.ts); an element package ships with tests on packet fixtures");
  if (typeof pkg.scripts?.test !== "string") add(pj, "scripts.test", "missing; e.g. \"clickos build && vitest run\"");

  // --- the README: still the template's, word for word?
  try {
    const record = JSON.parse(readFileSync(join(dir, SCAFFOLD_RECORD), "utf8")) as { readme?: string };
    const readme = readFileSync(join(dir, "README.md"));
    if (record.readme && createHash("sha256").update(readme).digest("hex") === record.readme) {
      result.warnings.push({ file: "README.md", message: "still the text npm create clickos-element wrote; say what your element does before publishing" });
    }
  } catch { /* no record (not scaffolded here, or a fresh clone) or no README: nothing to compare */ }

  result.ok = problems.length === 0;
  return result;
}

function compareClasses(built: ClassMeta[], fresh: ClassMeta[], at: string, add: (f: string, field: string | undefined, m: string) => void): void {
  const stale = "stale build, run clickos build";
  const builtByName = new Map(built.map((c) => [c.name, c]));
  const freshNames = new Set(fresh.map((c) => c.name));
  for (const c of fresh) {
    const b = builtByName.get(c.name);
    if (!b) { add(at, `${META_SECTION} classes`, `lacks ${c.name} (declared in ${c.source.file}): ${stale}`); continue; }
    const want = classSignature(c), have = classSignature(b);
    const differ = Object.keys({ ...want, ...have }).filter((k) => want[k] !== have[k]);
    if (differ.length) add(at, `${META_SECTION} ${c.name}`, `${differ.join(", ")} differ from ${c.source.file}: ${stale}`);
  }
  for (const b of built) {
    if (!freshNames.has(b.name)) add(at, `${META_SECTION} classes`, `has ${b.name}, which no source declares any more: ${stale}`);
  }
}
