// The Node host's command-line pieces: flatten, graph (DOT and SVG), handler
// and device options, JSON report, progress only on a TTY.
import { describe, expect, it } from "vitest";
import { flattenCommand, graphCommand, parseWrites, parseDeviceMap, readHandlers, allReadHandlers, jsonReport, formatHandlers, progressLine, progressReporter, toSvgLayout, type CliIo } from "../../src/cli/index.ts";
import { parseClick } from "../../src/click/index.ts";
import { runHost } from "./helpers.ts";

function memIo(files: Record<string, string>) {
  const out: string[] = [], err: string[] = [], written: Record<string, string> = {};
  const io: CliIo = { read: (p) => { if (!(p in files)) throw new Error(`${p}: no such file`); return files[p]; }, write: (p, t) => { written[p] = t; }, out: (t) => out.push(t), err: (t) => err.push(t) };
  return { io, out, err, written };
}

const CONFIG = `elementclass Two { input -> Counter -> output }\ns :: InfiniteSource(LIMIT 2) -> t :: Two -> q :: Queue -> Discard;\n`;

describe("clickos flatten / graph", () => {
  it("flatten prints the flat configuration", () => {
    const m = memIo({ "a.click": CONFIG });
    expect(flattenCommand(["a.click"], m.io)).toBe(0);
    expect(m.out.join("")).toBe("s :: InfiniteSource(LIMIT 2);\nt/Counter@1 :: Counter;\nq :: Queue;\nDiscard@4 :: Discard;\ns [0] -> [0] t/Counter@1;\nq [0] -> [0] Discard@4;\nt/Counter@1 [0] -> [0] q;\n");
  });

  it("graph writes DOT with names, classes and ports", () => {
    const m = memIo({ "a.click": `s :: InfiniteSource -> t :: Tee -> Discard;\nt[1] -> q :: Queue -> Discard;` });
    expect(graphCommand(["a.click", "-o", "g.dot"], m.io)).toBe(0);
    const dot = m.written["g.dot"];
    expect(dot).toContain(`"t" [label="t\\nTee"];`);
    expect(dot).toContain(`"t" -> "q" [taillabel="1", headlabel="0"];`);
  });

  it("graph writes SVG, with its own layout when Graphviz is not used", () => {
    const m = memIo({ "a.click": `s :: InfiniteSource -> t :: Tee -> Discard;\nt[1] -> q :: Queue -> Discard;` });
    expect(graphCommand(["a.click", "-o", "g.svg"], m.io, { useDot: false })).toBe(0);
    const svg = m.written["g.svg"];
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain(">Tee</text>");
    expect((svg.match(/stroke="#333" marker-end/g) ?? []).length).toBe(4);
  });

  it("the builtin layout puts elements in columns by depth and survives cycles", () => {
    const svg = toSvgLayout(parseClick(`a :: Counter -> b :: Counter -> a;`, "c.click"));
    expect(svg).toContain('x="20"');
    expect(svg).toContain('x="240"');
  });

  it("errors are usage errors or Click's located errors", () => {
    const m = memIo({ "bad.click": "a :: ;" });
    expect(graphCommand([], m.io)).toBe(2);
    expect(graphCommand(["x.click", "--format", "png"], m.io)).toBe(2);
    expect(m.err.join("")).toContain("unknown format 'png'");
    expect(() => flattenCommand(["bad.click"], m.io)).toThrow(/^bad\.click:1: /);
  });
});

describe("run options", () => {
  it("parses --write and --netfront", () => {
    expect(parseWrites(["q.capacity=10", "s.data=a=b"])).toEqual({ "q.capacity": "10", "s.data": "a=b" });
    expect(() => parseWrites(["nonsense"])).toThrow("--write nonsense: expected elem.handler=value");
    expect(parseDeviceMap(["0=in.pcap", "0:out=out.pcap", "eth1=x.pcap"])).toEqual({ "0": { in: "in.pcap", out: "out.pcap" }, eth1: { in: "x.pcap" } });
    expect(() => parseDeviceMap(["0"])).toThrow("--netfront 0: expected N=file.pcap or N:out=file.pcap");
  });

  it("reads handlers after a run, lists them, reports errors per handler, and prints JSON", () => {
    const r = runHost(`s :: InfiniteSource(LIMIT 3) -> c :: Counter -> Discard;`);
    const h = readHandlers(r.router, ["c.count", "c.handlers", "c.nope", "x.count"]);
    expect(h["c.count"]).toEqual({ value: "3" });
    expect(h["c.handlers"].value!.split("\n")).toContain("reset\tw");
    expect(h["c.nope"].error).toMatch(/^element 'c' has no handler 'nope'/);
    expect(h["x.count"].error).toBe("no element named 'x'");
    expect(formatHandlers({ "c.count": h["c.count"] })).toBe("c.count: 3");
    const all = allReadHandlers(r.router);
    expect(all).toContain("s.count");
    expect(all).not.toContain("c.reset");
    const j = JSON.parse(jsonReport(r.stats, readHandlers(r.router, all), []));
    expect(j.stats.packetsIn).toBe(3);
    expect(j.handlers["c.byte_count"].value).toBe(String(3 * 69));
  });

  it("progress: a line on a TTY, nothing otherwise", () => {
    expect(progressLine(2_500_000, 1000)).toBe("2500000 packets, 2.50 Mpps, 1.0 s");
    expect(progressLine(500, 1000)).toBe("500 pps".replace(/^/, "500 packets, ") + ", 1.0 s");
    expect(progressReporter({ isTTY: false, write: () => true })).toBeUndefined();
    const got: string[] = [];
    progressReporter({ isTTY: true, write: (s) => got.push(s) })!(10, 1000);
    expect(got).toEqual(["\r10 packets, 10 pps, 1.0 s\x1b[K"]);
  });
});
