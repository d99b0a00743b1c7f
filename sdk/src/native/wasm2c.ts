// Runs Debian's wasm2c (wabt 1.0.32). WASM2C in the environment overrides the
// command. Always passes -n so every symbol carries the module name.

import { spawn } from "node:child_process";

export function wasm2cCommand(): string { return process.env.WASM2C || "wasm2c"; }

export function runWasm2c(wasm: string, prefix: string, outC: string): Promise<void> {
  const cmd = wasm2cCommand();
  return new Promise((resolvePromise, reject) => {
    let stderr = "";
    const child = spawn(cmd, [wasm, "-n", prefix, "-o", outC], { stdio: ["ignore", "ignore", "pipe"] });
    child.stderr.on("data", (d) => { stderr += d; });
    child.on("error", (e: NodeJS.ErrnoException) => {
      reject(new Error(e.code === "ENOENT" ? `wasm2c not found: install Debian's wabt (apt-get install wabt), or set WASM2C` : `wasm2c: ${e.message}`));
    });
    child.on("close", (code) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`wasm2c failed on ${wasm} (exit ${code}):\n${stderr.trim()}`));
    });
  });
}
