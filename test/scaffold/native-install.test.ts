// The native route from an installed package, as a user takes it: the SDK,
// runtime and standard elements packed as npm would publish them, installed
// into a scaffolded project, then the bundled CLI's `clickos build --target
// linux` (harness built with make and run on a capture) and `--target
// click-userlevel --class-prefix W` (class files named for WSetTTL).
// The native host's C sources must come from inside the installed SDK.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prepare, ROOT } from "./pipeline.mjs";
import { nativeToolchainMissing, runHarness } from "../../minios-host/test/native-support.ts";
import { pkt, writePcap } from "@clickos/sdk/testing";

const missing = nativeToolchainMissing();

function run(cmd: string, args: string[], cwd: string) {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(npm_|VITEST|TEST$|NODE_ENV$)/.test(k)) env[k] = v;
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env, timeout: 300_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

describe.skipIf(missing)(`clickos build --target from an installed package (${missing ?? "npm pack + install"})`, () => {
  it("builds and runs the Linux harness, and names Click classes with --class-prefix", () => {
    prepare();
    const packs = mkdtempSync(join(tmpdir(), "clickos-packs-"));
    for (const p of ["runtime", "sdk", "elements"]) run("npm", ["pack", "--silent", "--pack-destination", packs], join(ROOT, p));
    const tgz = (name: string) => join(packs, readdirSync(packs).find((f) => f.startsWith(`clickos-${name}-`))!);
    const cwd = mkdtempSync(join(tmpdir(), "clickos-native-install-"));
    run(process.execPath, [join(ROOT, "create-clickos-element/bin/create-clickos-element.js"), "my-ttl", "--template", "simple", "--class", "SetTTL", "--yes", "--no-install"], cwd);
    const dir = join(cwd, "my-ttl");
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    for (const p of ["sdk", "runtime", "elements"]) pkg.devDependencies[`@clickos/${p}`] = `file:${tgz(p)}`;
    writeFileSync(join(dir, "package.json"), JSON.stringify(pkg, null, 2));
    run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], dir);
    // The installed SDK is a copy, not a link into this repository.
    expect(existsSync(join(dir, "node_modules/@clickos/sdk/dist/minios-host/host/clickos_host.c"))).toBe(true);

    const linux = run("npx", ["clickos", "build", "--target", "linux", "--out-dir", "native"], dir);
    expect(linux.stdout).toMatch(/wrote linux sources to native \(module elements\); build the harness with: make -C native -f clickos.mk/);
    run("make", ["-s", "-C", "native", "-f", "clickos.mk"], dir);
    // A raw-IP capture: the harness has only this module's classes (no Strip).
    const ip = pkt.ether().ipv4({ ttl: 9 }).udp().payload("x").build().subarray(14);
    const h = runHarness(join(dir, "native/clickos-run"), "t :: SetTTL(TTL 5)", writePcap([{ data: ip }], { linkType: 101 }), ["--encap", "IP"], ["t.count"], { out1: false });
    expect(h.status, h.stderr).toBe(0);
    expect(h.handlers["t.count"]).toBe("1");
    expect(h.out[0][8]).toBe(5);

    const click = run("npx", ["clickos", "build", "--target", "click-userlevel", "--class-prefix", "W", "--out-dir", "click"], dir);
    expect(click.stdout).toMatch(/Click classes WSetTTL/);
    expect(readdirSync(join(dir, "click"))).toEqual(expect.arrayContaining(["wasm_wsetttl.cc", "wasm_wsetttl.hh", "click-package.mk", "clickos_element.cc"]));
    expect(readFileSync(join(dir, "click/wasm_wsetttl.hh"), "utf8")).toContain('class_name() const { return "WSetTTL"; }');
  }, 600_000);
});
