// Bad configurations of the standard elements fail with Click-style messages that
// name the element and the argument; warnings for suspicious ones are logged.
import { describe, it, expect } from "vitest";
import { runClick } from "@clickos/runtime";
import { writePcap } from "@clickos/runtime";

const files = { "in.pcap": writePcap([]) };
function errorOf(config: string): string {
  try {
    runClick(config, { files, log: () => {} });
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`configuration was accepted: ${config}`);
}
const through = (element: string) => `FromDump(in.pcap) -> x :: ${element} -> Discard;`;

describe("configuration errors", () => {
  it.each([
    [through("Strip"), "missing mandatory LENGTH argument"],
    [through("Strip(-1)"), "LENGTH type mismatch"],
    [through("Unstrip(100000)"), "LENGTH 100000 too large"],
    [through("Paint(300)"), "COLOR must be between 0 and 255"],
    [through("Paint(1, 3)"), "annotation offset 3 out of range"],
    [through("HashSwitch(1, 0)"), "length must be > 0"],
    [through("EtherEncap(0x10000, 1:2:3:4:5:6, 1:2:3:4:5:6)"), "ETHERTYPE must fit in 16 bits"],
    [through("EtherEncap(0x0800, 1:2:3:4:5, 1:2:3:4:5:6)"), "SRC type mismatch: expected Ethernet address"],
    [through("EtherRewrite(1:2:3:4:5:6)"), "missing mandatory DST argument"],
    [through("CheckIPHeader(1.2.3.4, 14)"), "deprecated CheckIPHeader(BADSRC2, OFFSET) form is not supported"],
    [through("CheckIPHeader(BADSRC 1.2.3)"), "BADSRC type mismatch: expected list of IP addresses"],
    [through("CheckIPHeader(INTERFACES 10.0.0.1/33)"), "INTERFACES type mismatch"],
    [through("CheckIPHeader(CHECKSUM maybe)"), "CHECKSUM type mismatch: expected bool"],
    [through("ARPResponder(10.0.0.1)"), "argument 0: missing ETH"],
    [through("ARPResponder(00:00:00:00:00:01)"), "argument 0: missing IP/MASK"],
    [through("ARPResponder(10.0.0.1 0:0:0:0:0:1, 10.0.0.2 0:0:0:0:0:1 0:0:0:0:0:2)"), "argument 1: more than one ETH"],
    [through("ARPResponder(10.0.0.1 junk)"), "argument 0: expected IP/MASK ETH"],
    [through("MarkIPHeader(x)"), "OFFSET type mismatch"],
    [through("RoundRobinSwitch(1)"), "too many arguments"],
  ])("%s", (config, message) => {
    expect(errorOf(config)).toContain(message);
  });

  it("names the element and its line", () => {
    expect(errorOf("FromDump(in.pcap)\n  -> s :: Strip(LENGTH x) -> Discard;")).toMatch(/config\.click:2: While configuring 's :: Strip'/);
  });
});

describe("Classifier patterns", () => {
  const classifier = (patterns: string[]) =>
    `FromDump(in.pcap) -> c :: Classifier(${patterns.join(", ")});\n` +
    patterns.map((_, i) => `c[${i}] -> Discard;`).join("\n");

  it.each([
    ["x", "pattern 0: expected a digit"],
    ["12", "pattern 0: expected '/'"],
    ["12/", "pattern 0: value has less than 2 hex digits"],
    ["12/080", "pattern 0: value has odd number of hex digits"],
    ["12/0800%ff", "pattern 0: mask has too few hex digits"],
    ["12/08%fff0", "pattern 0: mask has too many hex digits"],
    ["12/0800 !", "pattern 0: expected a digit"],
    ["12/08zz", "pattern 0: expected a digit"],
    ["99999999999/00", "pattern 0: offset too large"],
  ])("rejects %s", (pattern, message) => {
    expect(errorOf(classifier(["-", pattern].reverse()))).toContain(message);
  });

  it("needs one pattern per output", () => {
    expect(errorOf("FromDump(in.pcap) -> c :: Classifier(12/0800); c[0] -> Discard; c[1] -> Discard;"))
      .toContain("need 2 arguments, one per output port");
  });

  it("warns about patterns after one that matches everything", () => {
    const logs: string[] = [];
    runClick(classifier(["12/0800", "-", "12/0806"]), { files, log: (m) => logs.push(m) });
    expect(logs.join("\n")).toContain("patterns after pattern 1 can never match");
  });

  it("shows its program", () => {
    const r = runClick(classifier(["12/0806 20/0001", "!12/0800", "-"]), { files, log: () => {} });
    expect(r.read("c.program")).toBe(
      "0  12/08060000%ffff0000 20/00010000%ffff0000  ->[0]\n" +
      "1  !12/08000000%ffff0000  ->[1]\n" +
      "2  -  ->[2]\n");
  });
});
