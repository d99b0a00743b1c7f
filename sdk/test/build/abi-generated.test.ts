// The ABI is defined once (sdk/abi/abi.json); the generated TypeScript, AssemblyScript
// and C files must match it.
import { it, expect } from "vitest";
import { execFileSync } from "node:child_process";

it("generated ABI files are up to date with sdk/abi/abi.json", () => {
  const script = new URL("../../scripts/gen-abi.mjs", import.meta.url).pathname;
  expect(() => execFileSync(process.execPath, [script, "--check"], { stdio: "pipe" })).not.toThrow();
});
