// Compares expected and actual packet lists and explains the first difference in
// protocol terms, numbering packets from 1 as tshark and Wireshark do.
import { decodeFields, LINKTYPE_ETHERNET, type Field } from "./fields.js";

export interface DiffOptions {
  linkType?: number;
}

/** Field names whose bytes are compared byte by byte rather than as one value. */
const BYTE_RUNS = new Set(["payload", "truncated", "eth.trailer"]);
const MAX_BYTES_LISTED = 8;
const MAX_PACKETS_LISTED = 10;

const hex2 = (v: number) => `0x${v.toString(16).padStart(2, "0")}`;

/** Keys fields by name and occurrence, so repeated names (stacked headers) pair up in order. */
function keyed(fields: Field[]): Map<string, Field> {
  const seen = new Map<string, number>();
  const out = new Map<string, Field>();
  for (const f of fields) {
    if (BYTE_RUNS.has(f.name)) continue;
    const n = seen.get(f.name) ?? 0;
    seen.set(f.name, n + 1);
    out.set(`${f.name}#${n}`, f);
  }
  return out;
}

/** Every difference between two frames, in reading order; empty if they are identical. */
export function describeDifferences(expected: Uint8Array, actual: Uint8Array, linkType = LINKTYPE_ETHERNET): string[] {
  const out: string[] = [];
  if (expected.length !== actual.length) out.push(`length expected ${expected.length}, got ${actual.length}`);

  const ef = keyed(decodeFields(expected, linkType));
  const af = keyed(decodeFields(actual, linkType));
  const differing: Field[] = [];
  for (const key of new Set([...ef.keys(), ...af.keys()])) {
    const e = ef.get(key);
    const a = af.get(key);
    if (e?.value === a?.value) continue;
    const name = (e ?? a)!.name;
    out.push(`${name} expected ${e?.value ?? "(absent)"}, got ${a?.value ?? "(absent)"}`);
    if (e) differing.push(e);
    if (a) differing.push(a);
  }

  // Bytes not already explained by a differing field: payload, reserved bits, padding.
  const explained = (i: number) => differing.some((f) => i >= f.offset && i < f.offset + f.length);
  const bytes: string[] = [];
  let more = 0;
  for (let i = 0; i < Math.min(expected.length, actual.length); i++) {
    if (expected[i] === actual[i] || explained(i)) continue;
    if (bytes.length < MAX_BYTES_LISTED) bytes.push(`byte ${i} expected ${hex2(expected[i])}, got ${hex2(actual[i])}`);
    else more++;
  }
  out.push(...bytes);
  if (more > 0) out.push(`and ${more} more differing byte${more === 1 ? "" : "s"}`);
  return out;
}

/**
 * null if both lists hold the same packets; otherwise a message naming the first
 * differing packet and each of its differing fields, e.g.
 * "packet 3 of 10: ip.ttl expected 63, got 64; ip.checksum expected 0x1a2b, got 0x1a2a".
 * Byte offsets are 0-based from the start of the frame, as in Wireshark's hex pane.
 */
export function diffPackets(expected: Uint8Array[], actual: Uint8Array[], opts: DiffOptions = {}): string | null {
  const linkType = opts.linkType ?? LINKTYPE_ETHERNET;
  const lines: string[] = [];
  const others: number[] = [];
  const common = Math.min(expected.length, actual.length);
  for (let i = 0; i < common; i++) {
    if (sameBytes(expected[i], actual[i])) continue;
    if (lines.length === 0) {
      lines.push(`packet ${i + 1} of ${expected.length}: ${describeDifferences(expected[i], actual[i], linkType).join("; ")}`);
    } else {
      others.push(i + 1);
    }
  }
  if (others.length > 0) {
    const listed = others.slice(0, MAX_PACKETS_LISTED).join(", ");
    const tail = others.length > MAX_PACKETS_LISTED ? ", …" : "";
    lines.push(`${others.length} more packet${others.length === 1 ? "" : "s"} differ${others.length === 1 ? "s" : ""}: ${listed}${tail}`);
  }
  if (expected.length !== actual.length) {
    const which = actual.length < expected.length ? `first missing: packet ${actual.length + 1}` : `first extra: packet ${expected.length + 1}`;
    const noun = expected.length === 1 ? "packet" : "packets";
    lines.push(`expected ${expected.length} ${noun}, got ${actual.length} (${which})`);
  }
  return lines.length ? lines.join("\n") : null;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
