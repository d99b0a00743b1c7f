// Load-time validation (runtime/src/host/validate.ts): every way a module can be
// unfit is refused before anything runs, with an error naming the module and the
// reason — corrupt binaries, a missing or malformed clickos.meta, a wrong ABI
// version, an import outside the closed list, exports that disagree with the ABI.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runClick } from "@clickos/sdk/testing";
import { WasmModule } from "../../runtime/src/host/wasm-module.ts";
import { ModuleLoadError } from "../../runtime/src/host/errors.ts";
import { listSections } from "@clickos/runtime";
import { faultyWasm, WORK } from "./support.ts";
import { dropCustom, editMeta, renameExport } from "./wasm-edit.ts";
import { report } from "./report.ts";

let good = new Uint8Array();
beforeAll(async () => { good = new Uint8Array(readFileSync(await faultyWasm())); }, 600_000);
const rows: { input: string; cases: number; outcome: string }[] = [];
afterAll(() => report("validation", { title: "Load-time validation (Node host)", rows }));

/** Loads bytes as "m.wasm" and returns the refusal's message. */
function refusal(bytes: Uint8Array): string {
  try {
    WasmModule.load(bytes, "m.wasm");
  } catch (e) {
    expect(e).toBeInstanceOf(ModuleLoadError);
    expect((e as ModuleLoadError).module).toBe("m.wasm");
    return (e as Error).message;
  }
  throw new Error("module was accepted");
}

function renameImport(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const sec = listSections(bytes).find((s) => s.id === 2)!;
  const out = bytes.slice();
  const text = new TextDecoder("latin1").decode(out.subarray(sec.payloadStart, sec.end));
  const at = text.indexOf(String.fromCharCode(from.length) + from);
  if (at < 0) throw new Error(`no import ${from}`);
  out.set(new TextEncoder().encode(to), sec.payloadStart + at + 1);
  return out;
}

describe("load-time validation", () => {
  it("the unmodified module loads", () => {
    expect(WasmModule.load(good, "m.wasm").meta.classes.map((c) => c.name)).toEqual(["Faulty", "FaultySched", "FaultyUnqueue", "Steal"]);
  });

  it("corrupt binaries: bad magic, truncation, garbage code, too short", () => {
    const badMagic = good.slice(); badMagic[1] = 0x62;
    expect(refusal(badMagic)).toBe("m.wasm: not a valid WebAssembly module: byte 0: bad magic (not a WebAssembly module)");
    expect(refusal(good.subarray(0, good.length >> 1))).toMatch(/^m\.wasm: not a valid WebAssembly module: byte \d+: section \d+ runs past the end of the module/);
    expect(refusal(good.subarray(0, 5))).toMatch(/^m\.wasm: not a valid WebAssembly module: byte 0: too short/);
    const version = good.slice(); version[4] = 2;
    expect(refusal(version)).toMatch(/byte 4: unsupported WebAssembly version/);
    const code = listSections(good).find((s) => s.id === 10)!;
    const garbage = good.slice(); garbage.fill(0xff, (code.payloadStart + code.end) >> 1, ((code.payloadStart + code.end) >> 1) + 64);
    expect(refusal(garbage)).toMatch(/^m\.wasm: invalid WebAssembly: /);
    rows.push({ input: "corrupt binaries (bad magic, bad version, truncated, too short, garbage in the code section)", cases: 5, outcome: "refused: module name + byte offset, or the engine's compile error" });
  });

  it("missing or malformed clickos.meta", () => {
    expect(refusal(dropCustom(good, "clickos.meta"))).toBe("m.wasm: no 'clickos.meta' custom section: not built by clickos build (or stripped)");
    expect(refusal(editMeta(good, new TextEncoder().encode("{ not json")))).toMatch(/^m\.wasm: malformed 'clickos\.meta' section: .*JSON/);
    expect(refusal(editMeta(good, Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d])))).toMatch(/^m\.wasm: malformed 'clickos\.meta' section: .*(encoded|decode)/i);
    expect(refusal(editMeta(good, () => [1, 2]))).toBe("m.wasm: malformed 'clickos.meta' section: metadata: must be an object");
    expect(refusal(editMeta(good, (m) => ({ ...m, classes: undefined })))).toBe("m.wasm: malformed 'clickos.meta' section: classes: missing");
    expect(refusal(editMeta(good, (m) => ({ ...m, classes: [{ ...(m.classes as object[])[0], name: 7 }] })))).toBe("m.wasm: malformed 'clickos.meta' section: classes[0].name: must be a string");
    expect(refusal(editMeta(good, (m) => ({ ...m, classes: [{ ...(m.classes as object[])[0], handlers: null }] })))).toBe("m.wasm: malformed 'clickos.meta' section: classes[0].handlers: must be an array");
    expect(refusal(editMeta(good, (m) => ({ ...m, fuel: -5 })))).toBe("m.wasm: malformed 'clickos.meta' section: fuel: must be an integer from 1 to 100000000");
    rows.push({ input: "clickos.meta missing, not JSON, not UTF-8, wrong shape (abi, classes, class fields, fuel)", cases: 8, outcome: "refused: module name + what is wrong in the section" });
  });

  it("a wrong ABI version names both versions", () => {
    expect(refusal(editMeta(good, (m) => ({ ...m, abi: 2 })))).toBe("m.wasm: built for ClickOS ABI version 2, but this host implements version 1; rebuild it with a matching @clickos/sdk");
    expect(refusal(editMeta(good, (m) => ({ ...m, abi: 0 })))).toMatch(/ABI version 0, but this host implements version 1/);
    rows.push({ input: "wrong ABI version in clickos.meta (0, 2)", cases: 2, outcome: "refused: both versions named" });
  });

  it("an import outside the closed list is refused, listing what is allowed", () => {
    expect(refusal(renameImport(good, "abort", "xbort"))).toMatch(/^m\.wasm: imports outside the ClickOS ABI's closed list: env\.xbort \(function\); allowed: clickos\.log, clickos\.error, .*env\.abort/);
    expect(refusal(renameImport(good, "clickos", "wasi_sn"))).toMatch(/imports outside the ClickOS ABI's closed list: wasi_sn\./);
    rows.push({ input: "imports outside the closed list (renamed function, foreign module)", cases: 2, outcome: "refused: the foreign imports and the allowed list" });
  });

  it("exports that disagree with the ABI (a missing function) are refused", () => {
    expect(refusal(renameExport(good, "clickos_push", "clickos_pusx"))).toBe("m.wasm: missing ABI exports: clickos_push (metadata and exports disagree; rebuild with clickos build)");
    expect(refusal(renameExport(good, "memory", "memorx"))).toMatch(/missing ABI exports: memory/);
    rows.push({ input: "metadata/exports mismatch (clickos_push or memory not exported)", cases: 2, outcome: "refused: the missing exports named" });
  });

  it("through runClick the refusal names the module file", () => {
    const path = join(WORK, `badabi-${process.pid}.wasm`);
    writeFileSync(path, editMeta(good, (m) => ({ ...m, abi: 9 })));
    expect(() => runClick("Idle -> Faulty(none) -> Discard;", { modules: [path], elements: false, files: {} })).toThrow(new RegExp(`${path.replace(/[.]/g, "\\.")}: built for ClickOS ABI version 9`));
    rows.push({ input: "a refused module given to runClick / clickos run", cases: 1, outcome: "the error carries the module's path" });
  });
});
