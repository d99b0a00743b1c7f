// `npm run bench`: packets per second through TemplateElement on the Node host,
// the fixture repeated to 100,000 packets. A measurement, never a pass/fail test.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { bench } from "vitest";
import { runClick, readCapture, writePcap } from "@clickos/sdk/testing";

const wasm = fileURLToPath(new URL("../build/elements.wasm", import.meta.url));
const one = readCapture(new Uint8Array(readFileSync(new URL("./fixtures/mixed.pcap", import.meta.url))));
const records = Array.from({ length: 100_000 }, (_, i) => one.records[i % one.records.length]);
const input = writePcap(records, { linkType: one.linkType });

bench("TemplateElement, 100,000 packets", () => {
  runClick("c :: TemplateElement(udp); FromDump(in.pcap) -> c; c[0] -> Discard; c[1] -> Discard;", { files: { "in.pcap": input }, modules: [wasm], elements: false });
});
