// Shared by the click-*.test.ts files.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ensureStandardElementsBuilt } from "../../test/support/build-once.ts";
import { defaultWasmPath } from "@clickos/sdk";
import { HOST_DIR } from "./support.ts";

/** The standard elements' release .wasm. vitest's global setup builds it; when
 *  a rebuild fails mid-edit elsewhere in the tree, the last good build is used
 *  (and said), since these tests check the Click glue, not the elements. */
export async function standardElementsWasm(): Promise<string> {
  const wasm = defaultWasmPath(join(HOST_DIR, "..", "elements"));
  try {
    return await ensureStandardElementsBuilt();
  } catch (e) {
    if (!existsSync(wasm)) throw e;
    console.warn(`click tests: using the existing ${wasm}; rebuilding failed: ${String((e as Error).message).split("\n")[0]}`);
    return wasm;
  }
}
