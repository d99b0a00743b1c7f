// Golden tests in Click's style: an input capture, a configuration, the expected
// output on each port. The input is test/fixtures/mixed.pcap (raw IP: three TCP,
// two UDP, one ICMP packet, one that is not IPv4, one more TCP); the expected
// packets are restated here with the packet builder. `npm test` builds
// build/elements.wasm first.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runClick, readCapture, diffPackets, pkt } from "@clickos/sdk/testing";

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

function expectSame(expected: Uint8Array[], actual: Uint8Array[]): void {
  const diff = diffPackets(expected, actual, { linkType: LINKTYPE_RAW });
  expect(diff, diff ?? "").toBeNull();
}

const a = "10.0.0.1", b = "10.0.0.2", c = "10.0.0.3", d = "10.0.0.4";
const tcp = [
  pkt.ipv4({ src: a, dst: b, ttl: 64, id: 1 }).tcp({ sport: 1234, dport: 80, flags: "S" }).build(),
  pkt.ipv4({ src: b, dst: a, ttl: 64, id: 2 }).tcp({ sport: 80, dport: 1234, flags: "SA" }).build(),
  pkt.ipv4({ src: a, dst: b, ttl: 64, id: 4 }).tcp({ sport: 1234, dport: 80, flags: "A" }).build(),
  pkt.ipv4({ src: a, dst: b, ttl: 63, id: 8 }).tcp({ sport: 1234, dport: 80, flags: "F" }).build(),
];
const udp = [
  pkt.ipv4({ src: c, dst: d, ttl: 1, id: 3 }).udp({ sport: 40000, dport: 9 }).payload("query").build(),
  pkt.ipv4({ src: c, dst: d, ttl: 1, id: 6 }).udp({ sport: 40000, dport: 9 }).payload("again").build(),
];
const icmp = pkt.ipv4({ src: a, dst: d, ttl: 200, id: 5 }).icmp({ type: 8, code: 0, id: 7, seq: 1 }).payload("ping").build();
const notIPv4 = Uint8Array.from([0x60, 0, 0, 0, 0, 0, 0x3b, 64, 0, 0]);

const split = (arg: string) =>
  `c :: TemplateElement(${arg}); FromDump(in.pcap) -> c; c[0] -> ToDump(match.pcap, ENCAP IP); c[1] -> ToDump(rest.pcap, ENCAP IP);`;

describe("TemplateElement", () => {
  it("TemplateElement-01: UDP to output 0, everything else to output 1, in order", () => {
    const r = run(split("udp"));
    expectSame(udp, packetsOf(r.files["match.pcap"]));
    expectSame([tcp[0], tcp[1], tcp[2], icmp, notIPv4, tcp[3]], packetsOf(r.files["rest.pcap"]));
    expect(r.read("c.matched")).toBe("2");
    expect(r.read("c.unmatched")).toBe("6");
  });

  it("TemplateElement-02: defaults to TCP; numbers work as well as names", () => {
    expectSame(tcp, packetsOf(run(split("")).files["match.pcap"]));
    expectSame([icmp], packetsOf(run(split("PROTOCOL 1")).files["match.pcap"]));
  });

  it("TemplateElement-03: refuses an unknown protocol", () => {
    expect(() => run(split("sctp"))).toThrow(/PROTOCOL: expected tcp, udp, icmp or a number from 0 to 255, got 'sctp'/);
    expect(() => run(split("256"))).toThrow(/PROTOCOL/);
  });
});
