// Checks a parsed clickos.meta against META_SCHEMA (generated from
// sdk/abi/abi.json). The metadata is module-supplied text that reaches the
// hosts, the docs and generated C, so the check is strict: every field is
// declared, every name matches its pattern, every number is an integer in
// range, lists are bounded, and ids and names are unique where the schema says.

import { META_SCHEMA, ARG_TYPES } from "../abi.generated.ts";

type Rule = {
  type: string; optional?: boolean; pattern?: string; maxLength?: number; enum?: readonly string[] | string;
  min?: number; max?: number; maxItems?: number; items?: Rule; fields?: Record<string, Rule>;
  unique?: readonly string[]; indexed?: string; keyPattern?: string; values?: Rule;
};

const NAMED_ENUMS: Record<string, readonly string[]> = { argTypes: ARG_TYPES };
const compiled = new Map<string, RegExp>();
const re = (p: string) => compiled.get(p) ?? compiled.set(p, new RegExp(p, "u")).get(p)!;

/** The first problem as "path: what is wrong", or null when the value fits. */
export function checkMetaSchema(meta: unknown): string | null {
  return check(META_SCHEMA as unknown as Rule, meta, "");
}

function check(rule: Rule, v: unknown, path: string): string | null {
  const at = path || "metadata";
  switch (rule.type) {
    case "string": {
      if (typeof v !== "string") return `${at}: must be a string`;
      if (rule.maxLength !== undefined && v.length > rule.maxLength) return `${at}: longer than ${rule.maxLength} characters`;
      if (rule.pattern && !re(rule.pattern).test(v)) return `${at}: ${JSON.stringify(v.slice(0, 80))} does not match ${rule.pattern}`;
      const allowed = typeof rule.enum === "string" ? NAMED_ENUMS[rule.enum] : rule.enum;
      if (allowed && !allowed.includes(v)) return `${at}: ${JSON.stringify(v.slice(0, 80))} is not one of ${allowed.join(", ")}`;
      return null;
    }
    case "integer":
      if (typeof v !== "number" || !Number.isSafeInteger(v) || v < rule.min! || v > rule.max!) return `${at}: must be an integer from ${rule.min} to ${rule.max}`;
      return null;
    case "boolean":
      return typeof v === "boolean" ? null : `${at}: must be true or false`;
    case "array": {
      if (!Array.isArray(v)) return `${at}: must be an array`;
      if (rule.maxItems !== undefined && v.length > rule.maxItems) return `${at}: more than ${rule.maxItems} entries`;
      for (let i = 0; i < v.length; i++) {
        const p = check(rule.items!, v[i], `${path}[${i}]`);
        if (p) return p;
        if (rule.indexed && (v[i] as Record<string, unknown>)[rule.indexed] !== i) return `${path}[${i}].${rule.indexed}: must be ${i} (its position)`;
      }
      for (const f of rule.unique ?? []) {
        const seen = new Set<unknown>();
        for (let i = 0; i < v.length; i++) {
          const k = (v[i] as Record<string, unknown>)[f];
          if (seen.has(k)) return `${path}[${i}].${f}: ${JSON.stringify(k)} appears twice`;
          seen.add(k);
        }
      }
      return null;
    }
    case "object": {
      if (!v || typeof v !== "object" || Array.isArray(v)) return `${at}: must be an object`;
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) if (!Object.hasOwn(rule.fields!, k)) return `${path ? path + "." : ""}${k.slice(0, 80)}: not a clickos.meta field`;
      for (const [k, r] of Object.entries(rule.fields!)) {
        if (o[k] === undefined) { if (r.optional) continue; return `${path ? path + "." : ""}${k}: missing`; }
        const p = check(r, o[k], `${path ? path + "." : ""}${k}`);
        if (p) return p;
      }
      return null;
    }
    case "record": {
      if (!v || typeof v !== "object" || Array.isArray(v)) return `${at}: must be an object`;
      const entries = Object.entries(v as Record<string, unknown>);
      if (rule.maxItems !== undefined && entries.length > rule.maxItems) return `${at}: more than ${rule.maxItems} entries`;
      for (const [k, x] of entries) {
        if (rule.keyPattern && !re(rule.keyPattern).test(k)) return `${at}: key ${JSON.stringify(k.slice(0, 80))} does not match ${rule.keyPattern}`;
        const p = check(rule.values!, x, `${at}.${k}`);
        if (p) return p;
      }
      return null;
    }
  }
  return `${at}: schema rule of unknown type ${rule.type}`;
}
