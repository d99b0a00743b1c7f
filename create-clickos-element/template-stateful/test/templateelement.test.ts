// Golden tests in Click's style: an input capture, a configuration, the expected
// output and handler values. The input is test/fixtures/mixed.pcap (raw IP: four
// IPv4 flows over seven packets, and one packet that is not IPv4). `npm test`
// builds build/elements.wasm first.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runClick, readCapture, diffPackets } from "@clickos/sdk/testing";

const LINKTYPE_RAW = 101;
const wasm = fileURLToPath(new URL("../build/elements.wasm", import.meta.url));
const input = new Uint8Array(readFileSync(new URL("./fixtures/mixed.pcap", import.meta.url)));

function run(config: string, writes?: Record<string, string>) {
  return runClick(config, { files: { "in.pcap": input }, modules: [wasm], elements: false, writes });
}

const FLOWS = [
  "10.0.0.1 10.0.0.2 6 1234 80 3",
  "10.0.0.2 10.0.0.1 6 80 1234 1",
  "10.0.0.3 10.0.0.4 17 40000 9 2",
  "10.0.0.1 10.0.0.4 1 0 0 1",
];

describe("TemplateElement", () => {
  it("TemplateElement-01: counts packets per flow, in first-seen order", () => {
    const r = run("FromDump(in.pcap) -> fc :: TemplateElement -> Discard;");
    expect(r.read("fc.flows")).toBe("4");
    expect(r.read("fc.table")).toBe(FLOWS.join("\n") + "\n");
    expect(r.read("fc.overflows")).toBe("0");
  });

  it("TemplateElement-02: passes every packet through unchanged", () => {
    const r = run("FromDump(in.pcap) -> TemplateElement -> ToDump(out.pcap, ENCAP IP);");
    const expected = readCapture(input).records.map((x) => x.data);
    const actual = readCapture(r.files["out.pcap"]!).records.map((x) => x.data);
    const diff = diffPackets(expected, actual, { linkType: LINKTYPE_RAW });
    expect(diff, diff ?? "").toBeNull();
  });

  it("TemplateElement-03: a full table counts new flows' packets as overflows", () => {
    const r = run("FromDump(in.pcap) -> fc :: TemplateElement(CAPACITY 2) -> Discard;");
    expect(r.read("fc.table")).toBe(FLOWS[0] + "\n" + FLOWS[1] + "\n");
    expect(r.read("fc.overflows")).toBe("3");
  });

  it("TemplateElement-04: reset empties the table", () => {
    const r = run("FromDump(in.pcap) -> fc :: TemplateElement -> Discard;");
    r.write("fc.reset", "");
    expect(r.read("fc.flows")).toBe("0");
    expect(r.read("fc.table")).toBe("");
  });

  it("TemplateElement-05: refuses a capacity outside 1..1048576", () => {
    expect(() => run("FromDump(in.pcap) -> TemplateElement(CAPACITY 0) -> Discard;")).toThrow(/CAPACITY must be between 1 and 1048576/);
  });
});
