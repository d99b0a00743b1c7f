// The native side of the benchmark: builds bench/native/bench-native.c with one
// module's wasm2c output (buildNative, target linux) and the C references, all
// in one cc invocation with the flags of the generated clickos.mk (-std=c99 -O2
// -DNDEBUG), so WASM-via-wasm2c and plain C get the same compiler and flags.
// Builds are cached by content under bench/results/tmp/.

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildNative, HOST_PARTS } from "../../sdk/src/native/index.ts";
import { writePcap } from "../../runtime/src/index.ts";

export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const REPO = resolve(BENCH_DIR, "..");
export const TMP = join(BENCH_DIR, "results", "tmp");
const CREF_DIR = join(BENCH_DIR, "c-reference");
export const CFLAGS = ["-std=c99", "-O2", "-DNDEBUG"];

export function nativeToolchainMissing(): string | null {
  const missing = ["wasm2c", "cc"].filter((t) => spawnSync("sh", ["-c", `command -v ${t}`]).status !== 0);
  return missing.length ? `not installed: ${missing.join(", ")} (Debian: apt-get install wabt gcc)` : null;
}

function sourcesOf(): string[] {
  const cref = readdirSync(CREF_DIR).filter((f) => /\.[ch]$/.test(f)).sort().map((f) => join(CREF_DIR, f));
  const host = ["host/clickos_host.c", ...HOST_PARTS.map((f) => `host/${f}`), "host/clickos_host.h", "runtime/clickos-rt.c", "include/clickos_abi.h", "harness/chain.c", "harness/pcap.c", "harness/pcapng.c"]
    .map((f) => join(REPO, "minios-host", f));
  // The generator's sources too: a change in how clickos build writes the C changes the binary.
  const gen = join(REPO, "sdk", "src", "native");
  const generator = readdirSync(gen).filter((f) => f.endsWith(".ts")).sort().map((f) => join(gen, f));
  return [join(BENCH_DIR, "native", "bench-native.c"), ...cref, ...host, ...generator];
}

/** The bench-native executable for this module (built once per content). */
export async function nativeBench(wasm: string): Promise<string> {
  const h = createHash("sha256");
  h.update(CFLAGS.join(" "));
  for (const p of [wasm, ...sourcesOf()]) h.update(readFileSync(p));
  const key = h.digest("hex").slice(0, 16);
  const dir = join(TMP, `native-${key}`);
  const exe = join(dir, "bench-native");
  if (existsSync(exe)) return exe;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const r = await buildNative({ wasm, outDir: dir, target: "linux" });
  const crefC = readdirSync(CREF_DIR).filter((f) => f.endsWith(".c")).map((f) => join(CREF_DIR, f));
  const args = [...CFLAGS, `-I${dir}/runtime/include`, `-I${dir}/runtime`, `-I${dir}`, `-I${dir}/harness`, `-I${CREF_DIR}`,
    `-DBENCH_MODULE=${r.defSymbol}`, "-o", exe,
    join(dir, `${r.prefix}.c`), join(dir, "module.c"), join(dir, "runtime", "clickos-rt.c"), join(dir, "clickos_host.c"),
    join(dir, "harness", "chain.c"), join(dir, "harness", "pcap.c"), join(dir, "harness", "pcapng.c"), join(BENCH_DIR, "native", "bench-native.c"), ...crefC, "-lm"];
  const cc = spawnSync("cc", args, { encoding: "utf8", timeout: 900_000 });
  if (cc.status !== 0) throw new Error(`building bench-native failed:\ncc ${args.join(" ")}\n${cc.stderr}`);
  return exe;
}

export interface NativeRun {
  batch: number; packets: number; traps: number; emitted: number;
  base?: { out: number; ns: number[] }; wasm?: { out: number; ns: number[] }; c?: { out: number; ns: number[] };
  /** Zero copy (clickos_resident_*): the loop that receives into module memory, and that loop plus the push. */
  zbase?: { out: number; ns: number[] }; zc?: { out: number; ns: number[] };
}

