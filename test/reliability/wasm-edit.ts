// Byte-level edits of a built module for load-time tests: replace a section's
// payload, drop a custom section, rename an export.
import { listSections, withCustomSection } from "@clickos/runtime";

function leb(n: number): number[] {
  const out: number[] = [];
  do { let b = n & 0x7f; n = Math.floor(n / 128); if (n) b |= 0x80; out.push(b); } while (n);
  return out;
}

/** The module with section `id`'s payload replaced. */
export function replaceSection(bytes: Uint8Array, id: number, payload: number[]): Uint8Array {
  const parts: number[] = [...bytes.subarray(0, 8)];
  for (const s of listSections(bytes)) {
    if (s.id === id) parts.push(id, ...leb(payload.length), ...payload);
    else parts.push(...bytes.subarray(s.start, s.end));
  }
  return Uint8Array.from(parts);
}

/** One memory: `min` pages and an optional maximum. */
export const memorySection = (min: number, max?: number) => (max === undefined ? [1, 0, ...leb(min)] : [1, 1, ...leb(min), ...leb(max)]);

/** The module without custom section `name`. */
export function dropCustom(bytes: Uint8Array, name: string): Uint8Array {
  const parts: number[] = [...bytes.subarray(0, 8)];
  for (const s of listSections(bytes)) if (!(s.id === 0 && s.name === name)) parts.push(...bytes.subarray(s.start, s.end));
  return Uint8Array.from(parts);
}

/** The module with its clickos.meta JSON passed through `edit` (or replaced by raw bytes). */
export function editMeta(bytes: Uint8Array, edit: ((m: Record<string, unknown>) => unknown) | Uint8Array): Uint8Array {
  const s = listSections(bytes).find((x) => x.id === 0 && x.name === "clickos.meta")!;
  const payload = edit instanceof Uint8Array ? edit
    : new TextEncoder().encode(JSON.stringify(edit(JSON.parse(new TextDecoder().decode(bytes.subarray(s.payloadStart, s.end))))));
  return withCustomSection(bytes, "clickos.meta", payload);
}

/** The module with export `from` renamed to `to` (same length, so sizes stay put). */
export function renameExport(bytes: Uint8Array, from: string, to: string): Uint8Array {
  if (from.length !== to.length) throw new Error("renameExport: names must have the same length");
  const sec = listSections(bytes).find((s) => s.id === 7)!;
  const out = bytes.slice();
  const needle = new TextEncoder().encode(from);
  for (let i = sec.payloadStart; i + needle.length <= sec.end; i++) {
    if (out[i - 1] === needle.length && needle.every((b, k) => out[i + k] === b)) {
      out.set(new TextEncoder().encode(to), i);
      return out;
    }
  }
  throw new Error(`renameExport: no export ${from}`);
}
