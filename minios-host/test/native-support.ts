// Helpers for the native-host tests (native-*.test.ts): build a module's
// native sources with buildNative, compile the Linux harness once per module
// content (cached by hash under the OS temp dir, so test files share it), run
// it, and read/write pcaps.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildNative, HOST_PARTS } from "../../sdk/src/native/index.ts";
import { buildPackage } from "@clickos/sdk";
import { readCapture, writePcap } from "@clickos/runtime";
import { HOST_DIR, hasTool } from "./support.ts";

export const FAULTY_DIR = join(HOST_DIR, "test", "faulty");

/** Why these tests cannot run here, or null. */
export function nativeToolchainMissing(): string | null {
  const missing = ["wasm2c", "cc", "make"].filter((t) => !hasTool(t));
  return missing.length ? `not installed: ${missing.join(", ")} (Debian: apt-get install wabt gcc make)` : null;
}

function hashOf(paths: string[]): string {
  const h = createHash("sha256");
  for (const p of paths) h.update(readFileSync(p));
  return h.digest("hex").slice(0, 16);
}

/** buildNative(linux) + make: the harness binary for this module (cached by content). */
export async function harnessFor(wasm: string): Promise<string> {
  const sources = ["host/clickos_host.c", ...HOST_PARTS.map((f) => `host/${f}`), "host/clickos_host.h", "harness/clickos-run.c", "harness/chain.c", "harness/pcap.c", "harness/pcapng.c",
    "runtime/clickos-rt.c", "include/clickos_abi.h"].map((f) => join(HOST_DIR, f));
  // And the generator: a change in how clickos build writes the C changes the binary.
  const gen = resolve(HOST_DIR, "..", "sdk", "src", "native");
  const generator = readdirSync(gen).filter((f) => f.endsWith(".ts")).sort().map((f) => join(gen, f));
  // And the sandbox every module goes through before wasm2c.
  generator.push(...["wasm/meter.ts", "host/sandbox.ts"].map((f) => resolve(HOST_DIR, "..", "runtime", "src", f)));
  const key = hashOf([wasm, ...sources, ...generator]);
  const cache = join(tmpdir(), "clickos-native-harness", key);
  const exe = join(cache, "clickos-run");
  if (existsSync(exe)) return exe;
  mkdirSync(join(tmpdir(), "clickos-native-harness"), { recursive: true });
  const work = mkdtempSync(join(tmpdir(), "clickos-native-harness", `${key}-tmp-`));
  await buildNative({ wasm, outDir: work, target: "linux" });
  const make = spawnSync("make", ["-s", "-f", "clickos.mk", "CC=cc"], { cwd: work, encoding: "utf8", timeout: 300_000 });
  if (make.status !== 0) throw new Error(`building the harness failed:\n${make.stderr}${make.stdout}`);
  try { renameSync(work, cache); } catch { rmSync(work, { recursive: true, force: true }); }  // another worker won the race
  if (!existsSync(exe)) throw new Error(`harness missing after build: ${exe}`);
  return exe;
}

export async function faultyWasm(): Promise<string> {
  return (await buildPackage({ dir: FAULTY_DIR })).wasm;
}

export interface HarnessRun {
  status: number | null;
  stdout: string;
  stderr: string;
  out: Uint8Array[];
  out1: Uint8Array[];
  outBytes?: Uint8Array;
  out1Bytes?: Uint8Array;
  handlers: Record<string, string>;
}

/** Runs the harness on frames (or a pcap file's bytes); returns its outputs. */
export function runHarness(exe: string, chain: string, input: Uint8Array[] | Uint8Array, extra: string[] = [], handlers: string[] = [], opts: { out1?: boolean } = {}): HarnessRun {
  const dir = mkdtempSync(join(tmpdir(), "clickos-run-"));
  const inPath = join(dir, "in.pcap"), outPath = join(dir, "out.pcap"), out1Path = join(dir, "out1.pcap");
  writeFileSync(inPath, input instanceof Uint8Array ? input : writePcap(input.map((data, i) => ({ data, timestampNs: BigInt(i + 1) * 1000n }))));
  const args = ["--chain", chain, "--in", inPath, "--out", outPath, ...(opts.out1 === false ? [] : ["--out1", out1Path]), ...extra, ...handlers.flatMap((h) => ["-h", h])];
  const r = spawnSync(exe, args, { encoding: "utf8", timeout: 600_000 }); // a bound for a hang
  const read = (p: string) => (existsSync(p) ? readCapture(new Uint8Array(readFileSync(p))).records.map((x) => x.data) : []);
  // `click -h` format: "name:\nvalue\n\n" per handler
  const values: Record<string, string> = {};
  for (const h of [...handlers]) {
    const at = (r.stdout ?? "").indexOf(`${h}:\n`);
    if (at < 0) continue;
    const rest = r.stdout.slice(at + h.length + 2);
    const end = rest.indexOf("\n\n");
    values[h] = end < 0 ? rest : rest.slice(0, end);
  }
  const res: HarnessRun = { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "", out: read(outPath), out1: read(out1Path), handlers: values };
  if (existsSync(outPath)) res.outBytes = new Uint8Array(readFileSync(outPath));
  if (existsSync(out1Path)) res.out1Bytes = new Uint8Array(readFileSync(out1Path));
  rmSync(dir, { recursive: true, force: true });
  return res;
}

export const REPO = resolve(HOST_DIR, "..");
