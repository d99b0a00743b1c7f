// The native host prints a handler of any size as the Node host does: the
// standard elements' AggregateIPFlows after 6000 flows (> 64 KiB of text, so it
// comes in pieces through clickos.handler_text, with the handler fuel budget),
// read with the harness's -h, byte for byte the Node host's text.
import { beforeAll, describe, expect, it } from "vitest";
import { runClick } from "@clickos/runtime";
import { pkt } from "@clickos/sdk/testing";
import { ensureStandardElementsBuilt } from "../../test/support/build-once.ts";
import { harnessFor, nativeToolchainMissing, runHarness } from "./native-support.ts";
import { writePcap } from "@clickos/runtime";

const missing = nativeToolchainMissing();
const N = 6000;

describe.skipIf(missing)(`handlers of any size, natively (${missing ?? "wasm2c + cc"})`, () => {
  let exe = "";
  let wasm = "";
  beforeAll(async () => { wasm = await ensureStandardElementsBuilt(); exe = await harnessFor(wasm); }, 600_000);

  it(`AggregateIPFlows' flows after ${N} flows matches the Node host`, () => {
    const frames = Array.from({ length: N }, (_, i) => ({
      data: pkt.ether().ipv4({ src: `10.0.${i >> 8}.${i & 255}`, dst: "203.0.113.5" }).udp({ sport: 1024 + i, dport: 53 }).payload("q").build(),
      timestampNs: 1_700_000_000_000_000_000n + BigInt(i) * 1000n,
    }));
    const input = writePcap(frames, { linkType: 1 });
    const chain = "Strip(14) -> CheckIPHeader -> a :: AggregateIPFlows";
    const native = runHarness(exe, chain, input, [], ["a.flows", "a.nflows"], { out1: false });
    const node = runClick(`FromDump(in.pcap) -> ${chain} -> Discard;`, { files: { "in.pcap": input }, elements: wasm, log: () => {} });
    const expected = node.read("a.flows");
    expect(expected.split("\n")).toHaveLength(N + 1);
    expect(native.handlers["a.nflows"]).toBe(String(N));
    expect(native.handlers["a.flows"]).toBe(expected.trimEnd());
  }, 600_000);
});
