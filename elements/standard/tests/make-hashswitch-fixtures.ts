// Fixtures for HashSwitch-01..02. Run: npx tsx --conditions=source <this file>
// The expected output follows Click's documented hash: the byte sum d, folded as
// (d ^ d >> 4) & (n - 1) for n = 2, 4, 8 outputs, else d % n; short packets → 0.
import { writeGolden, LINK_ETHER } from "./golden-fixtures.ts";
import { numbered, range } from "./frames.ts";

const dir = import.meta.dirname;
function clickHash(f: Uint8Array, offset: number, length: number, n: number): number {
  if (f.length < offset + length) return 0;
  let d = 0;
  for (let i = offset; i < offset + length; i++) d += f[i];
  return n === 2 || n === 4 || n === 8 ? (d ^ (d >> 4)) & (n - 1) : d % n;
}
function spec(name: string, offset: number, length: number, n: number, count: number) {
  const outputs: Record<string, number> = {};
  for (let o = 0; o < n; o++) outputs[`OUT${o}`] = LINK_ETHER;
  writeGolden({
    dir, name, outputs,
    cases: range(count).map((i) => ({ in: numbered(i), out: { [`OUT${clickHash(numbered(i), offset, length, n)}`]: numbered(i) } })),
  });
}
spec("HashSwitch-01", 30, 4, 4, 40);   // IPv4 destination address, 4 outputs (folded)
spec("HashSwitch-02", 26, 8, 3, 40);   // source and destination, 3 outputs (modulo)
