// The report generator and the regression checker on fixture data (no timing).
import { describe, it, expect } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { markdown, writeReport, type Report } from "../lib/report.ts";
import { guardedRatios, checkRatios } from "../lib/ratios.mjs";
import { barChart } from "../lib/svg.ts";

const S = (median: number, min = median) => ({ median, min, samples: [min, median] });

function fixture(): Report {
  return {
    meta: { date: "2026-01-01T00:00:00Z", commit: "abc1234", quick: true, seconds: 12, cpu: "Test CPU", cores: 2, loadavg: [1, 1, 1], node: "v20", cc: "cc 12", packets: { node: 1000, native: 1000 }, reps: 3 },
    nodeElements: [{ id: "DecIPTTL", ns: S(100, 90), mpps: 10, outFraction: 1 }, { id: "Paint", ns: S(50), mpps: 20, outFraction: 1 }],
    chains: [{ chain: "Strip(14) -> DecIPTTL -> Unstrip(14)", elements: 3, ns: S(80, 75), mpps: 12.5 }],
    examples: [{ name: "firewall", ns: S(300), mpps: 3.33, outFraction: 0.5 }, { name: "broken", ns: S(NaN), mpps: NaN, outFraction: 0, error: "no such file" }],
    native: [
      { id: "DecIPTTL", cref: "decipttl", wasm: S(30, 28), zc: S(12, 11), c: S(10, 9), ratio: S(1.2, 1.1), copyRatio: S(3, 2.8), check: { compared: 1024, portDiff: 0, byteDiff: 0 }, traps: 0, emitted: 0, instr: { wasm: 150, zc: 60, c: 50, ratio: 1.2, copyRatio: 3 } },
      { id: "Paint", cref: "paint", wasm: S(20), zc: S(8), c: S(1), ratio: S(8), copyRatio: S(20), check: { compared: 1024, portDiff: 2, byteDiff: 1 }, traps: 0, emitted: 0, instr: null },
    ],
    crossing: { node_b1: S(500), node_b256: S(100), native_b1: S(100), native_b256: S(5), c_b1: S(2), c_b256: S(1) },
    batches: { node: { DecIPTTL: { 1: 500, 8: 200, 32: 150, 256: 100 } }, native: { DecIPTTL: { 1: 100, 8: 30, 32: 15, 256: 12 } }, c: { DecIPTTL: { 1: 12, 8: 11, 32: 10, 256: 10 } } },
    graph: { ratioPush: 1.1, ratioPull: 1.4 },
    alloc: {
      module: [{ id: "DecIPTTL", bytesPerPacket: 0, packets: 100 }, { id: "Paint", bytesPerPacket: 16, packets: 100 }],
      host: { chain: "Strip(14) -> DecIPTTL -> Unstrip(14)", packets: 1000, storeAllocsPerPacket: 1, storeGrowths: 0, storeCapacity: 1024, liveAfter: 0, heapGrowthBytesPerPacket: 0.5, heapRetainedBytesPerPacket: 0, gcs: 1, gcExposed: true },
    },
    runtimes: { sizes: { stub: 100, minimal: 120, incremental: 150 }, rows: { IPRewriter: { stub: S(90), minimal: S(95), incremental: S(100) } }, errors: [], choice: { runtime: "incremental", why: "within 5%" } },
    failures: ["native X: exit 1"],
    ratios: { nativeOverC: { DecIPTTL: { time: 1.2, timeMin: 1.1, instr: 1.2, cNs: 10 }, Paint: { time: 8, timeMin: 8, instr: null, cNs: 1 } }, nodeOverNative: { DecIPTTL: 100 / 12, Paint: 50 / 8 }, graphOverChain: { push: 1.1, pull: 1.4 } },
  };
}

