// clickos build end to end on a tiny package: the module compiles, carries
// clickos.meta, exports exactly the ABI, and inspect prints it.
import { describe, it, expect, beforeAll } from "vitest";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildPackage } from "../../src/build/build.ts";
import { formatMeta } from "../../src/commands/inspect.ts";
import { readMeta, checkInterface, EXPORTS, IMPORTS } from "@clickos/runtime";

const root = new URL("../../..", import.meta.url).pathname;
let wasm: Uint8Array;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(root, "node_modules", ".tmp-build-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "tiny-elements", version: "1.2.3", clickos: { abi: 1, wasm: "build/tiny.wasm" } }));
  writeFileSync(join(dir, "settos.ts"), `/*
=c
SetTOS(TOS)
=s ip
sets the IP TOS byte
*/
import { Element, Packet, Args } from "@clickos/sdk";
@element("SetTOS")
export class SetTOS extends Element {
  @handler("count") count: u64 = 0;
  tos: u32 = 0;
  configure(args: Args): void { this.tos = args.readMP("TOS").unsigned(); if (this.tos > 255) args.error("TOS must be at most 255"); }
  simpleAction(p: Packet): i32 {
    const ip = p.ip();
    if (ip === null) return 1;
    ip.tos = <u8>this.tos;
    ip.updateChecksum();
    this.count++;
    return 0;
  }
}
`);
  const r = await buildPackage({ dir });
  wasm = new Uint8Array(readFileSync(r.wasm));
}, 600_000);

describe("clickos build", () => {
  it("writes clickos.meta with the package, ABI and class", () => {
    const meta = readMeta(wasm, "tiny.wasm");
    expect(meta).toMatchObject({ abi: 1, package: { name: "tiny-elements", version: "1.2.3" }, runtime: "minimal" });
    expect(meta.classes.map((c) => [c.name, c.ports, c.processing])).toEqual([["SetTOS", "1/1", "a"]]);
    expect(meta.classes[0].args[0]).toMatchObject({ name: "TOS", type: "unsigned", required: true, positional: true });
  });

  it("exports exactly the ABI and imports only the closed list", () => {
    const mod = new WebAssembly.Module(wasm);
    checkInterface(mod, "tiny.wasm");
    const exported = WebAssembly.Module.exports(mod).map((e) => e.name).sort();
    // clickos_fuel_set is added by the hosts' sandbox, never by the build.
    expect(exported).toEqual(["memory", ...EXPORTS.filter((e) => !e.hostAdded).map((e) => e.name)].sort());
    const allowed = new Set(IMPORTS.map((i) => `${i.module}.${i.name}`));
    for (const i of WebAssembly.Module.imports(mod)) expect(allowed.has(`${i.module}.${i.name}`)).toBe(true);
  });

  it("declares a memory maximum (the page limit both hosts enforce)", () => {
    const text = new TextDecoder().decode(wasm);
    void text;
    const mem = new WebAssembly.Instance(new WebAssembly.Module(wasm), {
      clickos: { log() {}, error() {}, now_ns: () => 0n, random() {}, timer_schedule() {}, timer_cancel() {}, input_pull: () => 0, handler_text() {} },
      env: { abort() { throw new Error("abort"); }, trace() {}, seed: () => 1 },
    }).exports.memory as WebAssembly.Memory;
    expect(() => mem.grow(257)).toThrow();
  });

  it("inspect prints the classes readably", () => {
    const out = formatMeta(readMeta(wasm, "tiny.wasm"), "tiny.wasm");
    expect(out).toContain("tiny.wasm: ClickOS ABI 1");
    expect(out).toContain("SetTOS  ports 1/1  processing a  (settos.ts:8)");
    expect(out).toContain("sets the IP TOS byte");
    expect(out).toContain("arg TOS (unsigned, required, positional)");
    expect(out).toContain("handler count (read, u64)");
  });

  it("skips the compile when nothing changed, and compiles again when something did (the build stamp)", async () => {
    const compiled: string[][] = [];
    const onCompile = (c: string[]) => compiled.push(c);
    const again = await buildPackage({ dir, onCompile });
    expect(again.cached).toBe(true);
    expect(compiled).toEqual([]);
    expect(new Uint8Array(readFileSync(again.wasm))).toEqual(wasm);
    // --force compiles, and the result is the same module.
    const forced = await buildPackage({ dir, onCompile, force: true });
    expect(forced.cached).toBe(false);
    expect(new Uint8Array(readFileSync(forced.wasm))).toEqual(wasm);
    // A .wasm replaced after the build is not taken for it.
    writeFileSync(forced.wasm, new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    expect((await buildPackage({ dir, onCompile })).cached).toBe(false);
    // Nor is a build of other options, or of a source that changed since.
    expect((await buildPackage({ dir, onCompile, fuel: 1234 })).cached).toBe(false);
    writeFileSync(join(dir, "settos.ts"), readFileSync(join(dir, "settos.ts"), "utf8") + "\n// changed\n");
    expect((await buildPackage({ dir, onCompile })).cached).toBe(false);
    expect((await buildPackage({ dir, onCompile })).cached).toBe(true);
    expect(compiled).toEqual([["SetTOS"], ["SetTOS"], ["SetTOS"], ["SetTOS"]]);
  }, 600_000);

  it("reports asc errors at the author's file and line", async () => {
    writeFileSync(join(dir, "broken.ts"), `import { Element, Packet } from "@clickos/sdk";\n@element("Broken")\nexport class Broken extends Element {\n  simpleAction(p: Packet): i32 { return undefinedThing; }\n}\n`);
    await expect(buildPackage({ dir })).rejects.toThrow(/broken\.ts:4: TS2304: Cannot find name 'undefinedThing'/);
  }, 600_000);
});
