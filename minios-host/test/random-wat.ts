// Random WebAssembly functions for differential tests of the native code
// generator's passes: loads and stores at small offsets from addresses near the
// end of a one-page memory (so some trap), variables copied and reassigned,
// and every control shape wasm2c emits (if/else, blocks with br/br_if, loops,
// br_table, return, calls). Deterministic for a seed.

import { rng } from "../../sdk/test/net/frames.ts";

export interface RandomModule {
  wat: string;
  /** Exported test functions f0..f{n-1}: (a: i32, b: i32) -> i32. */
  functions: number;
  /** Inputs to call each function with. */
  inputs: [number, number, number][];
}

const PAGE = 65536;
// Mostly addresses whose accesses straddle the end of memory at some offset,
// a few well inside and a few far outside.
const ADDRESSES = [0, 8, 200, PAGE - 136, ...Array.from({ length: 48 }, (_, k) => PAGE - 48 + k), PAGE, PAGE + 4, 0xfffffff0];
const LOADS: [string, (e: string) => string][] = [
  ["i32.load", (e) => e], ["i32.load8_u", (e) => e], ["i32.load8_s", (e) => e], ["i32.load16_u", (e) => e],
  ["i32.load16_s", (e) => e], ["i64.load", (e) => `(i32.wrap_i64 ${e})`], ["i64.load32_u", (e) => `(i32.wrap_i64 ${e})`],
  ["i64.load16_s", (e) => `(i32.wrap_i64 ${e})`],
];
const STORES: [string, string][] = [
  ["i32.store", "(local.get $acc)"], ["i32.store8", "(local.get $acc)"], ["i32.store16", "(local.get $acc)"],
  ["i64.store", "(i64.extend_i32_u (local.get $acc))"], ["i64.store32", "(i64.extend_i32_u (local.get $acc))"],
];

