// Graph checks before anything runs (runtime/src/host/check.ts): each malformed
// configuration is refused with Click's message, located file:line, and every
// problem of a configuration is reported in the same run.
import { describe, expect, it } from "vitest";
import { errorsOf, runHost } from "./helpers.ts";
import { parsePortCount, portFlow, processingVector } from "../../src/host/check.ts";

const CYCLE = "(packets would re-enter an element still handling them; put a Queue in the loop)";

const cases: [string, string, string[]][] = [
  ["unknown class with a suggestion", `InfiniteSource -> Quue -> Discard;`,
    ["t.click:1: unknown element class 'Quue' (did you mean 'Queue'?)"]],
  ["unknown classes, all reported, no cascade of unused ports", `InfiniteSource -> Fred -> Discard;\nFromDump(f) -> Countr -> Discard;`,
    ["t.click:1: unknown element class 'Fred'", "t.click:2: unknown element class 'Countr' (did you mean 'Counter'?)"]],
  ["pull output into push input", `s :: InfiniteSource -> q :: Queue -> d :: Discard;\nq2 :: Queue -> t :: Tee -> q2;`,
    ["t.click:2: 'q2 :: Queue' pull output 0 connected to 't :: Tee' push input 0"]],
  ["push output into pull input", `x :: FromDevice(eth0) -> ToDevice(eth1);`,
    ["t.click:1: 'x :: FromDevice' push output 0 connected to 'ToDevice@2 :: ToDevice' pull input 0"]],
  ["both mismatches of one path", `i :: Idle -> q :: Queue -> t :: Tee -> d :: ToDevice(x);`,
    ["t.click:1: 'q :: Queue' pull output 0 connected to 't :: Tee' push input 0",
     "t.click:1: 't :: Tee' push output 0 connected to 'd :: ToDevice' pull input 0"]],
  ["Queue's push output 1 into a pull input", `s :: InfiniteSource -> Counter -> q :: Queue -> Tee -> Discard;\nq[1] -> ToDevice(eth1);`,
    ["t.click:1: 'q :: Queue' pull output 0 connected to 'Tee@4 :: Tee' push input 0",
     "t.click:2: 'q :: Queue' push output 1 connected to 'ToDevice@6 :: ToDevice' pull input 0"]],
  ["agnostic element between pull and push", `s :: InfiniteSource -> q :: Queue -> c :: Counter -> t :: Tee -> Discard;`,
    ["t.click:1: agnostic 'c :: Counter' in mixed context: pull input 0, push output 0"]],
  ["agnostic loop back into a queue", `q1 :: Queue -> c :: Counter -> q1;`,
    ["t.click:1: agnostic 'c :: Counter' in mixed context: pull input 0, push output 0"]],
  ["push output used twice", `s :: InfiniteSource;\ns -> d :: Discard;\ns -> d2 :: Discard;`,
    ["t.click:3: illegal reuse of 's :: InfiniteSource' push output 0"]],
  ["pull input used twice", `s :: FromDump(x.pcap) -> q :: Queue;\nq -> d :: ToDevice(eth0);\ns2 :: InfiniteSource -> d;`,
    ["t.click:3: illegal reuse of 'd :: ToDevice' pull input 0"]],
  ["source has no input", `s :: InfiniteSource -> c :: Counter -> s2 :: InfiniteSource;`,
    ["t.click:1: 's2 :: InfiniteSource' has no input 0", "t.click:1: 's2 :: InfiniteSource' output 0 unused"]],
  ["output beyond the port count", `s :: InfiniteSource -> c :: Counter;\nc[1] -> Discard;`,
    ["t.click:2: 'c :: Counter' has no output 1", "t.click:1: 'c :: Counter' output 0 unused"]],
  ["input beyond the port count", `s :: InfiniteSource -> [1] c :: Counter -> Discard;`,
    ["t.click:1: 'c :: Counter' has no input 1", "t.click:1: 'c :: Counter' input 0 unused"]],
  ["queue with nothing pushing into it", `q :: Queue -> d :: Discard;`,
    ["t.click:1: 'q :: Queue' input 0 unused"]],
  ["element declared and never connected", `s :: InfiniteSource -> d :: Discard;\nx :: Counter;`,
    ["t.click:2: 'x :: Counter' input 0 unused", "t.click:2: 'x :: Counter' output 0 unused"]],
  ["gap in Tee's outputs", `s :: InfiniteSource -> t :: Tee -> d :: Discard;\nt[2] -> d2 :: Discard;`,
    ["t.click:1: 't :: Tee' output 1 unused"]],
  ["source with its output unconnected", `s :: InfiniteSource;\nd :: Discard;`,
    ["t.click:1: 's :: InfiniteSource' output 0 unused", "t.click:2: 'd :: Discard' input 0 unused"]],
  ["push cycle of two counters", `s :: InfiniteSource -> c1 :: Counter -> c2 :: Counter -> c1;`,
    [`t.click:1: push cycle: 'c1' -> 'c2' -> 'c1' ${CYCLE}`]],
  ["push cycle through a Tee", `s :: InfiniteSource -> t :: Tee -> c :: Counter -> t;\nt[1] -> Discard;`,
    [`t.click:1: push cycle: 't' -> 'c' -> 't' ${CYCLE}`]],
  ["isolated cycle of agnostics (push, as Click resolves them)", `a :: Counter -> b :: Counter -> a;`,
    [`t.click:1: push cycle: 'a' -> 'b' -> 'a' ${CYCLE}`]],
  ["cycle with a queue in it: the agnostic after the queue is mixed", `s :: InfiniteSource -> t :: Tee -> q :: Queue -> c :: Counter -> t;\nt[1] -> Discard;`,
    ["t.click:1: agnostic 'c :: Counter' in mixed context: pull input 0, push output 0"]],
  ["errors of every kind in one run",
    `s :: InfiniteSource -> Quue -> Discard;\nx :: FromDevice(eth0) -> ToDevice(eth1);\ns2 :: InfiniteSource;\ns2 -> Discard;\ns2 -> Discard;\nc :: Counter;`,
    ["t.click:1: unknown element class 'Quue' (did you mean 'Queue'?)",
     "t.click:2: 'x :: FromDevice' push output 0 connected to 'ToDevice@5 :: ToDevice' pull input 0",
     "t.click:5: illegal reuse of 's2 :: InfiniteSource' push output 0",
     "t.click:6: 'c :: Counter' input 0 unused", "t.click:6: 'c :: Counter' output 0 unused"]],
  ["inside compound elements, with their flattened names", `elementclass P { input -> c :: Counter -> output; c2 :: Counter }\ns :: InfiniteSource -> p :: P -> q :: Queue;\nq -> t :: Tee -> Discard;`,
    ["t.click:3: 'q :: Queue' pull output 0 connected to 't :: Tee' push input 0",
     "t.click:1: 'p/c2 :: Counter' input 0 unused", "t.click:1: 'p/c2 :: Counter' output 0 unused"]],
];

