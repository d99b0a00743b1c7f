// The ClickOS wasm-rt runtime (minios-host/runtime) running real wasm2c output:
// test/wat/basic.wat -> wat2wasm -> wasm2c -> cc with runtime/clickos-rt.c and
// test/driver/basic_driver.c. Each driver step prints one JSON line.
import { beforeAll, describe, expect, it } from "vitest";
import { buildModule, ccSupports, hasTool, missingToolchain, runDriver, type DriverRun } from "./support.ts";

const missing = missingToolchain();
const skipNote = missing ? ` [skipped: ${missing}]` : "";

let exe = "";
beforeAll(() => {
  if (!missing) exe = buildModule("basic");
});

function call(fn: string, a: number | string, b: number | string, pre: string[] = []): Record<string, unknown> {
  const r = runDriver(exe, [...pre, "call", fn, String(a), String(b)]);
  expect(r.status, r.stderr).toBe(0);
  expect(r.lines).toHaveLength(1);
  return r.lines[0];
}

describe("wasm2c module on the ClickOS runtime" + skipNote, () => {
  it.skipIf(missing)("normal calls return the right values", () => {
    expect(call("add", 2, 3)).toMatchObject({ result: 5, depth: 0 });
    expect(call("add", -7, 3)).toMatchObject({ result: -4 });
    expect(call("sum", 100, 0)).toMatchObject({ result: 5050 }); // loop
    expect(call("load", 16, 0)).toMatchObject({ result: 42 }); // data segment
    expect(call("store_load", 65532, 0x1234567)).toMatchObject({ result: 0x1234567 }); // last word of page 0
    expect(call("div_s", -9, 2)).toMatchObject({ result: -4 });
    expect(call("rem_u", 10, 3)).toMatchObject({ result: 1 });
    expect(call("trunc_div", 7, 2)).toMatchObject({ result: 3 });
    expect(call("dispatch", 0, 21)).toMatchObject({ result: 42 }); // call_indirect -> $double
    expect(call("dispatch", 1, 21)).toMatchObject({ result: 22 }); // call_indirect -> $inc
    expect(call("depth", 500, 0)).toMatchObject({ result: 500, depth: 0 });
  });

  it.skipIf(missing)("imports are called through the embedder's import struct", () => {
    expect(call("log", 5, 6)).toMatchObject({ result: 0, log_calls: 1, last_log: [5, 6] });
  });

  const traps: [string, string, number | string, number | string][] = [
    ["OOB", "load", 65536, 0], // first byte past the memory
    ["OOB", "load", 65533, 0], // word straddling the end
    ["OOB", "load", 0xfffffffc, 0],
    ["OOB", "store", 65536, 1],
    ["OOB", "store", 0xfffffffe, 1],
    ["UNREACHABLE", "unreachable", 0, 0],
    ["DIV_BY_ZERO", "div_s", 7, 0],
    ["DIV_BY_ZERO", "rem_u", 7, 0],
    ["INT_OVERFLOW", "div_s", 0x80000000, -1],
    ["INT_OVERFLOW", "big_trunc", 1, 0],
    ["INVALID_CONVERSION", "trunc_div", 0, 0], // NaN -> i32
    ["CALL_INDIRECT", "dispatch", 2, 1], // wrong signature
    ["CALL_INDIRECT", "dispatch", 3, 1], // null entry
    ["CALL_INDIRECT", "dispatch", 99, 1], // out of the table
    ["EXHAUSTION", "recurse", 0, 0], // infinite recursion
  ];
  it.skipIf(missing).each(traps)(
    "trap %s from %s(%s, %s) is caught at the guard; the module is freed, re-instantiated and works",
    (kind, fn, a, b) => {
      const line = call(fn, a, b);
      expect(line.trap).toBe(kind);
      expect(line.message).toMatch(/\w/);
      expect(line.depth).toBe(0); // call depth restored by the trap
      expect(line.recovered).toBe(5); // fresh instance: add(2, 3)
      expect(line.trap_count).toBe(1);
    },
  );

  it.skipIf(missing)("trap messages name the kind", () => {
    expect(call("recurse", 0, 0).message).toBe("call stack exhausted");
    expect(call("load", 65536, 0).message).toBe("out of bounds memory access");
    expect(call("div_s", 1, 0).message).toBe("integer divide by zero");
  });

  it.skipIf(missing)("a trapped instance does not leak state into the next one", () => {
    const r = runDriver(exe, ["call", "store", 100, 77, "call", "load", 100, 0, "call", "unreachable", 0, 0, "call", "load", 100, 0].map(String));
    expect(r.status).toBe(0);
    expect(r.lines.map((l) => l.result ?? l.trap)).toEqual([0, 77, "UNREACHABLE", 0]);
  });

  it.skipIf(missing)("call depth limit: WASM_RT_MAX_CALL_STACK_DEPTH defaults to 1000 frames", () => {
    // depth(n) uses n + 1 wasm frames
    expect(call("depth", 999, 0)).toMatchObject({ result: 999 });
    expect(call("depth", 1000, 0)).toMatchObject({ trap: "EXHAUSTION", recovered: 5 });
  });

  it.skipIf(missing)("call depth limit is configurable at compile time", () => {
    const small = buildModule("basic", { defines: ["WASM_RT_MAX_CALL_STACK_DEPTH=100"] });
    const r = runDriver(small, ["call", "depth", "99", "0", "call", "depth", "100", "0", "call", "recurse", "0", "0"]);
    expect(r.status).toBe(0);
    expect(r.lines.map((l) => l.result ?? l.trap)).toEqual([99, "EXHAUSTION", "EXHAUSTION"]);
  });

  it.skipIf(missing)("memory.grow beyond the default limit of 256 pages returns -1", () => {
    const r = runDriver(exe, ["call", "grow", "255", "0", "call", "grow", "1", "0", "call", "size", "0", "0", "call", "grow", "0", "0"]);
    expect(r.status).toBe(0);
    expect(r.lines.map((l) => l.result)).toEqual([1, -1, 256, 256]);
  });

  it.skipIf(missing)("clickos_rt_set_max_pages lowers the limit; grow then fails with -1, memory is unchanged", () => {
    const r = runDriver(exe, ["--max-pages", "4", "call", "grow", "2", "0", "call", "grow", "2", "0", "call", "grow", "1", "0", "call", "size", "0", "0", "call", "store_load", String(4 * 65536 - 4), "9"]);
    expect(r.status).toBe(0);
    expect(r.lines.map((l) => l.result)).toEqual([1, -1, 3, 4, 9]);
    const huge = runDriver(exe, ["call", "grow", String(0x7fffffff), "0", "call", "grow", String(0xffffffff), "0"]);
    expect(huge.lines.map((l) => l.result)).toEqual([-1, -1]);
  });

  it.skipIf(missing)("a module whose initial memory exceeds the limit traps MEMORY_LIMIT at instantiation", () => {
    const r = runDriver(exe, ["--max-pages", "0", "call", "add", "1", "2"]);
    expect(r.status).toBe(0);
    expect(r.lines).toEqual([{ op: "instantiate", trap: "MEMORY_LIMIT", message: "memory limit exceeded" }]);
  });

  it.skipIf(missing)("guards nest: a trap inside a host import's own guard unwinds only to that guard", () => {
    const r = runDriver(exe, ["nested"]);
    expect(r.status).toBe(0);
    expect(r.lines).toEqual([
      { op: "inner", trap: "DIV_BY_ZERO", depth: 1 }, // the outer wasm frame is still live
      { op: "nested", result: 0, depth: 0, log_calls: 1 },
    ]);
  });

  it.skipIf(missing)("a trap with no active guard calls the fatal hook", () => {
    const r = runDriver(exe, ["unguarded", "unreachable", "0", "0"]);
    expect(r.status).toBe(3);
    expect(r.lines).toEqual([
      { op: "fatal", trap: "UNREACHABLE", message: "wasm trap with no active clickos_rt guard" },
    ]);
  });

  it.skipIf(missing)("without a fatal hook, an unguarded trap reports on stderr before aborting (never silently)", () => {
    const r = runDriver(exe, ["unguarded-default", "div_s", "1", "0"]);
    expect(r.signal).toBe("SIGABRT");
    expect(r.stderr).toContain("clickos-rt: fatal: wasm trap with no active clickos_rt guard (integer divide by zero)");
  });

  it.skipIf(missing)("100 instantiate/trap/free cycles cover every trap kind", () => {
    const r = runDriver(exe, ["cycles", "100"]);
    expect(r.status).toBe(0);
    expect(r.lines).toEqual([{ op: "cycles", n: 100, traps: 100, wrong_kind: 0, ok: 100, depth: 0 }]);
  });

  const noValgrind = missing ?? (hasTool("valgrind") ? null : "valgrind not installed");
  it.skipIf(noValgrind)(
    "valgrind: no leaks or memory errors across 100 instantiate/trap/free cycles" +
      (noValgrind && !missing ? ` [skipped: ${noValgrind}]` : ""),
    () => {
      const r: DriverRun = runDriver(exe, ["call", "grow", "3", "0", "nested", "cycles", "100", "call", "load", "70000", "0"], [
        "valgrind",
        "--leak-check=full",
        "--show-leak-kinds=all",
        "--errors-for-leak-kinds=all",
        "--error-exitcode=99",
      ]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.lines.find((l) => l.op === "cycles")).toEqual({ op: "cycles", n: 100, traps: 100, wrong_kind: 0, ok: 100, depth: 0 });
      expect(r.lines.at(-1)).toMatchObject({ fn: "load", trap: "OOB", recovered: 5 });
      expect(r.stderr).toContain("All heap blocks were freed -- no leaks are possible");
      expect(r.stderr).toMatch(/ERROR SUMMARY: 0 errors/);
    },
    120_000,
  );

  it.skipIf(missing)("CLICKOS_RT_ALLOC/REALLOC/FREE route every runtime allocation to the embedder's allocator", () => {
    const counted = buildModule("basic", {
      defines: ['CLICKOS_RT_ALLOCATOR_HEADER="counting_alloc.h"', "DRIVER_COUNTING_ALLOC"],
    });
    const r = runDriver(counted, ["call", "grow", "3", "0", "call", "load", "70000", "0", "cycles", "10"]);
    expect(r.status, r.stderr).toBe(0);
    const alloc = r.lines.find((l) => l.op === "allocator") as Record<string, number>;
    // per instance: memory + table; plus the function-type registry
    expect(alloc.alloc).toBeGreaterThanOrEqual(2 * 12);
    expect(alloc.realloc).toBeGreaterThanOrEqual(11); // memory.grow + type registry
    expect(alloc.live).toBe(0); // everything freed after free + wasm_rt_free
  });

  const sanitizers = ["-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-fno-omit-frame-pointer"];
  const noSan = missing ?? (ccSupports(sanitizers) ? null : "cc cannot build with -fsanitize=address,undefined");
  it.skipIf(noSan)(
    "AddressSanitizer + UBSan: traps, recovery, limits and nested guards run clean" +
      (noSan && !missing ? ` [skipped: ${noSan}]` : ""),
    () => {
      const san = buildModule("basic", { cflags: sanitizers });
      const r = runDriver(san, ["cycles", "40", "call", "grow", "255", "0", "call", "grow", "1", "0", "nested", "call", "store", String(256 * 65536 - 3), "1"]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/Sanitizer|runtime error/);
      expect(r.lines.map((l) => l.op === "cycles" ? l.traps : (l.result ?? l.trap))).toEqual([40, 1, -1, "DIV_BY_ZERO", 0, "OOB"]);
    },
    120_000,
  );
});
