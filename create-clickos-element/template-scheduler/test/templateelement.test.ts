// Golden tests in Click's style: sources, a configuration, the expected output.
// TemplateElement is a pull scheduler, so its inputs are pull sources: Click's
// InfiniteSource in pull mode (a packet on every pull until LIMIT), and a Queue
// filled from test/fixtures/mixed.pcap (raw IP: seven IPv4 packets and one that
// is not IPv4) before the first pull. `npm test` builds build/elements.wasm first.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runClick, readCapture, diffPackets } from "@clickos/sdk/testing";

const LINKTYPE_RAW = 101;
const wasm = fileURLToPath(new URL("../build/elements.wasm", import.meta.url));
const input = new Uint8Array(readFileSync(new URL("./fixtures/mixed.pcap", import.meta.url)));

function run(config: string) {
  return runClick(config, { files: { "in.pcap": input }, modules: [wasm], elements: false });
}

function packetsOf(file: Uint8Array | undefined): Uint8Array[] {
  expect(file, "the output capture was not written").toBeDefined();
  return readCapture(file!).records.map((r) => r.data);
}

/** The 20-byte packet InfiniteSource(DATA \<...>) makes here: byte `b` repeated. */
const filled = (b: number) => new Uint8Array(20).fill(b);
const source = (b: number, limit: number) => `InfiniteSource(DATA \\<${b.toString(16).repeat(20)}>, LIMIT ${limit})`;

/** What a weighted round robin gives for inputs of `limits` packets (filled(0xa0 + i)). */
function weighted(weights: number[], limits: number[]): Uint8Array[] {
  const left = [...limits], out: Uint8Array[] = [];
  let cur = 0;
  while (left.some((n) => n > 0)) {
    for (let k = 0; k < weights[cur] && left[cur] > 0; k++) { left[cur]--; out.push(filled(0xa0 + cur)); }
    cur = (cur + 1) % weights.length;
  }
  return out;
}

describe("TemplateElement", () => {
  it("TemplateElement-01: stays on an input for its weight, skips inputs that ran dry", () => {
    const r = run([
      "s :: TemplateElement(3, 1, 2) -> ToDump(out.pcap, ENCAP IP);",
      `${source(0xa0, 7)} -> [0]s;`,
      `${source(0xa1, 5)} -> [1]s;`,
      `${source(0xa2, 2)} -> [2]s;`,
    ].join("\n"));
    const diff = diffPackets(weighted([3, 1, 2], [7, 5, 2]), packetsOf(r.files["out.pcap"]), { linkType: LINKTYPE_RAW });
    expect(diff, diff ?? "").toBeNull();
    expect(r.read("s.pulled")).toBe("7 5 2");
  });

  it("TemplateElement-02: no weights is a round robin (Click's RoundRobinSched)", () => {
    const r = run([
      "s :: TemplateElement -> ToDump(out.pcap, ENCAP IP);",
      `${source(0xa0, 3)} -> [0]s;`,
      `${source(0xa1, 3)} -> [1]s;`,
    ].join("\n"));
    expect(packetsOf(r.files["out.pcap"])).toEqual(weighted([1, 1], [3, 3]));
  });

  it("TemplateElement-03: a Queue's packets pass unchanged, two at a time between the other input's", () => {
    const r = run([
      "FromDump(in.pcap) -> q :: Queue -> [0]s :: TemplateElement(2, 1);",
      `${source(0xa1, 3)} -> [1]s;`,
      "s -> ToDump(out.pcap, ENCAP IP);",
    ].join("\n"));
    const mixed = readCapture(input).records.map((x) => x.data);
    const b = filled(0xa1);
    const want = [mixed[0], mixed[1], b, mixed[2], mixed[3], b, mixed[4], mixed[5], b, mixed[6], mixed[7]];
    const diff = diffPackets(want, packetsOf(r.files["out.pcap"]), { linkType: LINKTYPE_RAW });
    expect(diff, diff ?? "").toBeNull();
    expect(r.read("s.pulled")).toBe("8 3");
  });

  it("reports bad weights in Click's style, naming the element", () => {
    expect(() => run("InfiniteSource -> s :: TemplateElement(0) -> Discard;")).toThrow(/s :: TemplateElement.*WEIGHT0 must be an integer from 1 to 1000000, not '0'/s);
    expect(() => run("InfiniteSource -> s :: TemplateElement(1, 2) -> Discard;")).toThrow(/2 weights for 1 input\(s\)/);
  });
});
