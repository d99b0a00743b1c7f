// Where element classes come from: the host's built-in classes, the standard
// element package (@clickos/elements), and element packages named by
// require(package "name") and installed in node_modules. Two packages that
// define the same class name are an error naming both.

import { readFileSync, existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { WasmModule, type ModuleHooks } from "./wasm-module.ts";
import type { ClassResolver, HostClass, ResolvedClass } from "./router.ts";
import { HOST_CLASSES } from "./elements/index.ts";
import { ModuleLoadError } from "./errors.ts";

export interface ElementPackage { name: string; wasm: string; dir: string }

/** Finds an installed element package's .wasm from package.json's `clickos.wasm`. */
export function locatePackage(name: string, from: string = process.cwd()): ElementPackage {
  const bases = [from, dirname(new URL(import.meta.url).pathname)];
  for (const base of bases) {
    let pkgJson: string;
    try {
      pkgJson = createRequire(join(resolve(base), "noop.js")).resolve(`${name}/package.json`);
    } catch { continue; }
    const pkg = JSON.parse(readFileSync(pkgJson, "utf8"));
    const dir = dirname(pkgJson);
    const wasmRel = pkg.clickos?.wasm;
    if (typeof wasmRel !== "string") throw new ModuleLoadError(name, `package.json has no "clickos": { "wasm": ... } field: not a ClickOS element package`);
    const wasm = join(dir, wasmRel);
    if (!existsSync(wasm)) throw new ModuleLoadError(name, `${wasm} does not exist (build the package with clickos build)`);
    return { name, wasm, dir };
  }
  throw new ModuleLoadError(name, `package not found from ${from} (is it installed? npm install ${name})`);
}

/** The element package whose package.json is in `dir` (an author's own package, as
 *  `clickos run` and the SDK's test helpers load it), when it has been built; null
 *  when `dir` holds no element package, or only the standard elements. Throws
 *  when it is one but its .wasm is missing, naming the command that makes it. */
export function currentPackage(dir: string): ElementPackage | null {
  let pkg: { name?: string; clickos?: { wasm?: unknown } };
  try {
    pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  } catch { return null; }
  const wasmRel = pkg.clickos?.wasm;
  if (typeof wasmRel !== "string" || pkg.name === "@clickos/elements") return null;
  const name = pkg.name ?? dir;
  const wasm = resolve(dir, wasmRel);
  if (!existsSync(wasm)) throw new ModuleLoadError(name, `${wasmRel} is not built yet (run npx clickos build)`);
  return { name, wasm, dir };
}

/** The standard elements, unless the caller says otherwise (CLICKOS_ELEMENTS overrides). */
export function standardElementsPath(from?: string): string {
  if (process.env.CLICKOS_ELEMENTS) return resolve(process.env.CLICKOS_ELEMENTS);
  return locatePackage("@clickos/elements", from).wasm;
}

const moduleBytes = new Map<string, Uint8Array>();

export class ClassTable implements ClassResolver {
  private host = new Map<string, HostClass>();
  private wasm = new Map<string, { module: WasmModule; id: number; origin: string }>();
  readonly modules: WasmModule[] = [];

  constructor(hostClasses: HostClass[] = HOST_CLASSES) {
    for (const h of hostClasses) this.host.set(h.name, h);
  }

  addHost(...classes: HostClass[]): void { for (const h of classes) this.host.set(h.name, h); }

  /** Loads a module (bytes cached per path) with a fresh instance bound to `hooks`. */
  addModuleFile(path: string, hooks: ModuleHooks, origin = path): WasmModule {
    // Cached per file version: a package rebuilt in the same process is read again.
    const st = statSync(path);
    const key = `${path}\0${st.mtimeMs}\0${st.size}`;
    let bytes = moduleBytes.get(key);
    if (!bytes) {
      bytes = new Uint8Array(readFileSync(path));
      moduleBytes.set(key, bytes);
    }
    return this.addModule(WasmModule.load(bytes, path, hooks), origin);
  }

  addModule(m: WasmModule, origin: string): WasmModule {
    const clashes: string[] = [];
    for (const c of m.meta.classes) {
      const prev = this.wasm.get(c.name);
      if (prev && prev.origin !== origin) clashes.push(`element class '${c.name}' is defined by both ${prev.origin} and ${origin}`);
    }
    if (clashes.length) throw new ModuleLoadError(origin, clashes.join("; "));
    for (const c of m.meta.classes) this.wasm.set(c.name, { module: m, id: c.id, origin });
    this.modules.push(m);
    return m;
  }

  resolve(name: string): ResolvedClass | undefined {
    const w = this.wasm.get(name);
    if (w) return { kind: "wasm", module: w.module, cls: w.module.meta.classes[w.id] };
    const h = this.host.get(name);
    return h ? { kind: "host", host: h } : undefined;
  }

  names(): string[] { return [...this.host.keys(), ...this.wasm.keys()]; }
}
