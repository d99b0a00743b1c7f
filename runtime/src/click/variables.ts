/** Click's variable environments and `$X` / `${X}` substitution (cp_expand). */
import { quote, splitSpace } from "./config-split.js";

export class VarEnv {
  private readonly vars = new Map<string, string>();
  constructor(
    readonly parent: VarEnv | null,
    readonly depth: number,
  ) {}

  define(name: string, value: string): void {
    this.vars.set(name, value);
  }

  lookup(name: string): string | undefined {
    for (let e: VarEnv | null = this; e; e = e.parent) {
      const v = e.vars.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  /** Click's VariableEnvironment::parent_of: nearest ancestor with depth < `depth`. */
  parentOf(depth: number): VarEnv | null {
    let e: VarEnv | null = this;
    while (e && e.depth >= depth) e = e.parent;
    return e;
  }
}

const MAX_DEPTH = 10;

/**
 * Substitute variables in a configuration string. `$X` and `${X}` are
 * expanded outside single quotes and comments; inside double quotes the value
 * is quoted so it stays one string. `${X-default}` gives a default and
 * `${X[n]}` picks the n-th space-separated word. Undefined variables are
 * left as written, as Click's cp_expand leaves them (Script reads them later).
 */
export function expandVars(
  config: string,
  env: VarEnv,
  depth = 0,
): string {
  if (!config.includes("$")) return config;
  let out = "";
  let uninterpolated = 0;
  let q = "";
  const s = config;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") {
      if (q === '"' && i + 1 < s.length) i++;
    } else if (c === "'" || c === '"') {
      if (q === "") q = c;
      else if (q === c) q = "";
    } else if (c === "/" && q === "" && (s[i + 1] === "/" || s[i + 1] === "*")) {
      if (s[i + 1] === "/") {
        while (i + 1 < s.length && s[i + 1] !== "\n") i++;
      } else {
        const j = s.indexOf("*/", i + 2);
        i = j < 0 ? s.length : j + 1;
      }
    } else if (c === "$" && q !== "'" && i + 1 < s.length && depth <= MAX_DEPTH) {
      const before = i;
      let spec: string;
      let braced = false;
      if (s[i + 1] === "{") {
        const close = s.indexOf("}", i + 2);
        if (close < 0) break;
        spec = s.slice(i + 2, close);
        braced = true;
        i = close + 1;
      } else if (/[A-Za-z0-9_]/.test(s[i + 1])) {
        let j = i + 1;
        while (j < s.length && /[A-Za-z0-9_]/.test(s[j])) j++;
        spec = s.slice(i + 1, j);
        i = j;
      } else continue;
      const value = lookupSpec(spec, braced, env, depth);
      out += s.slice(uninterpolated, before);
      if (value === undefined) {
        uninterpolated = before;
      } else {
        out += q === '"' ? quote(value).slice(1, -1) : value;
        uninterpolated = i;
      }
      i--;
    }
  }
  if (uninterpolated === 0 && out === "") return config;
  return out + s.slice(uninterpolated);
}

function lookupSpec(
  spec: string,
  braced: boolean,
  env: VarEnv,
  depth: number,
): string | undefined {
  let name = spec;
  let index = -1;
  let dflt: string | undefined;
  if (braced) {
    const m = /^\s*([A-Za-z0-9_]*)\s*(?:\[\s*(\d+)\s*\]\s*)?(-([\s\S]*))?$/.exec(spec);
    if (!m) return undefined;
    name = m[1];
    if (m[2] !== undefined) index = Number(m[2]);
    if (m[3] !== undefined) dflt = m[4];
  }
  const raw = env.lookup(name);
  if (raw === undefined) {
    if (dflt !== undefined) return expandVars(dflt, env, depth + 1);
    return undefined;
  }
  const value = expandVars(raw, env, depth + 1);
  if (index >= 0) return splitSpace(value)[index] ?? "";
  return value;
}
