// Pull outputs and tasks in the C host (clickos_pull, clickos_task_run and the
// clickos.input_pull import), driven by test/driver/pull_driver.c over a
// native build of test/fixtures/faulty: what a pull returns and a task pushes,
// a trap in the element's own call, a trap upstream in a crossing nested in it
// (recovered once, blamed there), the lend limit and fuel against a runaway,
// and no lends outside a pull or task. The Click userlevel test runs the same
// classes inside Click (opt-in).
import { describe, it, expect, beforeAll } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildNative } from "../../sdk/src/native/index.ts";
import { faultyWasm } from "../../test/support/cached-build.ts";
import { nativeToolchainMissing } from "./native-support.ts";
import { TEST_DIR } from "./support.ts";

const missing = nativeToolchainMissing();

interface Line { call?: string; r?: number; worked?: number; out?: [number, number, number][]; calls?: number; given?: number; copied?: number; traps?: number; dropped?: number; last_trap?: string; stolen?: string; error?: string }

describe.skipIf(missing)(`C host: pull outputs and tasks (${missing ?? "wasm2c + cc"})`, () => {
  let exe = "";
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "clickos-pull-driver-"));
    await buildNative({ wasm: await faultyWasm(), outDir: dir, target: "linux" });
    const sym = /extern const clickos_module_def (\w+);/.exec(readFileSync(join(dir, "module.h"), "utf8"))![1];
    const c = (await import("node:fs")).readdirSync(dir).find((f) => f.endsWith(".c") && f !== "module.c" && f !== "clickos_host.c")!;
    exe = join(dir, "pull_driver");
    const cc = spawnSync("cc", ["-std=c99", "-O2", "-DNDEBUG", `-I${dir}/runtime/include`, `-I${dir}/runtime`, `-I${dir}`, `-DPULL_MODULE=${sym}`, "-o", exe,
      join(TEST_DIR, "driver", "pull_driver.c"), join(dir, c), join(dir, "module.c"), join(dir, "runtime", "clickos-rt.c"), join(dir, "clickos_host.c"), "-lm"], { encoding: "utf8" });
    if (cc.status !== 0) throw new Error(`building pull_driver failed:\n${cc.stderr}`);
  }, 600_000);

  function drive(...args: (string | number)[]): { lines: Line[]; summary: Line } {
    const r = spawnSync(exe, args.map(String), { encoding: "utf8", timeout: 300_000 });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as Line);
    return { lines: lines.slice(0, -1), summary: lines[lines.length - 1] };
  }

  it("a scheduler's pull returns one packet per call, the lent one, on the pulled port; then nothing", () => {
    const { lines, summary } = drive("sched", 5, -1, "none");
    expect(lines.map((l) => l.out)).toEqual([[[0, 0, 60]], [[0, 1, 60]], [[0, 2, 60]], [[0, 3, 60]], [[0, 4, 60]], []]);
    expect(summary).toMatchObject({ given: 5, copied: 5, traps: 0, dropped: 0 });
  });

  it("a trap in the scheduler's own pull costs the packet it pulled; the next pull works on the new instance", () => {
    const { lines, summary } = drive("sched", 5, 2, "abort");
    expect(lines.map((l) => l.r)).toEqual([1, 1, -3, 1, 1, 0].map((x) => (x === -3 ? lines[2].r : x)));
    expect(lines[2].r).toBeLessThan(0);
    expect(lines.filter((l) => (l.r ?? 0) > 0).map((l) => l.out![0][1])).toEqual([0, 1, 3, 4]);
    expect(summary).toMatchObject({ given: 5, copied: 5, traps: 1, dropped: 1 });
    expect(summary.last_trap).toMatch(/abort: faulty element: triggered by packet/);
  });

  it("a trap upstream, in a crossing nested inside the pull, is recovered once and ends the pull", () => {
    const { lines, summary } = drive("nested", 5, 2);
    expect(lines.filter((l) => (l.r ?? 0) > 0).map((l) => l.out![0][1])).toEqual([0, 1, 3, 4]);
    expect(lines.filter((l) => (l.r ?? 0) < 0)).toHaveLength(1);
    expect(summary).toMatchObject({ traps: 1 });   // counted where it happened, not again for the pull
  });

  it("a task pushes what it pulled, 8 per run, and says when it did no work", () => {
    const { lines, summary } = drive("task", 20, -1, "none");
    expect(lines.map((l) => [l.r, l.worked])).toEqual([[8, 1], [8, 1], [4, 1], [0, 0]]);
    expect(lines.flatMap((l) => l.out!.map((o) => o[1]))).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(summary).toMatchObject({ given: 20, copied: 20, traps: 0 });
  });

  it("a task that never stops pulling is stopped by the lend limit (256 per call) and its fuel", () => {
    const { summary } = drive("task", 600, -1, "spin");
    // 256, 256 and 88 lent, each call out of fuel; then a call that got nothing (no work: the end).
    expect(summary.traps).toBe(4);
    // The host drops the packet each trap is blamed on; the others lent are the
    // lender's again (this driver's lender does not lend them again).
    expect(summary.dropped).toBe(3);
    expect(summary.last_trap).toMatch(/fuel exhausted/);
  });

  it("input_pull outside a pull or task call gives nothing; a task call on a class without a task is refused", () => {
    const { lines, summary } = drive("steal", 3, -1);
    expect(lines[0]).toMatchObject({ call: "push", r: 0 });
    expect(lines[1].r).toBeLessThan(0);
    expect(lines[2]).toEqual({ stolen: "0" });
    expect(summary).toMatchObject({ given: 0, traps: 0 });
  });
});
