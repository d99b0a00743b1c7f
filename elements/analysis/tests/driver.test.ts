// The analysis golden cases run straight through elements.wasm (see ../../tcpudp/tests/driver-cases.ts).
import { describe, it, expect } from "vitest";
import { driverCases, runDriverCase } from "../../tcpudp/tests/driver-cases.ts";

const dir = new URL(".", import.meta.url).pathname;
const wasm = new URL("../../build/elements.wasm", import.meta.url).pathname;

describe("analysis golden cases through the ABI driver", () => {
  for (const name of driverCases(dir)) {
    it(name, () => expect(runDriverCase(dir, name, wasm)).toEqual([]));
  }
});
