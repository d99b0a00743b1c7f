// sdk/src/native/dominated-checks.ts: an access whose bounds an earlier check on the
// same value already proved loses its own check, and a straight run of accesses
// through one value is checked once, at its first access. Here: which accesses it
// marks on hand-written wasm2c-shaped code (values, copies, branches, labels, loops,
// br_table), its fallbacks, and a differential test — random functions through wasm2c
// and both passes, run natively, against V8 on the same inputs: same results, same
// traps, same memory. The element tests (conformance, chain, replay, traps) run it
// too.
import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dropDominatedChecks } from "../../sdk/src/native/dominated-checks.ts";
import { rewriteWasm2cOutput } from "../../sdk/src/native/passes.ts";
import { randomModule } from "./random-wat.ts";
import { missingToolchain, ccSupports, RUNTIME_DIR } from "./support.ts";
import { meterModule } from "../../runtime/src/wasm/meter.ts";

const HELPERS = ["DEFINE_LOAD(i32_load, u32, u32, u32)", "DEFINE_LOAD(i32_load8_u, u8, u32, u32)", "DEFINE_LOAD(i64_load, u64, u64, u64)",
  "DEFINE_STORE(i32_store, u32, u32)", "DEFINE_STORE(i64_store, u64, u64)"];

const RANGE_CHECK = "#define RANGE_CHECK(mem, offset, len) if (UNLIKELY(offset + (uint64_t)len > mem->size)) TRAP(OOB);";

/** One function around `body`; the result tells, per marked line, checked or not.
 *  `runs`: the file defines RANGE_CHECK, so a straight run can share one check. */
function marks(body: string[], runs = false): (string | null)[] {
  const fn = ["static u32 w2c_f1(Z_m_instance_t* instance, u32 w2c_p0, u32 w2c_p1) {", "  u32 w2c_i0, w2c_i1, w2c_l2 = 0;", ...body.map((l) => "  " + l), "  return w2c_i0;", "}"];
  const r = dropDominatedChecks([...(runs ? [RANGE_CHECK] : []), ...HELPERS, "", ...fn, ""].join("\n"));
  expect(r.skipped).toEqual([]);
  const out = r.code.split("\n");
  const fnOut = out.slice(out.indexOf(fn[0]) + 2, out.indexOf("}", out.indexOf(fn[0])) - 1);
  // A run's check is a RANGE_CHECK line before its first access: "checks to N".
  const marked: (string | null)[] = [];
  for (let k = 0; k < fnOut.length; k++) {
    const run = /RANGE_CHECK\(\(&clickos_mem\), \(u64\)\(w2c_\w+\), (\d+)\);/.exec(fnOut[k]);
    if (run) { marked.push(`checks to ${run[1]}`); k++; continue; }
    marked.push(/_(load|store)/.test(fnOut[k]) ? (fnOut[k].includes("clickos_nc_") ? "unchecked" : "checked") : null);
  }
  expect(marked.length).toBe(body.length);
  return marked;
}
const load = (v: string, off: number, fn = "i32_load") => `w2c_i0 = ${fn}(&clickos_mem, (u64)(${v})${off ? ` + ${off}u` : ""});`;
const store = (v: string, off: number, fn = "i32_store") => `${fn}(&clickos_mem, (u64)(${v})${off ? ` + ${off}` : ""}, w2c_i1);`;