/** Writes frames to a pcap under TMP (the driver's input). */
export function framesFile(name: string, frames: Uint8Array[]): string {
  mkdirSync(TMP, { recursive: true });
  const p = join(TMP, `${name.replace(/[^A-Za-z0-9_-]/g, "_")}.pcap`);
  writeFileSync(p, writePcap(frames.map((data, i) => ({ data, timestampNs: BigInt(i + 1) * 1000n }))));
  return p;
}

export function runNative(exe: string, o: { input: string; elem: string; inputs: number; outputs: number; cref?: string; cargs?: string;
  batch: number; packets: number; reps: number; variants?: string }): NativeRun {
  const args = ["--in", o.input, "--elem", o.elem, "--inputs", String(o.inputs), "--outputs", String(o.outputs),
    "--batch", String(o.batch), "--packets", String(o.packets), "--reps", String(o.reps), "--variants", o.variants ?? "base,wasm,zbase,zc,c"];
  if (o.cref) args.push("--cref", o.cref, "--cargs", o.cargs ?? "");
  const r = spawnSync(exe, args, { encoding: "utf8", timeout: 600_000 });
  if (r.status !== 0) throw new Error(`bench-native ${o.elem}: exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as NativeRun;
}

/** Instructions per packet of each variant, from callgrind (null when valgrind is missing). */
export function callgrindNative(exe: string, o: { input: string; elem: string; inputs: number; outputs: number; cref?: string; cargs?: string; batch: number; packets: number }):
  Record<string, number> | null {
  if (spawnSync("sh", ["-c", "command -v valgrind"]).status !== 0) return null;
  const res: Record<string, number> = {};
  for (const v of ["base", "wasm", "zbase", "zc", ...(o.cref ? ["c"] : [])]) {
    const out = join(TMP, `callgrind.out.${process.pid}`);
    const args = ["--tool=callgrind", "--collect-atstart=no", "--instr-atstart=no", `--callgrind-out-file=${out}`, exe,
      "--in", o.input, "--elem", o.elem, "--inputs", String(o.inputs), "--outputs", String(o.outputs), "--batch", String(o.batch),
      "--packets", String(o.packets), "--variants", v, "--callgrind"];
    if (o.cref) args.push("--cref", o.cref, "--cargs", o.cargs ?? "");
    const r = spawnSync("valgrind", args, { encoding: "utf8", timeout: 600_000 });
    const m = /Collected\s*:\s*(\d+)/.exec(r.stderr ?? "");
    rmSync(out, { force: true });
    if (r.status !== 0 || !m) throw new Error(`callgrind ${o.elem} ${v}: ${r.stderr.slice(-600)}`);
    res[v] = Number(m[1]) / o.packets;
  }
  return res;
}

/**
 * Heap allocations (malloc/calloc/realloc) per packet in the native host, from
 * valgrind memcheck's "total heap usage": the wasm variant alone (warm-up pass +
 * one timed pass = 2P packets) run with P and 2P packets, so set-up cancels out.
 * null when valgrind is missing.
 */
export function nativeMallocs(exe: string, o: { input: string; elem: string; inputs: number; outputs: number }, packets: number): number | null {
  if (spawnSync("sh", ["-c", "command -v valgrind"]).status !== 0) return null;
  const count = (p: number) => {
    const r = spawnSync("valgrind", ["--tool=memcheck", "--leak-check=no", exe, "--in", o.input, "--elem", o.elem, "--inputs", String(o.inputs),
      "--outputs", String(o.outputs), "--packets", String(p), "--reps", "1", "--variants", "wasm"], { encoding: "utf8", timeout: 600_000 });
    const m = /total heap usage: ([\d,]+) allocs/.exec(r.stderr ?? "");
    if (r.status !== 0 || !m) throw new Error(`memcheck ${o.elem}: ${(r.stderr ?? "").slice(-400)}`);
    return Number(m[1].replace(/,/g, ""));
  };
  return (count(2 * packets) - count(packets)) / (2 * packets);
}