describe("graph checks: Click's messages, located, all at once", () => {
  for (const [name, config, expected] of cases) {
    it(name, () => { expect(errorsOf(config)).toEqual(expected); });
  }

  it("argument errors of elements still come after the graph is accepted", () => {
    expect(errorsOf(`s :: InfiniteSource -> Tee(3) -> Discard;`)).toEqual(["t.click:1: While configuring 'Tee@2 :: Tee':\n  1 outputs implies 1 arms"]);
  });

  it("accepts a pull output used twice, as Click does", () => {
    const r = runHost(`s :: InfiniteSource(LIMIT 600, BURST 50) -> q :: Queue;\nq -> d1 :: Discard(BURST 20);\nq -> d2 :: Discard;`);
    expect(Number(r.read("d1.count")) + Number(r.read("d2.count"))).toBe(600);
    expect(Number(r.read("d1.count"))).toBeGreaterThan(0);
    expect(Number(r.read("d2.count"))).toBeGreaterThan(0);
  });

  it("accepts a loop broken by Idle's flow code x/y", () => {
    const r = runHost(`s :: InfiniteSource(LIMIT 3) -> c :: Counter -> Discard;\ni :: Idle -> c2 :: Counter -> i;`);
    expect(r.read("c.count")).toBe("3");
    expect(r.read("c2.count")).toBe("0");
  });

  it("sets port counts from connections within the class's range (1/1-2 with one output)", () => {
    const r = runHost(`s :: InfiniteSource(LIMIT 1) -> q :: Queue -> Discard;`);
    expect(r.read("q.ports")).toBe("1 input, 1 output");
  });
});

describe("check building blocks", () => {
  it("parses Click's port counts", () => {
    expect(parsePortCount("1/1-2")).toEqual({ inLo: 1, inHi: 1, outLo: 1, outHi: 2, equal: 0 });
    expect(parsePortCount("1/-")).toEqual({ inLo: 1, inHi: 1, outLo: 0, outHi: Infinity, equal: 0 });
    expect(parsePortCount("-/-")).toEqual({ inLo: 0, inHi: Infinity, outLo: 0, outHi: Infinity, equal: 0 });
    expect(parsePortCount("2")).toEqual({ inLo: 2, inHi: 2, outLo: 2, outHi: 2, equal: 0 });
    expect(parsePortCount("1-/=")!.equal).toBe(1);
    expect(parsePortCount("1-/=+")!.equal).toBe(2);
    expect(parsePortCount("1/x")).toBeNull();
    expect(parsePortCount("1;1")).toBeNull();
  });
  it("expands processing codes, the last letter repeating", () => {
    const errs: string[] = [];
    expect(processingVector("a/ah", 1, 3, errs)).toEqual({ ins: ["a"], outs: ["a", "h", "h"] });
    expect(processingVector("hl/hlh", 3, 4, errs)).toEqual({ ins: ["h", "l", "l"], outs: ["h", "l", "h", "h"] });
    expect(processingVector("h", 2, 2, errs)).toEqual({ ins: ["h", "h"], outs: ["h", "h"] });
    expect(errs).toEqual([]);
    processingVector("q/h", 1, 1, errs);
    expect(errs).toEqual(["bad processing code"]);
  });
  it("computes flow like Click's port_flow", () => {
    expect(portFlow("xy/xxyx", false, 0, 4)).toEqual([true, true, false, true]);
    expect(portFlow("xy/xxyx", false, 1, 4)).toEqual([false, false, true, false]);
    expect(portFlow("xy/xxyx", true, 0, 2)).toEqual([true, false]);
    expect(portFlow("x/y", false, 0, 3)).toEqual([false, false, false]);
    expect(portFlow("#/#", false, 1, 3)).toEqual([false, true, false]);
    expect(portFlow("[^x]/x", false, 0, 1)).toEqual([false]);
    expect(portFlow(undefined, true, 0, 2)).toEqual([true, true]);
  });
});