export function randomModule(seed: number, functions: number, inputsPerFunction: number): RandomModule {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  let labels = 0;

  const addrVar = () => pick(["$a", "$b", "$x", "$y", "$x", "$y"]);
  const cond = () => `(i32.and (local.get ${pick(["$acc", "$b", "$a"])}) (i32.const ${pick([1, 2, 4, 8, 16])}))`;
  const offset = () => (r() < 0.3 ? 0 : int(1, 40));
  const valueExpr = () => pick([
    () => `(local.get ${pick(["$a", "$b", "$x", "$y"])})`,
    () => `(i32.add (local.get ${pick(["$a", "$b", "$x", "$y"])}) (i32.const ${int(-16, 16)}))`,
    () => `(i32.const ${pick(ADDRESSES)})`,
    () => `(i32.and (local.get $acc) (i32.const 0xfff8))`,
  ])();

  /** Statements; `blocks`: labels a br/br_if may target (blocks only, never loops). */
  function stmts(depth: number, blocks: string[], n: number): string[] {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(stmt(depth, blocks));
    return out;
  }
  function stmt(depth: number, blocks: string[]): string {
    const kinds = ["load", "load", "load", "load", "store", "store", "set", "copy", "call"];
    if (depth < 3) kinds.push("if", "if", "block", "loop", "table");
    if (blocks.length) kinds.push("brif", "brif", "br");
    kinds.push("return");
    const k = pick(kinds);
    switch (k) {
      case "load": {
        const [op, wrap] = pick(LOADS);
        return `(local.set $acc (i32.add (i32.rotl (local.get $acc) (i32.const 5)) ${wrap(`(${op} offset=${offset()} (local.get ${addrVar()}))`)}))`;
      }
      case "store": {
        const [op, v] = pick(STORES);
        return `(${op} offset=${offset()} (local.get ${addrVar()}) ${v})`;
      }
      case "set": return `(local.set ${pick(["$x", "$y"])} ${valueExpr()})`;
      case "copy": return pick(["(local.set $y (local.get $x))", "(local.set $x (local.get $y))", "(local.set $x (local.get $a))", "(local.set $y (local.get $b))"]);
      case "call": return `(local.set $acc (i32.add (local.get $acc) (call $peek (local.get ${addrVar()}))))`;
      case "return": return `(if ${cond()} (then (return (local.get $acc))))`;
      case "br": return `(if ${cond()} (then ${stmts(depth + 1, blocks, int(0, 2)).join(" ")} (br ${pick(blocks)})))`;
      case "brif": return `(br_if ${pick(blocks)} ${cond()})`;
      case "if": {
        const then = stmts(depth + 1, blocks, int(1, 4)).join(" ");
        return r() < 0.6 ? `(if ${cond()} (then ${then}) (else ${stmts(depth + 1, blocks, int(1, 4)).join(" ")}))` : `(if ${cond()} (then ${then}))`;
      }
      case "block": {
        const l = `$b${labels++}`;
        return `(block ${l} ${stmts(depth + 1, [...blocks, l], int(1, 5)).join(" ")})`;
      }
      case "loop": {
        const l = `$l${labels++}`, n = `$n${depth}`;
        // Only the loop's own back edge targets it, after its counter is decremented: it always ends.
        // Often the body reads through an address first and moves it last, so
        // the next iteration reads through another value.
        const v = pick(["$x", "$y"]), walk = r() < 0.5;
        const first = walk ? `(local.set $acc (i32.add (local.get $acc) (i32.load8_u offset=${offset()} (local.get ${v}))))` : "";
        const last = walk ? `(local.set ${v} ${valueExpr()})` : "";
        return `(local.set ${n} (i32.const ${int(1, 3)})) (loop ${l} ${first} ${stmts(depth + 1, blocks, int(1, 4)).join(" ")} ${last} ` +
          `(local.set ${n} (i32.sub (local.get ${n}) (i32.const 1))) (br_if ${l} (local.get ${n})))`;
      }
      case "table": {
        const outer = `$t${labels++}`, inner = `$t${labels++}`;
        return `(block ${outer} (block ${inner} (br_table ${inner} ${outer} ${inner} (i32.and (local.get $acc) (i32.const 3)))) ` +
          `${stmts(depth + 1, [...blocks, outer], int(1, 3)).join(" ")})`;
      }
    }
    throw new Error(k);
  }

  const funcs: string[] = [];
  for (let f = 0; f < functions; f++) {
    funcs.push(`(func (export "f${f}") (param $a i32) (param $b i32) (result i32) (local $x i32) (local $y i32) (local $acc i32) ` +
      `(local $n0 i32) (local $n1 i32) (local $n2 i32) (local $n3 i32)\n` +
      `  (local.set $x (local.get $a)) (local.set $y (local.get $b))\n  ${stmts(0, [], int(4, 14)).join("\n  ")}\n  (local.get $acc))`);
  }
  const bytes = (n: number, salt: number) => Array.from({ length: n }, (_, i) => `\\${((i * 37 + salt) & 255).toString(16).padStart(2, "0")}`).join("");
  const wat = `(module
  (memory (export "memory") 1 1)
  (data (i32.const 0) "${bytes(256, 11)}")
  (data (i32.const ${PAGE - 256}) "${bytes(256, 91)}")
  (func $peek (param i32) (result i32) (i32.load8_u offset=3 (local.get 0)))
  ;; A checksum of the bytes the functions can write (the first and the last 256).
  (func (export "sum") (result i32) (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.xor (i32.rotl (local.get $s) (i32.const 7)) (i32.load (local.get $i))))
      (local.set $s (i32.xor (i32.rotl (local.get $s) (i32.const 3)) (i32.load offset=${PAGE - 256} (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 256))))
    (local.get $s))
  ${funcs.join("\n  ")})
`;
  const inputs: [number, number, number][] = [];
  for (let f = 0; f < functions; f++) for (let k = 0; k < inputsPerFunction; k++) inputs.push([f, pick(ADDRESSES), pick(ADDRESSES)]);
  return { wat, functions, inputs };
}
