// Builds the deliberately faulty element package once per test file.
import { buildPackage } from "../../../sdk/src/build/build.ts";

const dir = new URL("../../../test/fixtures/faulty", import.meta.url).pathname;
let built: Promise<string> | null = null;

export function faultyWasm(): Promise<string> {
  built ??= buildPackage({ dir }).then((r) => r.wasm);
  return built;
}
