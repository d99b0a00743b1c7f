// Trap policies: what a trap does to a WebAssembly element besides dropping the
// packets in flight, and the host-side TRAP_POLICY keyword that sets one from a
// Click configuration (removed before the module sees the configuration).

import { splitConfig } from "../click/index.ts";

/** What a trap does besides dropping the packets in flight (the module is always
 *  re-instantiated and every element re-created, since they share the instance):
 *  restart — the element keeps processing (default);
 *  bypass  — from then on the element is skipped: packets go straight to output 0, unmodified;
 *  disable — from then on the element drops everything that arrives at it. */
export type TrapPolicy = "restart" | "bypass" | "disable";

export const TRAP_POLICIES: readonly TrapPolicy[] = ["restart", "bypass", "disable"];

/** The host-side keyword argument that sets an element's trap policy from its
 *  configuration, e.g. `f :: DecIPTTL(TRAP_POLICY bypass)`. The host removes it
 *  before the module sees the configuration. Not a Click keyword: Click's native
 *  elements cannot trap, so Click has nothing to configure here. */
export const TRAP_POLICY_KEYWORD = "TRAP_POLICY";

/** Splits TRAP_POLICY out of a configuration string: the rest (unchanged when the
 *  keyword is absent) and the policy value, or null. */
export function extractTrapPolicy(config: string): { rest: string; value: string | null } {
  if (!config.includes(TRAP_POLICY_KEYWORD)) return { rest: config, value: null };
  const args = splitConfig(config);
  let value: string | null = null;
  const rest = args.filter((a) => {
    const m = /^TRAP_POLICY(?:\s+([\s\S]*))?$/.exec(a.trim());
    if (!m) return true;
    value = (m[1] ?? "").trim();
    return false;
  });
  return value === null ? { rest: config, value: null } : { rest: rest.join(", "), value };
}
