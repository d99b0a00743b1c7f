// clickos build's reading of element classes: metadata from decorators, the doc
// block and configure(), and file:line errors for invalid declarations.
import { describe, it, expect } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { extractClasses } from "../../src/build/extract.ts";
import { BuildError } from "../../src/build/errors.ts";

function pkg(files: Record<string, string>): { dir: string; paths: string[] } {
  const dir = mkdtempSync(join(tmpdir(), "clickos-extract-"));
  const paths = Object.entries(files).map(([name, text]) => { const p = join(dir, name); writeFileSync(p, text); return p; });
  return { dir, paths };
}

function errorsOf(files: Record<string, string>): string[] {
  const { dir, paths } = pkg(files);
  try {
    extractClasses(paths, dir);
  } catch (e) {
    if (e instanceof BuildError) return e.message.split("\n");
    throw e;
  }
  return [];
}

const good = `/*
=c
Good(COUNT [, KEYWORDS])
=s test
does good things
=d
Long description.
=item COUNT
How many.
=h hits read-only
Packets seen.
=e
  ... -> Good(3) -> ...
=a Bad
*/
import { Element, Packet, Args } from "@clickos/sdk";

@element("Good", { ports: "1/1-2", processing: "a/ah", flow: "x/x" })
export class Good extends Element {
  @handler("hits") hits: u64 = 0;
  @handler("limit", "rw") limit: u32 = 3;
  @handler("dump") dump(): string { return ""; }
  @handler("reset", "w") reset(v: string): void {}
  count: u32 = 0;
  configure(args: Args): void {
    this.count = args.readMP("COUNT").unsigned();
    this.limit = args.read("LIMIT").unsigned(10);
    const x = args.readP("MODE").word("fast");
  }
}
`;

describe("element class extraction", () => {
  it("reads name, ports, processing, flow, args, handlers and the doc block", () => {
    const { dir, paths } = pkg({ "good.ts": good });
    const [c] = extractClasses(paths, dir);
    expect(c.meta).toMatchObject({ name: "Good", ports: "1/1-2", processing: "a/ah", flowCode: "x/x", source: { file: "good.ts", line: 18 } });
    expect(c.meta.args).toEqual([
      { name: "COUNT", type: "unsigned", required: true, positional: true, doc: "How many." },
      { name: "LIMIT", type: "unsigned", required: false, positional: false, default: "10" },
      { name: "MODE", type: "word", required: false, positional: true, default: '"fast"' },
    ]);
    expect(c.meta.handlers.map((h) => [h.name, h.read, h.write, h.type])).toEqual([
      ["hits", true, false, "u64"], ["limit", true, true, "u32"], ["dump", true, false, "string"], ["reset", false, true, "string"],
    ]);
    expect(c.meta.handlers[0].doc).toBe("Packets seen.");
    expect(c.meta.doc).toMatchObject({ c: "Good(COUNT [, KEYWORDS])", category: "test", summary: "does good things", a: "Bad" });
    expect(c.meta.doc.e).toContain("Good(3)");
  });

  it("rejects an unknown processing code at its line", () => {
    const errs = errorsOf({ "p.ts": good.replace('processing: "a/ah"', 'processing: "push"') });
    expect(errs).toEqual([expect.stringMatching(/^p\.ts:18: unknown processing code 'push'/)]);
  });

  it("rejects a bad port count", () => {
    expect(errorsOf({ "p.ts": good.replace('ports: "1/1-2"', 'ports: "one/1"') })).toEqual([expect.stringMatching(/^p\.ts:18: invalid port count 'one\/1'/)]);
  });

  it("rejects a duplicate class name, naming the first declaration", () => {
    const errs = errorsOf({ "a.ts": good, "b.ts": good });
    expect(errs).toEqual(["b.ts:18: duplicate element class 'Good' (first declared at a.ts:18)"]);
  });

  it("rejects a handler of an unsupported type", () => {
    const errs = errorsOf({ "h.ts": good.replace('@handler("hits") hits: u64 = 0;', '@handler("hits") hits: Map<u32, u32> = new Map();') });
    expect(errs).toEqual([expect.stringMatching(/^h\.ts:20: handler 'hits': unsupported type Map<u32, u32>/)]);
  });

  it("rejects duplicate handlers, bad handler modes and bad handler methods", () => {
    const errs = errorsOf({ "h.ts": good
      .replace('@handler("limit", "rw")', '@handler("hits", "rw")')
      .replace('@handler("reset", "w") reset(v: string)', '@handler("reset", "x") reset(v: string)')
      .replace('@handler("dump") dump(): string', '@handler("dump") dump(): u32') });
    expect(errs).toEqual([
      expect.stringMatching(/^h\.ts:21: duplicate handler 'hits'/),
      expect.stringMatching(/^h\.ts:22: read handler 'dump' must be a method with no parameters returning string/),
      expect.stringMatching(/^h\.ts:23: handler mode must be "r", "w" or "rw"/),
    ]);
  });

  it("requires classes to extend Element, be exported, and use literal names", () => {
    const errs = errorsOf({ "x.ts": good.replace("export class Good extends Element", "class Good extends Object").replace('@element("Good"', "@element(NAME") });
    expect(errs).toEqual(expect.arrayContaining([
      expect.stringMatching(/x\.ts:18: element class Good must be exported/),
      expect.stringMatching(/x\.ts:18: element class Good must extend Element or a class of this package's sources that does \(it extends Object, which is neither\)/),
      expect.stringMatching(/x\.ts:18: @element's first argument must be a string literal/),
    ]));
  });

  it("checks who moves packets through pull ports: pull() for pull outputs, runTask() for pull inputs", () => {
    const withPull = good.replace("  count: u32 = 0;", "  count: u32 = 0;\n  pull(port: i32): Packet | null { return this.pullInput(0); }");
    const withTask = good.replace("  count: u32 = 0;", "  count: u32 = 0;\n  runTask(): bool { return false; }");
    expect(errorsOf({ "l.ts": good.replace('processing: "a/ah"', 'processing: "h/l"') })).toEqual([
      "l.ts:18: processing 'h/l' has pull outputs: the class must define pull(port: i32): Packet | null",
    ]);
    expect(errorsOf({ "p.ts": withPull })).toEqual([
      expect.stringMatching(/^p\.ts:\d+: pull\(\) runs only for pull outputs \("l" in the processing code/),
    ]);
    expect(errorsOf({ "t.ts": good.replace('processing: "a/ah"', 'processing: "l/h"') })).toEqual([
      "t.ts:18: processing 'l/h' has pull inputs but no pull outputs: something must pull them, so the class needs runTask() (Click's run_task, as in Unqueue)",
    ]);
    const ok = (files: Record<string, string>) => { const { dir, paths } = pkg(files); return extractClasses(paths, dir)[0].meta; };
    expect(ok({ "s.ts": withPull.replace('processing: "a/ah"', 'processing: "l/l"') })).not.toHaveProperty("task");
    expect(ok({ "u.ts": withTask.replace('processing: "a/ah"', 'processing: "l/h"') })).toMatchObject({ processing: "l/h", task: true });
  });

  it("rejects unknown argument types", () => {
    expect(errorsOf({ "t.ts": good.replace('.unsigned(10)', '.mac(10)') })).toEqual([expect.stringMatching(/^t\.ts:27: unknown argument type 'mac' for LIMIT/)]);
  });
});
