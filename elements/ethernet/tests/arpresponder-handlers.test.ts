// ARPResponder's table handlers, after Click's test/ethernet/ARPResponder-01:
// table order (most specific first), add, remove, and their errors; and what a
// reply keeps of the request's annotations.
import { describe, it, expect } from "vitest";
import { runClick } from "@clickos/runtime";
import { writePcap, readCapture } from "@clickos/runtime";
import { pkt } from "@clickos/sdk/testing";

const files = { "in.pcap": writePcap([]) };
const make = (args: string) => runClick(`FromDump(in.pcap) -> ar :: ARPResponder(${args}) -> Discard;`, { files, log: () => {} });

describe("ARPResponder handlers", () => {
  it("starts empty without arguments", () => {
    expect(make("").read("ar.table")).toBe("");
  });

  it("lists more specific prefixes first, whatever the order given", () => {
    const r = make("1.0.0.0/24 00:01:02:03:04:06, 1.0.0.2 00:01:02:03:04:05");
    expect(r.read("ar.table")).toBe("1.0.0.2/32 00-01-02-03-04-05\n1.0.0.0/24 00-01-02-03-04-06\n");
  });

  it("keeps the later of two entries for the same prefix", () => {
    const logs: string[] = [];
    const r = runClick("FromDump(in.pcap) -> ar :: ARPResponder(1.0.0.2 0:1:2:3:4:5, 1.0.0.2/32 0:1:2:3:4:7) -> Discard;", { files, log: (m) => logs.push(m) });
    expect(r.read("ar.table")).toBe("1.0.0.2/32 00-01-02-03-04-07\n");
    expect(logs.join("\n")).toContain("multiple entries for 1.0.0.2/32");
  });

  it("adds and removes entries", () => {
    const r = make("1.0.0.2 00:01:02:03:04:05, 1.0.0.0/24 00:01:02:03:04:06");
    r.write("ar.remove", "1.0.0.2");
    expect(r.read("ar.table")).toBe("1.0.0.0/24 00-01-02-03-04-06\n");
    r.write("ar.add", "1.0.0.0/24 2.0.0.0/8 00:01:02:03:04:05");
    expect(r.read("ar.table")).toBe("1.0.0.0/24 00-01-02-03-04-05\n2.0.0.0/8 00-01-02-03-04-05\n");
  });

  it("refuses bad add and remove values", () => {
    const r = make("1.0.0.2 00:01:02:03:04:05");
    expect(() => r.write("ar.remove", "9.9.9.9")).toThrow(/9\.9\.9\.9\/32 not found/);
    expect(() => r.write("ar.remove", "nonsense")).toThrow(/expected IP\/MASK/);
    expect(() => r.write("ar.add", "1.2.3.4")).toThrow(/missing ETH/);
    expect(r.read("ar.table")).toBe("1.0.0.2/32 00-01-02-03-04-05\n");
  });
});

describe("ARPResponder replies", () => {
  it("clear the user annotations, the paint among them, as Click's fresh reply packet has none", () => {
    const req = pkt.ether({ src: "02:00:00:00:00:01" }).arp({ op: "request", senderMac: "02:00:00:00:00:01", senderIp: "10.0.0.9", targetIp: "10.0.0.1" }).build();
    const r = runClick("FromDump(in.pcap) -> Paint(1) -> ARPResponder(10.0.0.1 02:00:00:00:00:0a) -> ps :: PaintSwitch; " +
      "ps[0] -> ToDump(unpainted.pcap); ps[1] -> ToDump(painted.pcap);",
      { files: { "in.pcap": writePcap([{ data: req, timestampNs: 1000n }]) }, log: () => {} });
    expect(readCapture(r.files["unpainted.pcap"]).records.length).toBe(1);
    expect(readCapture(r.files["painted.pcap"]).records.length).toBe(0);
  });
});
