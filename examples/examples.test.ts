// Every example middlebox, run through the Node host on its bundled input
// captures: each output must equal the capture its make-traffic.ts built
// independently (expected/), and the handler values in expected-handlers.json
// must hold. Failures name the example, the output, the packet and the field.
import { describe, it, expect, beforeAll } from "vitest";
import { exampleNames, runExample, expectedOutputs, compareOutput, checkHandlers, type ExampleRun } from "./lib/run-example.ts";

const root = new URL(".", import.meta.url).pathname;
// CLICKOS_ELEMENTS picks another build of the standard elements (as the runtime does).
const elements = process.env.CLICKOS_ELEMENTS ?? new URL("../elements/build/elements.wasm", import.meta.url).pathname;
const EXAMPLES = ["forwarder", "ethermirror", "iprouter", "firewall", "cgnat", "bras", "loadbalancer", "flowmonitor", "ids"];

it("every example directory is listed here, and every listed one exists", () => {
  expect(exampleNames(root)).toEqual([...EXAMPLES].sort());
});

for (const name of EXAMPLES) {
  describe(name, () => {
    let run: ExampleRun;
    const expected = expectedOutputs(root, name);
    beforeAll(() => { run = runExample(root, name, elements); });

    it("has expected outputs", () => {
      expect(Object.keys(expected).length, `${name}: no expected/*.pcap`).toBeGreaterThan(0);
    });
    for (const file of Object.keys(expected).sort()) {
      it(`writes ${file} as expected`, () => {
        const failure = compareOutput(name, file, expected[file], run.outputs[file]);
        if (failure) throw new Error(failure);
      });
    }
    it("writes no output without an expected capture", () => {
      expect(Object.keys(run.outputs).filter((f) => !(f in expected)), `${name}: unexpected outputs`).toEqual([]);
    });
    it("has the expected handler values", () => {
      const failures = checkHandlers(root, run);
      if (failures.length) throw new Error(failures.join("\n"));
    });
  });
}
