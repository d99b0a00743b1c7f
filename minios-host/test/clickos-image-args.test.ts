// The ClickOS image scripts refuse bad input before any long step, naming what is wrong
// (the image build itself is the opt-in clickos-image.test.ts). Runs everywhere: no
// checkouts, QEMU or root needed.
import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HOST_DIR } from "./support.ts";

const SCRIPTS = join(HOST_DIR, "clickos-image");
const run = (script: string, args: string[]) => {
  const r = spawnSync("bash", [join(SCRIPTS, script), ...args], { encoding: "utf8" });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
};

/** A directory that looks like the six checkouts, each with only its marker file. */
function fakeSources(swap = false): string {
  const dir = mkdtempSync(join(tmpdir(), "clickos-src-"));
  const markers: Record<string, string> = {
    toolchain: "config.mk", "mini-os": "minios.mk", clickos: "minios/click.cc",
    newlib: "newlib/libc/stdio/vfprintf.c", lwip: "src/core/tcp.c", xen: "xen/include/public/xen.h",
  };
  for (const [name, marker] of Object.entries(markers)) {
    const file = join(dir, swap && name === "toolchain" ? "mini-os-unused" : name, marker);
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, name === "toolchain" ? "NEWLIB_VERSION := 1.16.0\nLWIP_TAG := X\n" : "");
  }
  if (swap) mkdirSync(join(dir, "toolchain"));
  return dir;
}

describe("build-image.sh", () => {
  it("prints its usage without arguments", () => {
    const r = run("build-image.sh", []);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/build-image\.sh --sources DIR --package DIR --out IMAGE/);
  });
  it("names a missing checkout", () => {
    const r = run("build-image.sh", ["--sources", "/nonexistent", "--package", "p", "--out", "o"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/\/nonexistent\/toolchain: no such directory \(the toolchain checkout\)/);
  });
  it("recognises a checkout that is not what its name says", () => {
    const r = run("build-image.sh", ["--sources", fakeSources(true), "--package", "p", "--out", "o"]);
    expect(r.stderr).toMatch(/toolchain: not a toolchain checkout \(no config\.mk\)/);
  });
  it("asks for the element package clickos build writes", () => {
    const pkg = mkdtempSync(join(tmpdir(), "clickos-pkg-"));
    const r = run("build-image.sh", ["--sources", fakeSources(), "--package", pkg, "--out", "o"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no click-minios\.mk \(run clickos build --target minios/);
  });
  it("rejects an unknown option by name", () => {
    expect(run("build-image.sh", ["--nosuch"]).stderr).toMatch(/unknown argument '--nosuch'/);
  });
});

describe("boot-image.sh", () => {
  const files = () => {
    const dir = mkdtempSync(join(tmpdir(), "clickos-boot-"));
    for (const f of ["image", "router.click", "in.pcap"]) writeFileSync(join(dir, f), "x");
    return dir;
  };
  it("refuses a directory that is not a dom0 root file system", () => {
    const d = files();
    const r = run("boot-image.sh", ["--dom0", d, "--image", join(d, "image"), "--config", join(d, "router.click"), "--pcap", join(d, "in.pcap"), "--out-dir", join(d, "out")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/not a dom0 root file system \(no usr\/lib\/xen-\*; make one with make-dom0\.sh\)/);
  });
  it("names a missing input file, a malformed --read and a bad --wait or --memory", () => {
    const d = files();
    const base = ["--dom0", d, "--config", join(d, "router.click"), "--pcap", join(d, "in.pcap"), "--out-dir", join(d, "out")];
    expect(run("boot-image.sh", [...base, "--image", join(d, "nosuch")]).stderr).toMatch(/nosuch: no such file/);
    // A handler name reaches a shell inside dom0: only Click's element/handler characters pass.
    expect(run("boot-image.sh", [...base, "--image", join(d, "image"), "--read", "rx.count;reboot"]).stderr)
      .toMatch(/--read 'rx\.count;reboot': expected ELEMENT\.HANDLER/);
    // --wait and --memory are written into dom0's init and the domain's configuration.
    expect(run("boot-image.sh", [...base, "--image", join(d, "image"), "--wait", "5;reboot"]).stderr).toMatch(/--wait '5;reboot': expected whole seconds/);
    expect(run("boot-image.sh", [...base, "--image", join(d, "image"), "--memory", "8"]).stderr).toMatch(/--memory '8': expected MiB, at least 16/);
  });
});

describe("make-dom0.sh", () => {
  it("prints its usage without arguments", () => {
    const r = run("make-dom0.sh", []);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/make-dom0\.sh DIR \[MIRROR\]/);
  });
});