describe("dropDominatedChecks", () => {
  it("drops a check whose range an earlier check on the same value covers, and no other", () => {
    expect(marks([
      load("w2c_p0", 24, "i64_load"),   // proves p0 + 32
      load("w2c_p0", 8),                // covered
      store("w2c_p0", 28),              // covered (28 + 4 = 32)
      load("w2c_p0", 29),               // 33 > 32: checked, now proves 33
      load("w2c_p0", 0, "i32_load8_u"), // covered
      load("w2c_p1", 0),                // another value
    ])).toEqual(["checked", "unchecked", "unchecked", "checked", "unchecked", "checked"]);
  });

  it("follows copies and forgets a variable's facts when it is assigned", () => {
    expect(marks([
      "w2c_i1 = w2c_p0;",
      load("w2c_i1", 16),       // proves p0 + 20 (through the copy)
      load("w2c_p0", 4),        // same value: covered
      "w2c_l2 = w2c_i1;",
      load("w2c_l2", 12),       // still the same value
      "w2c_i1 += w2c_i0;",      // i1 is a new value now
      load("w2c_i1", 0),
      "w2c_p0 = w2c_p1;",       // p0 too
      load("w2c_p0", 0),
      load("w2c_l2", 0),        // l2 kept p0's old value
      "w2c_i0 = i32_load(&clickos_mem, (u64)(w2c_i0) + 4u);", // the address is read before the assignment
      load("w2c_i0", 4),
    ])).toEqual([null, "checked", "unchecked", null, "unchecked", null, "checked", null, "checked", "unchecked", "checked", "checked"]);
  });

  it("keeps what every path through an if/else proved, and nothing proved on one side only", () => {
    expect(marks([
      load("w2c_p0", 8),                      // p0 + 12 before the branch
      "if (w2c_i0) {",
      load("w2c_p0", 40), load("w2c_p1", 8),  // p0 + 44, p1 + 12 on this side
      "} else {",
      load("w2c_p0", 40),                     // 40 again: not covered (the other side's fact)
      load("w2c_p1", 4),                      // p1 + 8 here
      "}",
      load("w2c_p0", 30),                     // both sides proved p0 + 44
      load("w2c_p1", 4),                      // both sides proved p1 + 8
      load("w2c_p1", 8),                      // only one proved p1 + 12
      "if (w2c_i0) {",
      load("w2c_p0", 100),
      "}",
      load("w2c_p0", 60),                     // only the then side proved it (no else)
    ])).toEqual(["checked", null, "checked", "checked", null, "checked", "checked", null, "unchecked", "unchecked", "checked", null, "checked", null, "checked"]);
  });

  it("forgets, after the branch, a variable one side assigned", () => {
    expect(marks([
      load("w2c_p0", 16),
      "if (w2c_i0) {",
      "w2c_p0 = w2c_p1;",
      "}",
      load("w2c_p0", 0),
    ])).toEqual(["checked", null, null, null, "checked"]);
  });

  it("meets the facts of every goto at a block's label, and ignores code after a goto or return", () => {
    expect(marks([
      load("w2c_p0", 16),
      "if (w2c_i0) {goto w2c_B1;}",
      load("w2c_p0", 40),                     // not on the goto's path
      "if (w2c_i0) {",
      load("w2c_p1", 0),
      "goto w2c_B1;",
      load("w2c_p1", 400),                    // unreachable: left as it is
      "}",
      "w2c_B1:;",
      load("w2c_p0", 12),                     // both paths proved p0 + 20
      load("w2c_p0", 36),                     // only the fall-through proved p0 + 44
      "if (w2c_i0) {",
      "return w2c_i0;",
      "} else {",
      load("w2c_p1", 0),
      "}",
      load("w2c_p1", 0),                      // the only path that gets here proved it
    ])).toEqual(["checked", null, "checked", null, "checked", null, "checked", null, null, "unchecked", "checked", null, null, null, "checked", null, "unchecked"]);
  });

  it("gives variables assigned in a loop new values at its head, keeps the others' facts", () => {
    expect(marks([
      load("w2c_p0", 28),                     // p0 + 32, before the loop
      load("w2c_p1", 28),
      "w2c_L1: ",
      load("w2c_p0", 8),                      // p0 is not assigned in the loop: covered
      load("w2c_p1", 8),                      // p1 is: checked
      "w2c_p1 = w2c_i0;",
      load("w2c_p1", 0),
      load("w2c_p1", 0),
      "if (w2c_i0) {goto w2c_L1;}",
      load("w2c_p1", 0),                      // after the loop, the same value as its last iteration's
    ])).toEqual(["checked", "checked", null, "unchecked", "checked", null, "checked", "unchecked", null, "unchecked"]);
  });

  it("handles wasm2c's switch for br_table", () => {
    expect(marks([
      load("w2c_p0", 8),
      "switch (w2c_i0) {",
      "  case 0: goto w2c_B1;",
      "  default: goto w2c_B2;",
      "}",
      load("w2c_p0", 100),                    // unreachable
      "w2c_B1:;",
      load("w2c_p0", 4),
      "w2c_B2:;",
      load("w2c_p0", 0),
    ])).toEqual(["checked", null, null, null, null, "checked", null, "unchecked", null, "unchecked"]);
  });

  it("checks a straight run of accesses through one value once, at its first access, for the furthest end", () => {
    expect(marks([
      load("w2c_p0", 0),                      // the run: p0 + 4, + 12, + 24 (through a copy)
      load("w2c_p0", 8),
      "w2c_i1 = w2c_p0;",
      store("w2c_i1", 20),
      "w2c_i1 = w2c_p1;",                     // i1 holds another value from here
      store("w2c_i1", 60),
      "w2c_p0 += w2c_i0;",                    // and p0 too
      load("w2c_p0", 40),
      "w2c_i0 = w2c_i0 + w2c_i1;",
      load("w2c_p0", 44),
    ], true)).toEqual(["checks to 24", "unchecked", null, "unchecked", null, "checked", null, "checks to 48", null, "unchecked"]);
  });

  it("ends a run where it could stop short of its end: a branch, a label, a call, another trap", () => {
    for (const stop of ["if (w2c_i0) {goto w2c_B1;}", "w2c_B1:;", "w2c_i0 = w2c_f2(instance, w2c_i0);", "w2c_i0 = I32_DIV_S(w2c_i0, w2c_i1);",
      "(*Z_clickosZ_log)(instance->Z_clickos_instance, w2c_i0, w2c_i1);"]) {
      const body = [load("w2c_p0", 0), stop, load("w2c_p0", 8), ...(stop.includes("B1") && !stop.startsWith("w2c_B1") ? ["w2c_B1:;"] : [])];
      expect(marks(body, true).slice(0, 3), stop).toEqual(["checked", null, "checked"]);
    }
    // Without RANGE_CHECK in the file, every run keeps its checks.
    expect(marks([load("w2c_p0", 0), load("w2c_p0", 8)])).toEqual(["checked", "checked"]);
  });

  it("keeps every check of a function it does not recognise, and leaves a file without wasm2c's helpers alone", () => {
    const code = (body: string[]) => [...HELPERS, "static u32 w2c_f1(Z_m_instance_t* instance, u32 w2c_p0) {", ...body.map((l) => "  " + l), "  return 0;", "}", ""].join("\n");
    const cases: [string[], RegExp][] = [
      [[load("w2c_p0", 0), "do {", load("w2c_p0", 0), "} while (0);"], /unexpected braces/],
      [[load("w2c_p0", 0), "w2c_L1: ", load("w2c_p0", 0), "goto w2c_L9;"], /unknown label/],
      [[load("w2c_p0", 0), "if (w2c_i0) {goto w2c_L1;}", "w2c_B0:;", "w2c_L1: ", load("w2c_p0", 0), "goto w2c_B0;"], /enters the loop/],
      [[load("w2c_p0", 0), "w2c_p0++;", load("w2c_p0", 0)], /increment/],
      [[load("w2c_p0", 0), "if (w2c_i0) {", load("w2c_p0", 0)], /unbalanced/],
      [[load("w2c_p0", 0), "w2c_i0 = i32_load(&clickos_mem,", "  (u64)(w2c_p0));"], /across lines/],
    ];
    for (const [body, why] of cases) {
      const r = dropDominatedChecks(code(body));
      expect(r.skipped.join(), body.join(" ")).toMatch(why);
      expect(r).toMatchObject({ applied: false, code: code(body) });
    }
    const noHelpers = code([load("w2c_p0", 0), load("w2c_p0", 0)]).replace(/DEFINE_\w+\(.*\)\n/g, "");
    expect(dropDominatedChecks(noHelpers)).toMatchObject({ applied: false, code: noHelpers, reason: expect.stringMatching(/helpers/) });
  });

  const missing = missingToolchain();
  const ASAN = !missing && ccSupports(["-fsanitize=address,undefined"]);
  // Three modules of 200 functions, 16 calls each. Seeded with bugs (facts kept
  // after an assignment, after a branch, at a label, at a loop head; an
  // off-by-one; copies the wrong way; a max for a min at joins; the access size
  // ignored; one branch's facts in the other), this fails for every one.
  it.skipIf(missing).each([20261122, 7, 1999])("random functions give the same results, traps and memory natively as in V8 (seed %i)", { timeout: 300_000 }, (seed) => {
    const dir = mkdtempSync(join(tmpdir(), "clickos-dominated-"));
    const FUNCTIONS = 200;
    const m = randomModule(seed, FUNCTIONS, 16);
    writeFileSync(join(dir, "m.wat"), m.wat);
    const run = (cmd: string, args: string[], input?: string) => {
      const r = spawnSync(cmd, args, { cwd: dir, encoding: "utf8", input, maxBuffer: 64 << 20 });
      expect(r.status, `${cmd} ${args.join(" ")}: ${r.stderr}`).toBe(0);
      return r.stdout;
    };
    run("wat2wasm", ["m.wat", "-o", "m.wasm"]);
    // As in production, wasm2c sees the module after the host's fuel metering
    // (fuel to spare here); V8 below runs the original.
    const original = new Uint8Array(readFileSync(join(dir, "m.wasm")));
    const names = new Set(WebAssembly.Module.exports(new WebAssembly.Module(original)).map((e) => e.name));
    writeFileSync(join(dir, "metered.wasm"), meterModule(original, { keepExports: names, keepCustom: new Set(), startFuel: 2 ** 60 }));
    run("wasm2c", ["metered.wasm", "-n", "m", "-o", "m.c"]);
    const passes = rewriteWasm2cOutput(readFileSync(join(dir, "m.c"), "utf8"), readFileSync(join(dir, "m.h"), "utf8"));
    expect(passes.localMemory).toBe(true);
    // The functions give the pass real work: a good share of accesses lose their check.
    expect(passes.unchecked).toBeGreaterThan(passes.checked / 4);
    writeFileSync(join(dir, "m.c"), passes.code);
    writeFileSync(join(dir, "driver.c"), driverC(FUNCTIONS));
    const inc = [`-I${join(RUNTIME_DIR, "include")}`, `-I${RUNTIME_DIR}`, `-I${dir}`];
    // Under AddressSanitizer and UBSan where the compiler has them: a bounds
    // check the passes dropped wrongly shows as a report, not only as a wrong result.
    const sanitize = ASAN ? ["-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-g"] : [];
    run("cc", ["-std=c99", "-O2", "-w", ...sanitize, ...inc, "-o", "driver", "driver.c", "m.c", join(RUNTIME_DIR, "clickos-rt.c"), "-lm"]);
    const native = run(join(dir, "driver"), [], m.inputs.map((i) => i.join(" ")).join("\n") + "\n").trim().split("\n");

    const module = new WebAssembly.Module(original);
    const expected = m.inputs.map(([f, a, b]) => {
      const inst = new WebAssembly.Instance(module);
      const ex = inst.exports as Record<string, (...args: number[]) => number>;
      try {
        const v = ex[`f${f}`](a | 0, b | 0) >>> 0;
        return `f${f}(${a}, ${b}) = ${v} memory ${ex.sum() >>> 0}`;
      } catch (e) {
        return `f${f}(${a}, ${b}) traps: ${/out of bounds/.test(String(e)) ? "OOB" : String(e)}`;
      }
    });
    // Not a vacuous comparison: many calls trap, many return.
    expect(expected.filter((l) => l.includes("traps: OOB")).length).toBeGreaterThan(m.inputs.length / 10);
    expect(expected.filter((l) => l.includes(" = ")).length).toBeGreaterThan(m.inputs.length / 10);
    expect(native.length).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) expect(native[i], `call ${i} of function f${m.inputs[i][0]}`).toBe(expected[i]);
  });
});

