// Args, the SDK's Click configuration reader (AssemblyScript): argument splitting
// with quotes and nested parentheses, keywords vs positional arguments, every
// type, and Click-style errors. Driven through a small AS entry compiled per run.
import { describe, it, expect, beforeAll } from "vitest";
import { loadAS, type ASModule } from "../support/as-compile.ts";
import splitCases from "../../../test/shared/config-split-cases.json" with { type: "json" };
const SPLIT_CASES = splitCases.cases as [string, string[]][];


let m: ASModule;
beforeAll(async () => { m = await loadAS({ file: new URL("./assembly/args-entry.ts", import.meta.url).pathname }); }, 600_000);

const call = (fn: string, s: string): string => m.readString(m.exports[fn](m.writeString(s)));

describe("Click argument splitting (cp_argvec rules)", () => {
  // The case list both splitters share (the Node host runs it in runtime/test/click).
  it.each(SPLIT_CASES)("%j", (conf, want) => expect(call("splitJson", conf)).toBe(JSON.stringify(want)));

  it("unquotes with Click's escapes", () => {
    expect(call("unq", '"a\\tb\\n" \'c d\' e')).toBe("a\tb\n c d e");
    expect(call("unq", '"\\x41\\x42"')).toBe("AB");
  });
});

describe("typed arguments", () => {
  it("reads positional, keyword and every type", () => {
    expect(call("typed", "-5, 0x10, FLAG yes, NAME \"a b\", ADDR 10.0.0.1, NET 10.1.0.0/16, MAC 00:11:22:aa:bb:cc, ADDR6 2001:db8::1, WAIT 250ms, RATE 10Mbps, SCALE 2.5"))
      .toBe("-5,16,true,a b,10.0.0.1,10.1.0.0/16,00:11:22:aa:bb:cc,2001:db8::1,250000000,1250000,2.5");
  });
  it("uses defaults for absent optional arguments and keywords for positional ones", () => {
    expect(call("typed", "N 3")).toBe("3,7,false,none,-,-,-,-,0,0,1.0");
    expect(call("typed", "1, U 9")).toBe("1,9,false,none,-,-,-,-,0,0,1.0");
  });
  it("reads time intervals and bandwidths with Click's units", () => {
    const wait = (v: string) => call("typed", `1, WAIT ${v}`).split(",")[8];
    expect(wait("2")).toBe("2000000000");
    expect(wait("1.5s")).toBe("1500000000");
    expect(wait("10us")).toBe("10000");
    expect(wait("1min")).toBe("60000000000");
    const rate = (v: string) => call("typed", `1, RATE ${v}`).split(",")[9];
    expect(rate("1Gbps")).toBe("125000000");
    expect(rate("100kBps")).toBe("100000");
    expect(rate("800")).toBe("800");
  });
  it("reports type mismatches, missing mandatory arguments, extra and unknown arguments", () => {
    expect(call("typed", "x")).toMatch(/!N type mismatch: expected integer/);
    expect(call("typed", "1, -2")).toMatch(/!U type mismatch: expected unsigned integer/);
    expect(call("typed", "1, FLAG maybe")).toMatch(/!FLAG type mismatch: expected bool/);
    expect(call("typed", "1, ADDR 10.0.0.256")).toMatch(/!ADDR type mismatch: expected IP address/);
    expect(call("typed", "1, NET 10.0.0.0/33")).toMatch(/!NET type mismatch: expected IP address prefix/);
    expect(call("typed", "1, MAC 00:11:22")).toMatch(/!MAC type mismatch: expected Ethernet address/);
    expect(call("typed", "1, WAIT soon")).toMatch(/!WAIT type mismatch: expected time interval/);
    expect(call("typed", "1, RATE fast")).toMatch(/!RATE type mismatch: expected bandwidth/);
    expect(call("typed", "1, 2, 3")).toMatch(/!too many arguments/);
    expect(call("typed", "1, COLOR red")).toMatch(/!unknown keyword COLOR/);
    expect(call("mandatory", "")).toMatch(/!missing mandatory X argument/);
    expect(call("typed", "FLAG true, 1")).toMatch(/positional argument '1' after keyword arguments/);
  });
  it("takes a bare upper-case word as positional, as Click's Args does (a keyword needs a value)", () => {
    expect(call("word", "ICMP_PARAMPROB")).toBe("ICMP_PARAMPROB");
    expect(call("word", "ANNO PAINT")).toBe("PAINT");
    expect(call("typed", "1, FLAG")).toMatch(/!U type mismatch: expected unsigned integer/); // FLAG is the 2nd positional
  });
  it("gives every read a reader of its own: two held at once read their own values", () => {
    expect(call("heldReaders", "1, 2")).toBe("1,2");
    expect(call("heldReaders", "Y 5, X 4")).toBe("4,5");
  });
  it("lets a later keyword override an earlier one, as Click does", () => {
    expect(call("typed", "1, NAME a, NAME b").split(",")[3]).toBe("b");
  });
});

describe("white space", () => {
  it("strips long indentation before keyword arguments (AssemblyScript's String#trim does not)", () => {
    const indent = " ".repeat(40);
    expect(call("split", `a,\n${indent}KEY value,\n\t\t\t${indent}b   `)).toBe("a|KEY value|b");
    expect(call("typed", `1,\n${indent}NAME x`).split(",")[3]).toBe("x");
  });
});