describe("report", () => {
  it("renders the budgets, every section's rows and the failures", () => {
    const md = markdown(fixture());
    expect(md).toContain("| Node host, simple chain (3 elements) | ≥ 10 Mpps | 12.50 Mpps (Strip(14) -> DecIPTTL -> Unstrip(14)) | yes |");
    expect(md).toMatch(/native ÷ plain C, every element \(zero copy\) \| ≤ 1\.3× \(aim 1\.15×\) \| 1\.2× … 8\.0× \(worst: Paint\) \| \*\*no\*\*/);
    expect(md).toMatch(/the same with copy in\/out \(clickos_push\) \| — \| 3\.0× … 20\.0× \|/);
    expect(md).toMatch(/\| DecIPTTL \| 10\.0 \(9\.0\) \| 12\.0 \(11\.0\) \| 1\.2× \(1\.1×\) \| 1\.2× \| 30\.0 \(28\.0\) \| 3\.0× \(2\.8×\) \|/);
    expect(md).toContain("| DecIPTTL | 10.0 (9.0) | 12.0 (11.0) | 1.2× (1.1×) | 1.2× | 30.0 (28.0) | 3.0× (2.8×) | 100 (90.0) | 10.00 | 8.3× | yes |");
    expect(md).toContain("| Paint | 1.0 (1.0) | 8.0 (8.0) | 8.0× (8.0×) | — | 20.0 (20.0) | 20.0× (20.0×) |");
    expect(md).toContain("3 of 1024 differ");
    expect(md).toContain("| broken | failed: no such file |");
    expect(md).toContain("| Paint | 16.00 |");
    expect(md).toContain("1 of 2 elements at 0");
    expect(md).toContain("push 1.10×, pull 1.40×");
    expect(md).toContain("**Measured choice: stub**");   // 0.9x of incremental
    expect(md).toContain("- native X: exit 1");
  });

  it("writes the JSON, the Markdown and two well-formed SVG charts", () => {
    const dir = mkdtempSync(join(tmpdir(), "bench-report-"));
    const files = writeReport(fixture(), dir);
    expect(files.sort()).toEqual(["batches.svg", "elements.svg", "latest.json", "latest.md"]);
    expect(JSON.parse(readFileSync(join(dir, "latest.json"), "utf8")).meta.commit).toBe("abc1234");
    const bars = readFileSync(join(dir, "elements.svg"), "utf8");
    expect(bars.startsWith("<svg")).toBe(true);
    expect(bars.trim().endsWith("</svg>")).toBe(true);
    // 2 elements x 4 series = 8 value bars, each with a tooltip naming the value
    expect(bars.match(/<title>/g)).toHaveLength(8);
    expect(bars).toContain("DecIPTTL, native WASM, zero copy: 12.0 ns/packet");
    expect(bars).toContain("DecIPTTL, native WASM, copy in/out: 30.0 ns/packet");
    const lines = readFileSync(join(dir, "batches.svg"), "utf8");
    expect(lines.match(/<polyline/g)).toHaveLength(3);
    expect(lines).toContain("DecIPTTL C, batch 256: 10.0 ns/packet");
  });

  it("escapes text and skips missing values in charts", () => {
    const svg = barChart({ title: "a < b & c", categories: ["x\"y"], series: [{ name: "s", color: "#000", values: [null] }, { name: "t", color: "#111", values: [5] }] });
    expect(svg).toContain("a &lt; b &amp; c");
    expect(svg).toContain("x&quot;y");
    expect(svg.match(/<title>/g)).toHaveLength(1);
  });
});

describe("regression guard", () => {
  it("watches instruction ratios first, time ratios only above the noise floor", () => {
    const g = guardedRatios(fixture());
    expect(g["nativeOverC.instr.DecIPTTL"]).toBe(1.2);
    expect(g).not.toHaveProperty("nativeOverC.time.DecIPTTL");
    expect(g).not.toHaveProperty("nativeOverC.time.Paint");    // C at 1 ns: noise
    expect(g["graphOverChain.pull"]).toBe(1.4);
    expect(g["crossing.nodeOverNative"]).toBe(5);
  });

  it("fails a ratio beyond the margin, passes within it, lists keys missing on either side", () => {
    const baseline = { margin: 0.25, ratios: { "nativeOverC.instr.DecIPTTL": 1.0, "graphOverChain.pull": 1.0, "nodeOverNative.Gone": 2 } };
    const r = checkRatios(fixture(), baseline);
    expect(r.rows.find((x) => x.key === "nativeOverC.instr.DecIPTTL")!.ok).toBe(true);    // 1.2 <= 1.25
    expect(r.failed.map((x) => x.key)).toEqual(["graphOverChain.pull"]);                     // 1.4 > 1.25
    expect(r.missing).toEqual(["nodeOverNative.Gone"]);
    expect(r.added).toContain("nodeOverNative.Paint");
    expect(checkRatios(fixture(), baseline, 0.5).failed).toEqual([]);
  });

  it("bench/check.mjs exits 1 on a regression, 0 otherwise, and --update writes a ratios-only baseline", () => {
    const dir = mkdtempSync(join(tmpdir(), "bench-check-"));
    const report = join(dir, "latest.json"), base = join(dir, "baseline.json");
    writeFileSync(report, JSON.stringify(fixture()));
    const check = (...a: string[]) => spawnSync(process.execPath, [join(__dirname, "..", "check.mjs"), "--report", report, "--baseline", base, ...a], { encoding: "utf8" });
    expect(check().status).toBe(2);                        // no baseline yet
    const u = check("--update", "--margin", "0.1");
    expect(u.status, u.stderr).toBe(0);
    const written = JSON.parse(readFileSync(base, "utf8"));
    expect(written.margin).toBe(0.1);
    expect(Object.values(written.ratios).every((v) => typeof v === "number")).toBe(true);
    expect(check().status).toBe(0);
    const worse = fixture();
    worse.ratios.graphOverChain.push = 2;
    writeFileSync(report, JSON.stringify(worse));
    const r = check();
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL graphOverChain\.push/);
    expect(check("--margin", "1").status).toBe(0);
    expect(check("--margin", "x").status).toBe(2);
    expect(existsSync(base)).toBe(true);
  });
});
