// Helpers for the minios-host tests: find the C/wabt toolchain, build a .wat
// test module with wat2wasm + wasm2c + cc against the ClickOS wasm-rt runtime
// and a C driver, and run the driver.
import { execFileSync, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const HOST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const RUNTIME_DIR = join(HOST_DIR, "runtime");
export const TEST_DIR = join(HOST_DIR, "test");
export const SCRIPTS_DIR = join(HOST_DIR, "scripts");

/** Can cc build and run a program with these flags (e.g. sanitizers)? */
export function ccSupports(flags: string[]): boolean {
  const dir = mkdtempSync(join(tmpdir(), "minios-cc-probe-"));
  const src = join(dir, "probe.c");
  writeFileSync(src, "int main(void) { return 0; }\n");
  const exe = join(dir, "probe");
  const b = spawnSync("cc", [...flags, src, "-o", exe], { encoding: "utf8" });
  return b.status === 0 && spawnSync(exe, [], { encoding: "utf8" }).status === 0;
}

export function hasTool(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).status === 0;
}

/** Why the wasm2c tests cannot run here, or null if they can. */
export function missingToolchain(): string | null {
  const missing = ["wasm2c", "wat2wasm", "cc"].filter((t) => !hasTool(t));
  return missing.length ? `not installed: ${missing.join(", ")} (Debian: apt-get install wabt gcc)` : null;
}

function run(cmd: string, args: string[], cwd?: string): void {
  try {
    execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string };
    throw new Error(`${cmd} ${args.join(" ")} failed:\n${err.stderr ?? ""}${err.stdout ?? ""}`);
  }
}

export interface BuildOptions {
  /** extra flags for every C compile (e.g. sanitizers) */
  cflags?: string[];
  /** extra -D flags, e.g. WASM_RT_MAX_CALL_STACK_DEPTH=100 */
  defines?: string[];
}

/**
 * wat2wasm test/wat/<name>.wat, wasm2c -n <name>, then compile the runtime
 * (-std=c99 -Wall -Wextra -Werror), the generated C and
 * test/driver/<name>_driver.c, and link. Returns the executable's path.
 */
export function buildModule(name: string, opts: BuildOptions = {}): string {
  const dir = mkdtempSync(join(tmpdir(), `minios-rt-${name}-`));
  const cflags = ["-O2", "-g", ...(opts.cflags ?? []), ...(opts.defines ?? []).map((d) => `-D${d}`)];
  const inc = ["-I", join(RUNTIME_DIR, "include"), "-I", RUNTIME_DIR, "-I", join(TEST_DIR, "driver"), "-I", dir];
  run("wat2wasm", [join(TEST_DIR, "wat", `${name}.wat`), "-o", join(dir, `${name}.wasm`)]);
  run("wasm2c", [join(dir, `${name}.wasm`), "-n", name, "-o", join(dir, `${name}.c`)]);
  const strict = ["-std=c99", "-Wall", "-Wextra", "-Werror"];
  run("cc", [...strict, ...cflags, ...inc, "-c", join(RUNTIME_DIR, "clickos-rt.c"), "-o", join(dir, "rt.o")]);
  // wasm2c's own output has unused-parameter/value warnings that are not ours.
  run("cc", ["-std=c99", "-w", ...cflags, ...inc, "-c", join(dir, `${name}.c`), "-o", join(dir, "mod.o")]);
  run("cc", [...strict, ...cflags, ...inc, "-c", join(TEST_DIR, "driver", `${name}_driver.c`), "-o", join(dir, "drv.o")]);
  const exe = join(dir, `${name}_driver`);
  run("cc", [...cflags, join(dir, "rt.o"), join(dir, "mod.o"), join(dir, "drv.o"), "-lm", "-o", exe]);
  return exe;
}

export interface DriverRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  lines: Record<string, unknown>[];
}

export function runDriver(exe: string, args: string[], prefix: string[] = []): DriverRun {
  const cmd = prefix.length ? prefix[0] : exe;
  const argv = prefix.length ? [...prefix.slice(1), exe, ...args] : args;
  const r: SpawnSyncReturns<string> = spawnSync(cmd, argv, { encoding: "utf8", timeout: 120_000 });
  const lines = r.stdout
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, lines };
}
