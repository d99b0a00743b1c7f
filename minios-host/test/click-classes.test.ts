// Always runs: generates the Click glue for the standard elements and compiles
// every C++ file with g++ -fsyntax-only, with the MiniOS C++ flags (newlib,
// freestanding, -fno-exceptions -fno-rtti -fno-threadsafe-statics, -Werror),
// against test/click-mock/ — our own minimal declarations of the Click API the
// glue uses. Also checks the lines click-buildtool reads (the opt-in
// click-userlevel test runs the real tools and the real Click).
import { describe, it, expect, beforeAll } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ModuleMeta } from "@clickos/runtime";
import { generateClickGlue } from "../../sdk/src/native/click-classes.ts";
import { clickPackageMakefile, clickMiniosMakefile } from "../../sdk/src/native/click-make.ts";
import { standardElementsWasm } from "./click-support.ts";
import { HOST_DIR, TEST_DIR, hasTool } from "./support.ts";

const NEWLIB = "/usr/include/newlib";
const reason = !hasTool("g++") ? "g++ is not installed" : !existsSync(join(NEWLIB, "string.h")) ? "newlib headers missing (apt-get install libnewlib-dev)" : null;

function readMetaSection(wasm: string): ModuleMeta {
  const mod = new WebAssembly.Module(readFileSync(wasm));
  const [sec] = WebAssembly.Module.customSections(mod, "clickos.meta");
  return JSON.parse(new TextDecoder().decode(sec)) as ModuleMeta;
}

function writeAll(dir: string, files: { path: string; contents: string }[]): void {
  for (const f of files) writeFileSync(join(dir, f.path), f.contents);
  // buildNative's module.h, reduced to the declaration the glue needs.
  writeFileSync(join(dir, "module.h"), [
    '#include "clickos_host.h"', '#ifdef __cplusplus', 'extern "C" {', '#endif',
    "extern const clickos_module_def clickos_module_elements;", '#ifdef __cplusplus', "}", "#endif", "",
  ].join("\n"));
}

function gxx(dir: string, file: string, extra: string[] = []) {
  const gccInclude = spawnSync("g++", ["-print-file-name=include"], { encoding: "utf8" }).stdout.trim();
  const args = [
    "-std=gnu++11", "-fsyntax-only", "-Wall", "-Wextra", "-Werror",
    "-nostdinc", "-isystem", NEWLIB, "-isystem", gccInclude,
    "-ffreestanding", "-fno-builtin", "-mno-red-zone", "-fno-stack-protector", "-fno-asynchronous-unwind-tables",
    "-fno-exceptions", "-fno-rtti", "-fno-threadsafe-statics", "-DCLICK_MINIOS",
    "-I", join(TEST_DIR, "click-mock"), "-I", dir, "-I", join(HOST_DIR, "host"), "-I", join(HOST_DIR, "include"),
    ...extra, join(dir, file),
  ];
  const r = spawnSync("g++", args, { encoding: "utf8" });
  return { status: r.status, stderr: r.stderr };
}

