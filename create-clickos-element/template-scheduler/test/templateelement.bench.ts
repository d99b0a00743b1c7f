// `npm run bench`: packets per second through TemplateElement on the Node host,
// 100,000 pulls over two InfiniteSources. A measurement, never a pass/fail test.

import { fileURLToPath } from "node:url";
import { bench } from "vitest";
import { runClick } from "@clickos/sdk/testing";

const wasm = fileURLToPath(new URL("../build/elements.wasm", import.meta.url));

bench("TemplateElement(3, 1), 100,000 packets", () => {
  runClick([
    "s :: TemplateElement(3, 1) -> Discard;",
    "InfiniteSource(LIMIT 50000) -> [0]s;",
    "InfiniteSource(LIMIT 50000) -> [1]s;",
  ].join("\n"), { modules: [wasm], elements: false });
});
