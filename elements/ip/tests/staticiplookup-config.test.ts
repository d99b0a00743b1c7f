// StaticIPLookup configuration errors (Click's messages where Click has one) and
// the routing table handler, through the Node host.
import { describe, it, expect } from "vitest";
import { runClick } from "@clickos/runtime";
import { pcapOf, pkt } from "@clickos/sdk/testing";

const elements = process.env.CLICKOS_ELEMENTS ?? new URL("../../build/elements.wasm", import.meta.url).pathname;
const input = pcapOf([pkt.ether().ipv4({ dst: "10.0.0.1" }).udp().build()]);
const run = (routes: string, outputs = 2) => runClick(
  `FromDump(in.pcap) -> Strip(14) -> CheckIPHeader -> rt :: StaticIPLookup(${routes});\n`
  + Array.from({ length: outputs }, (_, i) => `rt[${i}] -> Discard;`).join("\n"),
  { files: { "in.pcap": input }, elements, configFile: "t.click", log: () => {} });

describe("StaticIPLookup configuration", () => {
  it("accepts routes with and without gateways, '-', bare addresses and dotted masks", () => {
    const r = run("10.0.0.1 0, 10.0.0.0/255.0.0.0 - 1, 0.0.0.0/0 192.0.2.1 1");
    // Configuration order, with Click's alignment tabs (IPRoute::unparse).
    expect(r.read("rt.table")).toBe("10.0.0.1/32\t\t-\t\t0\n10.0.0.0/8\t\t-\t\t1\n0.0.0.0/0\t\t192.0.2.1\t1\n");
  });
  it("masks the address to its prefix", () => {
    expect(run("10.1.2.3/16 0", 1).read("rt.table")).toBe("10.1.0.0/16\t\t-\t\t0\n");
  });
  it("prints long prefixes and gateways with one tab, as Click aligns them", () => {
    expect(run("192.168.100.0/24 192.168.100.254 0", 1).read("rt.table")).toBe("192.168.100.0/24\t192.168.100.254\t0\n");
  });
  it.each([
    ["10.0.0.0/8", "argument 1 should be 'ADDR/MASK [GATEWAY] OUTPUT'"],
    ["10.0.0.0/8 x 0", "argument 1 should be 'ADDR/MASK [GATEWAY] OUTPUT'"],
    ["10.0.0.0/33 0", "argument 1 should be 'ADDR/MASK [GATEWAY] OUTPUT'"],
    ["10.0.0.0/8 1.2.3.4 0 9", "argument 1 should be 'ADDR/MASK [GATEWAY] OUTPUT'"],
    ["10.0.0.0/8 -1", "argument 1 should be 'ADDR/MASK [GATEWAY] OUTPUT'"],
    ["10.0.0.0/8 0, 0.0.0.0/0 2", "argument 2: output 2 out of range (2 outputs connected)"],
    ["10.0.0.0/8 0, 10.9.0.0/8 1", "argument 2: conflict with existing route '10.0.0.0/8 - 0'"],
  ])("refuses %s", (routes, message) => {
    expect(() => run(routes)).toThrow(message);
  });
  it("names the element and the line", () => {
    expect(() => run("bogus")).toThrow(/t\.click:1: While configuring 'rt :: StaticIPLookup'/);
  });
});
