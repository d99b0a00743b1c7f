// Click's packet order where two outputs meet again. Click pushes one packet at
// a time, so `c :: Classifier(12/0800, -); c[0] -> td; c[1] -> td` writes the
// packets in input order; batches must not group them by output. Covered: a
// WASM classifier, a host Tee, a WASM element that works on its batch as a
// whole and emits copies (the ABI's output-order stamps), and the helpers.
import { beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runClick } from "../../src/run.ts";
import { writePcap } from "../../src/pcap/index.ts";
import { outputsMeet } from "../../src/host/merges.ts";
import { deliveryOrder } from "../../src/host/wasm-element.ts";
import { DESC_SIZE, DESC_FLAGS, ORDER_SHIFT } from "../../src/abi.generated.ts";
import { buildPackage } from "@clickos/sdk";
import { packetsOf } from "./helpers.ts";

/** Frame i: Ethernet type `types[i]`, byte 14 = i (its number in the capture). */
function capture(types: number[]): Uint8Array {
  return writePcap(types.map((t, i) => {
    const d = new Uint8Array(60);
    d[12] = t >> 8; d[13] = t & 0xff; d[14] = i;
    return { data: d, timestampNs: 1_700_000_000_000_000_000n + BigInt(i) * 1000n };
  }), { linkType: 1 });
}
const numbers = (file: Uint8Array) => packetsOf(file).map((p) => p[14]);
const run = (config: string, files: Record<string, Uint8Array>, extra: object = {}) =>
  runClick(config, { files, configFile: "t.click", log: () => {}, ...extra });

const IP = 0x0800, ARP = 0x0806;
const mixed = [IP, ARP, IP, ARP, IP, ARP, ARP, ARP, IP, IP, IP, ARP];

describe("packet order at merge points (Click's one-packet-at-a-time order)", () => {
  it("a WASM Classifier's two outputs into one ToDump keep input order", () => {
    const r = run(`FromDump(in.pcap) -> c :: Classifier(12/0800, -);\nc[0] -> td :: ToDump(out.pcap);\nc[1] -> td;`, { "in.pcap": capture(mixed) });
    expect(numbers(r.files["out.pcap"])).toEqual(mixed.map((_, i) => i));
  });

  it("through further WASM elements on each branch (runs stay in order across crossings)", () => {
    const r = run(`FromDump(in.pcap) -> c :: Classifier(12/0800, -);\nc[0] -> Paint(1) -> td :: ToDump(out.pcap);\nc[1] -> Paint(2) -> Paint(3) -> td;`, { "in.pcap": capture(mixed) });
    expect(numbers(r.files["out.pcap"])).toEqual(mixed.map((_, i) => i));
  });

  it("a host Tee whose outputs meet again sends each packet's copies before the next packet", () => {
    const r = run(`FromDump(in.pcap) -> t :: Tee(3);\nt[0] -> td :: ToDump(out.pcap);\nt[1] -> td;\nt[2] -> Strip(0) -> td;`, { "in.pcap": capture([IP, IP, IP]) });
    expect(numbers(r.files["out.pcap"])).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2]);
  });

  it("a host Tee whose outputs never meet still sends each output in order", () => {
    const r = run(`FromDump(in.pcap) -> t :: Tee;\nt[0] -> ToDump(a.pcap);\nt[1] -> ToDump(b.pcap);`, { "in.pcap": capture(mixed) });
    expect(numbers(r.files["a.pcap"])).toEqual(mixed.map((_, i) => i));
    expect(numbers(r.files["b.pcap"])).toEqual(mixed.map((_, i) => i));
  });

  describe("a WASM element that works on its batch as a whole", () => {
    let wasm = "";
    beforeAll(async () => {
      wasm = join(mkdtempSync(join(tmpdir(), "order-")), "order.wasm");
      await buildPackage({ dir: join(import.meta.dirname, "fixtures", "pkg-order"), out: wasm });
    }, 600_000);

    it("emitted copies and input packets leave interleaved, in the order it gave them outputs", () => {
      const r = run(`FromDump(in.pcap) -> e :: OrderEcho -> td :: ToDump(out.pcap);\ne[1] -> td;`, { "in.pcap": capture([IP, IP, IP]) }, { modules: [wasm] });
      const out = packetsOf(r.files["out.pcap"]).map((p) => [p[0], p[14]]);
      expect(out).toEqual([[0xee, 0], [0, 0], [0xee, 1], [0, 1], [0xee, 2], [0, 2]]);
    });

    it("simpleAction knows the input port its packet came in on (Element.inputPort)", () => {
      const r = run(`a :: FromDump(a.pcap) -> [0] t :: PortTag -> ToDump(out.pcap);\nFromDump(b.pcap) -> [1] t;`,
        { "a.pcap": capture([IP, IP]), "b.pcap": capture([ARP]) }, { modules: [wasm] });
      expect(packetsOf(r.files["out.pcap"]).map((p) => p[0]).sort()).toEqual([0xa0, 0xa0, 0xa1]);
    });

    it("Timer objects fire, reschedule and report scheduled; Anno names address Click's annotation bytes", () => {
      const r = run(`t :: TickTock(3) -> ps :: PaintSwitch;\nps[0] -> Discard;\nps[1] -> c1 :: Counter -> td :: ToDump(out.pcap);\nps[2] -> c2 :: Counter -> td;\nps[3] -> c3 :: Counter -> pp :: PaintSwitch(ICMP_PARAMPROB);\npp[0] -> Discard;\npp[1] -> Discard;\npp[2] -> bad :: Counter -> Discard;\n`,
        {}, { modules: [wasm] });
      expect(r.read("t.ticks")).toBe("3");
      expect(r.read("t.scheduled")).toBe("false");
      expect([r.read("c1.count"), r.read("c2.count"), r.read("c3.count")]).toEqual(["1", "1", "1"]);
      expect(packetsOf(r.files["out.pcap"]).map((p) => p[0])).toEqual([1, 2]);
      expect(r.read("bad.count")).toBe("0"); // 0xAB in ICMP_PARAMPROB: not output 2
    });

    it("an element that gives outputs last-to-first sends its batch reversed", () => {
      const r = run(`FromDump(in.pcap) -> OrderEcho(REVERSE true) -> ToDump(out.pcap);`, { "in.pcap": capture([IP, IP, IP, IP]) }, { modules: [wasm] });
      expect(numbers(r.files["out.pcap"])).toEqual([3, 2, 1, 0]);
    });
  });
});

