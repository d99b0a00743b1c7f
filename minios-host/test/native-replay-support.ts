// Helpers for the crossing-replay conformance test (native-replay.test.ts):
// record a golden fixture's crossings in the Node host (RunOptions.trace), build
// clickos-replay for a module (buildNative linux + the generated clickos.mk, cached
// by content like the harness), and run it on a trace.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildNative, HOST_PARTS } from "../../sdk/src/native/index.ts";
import { runClick, WasmElement } from "@clickos/runtime";
import { CrossingTrace } from "../../runtime/src/host/trace.ts";
import { HOST_DIR } from "./support.ts";

const REPLAY_SOURCES = ["harness/clickos-replay.c", "harness/replay_trace.c", "harness/replay_trace.h"];

/** buildNative(linux) + make: clickos-replay linked with this module (cached by content). */
export async function replayFor(wasm: string): Promise<string> {
  const sources = [...REPLAY_SOURCES, "host/clickos_host.c", ...HOST_PARTS.map((f) => `host/${f}`), "host/clickos_host.h", "runtime/clickos-rt.c",
    "runtime/clickos-rt.h", "runtime/clickos-rt-config.h", "include/clickos_abi.h"].map((f) => join(HOST_DIR, f));
  const h = createHash("sha256");
  for (const p of [wasm, ...sources]) h.update(readFileSync(p));
  const key = h.digest("hex").slice(0, 16);
  const root = join(tmpdir(), "clickos-native-replay");
  const cache = join(root, key);
  const exe = join(cache, "clickos-replay");
  if (existsSync(exe)) return exe;
  mkdirSync(root, { recursive: true });
  const work = mkdtempSync(join(root, `${key}-tmp-`));
  const native = await buildNative({ wasm, outDir: work, target: "linux" });
  for (const f of REPLAY_SOURCES) copyFileSync(join(HOST_DIR, f), join(work, f));
  // The generated clickos.mk names the module's sources and flags; add one target.
  const V = `CLICKOS_${native.prefix.toUpperCase().replace(/[^A-Z0-9_]/g, "_")}`;
  writeFileSync(join(work, "replay.mk"), [
    "include clickos.mk",
    `clickos-replay: $(${V}_SRCS) $(CLICKOS_RUNTIME_SRCS) harness/clickos-replay.c harness/replay_trace.c`,
    `\t$(CC) $(${V}_CFLAGS) $(${V}_CPPFLAGS) -Iharness -DCLICKOS_REPLAY_MODULE=${native.defSymbol} -o $@ $^ -lm`,
    "",
  ].join("\n"));
  const make = spawnSync("make", ["-s", "-f", "replay.mk", "CC=cc", "clickos-replay"], { cwd: work, encoding: "utf8", timeout: 300_000 });
  if (make.status !== 0) throw new Error(`building clickos-replay failed:\n${make.stderr}${make.stdout}`);
  try { renameSync(work, cache); } catch { rmSync(work, { recursive: true, force: true }); }  // another worker won the race
  if (!existsSync(exe)) throw new Error(`clickos-replay missing after build: ${exe}`);
  return exe;
}

export interface Recording {
  trace: CrossingTrace;
  /** Handler paths read after the run (every readable handler of every module element). */
  handlers: string[];
}

/** Runs a configuration in the Node host with a crossing trace, then reads every
 *  readable handler of every WebAssembly element (so the replay compares them too). */
export function record(config: string, opts: { files: Record<string, Uint8Array>; elements: string | false; modules?: string[]; configFile: string }): Recording {
  const trace = new CrossingTrace();
  const res = runClick(config, { ...opts, trace, log: () => {} });
  const handlers: string[] = [];
  for (const e of res.router.elements) {
    if (!(e instanceof WasmElement)) continue;
    for (const h of e.cls.handlers) {
      if (!h.read) continue;
      handlers.push(`${e.name}.${h.name}`);
      // A read may fail (e.g. a handler that needs a keyword set): the trace
      // records the failure, and the replay must fail the same way.
      try { res.read(`${e.name}.${h.name}`); } catch { /* recorded */ }
    }
  }
  return { trace, handlers };
}

export interface ReplayRun { status: number | null; stdout: string; stderr: string; counts: Record<string, number> }

/** Runs clickos-replay on a trace; counts from its summary line. */
export function replay(exe: string, trace: Uint8Array, args: string[] = []): ReplayRun {
  const dir = mkdtempSync(join(tmpdir(), "clickos-replay-"));
  const path = join(dir, "trace.bin");
  writeFileSync(path, trace);
  const r = spawnSync(exe, [path, ...args], { encoding: "utf8", timeout: 120_000 });
  rmSync(dir, { recursive: true, force: true });
  const counts: Record<string, number> = {};
  for (const m of (r.stdout ?? "").matchAll(/(\w+)=(\d+)/g)) counts[m[1]] = Number(m[2]);
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "", counts };
}

/** Where the first data byte of the first output packet of the first push
 *  carrying packets sits in a trace (format: runtime/src/host/trace.ts), with the
 *  record's number and element, to tamper with it in a test. */
export function firstOutputByte(t: Uint8Array): { offset: number; record: number; element: string; className: string; count: number } | null {
  const dv = new DataView(t.buffer, t.byteOffset, t.byteLength);
  const dec = new TextDecoder();
  const names: { name: string; cls: string }[] = [];
  let at = 8, record = 0;
  const packetEnd = (p: number) => p + 8 + dv.getUint32(p + 4, true) + dv.getUint32(p, true) + 12 + 4 + 8 + 48 + 4 + 4;
  while (at < t.length) {
    const tag = t[at], len = dv.getUint32(at + 1, true), body = at + 5;
    record++;
    const element = dv.getUint32(body, true);
    let p = body + 12;
    const str = () => { const n = dv.getUint32(p, true); const s = dec.decode(t.subarray(p + 4, p + 4 + n)); p += 4 + n; return s; };
    if (tag === 1) { str(); const cls = str(), name = str(); names[element] = { name, cls }; }
    if (tag === 3) {
      const n = dv.getUint32(p + 4, true);
      p += 8;
      for (let i = 0; i < n; i++) p = packetEnd(p);
      if (n > 0 && t[p] === 0) {
        p += 1;
        const len0 = dv.getUint32(p, true), head = dv.getUint32(p + 4, true);
        if (len0 > 0) return { offset: p + 8 + head, record, element: names[element].name, className: names[element].cls, count: n };
      }
    }
    at = body + len;
  }
  return null;
}
