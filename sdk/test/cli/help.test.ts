// The bundled CLI's help and errors: every command answers --help with its own
// usage (and exit 0); a configuration file that does not exist is an error, not
// a chain; with --json a failure is JSON on standard output too.
import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";

const CLI = join(new URL("../../..", import.meta.url).pathname, "sdk/bin/clickos.js");
const clickos = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", cwd: mkdtempSync(join(tmpdir(), "clickos-cli-")) });

describe("clickos --help", () => {
  for (const cmd of ["build", "inspect", "run", "flatten", "graph", "demo", "pack", "docs"]) {
    it(`${cmd} --help prints ${cmd}'s usage`, () => {
      const r = clickos(cmd, "--help");
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(`usage: clickos ${cmd}`);
      expect(r.stdout).toMatch(new RegExp(`^  ${cmd} `, "m"));
      expect(r.stderr).toBe("");
    });
  }
  it("the overall help lists every command's options, and the default runtime the build uses", () => {
    const r = clickos("help");
    expect(r.status).toBe(0);
    for (const o of ["--class-prefix", "--allow-traps", "--module X.wasm", "--elements X.wasm", "-q, --quiet", "--out-dir DIR"]) expect(r.stdout).toContain(o);
    expect(r.stdout).toContain("minimal (default)");
  });
});

describe("clickos run errors", () => {
  it("a missing .click file is an error naming it, not a chain", () => {
    const r = clickos("run", "nosuch.click");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("clickos run: nosuch.click: no such file");
  });
  it("with --json a failure is a JSON object on standard output", () => {
    const r = clickos("run", "nosuch.click", "--json");
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ error: "nosuch.click: no such file" });
  });
});
