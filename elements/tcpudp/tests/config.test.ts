// Configuration errors (Click-style, located by input spec or argument) and the
// destination-address annotation, through elements.wasm.
import { it, expect } from "vitest";
import { pkt } from "@clickos/sdk/testing";
import { ElementDriver } from "./wasm-driver.ts";

const wasm = new URL("../../build/elements.wasm", import.meta.url).pathname;
const errorsOf = (cls: string, conf: string, nin = 1, nout = 2) => new ElementDriver(wasm).create(cls, conf, nin, nout).join("\n");

it.each([
  ["", /too few arguments; expected 'INPUTSPEC, \.\.\.'/],
  ["drop, drop", /need 1 arguments, one per input port/],
  ["frob 1", /input spec 0: unknown specification 'frob'/],
  ["drop 1", /input spec 0: syntax error, expected 'drop'/],
  ["pass 2", /input spec 0: output port out of range/],
  ["keep 0", /input spec 0: bad forward port/],
  ["keep 0 x", /input spec 0: bad reply port/],
  ["pattern NAT 0 1", /input spec 0: no such pattern 'NAT'/],
  ["pattern 1.2.3 - - - 0 1", /input spec 0: bad source address/],
  ["pattern - 0 - - 0 1", /input spec 0: bad source port/],
  ["pattern - 90-80 - - 0 1", /input spec 0: bad source port/],
  ["pattern - - 1.2.3.4.5 - 0 1", /input spec 0: bad destination address/],
  ["pattern - - - 65536 0 1", /input spec 0: bad destination port/],
  ["pattern - - - - 0", /input spec 0: syntax error/],
  ["keep 0 1, CAPACITY 0", /CAPACITY must be at least 1/],
  ["keep 0 1, UDP_TIMEOUT later", /UDP_TIMEOUT type mismatch: expected time interval/],
])("IPRewriter(%s) is refused", (conf, msg) => {
  expect(errorsOf("IPRewriter", conf)).toMatch(msg);
});

it.each([
  ["", /missing mandatory POOL argument/],
  ["POOL 10.0.0.0/8", /POOL must be an address, a prefix or a range/],
  ["POOL 198.51.100.9-198.51.100.1", /POOL must be/],
  ["POOL 198.51.100.1, BLOCK_SIZE 0", /BLOCK_SIZE must be between 1/],
  ["POOL 198.51.100.1, PORTS 1024", /PORTS must be a range/],
])("CGNAT(%s) is refused", (conf, msg) => {
  expect(errorsOf("CGNAT", conf, 2, 2)).toMatch(msg);
});

it.each([
  ["192.0.2.1", /need at least one BACKEND/],
  ["192.0.2.1, 10.0.0.1:0", /BACKEND 1 type mismatch/],
  ["192.0.2.1, 10.0.0.1, SELECT random", /SELECT must be 'roundrobin' or 'hash'/],
  ["nowhere, 10.0.0.1", /VIP type mismatch: expected IP address/],
])("IPLoadBalancer(%s) is refused", (conf, msg) => {
  expect(errorsOf("IPLoadBalancer", conf, 2, 2)).toMatch(msg);
});

it("sets the destination IP annotation to the rewritten destination unless DST_ANNO false", () => {
  const ip = pkt.ipv4({ src: "10.0.0.1", dst: "192.0.2.10" }).udp({ sport: 5, dport: 53 }).build();
  for (const [conf, want] of [["", [203, 0, 113, 80]], [", DST_ANNO false", [0, 0, 0, 0]]] as const) {
    const d = new ElementDriver(wasm);
    expect(d.create("IPRewriter", `pattern - - 203.0.113.80 - 0 1${conf}`, 1, 2)).toEqual([]);
    const [o] = d.push(0, [{ data: ip, timestampNs: 1_000_000_000n }]);
    expect(o.port).toBe(0);
    expect([...o.anno.slice(0, 4)]).toEqual(want);
  }
});

it("clear empties the table and a full CGNAT block list comes back", () => {
  const d = new ElementDriver(wasm);
  expect(d.create("CGNAT", "POOL 198.51.100.1, BLOCK_SIZE 2, PORTS 2000-2001, SEED 3", 2, 2)).toEqual([]);
  const from = (s: string) => ({ data: pkt.ipv4({ src: s, dst: "192.0.2.1" }).udp({ sport: 9, dport: 53 }).build(), timestampNs: 1n });
  expect(d.push(0, [from("10.0.0.1"), from("10.0.0.2")]).map((o) => o.port)).toEqual([0, -1]);
  d.write("clear", "");
  expect(d.read("nmappings")).toBe("0");
  expect(d.read("subscribers")).toBe("");
  expect(d.push(0, [from("10.0.0.2")]).map((o) => o.port)).toEqual([0]);
  expect(d.read("subscribers")).toBe("10.0.0.2 198.51.100.1 2000-2001 1\n");
});
