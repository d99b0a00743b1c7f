// Golden tests in Click's style: an input capture, a configuration, the expected
// output. The input is test/fixtures/mixed.pcap (raw IP: seven IPv4 packets and one
// that is not IPv4); the expected packets are restated here with the packet builder.
// `npm test` builds build/elements.wasm first.

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

/** mixed.pcap's IPv4 packets, each with time-to-live `ttl`. */
function expectedWithTTL(ttl: number): Uint8Array[] {
  const a = "10.0.0.1", b = "10.0.0.2", c = "10.0.0.3", d = "10.0.0.4";
  return [
    pkt.ipv4({ src: a, dst: b, ttl, id: 1 }).tcp({ sport: 1234, dport: 80, flags: "S" }).build(),
    pkt.ipv4({ src: b, dst: a, ttl, id: 2 }).tcp({ sport: 80, dport: 1234, flags: "SA" }).build(),
    pkt.ipv4({ src: c, dst: d, ttl, id: 3 }).udp({ sport: 40000, dport: 9 }).payload("query").build(),
    pkt.ipv4({ src: a, dst: b, ttl, id: 4 }).tcp({ sport: 1234, dport: 80, flags: "A" }).build(),
    pkt.ipv4({ src: a, dst: d, ttl, id: 5 }).icmp({ type: 8, code: 0, id: 7, seq: 1 }).payload("ping").build(),
    pkt.ipv4({ src: c, dst: d, ttl, id: 6 }).udp({ sport: 40000, dport: 9 }).payload("again").build(),
    pkt.ipv4({ src: a, dst: b, ttl, id: 8 }).tcp({ sport: 1234, dport: 80, flags: "F" }).build(),
  ];
}

describe("TemplateElement", () => {
  it("TemplateElement-01: sets the TTL of every IPv4 packet and fixes the checksum", () => {
    const r = run("FromDump(in.pcap) -> t :: TemplateElement(TTL 32) -> ToDump(out.pcap, ENCAP IP);");
    const diff = diffPackets(expectedWithTTL(32), packetsOf(r.files["out.pcap"]), { linkType: LINKTYPE_RAW });
    expect(diff, diff ?? "").toBeNull();
    expect(r.read("t.count")).toBe("7");
  });

  it("TemplateElement-02: drops and counts packets without an IPv4 header", () => {
    const r = run("FromDump(in.pcap) -> t :: TemplateElement -> ToDump(out.pcap, ENCAP IP);");
    expect(packetsOf(r.files["out.pcap"])).toHaveLength(7);
    expect(r.read("t.malformed")).toBe("1");
  });

  it("TemplateElement-03: defaults to TTL 64", () => {
    const r = run("FromDump(in.pcap) -> TemplateElement -> ToDump(out.pcap, ENCAP IP);");
    const diff = diffPackets(expectedWithTTL(64), packetsOf(r.files["out.pcap"]), { linkType: LINKTYPE_RAW });
    expect(diff, diff ?? "").toBeNull();
  });

  it("TemplateElement-04: refuses a TTL outside 1..255", () => {
    expect(() => run("FromDump(in.pcap) -> TemplateElement(TTL 0) -> ToDump(out.pcap);")).toThrow(/TTL must be between 1 and 255/);
    expect(() => run("FromDump(in.pcap) -> TemplateElement(TTL 300) -> ToDump(out.pcap);")).toThrow(/TTL must be between 1 and 255/);
  });
});
