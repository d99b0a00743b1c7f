// ContentIDS configuration errors: every bad rule is reported with its number and
// a reason, at the element's location, and the router is not built.
import { describe, it, expect } from "vitest";
import { runClick } from "@clickos/runtime";
import { pcapOf } from "@clickos/sdk/testing";

const input = pcapOf([], 101);
function configError(args: string, outputs = 3): string {
  const tails = Array.from({ length: outputs }, (_, i) => `ids[${i}] -> Discard;`).join(" ");
  try {
    runClick(`FromDump(in.pcap) -> ids :: ContentIDS(${args});\n${tails}`, { files: { "in.pcap": input } });
  } catch (e) {
    return (e as Error).message;
  }
  return "";
}

describe("ContentIDS configuration", () => {
  it("accepts rules with every keyword, hex blocks and escapes, and indented rules", () => {
    expect(configError(`"a|41 42|c" OUTPUT 2 PROTO tcp PORT 80 SPORT 1 DPORT 2,\n                                  |de ad|, "q\\"\\|\\\\", MODE drop, NOCASE true`)).toBe("");
  });
  it.each([
    [`""`, "rule 0: empty content"],
    [`abc`, "rule 0: rule must start with a quoted content string"],
    [`"x", "|4|"`, "rule 1: odd number of hex digits in |..|"],
    [`"x", "|4g|"`, "rule 1: bad hex digit 'g' in |..|"],
    [`"|41"`, "rule 0: bad hex digit '\"' in |..|"],
    [`|41 42`, "rule 0: unterminated |..| block"],
    [`"a\\n"`, "rule 0: unknown escape '\\n'"],
    [`"a" OUTPUT`, "rule 0: keyword OUTPUT needs a value"],
    [`"a" OUTPUT 3`, "rule 0: OUTPUT 3 but the element has 3 output(s)"],
    [`"a" OUTPUT x`, "rule 0: OUTPUT expects a port number, got 'x'"],
    [`"a" PROTO sctp`, "rule 0: PROTO expects tcp, udp, icmp, any or 0-255, got 'sctp'"],
    [`"a" PORT 70000`, "rule 0: PORT expects a port 0-65535, got '70000'"],
    [`"a" PROTO icmp PORT 7`, "rule 0: port constraints need PROTO tcp, udp or any"],
    [`"a" DEPTH 4`, "rule 0: unknown rule keyword 'DEPTH'"],
    [`"a"OUTPUT 1`, "rule 0: expected a space after the content"],
    [`"a", MODE block`, "MODE must be alert or drop, got 'block'"],
    [`MODE drop`, "expected at least one content rule"],
  ])("rejects %s", (args, message) => {
    const err = configError(args);
    expect(err).toContain("While configuring 'ids :: ContentIDS'");
    expect(err).toContain(message);
  });
  it("reports every bad rule, not just the first", () => {
    const err = configError(`"ok", "", "x" PORT y`);
    expect(err).toContain("rule 1: empty content");
    expect(err).toContain("rule 2: PORT expects a port 0-65535, got 'y'");
  });
});
