// The passes `clickos build` runs over wasm2c's output, in order, each with a
// comment at the top of the C saying what it did (or why it did nothing):
//   1. local-memory.ts: each function reads and writes memory through a local
//      copy of the memory descriptor (the same bounds checks, fewer reloads);
//   2. dominated-checks.ts: an access an earlier check on the same value
//      already covers loses its own check, and a straight run of accesses through
//      one value is checked once, at its first access (a trap may come a few
//      stores early; nobody sees them: a trap abandons the instance).
import { localizeMemory } from "./local-memory.ts";
import { dropDominatedChecks } from "./dominated-checks.ts";

export interface PassesResult {
  code: string;
  localMemory: boolean;
  /** Accesses that keep their bounds check, and those an earlier check covers. */
  checked: number;
  unchecked: number;
}

/** `code` is wasm2c's .c output, `header` its .h. */
export function rewriteWasm2cOutput(code: string, header: string): PassesResult {
  const local = localizeMemory(code, header);
  const localNote = local.applied
    ? `/* clickos build: memory accesses of ${local.functions} functions go through a local view of the memory (sdk/src/native/local-memory.ts). */\n`
    : `/* clickos build: memory accesses left as wasm2c wrote them (${local.reason}). */\n`;
  const dominated = dropDominatedChecks(local.code);
  const kept = dominated.skipped.length ? `; ${dominated.skipped.length} functions keep all their checks (${dominated.skipped[0]}${dominated.skipped.length > 1 ? ", ..." : ""})` : "";
  const checksNote = dominated.applied
    ? `/* clickos build: ${dominated.unchecked} of ${dominated.checked + dominated.unchecked} accesses need no bounds check of their own, an earlier check covers them (sdk/src/native/dominated-checks.ts)${kept}. */\n`
    : `/* clickos build: every access keeps its bounds check (${dominated.reason}). */\n`;
  return { code: localNote + checksNote + dominated.code, localMemory: local.applied, checked: dominated.checked, unchecked: dominated.unchecked };
}
