// Element inheritance: an element class may extend another element class (or a
// plain base of the same package), as Click's elements inherit from one
// another. It inherits the base's handlers, the arguments its configure()
// reaches through super.configure(), and its push; it builds, and the Node host
// runs it with both the base's behaviour and its own.
import { describe, it, expect, beforeAll } from "vitest";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildPackage, type BuildResult } from "../../src/build/build.ts";
import { extractClasses } from "../../src/build/extract.ts";
import { BuildError } from "../../src/build/errors.ts";
import { runClick, writePcap, readCapture } from "@clickos/runtime";

const root = new URL("../../..", import.meta.url).pathname;

const FILES: Record<string, string> = {
  "lib/marker-base.ts": `
import { Element, Packet, Args } from "@clickos/sdk";
/** Not an element itself: the shared part. */
export class MarkerBase extends Element {
  @handler("marked") marked: u64 = 0;
  value: u8 = 0;
  configure(args: Args): void { this.value = <u8>args.readMP("VALUE").unsigned(); }
  mark(p: Packet): void { if (p.length > 0) { p.setU8(0, this.value); this.marked++; } }
}
`,
  "marker.ts": `/*
=c
Marker(VALUE)
=s test
writes VALUE into the first byte
=item VALUE
The byte.
=h marked read-only
Packets marked.
*/
import { Packet } from "@clickos/sdk";
import { MarkerBase } from "./lib/marker-base";
@element("Marker")
export class Marker extends MarkerBase {
  simpleAction(p: Packet): i32 { this.mark(p); return 0; }
}
`,
  "split-marker.ts": `/*
=c
SplitMarker(VALUE, LIMIT)
=s test
a Marker that sends packets longer than LIMIT to output 1
=item LIMIT
Longest packet for output 0.
=h long read-only
Packets sent to output 1.
*/
import { Packet, Args } from "@clickos/sdk";
import { Marker } from "./marker";
@element("SplitMarker", { ports: "1/2" })
export class SplitMarker extends Marker {
  @handler("long") long: u64 = 0;
  limit: u32 = 0;
  configure(args: Args): void {
    super.configure(args);
    this.limit = args.readMP("LIMIT").unsigned();
  }
  simpleAction(p: Packet): i32 {
    super.simpleAction(p);
    if (p.length > this.limit) { this.long++; return 1; }
    return 0;
  }
}
`,
};

let built: BuildResult;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(root, "node_modules", ".tmp-inherit-"));
  mkdirSync(join(dir, "lib"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "inherit", version: "1.0.0", clickos: { abi: 1, wasm: "build/inherit.wasm" } }));
  for (const [f, t] of Object.entries(FILES)) writeFileSync(join(dir, f), t);
  built = await buildPackage({ dir });
}, 600_000);

describe("element inheritance", () => {
  it("metadata: inherited handlers (with their docs) and arguments, the class's own added", () => {
    const split = built.meta.classes.find((c) => c.name === "SplitMarker")!;
    expect(split.handlers.map((h) => [h.name, h.id])).toEqual([["marked", 0], ["long", 1]]);
    expect(split.handlers[0].doc).toBe("Packets marked.");
    // In the order configure() reads them: VALUE through super.configure(), then LIMIT.
    expect(split.args.map((a) => [a.name, a.positional, a.required])).toEqual([["VALUE", true, true], ["LIMIT", true, true]]);
    expect(split.args.find((a) => a.name === "VALUE")?.doc).toBe("The byte.");
    expect(built.meta.classes.map((c) => c.name).sort()).toEqual(["Marker", "SplitMarker"]);   // the plain base is no element
  });

  it("runs the base's behaviour and its own in the Node host", () => {
    const frames = [new Uint8Array(60), new Uint8Array(200), new Uint8Array(100)];
    const input = writePcap(frames.map((data, i) => ({ data, timestampNs: BigInt(i + 1) })));
    const r = runClick("FromDump(in.pcap) -> s :: SplitMarker(7, 150); s[0] -> ToDump(short.pcap); s[1] -> ToDump(long.pcap);", { files: { "in.pcap": input }, modules: [built.wasm] });
    const out = (f: string) => readCapture(r.files[f], f).records.map((x) => [x.data.length, x.data[0]]);
    expect(out("short.pcap")).toEqual([[60, 7], [100, 7]]);
    expect(out("long.pcap")).toEqual([[200, 7]]);
    expect([r.read("s.marked"), r.read("s.long")]).toEqual(["3", "1"]);
  });

  it("a problem in an inherited member is reported once, where the member is", () => {
    const d = mkdtempSync(join(root, "node_modules", ".tmp-inherit-base-"));
    writeFileSync(join(d, "base.ts"), `import { Element } from "@clickos/sdk";\nexport class Base extends Element {\n  @handler("bad") bad: Map<string, i32> = new Map();\n}\n`);
    const el = (n: string) => `import { Base } from "./base";\n@element("${n}")\nexport class ${n} extends Base {}\n`;
    writeFileSync(join(d, "one.ts"), el("One"));
    writeFileSync(join(d, "two.ts"), el("Two"));
    try { extractClasses(["base.ts", "one.ts", "two.ts"].map((f) => join(d, f)), d); expect.unreachable(); }
    catch (e) {
      const lines = (e as Error).message.split("\n").filter((l) => /bad/.test(l));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^base\.ts:3: handler 'bad': unsupported type/);
    }
  });

  it("a class extending something that is not a class of the package is a located error", () => {
    const d = mkdtempSync(join(root, "node_modules", ".tmp-inherit-bad-"));
    writeFileSync(join(d, "bad.ts"), `import { Packet } from "@clickos/sdk";\n@element("Bad")\nexport class Bad extends Nowhere {\n  simpleAction(p: Packet): i32 { return 0; }\n}\n`);
    try { extractClasses([join(d, "bad.ts")], d); expect.unreachable(); }
    catch (e) {
      expect(e).toBeInstanceOf(BuildError);
      expect((e as Error).message).toMatch(/bad\.ts:2: element class Bad must extend Element or a class of this package's sources that does \(it extends Nowhere, which is neither\)/);
    }
  });
});
