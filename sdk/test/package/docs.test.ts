// clickos docs: the standard elements' pages have Click's man-page sections, the
// index lists every class, ports and processing read as words, and bad input fails
// with a message naming the file.

import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docsCommand, describePorts, describeProcessing, docToMarkdown, readModuleMeta } from "../../src/docs/index.ts";
import { copyTemplate } from "../../../create-clickos-element/src/copy.ts";
import { ensureStandardElementsBuilt } from "../../../test/support/build-once.ts";
import type { ModuleMeta } from "../../src/build/metadata.ts";
import { tempDir, removeTempDirs } from "./fixture.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const tmp = () => tempDir("clickos-docs-");
afterAll(() => removeTempDirs());

function docs(argv: string[]) {
  let out = "", err = "";
  const code = docsCommand(argv, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}

const headings = (md: string) => md.split("\n").filter((l) => /^#{1,2} /.test(l));

let outDir: string;
let meta: ModuleMeta;
beforeAll(async () => {
  const wasm = await ensureStandardElementsBuilt();
  meta = readModuleMeta(wasm);
  outDir = tmp();
  const r = docs([join(ROOT, "elements"), "--out", outDir]);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
}, 600_000);

describe("clickos docs on the standard elements", () => {
  it("writes one page per class and an index linking them all", () => {
    const names = meta.classes.map((c) => c.name);
    expect(names.length).toBeGreaterThan(5);
    expect(readdirSync(outDir).sort()).toEqual([...names.map((n) => `${n}.md`), "index.md"].sort());
    const index = readFileSync(join(outDir, "index.md"), "utf8");
    expect(index).toMatch(/^# @clickos\/elements \d+\.\d+\.\d+\n/);
    for (const c of meta.classes) expect(index).toContain(`| [${c.name}](${c.name}.md) | ${c.doc.category ?? ""} | \`${c.ports}\` |`);
  });

  it("DecIPTTL's page has Click's sections, in order", () => {
    const md = readFileSync(join(outDir, "DecIPTTL.md"), "utf8");
    expect(headings(md)).toEqual(["# DecIPTTL", "## Synopsis", "## Ports", "## Processing", "## Arguments", "## Handlers", "## Description", "## Examples", "## See also"]);
    expect(md).toContain("decrements IP time-to-live, drops dead packets\n\nCategory: `ip`");
    expect(md).toContain("## Synopsis\n\n```\nDecIPTTL([ACTIVE, MULTICAST])\n```");
    expect(md).toContain("`1/1-2`: 1 input; 1 or 2 outputs.");
    expect(md).toContain("`a/ah`: input agnostic; output 0 agnostic, output 1 push.");
    expect(md).toContain("| `MULTICAST` | boolean | no | no | `true` | Boolean. If false, multicast packets pass through unchanged. Default is true. |");
    expect(md).toContain("| `drops` | read-only | u64 | Number of packets that expired (TTL <= 1). |");
    expect(md).toContain("- **MULTICAST**: Boolean.");
    expect(md).toContain("```\n... -> CheckIPHeader -> dt :: DecIPTTL -> ...\ndt[1] -> ICMPError(18.26.4.24, timeexceeded) -> ...\n```");
    expect(md).toContain("`ICMPError`, [CheckIPHeader](CheckIPHeader.md)");
    expect(md).toMatch(/Source: `ip\/decipttl\.ts:\d+`/);
  });

  it("every page has a synopsis, ports and processing, and a table row per argument and handler", () => {
    for (const c of meta.classes) {
      const md = readFileSync(join(outDir, `${c.name}.md`), "utf8");
      const h = headings(md);
      expect(h.slice(0, 4), c.name).toEqual([`# ${c.name}`, "## Synopsis", "## Ports", "## Processing"]);
      for (const a of c.args) expect(md, `${c.name} ${a.name}`).toContain(`| \`${a.name}\` |`);
      for (const hd of c.handlers) expect(md, `${c.name} ${hd.name}`).toContain(`| \`${hd.name}\` |`);
      expect(h.includes("## Arguments"), c.name).toBe(c.args.length > 0);
      expect(h.includes("## Handlers"), c.name).toBe(c.handlers.length > 0);
    }
  });

  it("reads a .wasm file directly, writing into --out", () => {
    const to = tmp();
    const r = docs([join(ROOT, "elements/build/elements.wasm"), `--out=${to}`]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^wrote ${meta.classes.length + 1} pages \\(${meta.classes.length} element classes and index.md\\)`));
    expect(readFileSync(join(to, "DecIPTTL.md"), "utf8")).toBe(readFileSync(join(outDir, "DecIPTTL.md"), "utf8"));
  });
});

describe("clickos docs --from-source", () => {
  it("documents a package that was never built", () => {
    const dir = join(tmp(), "pkg");
    copyTemplate(join(ROOT, "create-clickos-element/template-stateful"), dir, { packageName: "flow-count", className: "FlowCount" });
    const r = docs([dir, "--from-source"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, "docs")).sort()).toEqual(["FlowCount.md", "index.md"]);
    const md = readFileSync(join(dir, "docs/FlowCount.md"), "utf8");
    expect(md).toContain("| `CAPACITY` | unsigned integer | no | yes | `1024` |");
    expect(md).toContain("| `reset` | write-only | string | Empties the table and zeroes the counters. |");
    expect(md).toContain("| `table` | read-only | string |");
    expect(readFileSync(join(dir, "docs/index.md"), "utf8")).toMatch(/^# flow-count 0\.1\.0\n/);
  });

  it("without --from-source, an unbuilt package is an error that says what to do", () => {
    const dir = join(tmp(), "pkg");
    copyTemplate(join(ROOT, "create-clickos-element/template-simple"), dir, { packageName: "p", className: "P" });
    const r = docs([dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^clickos docs: .*build\/elements\.wasm: does not exist; run clickos build \(or use --from-source\)\n$/);
  });
});

describe("clickos docs errors", () => {
  it("names the file that is not a ClickOS module", () => {
    const d = tmp();
    writeFileSync(join(d, "x.wasm"), Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    writeFileSync(join(d, "y.wasm"), "this is not a module");
    expect(docs([join(d, "x.wasm")]).err).toMatch(/x\.wasm: no clickos\.meta section; was it built with clickos build\?\n$/);
    expect(docs([join(d, "y.wasm")]).err).toMatch(/y\.wasm: byte 0: bad magic \(not a WebAssembly module\)\n$/);
    expect(docs([join(d, "nothing-here")])).toMatchObject({ code: 1, err: expect.stringContaining("neither a .wasm file nor a package directory") });
    expect(docs(["--bogus"])).toMatchObject({ code: 2, err: expect.stringContaining("unknown option --bogus") });
    expect(docs(["--out"])).toMatchObject({ code: 2 });
  });
});

describe("ports and processing in words", () => {
  it.each([
    ["1/1", "1 input; 1 output"],
    ["1/1-2", "1 input; 1 or 2 outputs"],
    ["1/-", "1 input; any number of outputs"],
    ["1/1-", "1 input; 1 or more outputs"],
    ["0/1", "no inputs; 1 output"],
    ["-/-", "any number of inputs; any number of outputs"],
    ["1-/=", "1 or more inputs; 1 or more outputs"],
    ["2/2-4", "2 inputs; 2 to 4 outputs"],
  ])("%s → %s", (ports, words) => expect(describePorts(ports)).toBe(words));

  it.each([
    ["a", "1/1", "input agnostic; output agnostic"],
    ["h", "1/-", "input push; outputs push"],
    ["a/ah", "1/1-2", "input agnostic; output 0 agnostic, output 1 push"],
    ["a/ah", "1/-", "input agnostic; output 0 agnostic, outputs 1 and up push"],
    ["h/l", "1/1", "input push; output pull"],
    ["l", "0/1", "output pull"],
  ])("%s with %s → %s", (code, ports, words) => expect(describeProcessing(code, ports)).toBe(words));
});

describe("doc markup", () => {
  it("turns Click's inline markup into Markdown and indented paragraphs into code", () => {
    expect(docToMarkdown("Reads C<fc.table>,\nB<always>.\n\n  a -> b;\n    c;\n\nE<lt>done E<gt>")).toBe(
      "Reads `fc.table`, **always**.\n\n```\na -> b;\n  c;\n```\n\n<done >");
  });
});
