// Click's Args for host elements (TypeScript twin of the SDK's AssemblyScript Args):
// positional and KEYWORD arguments, typed readers, every problem collected, and
// `complete()` throwing one Error whose message has a line per problem.

import { unquote } from "../click/index.ts";

export class HostArgs {
  private positional: string[] = [];
  private keywords = new Map<string, string>();
  private used = new Set<string>();
  private next = 0;
  readonly errors: string[] = [];

  constructor(args: string[]) {
    let seenKeyword = false;
    for (const a of args) {
      // As Click's Args: a word is a keyword only when a value follows it.
      const m = /^([A-Z][A-Z0-9_:]*)\s+(\S[\s\S]*)$/.exec(a);
      if (m) {
        seenKeyword = true;
        this.keywords.set(m[1], m[2].trim());
      } else if (seenKeyword) this.errors.push(`positional argument '${a}' after keyword arguments`);
      else this.positional.push(a);
    }
  }

  private take(name: string, positional: boolean, mandatory: boolean): string | undefined {
    if (this.keywords.has(name)) { this.used.add(name); return this.keywords.get(name); }
    if (positional && this.next < this.positional.length) return this.positional[this.next++];
    if (mandatory) this.errors.push(`missing mandatory ${name} argument`);
    return undefined;
  }

  string(name: string, o: { positional?: boolean; mandatory?: boolean; default?: string } = {}): string | undefined {
    const v = this.take(name, !!o.positional, !!o.mandatory);
    return v === undefined ? o.default : unquote(v);
  }
  bool(name: string, def: boolean, positional = false): boolean {
    const v = this.take(name, positional, false);
    if (v === undefined) return def;
    const t = v.toLowerCase();
    if (["true", "yes", "1", "t", "y", "on"].includes(t)) return true;
    if (["false", "no", "0", "f", "n", "off"].includes(t)) return false;
    this.errors.push(`${name} type mismatch: expected bool`);
    return def;
  }
  unsigned(name: string, o: { positional?: boolean; mandatory?: boolean; default?: number } = {}): number | undefined {
    const v = this.take(name, !!o.positional, !!o.mandatory);
    if (v === undefined) return o.default;
    if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(v)) { this.errors.push(`${name} type mismatch: expected unsigned integer`); return o.default; }
    return Number(v);
  }
  /** Time interval ("1s", "250ms", "2.5"): nanoseconds as a bigint. */
  interval(name: string, o: { positional?: boolean; default?: bigint } = {}): bigint | undefined {
    const v = this.take(name, !!o.positional, false);
    if (v === undefined) return o.default;
    const m = /^(\d+(?:\.\d*)?|\.\d+)\s*(s|sec|ms|msec|us|usec|ns|nsec|m|min|h|hr)?$/.exec(v);
    if (!m) { this.errors.push(`${name} type mismatch: expected time interval`); return o.default; }
    const scale: Record<string, number> = { s: 1e9, sec: 1e9, ms: 1e6, msec: 1e6, us: 1e3, usec: 1e3, ns: 1, nsec: 1, m: 60e9, min: 60e9, h: 3600e9, hr: 3600e9 };
    return BigInt(Math.round(Number(m[1]) * scale[m[2] ?? "s"]));
  }
  /** Remaining positional arguments (for variable-length lists). */
  rest(): string[] { const r = this.positional.slice(this.next); this.next = this.positional.length; return r; }

  /** Throws with every problem, including unused arguments (Click's Args::complete). */
  complete(): void {
    if (this.next < this.positional.length) this.errors.push("too many arguments");
    for (const k of this.keywords.keys()) if (!this.used.has(k)) this.errors.push(`unknown keyword ${k}`);
    if (this.errors.length) throw new Error(this.errors.join("\n"));
  }
}