describe.skipIf(reason !== null)(`generated Click classes against the mock Click API${reason ? ` — skipped: ${reason}` : ""}`, () => {
  let meta: ModuleMeta;
  let dir: string;
  let files: { path: string; contents: string }[];
  beforeAll(async () => {
    meta = readMetaSection(await standardElementsWasm());
    dir = mkdtempSync(join(tmpdir(), "click-classes-"));
    files = generateClickGlue({ moduleName: "elements", defSymbol: "clickos_module_elements", meta, classPrefix: "W" });
    writeAll(dir, files);
  });

  it("compiles every generated C++ file with the MiniOS flags", () => {
    const cc = files.filter((f) => f.path.endsWith(".cc"));
    expect(cc.length).toBe(meta.classes.length + 2);  // classes + module instance + support
    for (const f of cc) {
      const r = gxx(dir, f.path);
      expect(r.stderr, f.path).toBe("");
      expect(r.status, f.path).toBe(0);
    }
  });

  it("compiles the batching path (PacketBatch) too", () => {
    const r = gxx(dir, "clickos_element.cc", ["-DHAVE_BATCH=1"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("fails to compile against a Click API missing what the glue uses", () => {
    // Proves the check has teeth: without Timer the support file must not build.
    const broken = mkdtempSync(join(tmpdir(), "click-mock-broken-"));
    const mock = join(broken, "click");
    spawnSync("cp", ["-r", join(TEST_DIR, "click-mock", "click"), broken]);
    writeFileSync(join(mock, "timer.hh"), "#ifndef X\n#define X\n#endif\n");
    const r = gxx(dir, "clickos_element.cc");
    const r2 = spawnSync("g++", ["-std=gnu++11", "-fsyntax-only", "-I", broken, "-I", dir, "-I", join(HOST_DIR, "host"), "-I", join(HOST_DIR, "include"), join(dir, "clickos_element.cc")], { encoding: "utf8" });
    expect(r.status).toBe(0);  // the real mock still works
    expect(r2.status).not.toBe(0);
    expect(r2.stderr).toMatch(/Timer/);
  });

  it("writes one class per element class with the metadata's name, ports, processing and flow code", () => {
    for (const c of meta.classes) {
      const hh = files.find((f) => f.path === `wasm_w${c.name.toLowerCase()}.hh`);
      expect(hh, c.name).toBeDefined();
      const t = hh!.contents;
      // click-buildtool findelem: "class X" at line start, class_name() on one line.
      expect(t).toMatch(new RegExp(`^class ClickOSWasm_elements_W${c.name} : public ClickOSWasmElement \\{ public:$`, "m"));
      expect(t).toContain(`    const char *class_name() const { return "W${c.name}"; }`);
      expect(t).toContain(`    const char *port_count() const { return "${c.ports}"; }`);
      expect(t).toContain(`    const char *processing() const { return "${c.processing}"; }`);
      if (c.flowCode) expect(t).toContain(`flow_code() const { return "${c.flowCode}"; }`);
      else expect(t).not.toContain("flow_code");
      expect(t).toContain(`ClickOSWasmElement(&clickos_wasm_module_elements, ${c.id})`);
      // The doc block is Click's format, and no doc line can end the comment early.
      expect(t).toMatch(new RegExp(`^ \\* =c\\n \\* W${c.name}`, "m"));
      for (const h of c.handlers) expect(t).toMatch(new RegExp(`^ \\* =h ${h.name} `, "m"));
      expect(t.match(/\*\//g)!.length).toBe(1);
      const cc = files.find((f) => f.path === `wasm_w${c.name.toLowerCase()}.cc`)!.contents;
      expect(cc).toMatch(new RegExp(`^EXPORT_ELEMENT\\(ClickOSWasm_elements_W${c.name}\\)$`, "m"));
      expect(cc).toMatch(/^ELEMENT_REQUIRES\(userlevel\|minios ClickOSWasmModule_elements\)$/m);
    }
  });

  it("ties module instance, wasm2c code, module.c, host and runtime together by provisions", () => {
    const get = (p: string) => files.find((f) => f.path === p)!.contents;
    expect(get("clickos_wasm_elements.cc")).toMatch(/^ELEMENT_PROVIDES\(ClickOSWasmModule_elements\)$/m);
    expect(get("clickos_wasm_elements.cc")).toMatch(/^ELEMENT_REQUIRES\(ClickOSWasm ClickOSWasmRuntime ClickOSWasmCode_elements ClickOSWasmDef_elements\)$/m);
    expect(get("clickos_wasm_elements.cc")).toContain("ClickOSWasmModule clickos_wasm_module_elements = { &clickos_module_elements,");
    expect(get("clickos_wasm_elements_code.c")).toMatch(/^ELEMENT_PROVIDES\(ClickOSWasmCode_elements\)\n#include "elements.c"$/m);
    expect(get("clickos_wasm_elements_def.c")).toMatch(/^ELEMENT_PROVIDES\(ClickOSWasmDef_elements\)\n#include "module.c"$/m);
    expect(get("clickos_wasm_host.c")).toMatch(/^ELEMENT_PROVIDES\(ClickOSWasmRuntime\)\n#include "clickos_host.c"$/m);
    expect(get("clickos_element.cc")).toMatch(/^ELEMENT_PROVIDES\(ClickOSWasm\)$/m);
    expect(get("clickos_element.cc")).toBe(readFileSync(join(HOST_DIR, "click", "clickos_element.cc"), "utf8"));
  });

  it("writes the userlevel package and MiniOS group makefiles", () => {
    const pkg = clickPackageMakefile({ packageName: "clickos_std", moduleName: "elements" });
    expect(pkg).toMatch(/^package := clickos_std$/m);
    expect(pkg).toMatch(/^include \$\(clickbuild_datadir\)\/pkg-Makefile$/m);
    expect(pkg).toMatch(/^PACKAGE_CXXFLAGS = -fno-exceptions -fno-rtti -fno-threadsafe-statics$/m);
    // `here` must be computed before the first include changes MAKEFILE_LIST.
    expect(pkg.indexOf("here :=")).toBeLessThan(pkg.indexOf("include "));
    const mos = clickMiniosMakefile({ packageName: "clickos_std", moduleName: "elements", group: "clickos_std" });
    expect(mos).toMatch(/^CLICK_EXTRA_ELEMENT_GROUPS \+= clickos_std$/m);
    expect(mos).toMatch(/^STUB_CINCLUDES \+= -I\$\(CLICKOS_WASM_ELEMENTS_DIR\)\/runtime\/include /m);
    // MiniOS builds with -nostdinc: wabt's own wasm-rt.h reaches the include path via a symlink.
    expect(mos).toMatch(/-I\$\(CLICKOS_WASM_ELEMENTS_DIR\)\/runtime\/wabt$/m);
    expect(mos).toMatch(/ln -sfn \$\(WABT_WASM_RT_H\) \$\(CLICKOS_WASM_ELEMENTS_DIR\)\/runtime\/wabt\/wasm-rt\.h/);
  });

  it("rejects a bad prefix and class names that would share a file, naming them", () => {
    expect(() => generateClickGlue({ moduleName: "elements", defSymbol: "s", meta, classPrefix: "9x" })).toThrow(/--class-prefix '9x'/);
    const dup: ModuleMeta = { ...meta, classes: [meta.classes[0], { ...meta.classes[0], id: 1, name: meta.classes[0].name.toUpperCase() }] };
    expect(() => generateClickGlue({ moduleName: "elements", defSymbol: "s", meta: dup })).toThrow(/would share the file/);
    const bad: ModuleMeta = { ...meta, classes: [{ ...meta.classes[0], name: "Bad-Name", source: { file: "x.ts", line: 3 } }] };
    expect(() => generateClickGlue({ moduleName: "elements", defSymbol: "s", meta: bad })).toThrow(/x\.ts:3: 'Bad-Name' is not a valid Click class name/);
  });
});
