// runClick and buildRouter for element tests: the runtime's, plus the element
// package in the current directory (the one under test, once `clickos build` has
// made its .wasm), so a test names no module path. Pass currentPackage: false to
// leave it out, or a directory to load another one.
import { runClick as runtimeRunClick, buildRouter as runtimeBuildRouter, type RunOptions, type RunResult } from "@clickos/runtime";

export function runClick(config: string, opts: RunOptions = {}): RunResult {
  return runtimeRunClick(config, { currentPackage: true, ...opts });
}

export function buildRouter(config: string, opts: RunOptions = {}): ReturnType<typeof runtimeBuildRouter> {
  return runtimeBuildRouter(config, { currentPackage: true, ...opts });
}
