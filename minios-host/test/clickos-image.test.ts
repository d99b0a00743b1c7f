// Opt-in: a real ClickOS image with the standard elements linked in as WASM, booted
// under Xen in QEMU, forwarding frames through netfront. Set
//   CLICKOS_SOURCES  a directory with the checkouts build-image.sh takes (toolchain,
//                    mini-os, clickos, newlib, lwip, xen; see its header)
//   CLICKOS_DOM0     a dom0 root file system made by minios-host/clickos-image/make-dom0.sh
//   CLICKOS_IMAGE_WORK (optional) build-image.sh's work directory, kept between runs
// Runs as root (QEMU, mkfs.ext4 -d, debugfs). Nothing here is fast: a fresh image
// builds in minutes and Xen boots under TCG; the bounds below only catch a hang.
// The frames ClickOS sends back must equal, byte for byte, what the Node host makes of
// the same chain (`clickos run`), so both hosts are held to one behaviour.
import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pkt, diffPackets, readCapture, writePcap } from "@clickos/sdk/testing";
import { HOST_DIR, hasTool } from "./support.ts";

const SOURCES = process.env.CLICKOS_SOURCES;
const DOM0 = process.env.CLICKOS_DOM0;
const REPO = resolve(HOST_DIR, "..");
const CLI = join(REPO, "sdk", "bin", "clickos.js");
const SCRIPTS = join(HOST_DIR, "clickos-image");

function skipReason(): string | null {
  if (!SOURCES || !DOM0) return "CLICKOS_SOURCES and CLICKOS_DOM0 are not both set (see minios-host/clickos-image/README.md)";
  if (process.getuid?.() !== 0) return "needs root (QEMU and mkfs.ext4 -d on the dom0 disk)";
  const missing = ["qemu-system-x86_64", "mkfs.ext4", "debugfs", "wasm2c", "gcc", "g++", "make"].filter((t) => !hasTool(t));
  return missing.length ? `not installed: ${missing.join(", ")}` : null;
}
const reason = skipReason();

function sh(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 64 << 20, timeout: 3_600_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.error ?? r.status}):\n${(r.stderr ?? "").slice(-6000)}`);
  return r;
}

const SRC_MAC = "02:00:00:00:00:01";
const VIF_MAC = "00:16:3e:c1:1c:05"; // boot-image.sh's vif
const udp = (dport: number, ttl: number, i: number) =>
  pkt.ether({ src: SRC_MAC, dst: VIF_MAC }).ipv4({ src: "10.0.0.1", dst: "10.0.0.2", ttl, id: i }).udp({ sport: 1000 + i, dport }).payload(new Uint8Array(18).fill(i));

// What reaches the vif: forwarded (port 2000, TTL left), filtered (port 3000), expired
// (TTL 1) and a corrupt header (CheckIPHeader drops it).
function frames(): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < 16; i++) out.push(udp(i % 4 === 3 ? 3000 : 2000, 64 - i, i).build());
  out.push(udp(2000, 1, 16).build());
  const bad = udp(2000, 64, 17).build(); bad[14 + 10] ^= 0xff; // IP checksum
  out.push(bad);
  return out;
}

const CHAIN = ["Strip(14)", "CheckIPHeader", "IPFilter(allow udp && dst port 2000, deny all)", "DecIPTTL", "Unstrip(14)", "EtherMirror"];

describe.skipIf(reason !== null)(`ClickOS image under Xen${reason ? ` (skipped: ${reason})` : ""}`, () => {
  it("builds an image with the standard elements, boots it and forwards frames through netfront like the Node host", () => {
    const dir = mkdtempSync(join(tmpdir(), "clickos-image-"));
    // 1. The element package, through the CLI a user runs, with a class prefix so the
    //    WASM classes stand beside ClickOS's own (WDecIPTTL next to DecIPTTL).
    sh("node", [CLI, "build", ".", "--target", "minios", "--class-prefix", "W", "--package-name", "clickos_std", "--out-dir", join(dir, "pkg")], join(REPO, "elements"));
    // 2. The image.
    const work = process.env.CLICKOS_IMAGE_WORK ?? join(dir, "work");
    const image = join(dir, "clickos_x86_64");
    const built = sh(join(SCRIPTS, "build-image.sh"), ["--sources", SOURCES!, "--package", join(dir, "pkg"), "--out", image, "--work", work], dir);
    expect(built.stderr).toMatch(/wrote .*clickos_x86_64 \(.*, (\d+) classes from clickos_std\)/);
    // 3. Boot it with the chain between netfront's FromDevice and ToDevice.
    const input = frames();
    writeFileSync(join(dir, "in.pcap"), writePcap(input.map((data, i) => ({ data, timestampNs: BigInt(1e9 + i * 1000) }))));
    const conf = `FromDevice(0) -> rx::Counter -> ${CHAIN.map((e, i) => (i === 3 ? "ttl::" : "") + (/^(Strip|Unstrip)/.test(e) ? e : "W" + e)).join(" -> ")} -> tx::Counter -> ToDevice(0);\nttl[1] -> Discard;\n`;
    writeFileSync(join(dir, "router.click"), conf);
    const out = join(dir, "boot");
    const boot = spawnSync(join(SCRIPTS, "boot-image.sh"), ["--dom0", DOM0!, "--image", image, "--config", join(dir, "router.click"), "--pcap", join(dir, "in.pcap"), "--out-dir", out, "--read", "rx.count", "--read", "tx.count"], { cwd: dir, encoding: "utf8", timeout: 3_600_000 });
    const serial = existsSync(join(out, "serial.log")) ? readFileSync(join(out, "serial.log"), "latin1") : "";
    if (boot.status !== 0) throw new Error(`boot-image.sh failed (${boot.error ?? boot.status}):\n${boot.stderr.slice(-3000)}\nserial log tail:\n${serial.slice(-3000)}`);
    const guest = readFileSync(join(out, "clickos.log"), "latin1");
    expect(guest).toMatch(/status change to Running/);
    expect(guest).toMatch(/NETFRONT for device\/vif\/0/);
    // 4. The Node host on the same frames and chain.
    sh("node", [CLI, "run", CHAIN.join(" -> "), "--in", join(dir, "in.pcap"), "--out", join(dir, "node.pcap"), "-q"], dir);
    const expected = readCapture(readFileSync(join(dir, "node.pcap"))).records.map((r) => r.data);
    const actual = readCapture(readFileSync(join(out, "out.pcap"))).records.map((r) => r.data);
    expect(expected.length).toBe(12); // 16 - 4 filtered; expired and corrupt dropped
    const difference = diffPackets(expected, actual);
    if (difference) throw new Error(`ClickOS (actual) vs the Node host (expected):\n${difference}`);
    const handlers = Object.fromEntries(readFileSync(join(out, "handlers.txt"), "utf8").trim().split("\n").map((l) => l.split(" ")));
    expect(handlers).toEqual({ "rx.count": String(input.length), "tx.count": String(expected.length) });
  });
});
