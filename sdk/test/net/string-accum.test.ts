// StringAccum (sdk/assembly/string-accum.ts): what each append writes, checked
// against JavaScript's own formatting, and the handler accumulator handing the
// host a piece each time it fills 64 KiB (clickos.handler_text).
import { describe, expect, it } from "vitest";
import { loadAS } from "../support/as-compile.ts";

const source = `
  import { StringAccum } from "../../../assembly/string-accum";
  import { startHandlerText, handlerTextLength } from "../../../assembly/string-accum";
  const sa = new StringAccum();
  export function reset(): void { sa.clear(); }
  export function text(): string { return sa.toString(); }
  export function addU64(v: u64): void { sa.u64(v).char(10); }
  export function addI64(v: i64): void { sa.i64(v).char(10); }
  export function addHex(v: u64, w: i32): void { sa.hex(v, w).char(10); }
  export function addIp4(raw: u32): void { sa.ip4(raw).char(10); }
  export function addEther(p: usize): void { sa.ether(p).char(10); }
  export function add(s: string): void { sa.add(s); }
  export function addChar(c: i32): void { sa.char(c); }
  // The handler accumulator: n lines of "line <i>\\n"; returns the bytes still held.
  export function handlerLines(n: i32): i32 {
    const h = startHandlerText();
    for (let i = 0; i < n; i++) h.add("line ").i32(i).char(10);
    return handlerTextLength();
  }
`;

describe("StringAccum", () => {
  it("formats numbers, addresses and text exactly as JavaScript would", async () => {
    const m = await loadAS({ dir: "sdk/test/net/assembly", name: "string_accum_cases.ts", source });
    const u64s = [0n, 7n, 10n, 99n, 4294967295n, 18446744073709551615n];
    const i64s = [0n, -1n, 42n, -9223372036854775808n, 9223372036854775807n];
    m.exports.reset();
    for (const v of u64s) m.exports.addU64(v);
    for (const v of i64s) m.exports.addI64(v);
    m.exports.addHex(0n, 1); m.exports.addHex(255n, 4); m.exports.addHex(0xdeadbeefn, 2);
    m.exports.addIp4(0x0100000a); // raw (network order) 10.0.0.1
    m.exports.addEther(m.writeBytes([0x00, 0x1a, 0xff, 0x02, 0x30, 0x9b]));
    m.exports.add(m.writeString("héllo ✓")); m.exports.addChar(0x263a); m.exports.addChar(10);
    const expected = [...u64s.map(String), ...i64s.map(String), "0", "00ff", "deadbeef", "10.0.0.1", "00:1a:ff:02:30:9b", "héllo ✓☺", ""].join("\n");
    expect(m.readString(m.exports.text())).toBe(expected);
  });

  it("the handler accumulator hands the host its text in pieces of at most 64 KiB, in order", async () => {
    const pieces: Uint8Array[] = [];
    let mem: WebAssembly.Memory | null = null;
    const m = await loadAS({ dir: "sdk/test/net/assembly", name: "string_accum_cases.ts", source }, {
      imports: { clickos: { handler_text: (ptr: number, len: number) => { pieces.push(new Uint8Array(mem!.buffer, ptr, len).slice()); } } },
    });
    mem = m.memory;
    const n = 20000;
    const last = m.exports.handlerLines(n);
    const whole = Array.from({ length: n }, (_, i) => `line ${i}\n`).join("");
    expect(pieces.length).toBeGreaterThan(2);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(64 * 1024);
    const handed = new TextDecoder().decode(Uint8Array.from(pieces.flatMap((p) => [...p])));
    expect(handed.length + last).toBe(whole.length);
    expect(whole.startsWith(handed)).toBe(true);
  });
});
