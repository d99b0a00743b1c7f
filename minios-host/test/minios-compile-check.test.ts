// scripts/minios-compile-check.sh: the runtime, wasm2c output and C++ glue build
// with ClickOS MiniOS's freestanding flags against newlib and need only the
// symbols in scripts/allowed-symbols.txt.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SCRIPTS_DIR, hasTool, missingToolchain } from "./support.ts";

const script = join(SCRIPTS_DIR, "minios-compile-check.sh");
const missing =
  missingToolchain() ??
  (hasTool("g++") ? null : "g++ not installed") ??
  (existsSync("/usr/include/newlib/stdlib.h") ? null : "newlib headers not installed (apt-get install libnewlib-dev)");
const skipNote = missing ? ` [skipped: ${missing}]` : "";

function check(args: string[] = []) {
  return spawnSync("bash", [script, ...args], { encoding: "utf8", timeout: 120_000 });
}

function source(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "minios-check-src-"));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe("MiniOS compile check" + skipNote, () => {
  it.skipIf(missing)("runtime + generated module + C++ glue pass with only allowed symbols", () => {
    const keep = mkdtempSync(join(tmpdir(), "minios-check-keep-"));
    const r = check(["--keep", keep]);
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toContain("minios-compile-check: OK");
    expect(r.stdout).toMatch(/objects: clickos-rt\.o clickos_check\.o glue\.o/);
    // The objects really were built freestanding against newlib, not glibc.
    const log = readFileSync(join(keep, "build.log"), "utf8");
    expect(log).toContain("-nostdinc");
    expect(log).toContain("-ffreestanding");
    expect(log).toContain("-fno-rtti");
    const needed = r.stdout.match(/external symbols needed: (.*)/)?.[1].trim().split(/\s+/) ?? [];
    expect(needed).toEqual(expect.arrayContaining(["setjmp", "longjmp", "calloc", "memcpy"]));
    for (const forbidden of ["mmap", "mprotect", "sigaction", "abort", "__stack_chk_fail", "fprintf"]) {
      expect(needed).not.toContain(forbidden);
    }
  });

  it.skipIf(missing)("fails and names the symbol when an object needs mmap or sigaction", () => {
    const bad = source(
      "bad.c",
      [
        "#include <stddef.h>",
        "void* mmap(void*, size_t, int, int, int, long);",
        "int sigaction(int, const void*, void*);",
        "void* use_bad(void) { sigaction(11, NULL, NULL); return mmap(NULL, 4096, 0, 0, -1, 0); }",
        "",
      ].join("\n"),
    );
    const r = check(["--extra", bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/FORBIDDEN undefined symbol 'mmap' in extra1-bad\.c\.o/);
    expect(r.stderr).toMatch(/FORBIDDEN undefined symbol 'sigaction'/);
    expect(r.stdout).not.toContain("minios-compile-check: OK");
  });

  it.skipIf(missing)("fails on libstdc++ operator new in C++ glue", () => {
    const bad = source("bad.cc", "struct P { int x; };\nP* make() { return new P(); }\n");
    const r = check(["--extra", bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/FORBIDDEN undefined symbol '_Znwm'/);
  });

  it.skipIf(missing)("fails with a compile error (exit 2) when code does not build freestanding", () => {
    const bad = source("hosted.c", "#include <sys/mman.h>\nint x;\n");
    const r = check(["--extra", bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("compile step failed");
  });
});