describe("outputsMeet", () => {
  const c = (from: string, fromPort: number, to: string) => ({ from, fromPort, to, toPort: 0 });
  it("is true when two outputs reach a common element, false when their paths stay apart", () => {
    expect(outputsMeet("t", [c("t", 0, "a"), c("t", 1, "b"), c("a", 0, "m"), c("b", 0, "m")], )).toBe(true);
    expect(outputsMeet("t", [c("t", 0, "a"), c("t", 1, "b"), c("a", 0, "x"), c("b", 0, "y")])).toBe(false);
    expect(outputsMeet("t", [c("t", 0, "a"), c("t", 0, "b"), c("a", 0, "m"), c("b", 0, "m")])).toBe(false); // one output
    expect(outputsMeet("t", [c("t", 0, "a"), c("t", 1, "b"), c("a", 0, "t"), c("b", 0, "t")])).toBe(true);  // loops back
  });
});

describe("deliveryOrder", () => {
  const frame = (stamps: number[]) => {
    const m = new Int32Array((stamps.length * DESC_SIZE) >> 2);
    stamps.forEach((s, i) => { m[((i * DESC_SIZE) >> 2) + (DESC_FLAGS >> 2)] = (s << ORDER_SHIFT) | 2; });
    return m;
  };
  it("is null (batch order) for the default push's stamps 1, 2, 3", () => {
    expect(deliveryOrder(frame([1, 2, 3]), 0, 3, 0, 0)).toBeNull();
  });
  it("sorts by stamp, unstamped after the stamped in batch order, ties in batch order", () => {
    expect([...deliveryOrder(frame([3, 0, 1, 0, 1]), 0, 5, 0, 0)!]).toEqual([2, 4, 0, 1, 3]);
  });
  it("interleaves emitted descriptors (entries n..) with the input ones", () => {
    const m = frame([2, 4, 1, 3]); // two inputs at 0, two emitted after them
    expect([...deliveryOrder(m, 0, 2, 2 * DESC_SIZE, 2)!]).toEqual([2, 0, 3, 1]);
  });
});
