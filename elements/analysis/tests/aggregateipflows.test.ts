// AggregateIPFlows annotations (invisible in pcap output): the aggregate annotation
// (user annotation bytes 4..7, Click's AGGREGATE_ANNO) and the paint (direction),
// packet by packet over the AggregateIPFlows-01 input; and the clear handler.
import { it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { readCapture } from "@clickos/runtime";
import { ElementDriver } from "../../tcpudp/tests/wasm-driver.ts";

const dir = new URL(".", import.meta.url).pathname;
const wasm = new URL("../../build/elements.wasm", import.meta.url).pathname;
const USER = 16; // ABI: user annotation area offset; paint is its byte 0

function run(d: ElementDriver, file: string) {
  const cap = readCapture(new Uint8Array(readFileSync(dir + file)), file);
  return cap.records.map((r) => {
    const [o] = d.push(0, [{ data: r.data.slice(14), timestampNs: r.timestampNs }]);
    const dv = new DataView(o.anno.buffer, o.anno.byteOffset);
    return { port: o.port, agg: dv.getUint32(USER + 4, true), paint: o.anno[USER] };
  });
}

it("numbers flows from 1 and paints replies 1", () => {
  const d = new ElementDriver(wasm);
  expect(d.create("AggregateIPFlows", "TCP_DONE_TIMEOUT 5, UDP_TIMEOUT 10", 1, 2)).toEqual([]);
  const got = run(d, "AggregateIPFlows-01.IN.pcap").filter((x) => x.port === 0).map((x) => [x.agg, x.paint]);
  expect(got).toEqual([[1, 0], [1, 1], [2, 0], [1, 0], [1, 0], [1, 1], [3, 0], [4, 0], [4, 1]]);
});

it("clear forgets flows but keeps numbering", () => {
  const d = new ElementDriver(wasm);
  expect(d.create("AggregateIPFlows", "", 1, 2)).toEqual([]);
  run(d, "AggregateIPFlows-02.IN.pcap");
  expect(d.read("nflows")).toBe("3");
  d.write("clear", "");
  expect(d.read("nflows")).toBe("0");
  expect(d.read("flows")).toBe("");
  const again = run(d, "AggregateIPFlows-02.IN.pcap");
  expect(again[0]).toEqual({ port: 0, agg: 4, paint: 0 });
});

it("rejects what it cannot do, with Click-style messages", () => {
  const d = new ElementDriver(wasm);
  expect(d.create("AggregateIPFlows", "FRAGMENTS true", 1, 2).join()).toMatch(/FRAGMENTS true is not supported/);
  expect(d.create("AggregateIPFlows", "CAPACITY 0", 1, 2).join()).toMatch(/CAPACITY must be at least 1/);
  expect(d.create("AggregateIPFlows", "UDP_TIMEOUT soon", 1, 2).join()).toMatch(/UDP_TIMEOUT type mismatch/);
});