/** Reads "F A B" lines; for each, a fresh instance, the call under a guard, the outcome and the memory checksum. */
function driverC(functions: number): string {
  const fns = Array.from({ length: functions }, (_, i) => `Z_mZ_f${i}`).join(", ");
  return `#include <stdio.h>
#include <string.h>
#include "m.h"
#include "clickos-rt.h"
typedef u32 (*fn_t)(Z_m_instance_t*, u32, u32);
static const fn_t FNS[] = { ${fns} };
int main(void) {
  unsigned f, a, b;
  wasm_rt_init();
  Z_m_init_module();
  while (scanf("%u %u %u", &f, &a, &b) == 3) {
    static Z_m_instance_t inst;
    clickos_rt_guard_t g;
    volatile u32 v = 0, sum = 0;
    memset(&inst, 0, sizeof inst);
    Z_m_instantiate(&inst);
    if (CLICKOS_RT_TRY(&g) == 0) {
      v = FNS[f](&inst, a, b);
      sum = Z_mZ_sum(&inst);
      clickos_rt_guard_leave(&g);
      printf("f%u(%u, %u) = %u memory %u\\n", f, a, b, (unsigned)v, (unsigned)sum);
    } else {
      printf("f%u(%u, %u) traps: %s\\n", f, a, b, clickos_rt_last_trap() == CLICKOS_RT_TRAP_OOB ? "OOB" : clickos_rt_trap_name(clickos_rt_last_trap()));
    }
    Z_m_free(&inst);
  }
  wasm_rt_free();
  return 0;
}
`;
}
