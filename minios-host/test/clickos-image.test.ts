// Opt-in: a real ClickOS image with the standard elements linked in as WASM, booted
// under Xen in QEMU, forwarding frames through netfront. Set
//   CLICKOS_SOURCES  a directory with the checkouts build-image.sh takes (toolchain,
//                    mini-os, clickos, newlib, lwip, xen; see its header)
//   CLICKOS_DOM0     a dom0 root file system made by minios-host/clickos-image/make-dom0.sh
//   CLICKOS_IMAGE_WORK (optional) build-image.sh's work directory, kept between runs
// Runs as root (QEMU, mkfs.ext4 -d, debugfs). Nothing here is fast: a fresh image
// builds in minutes and Xen boots under TCG; the bounds only catch a hang.
// The frames ClickOS sends back must equal, byte for byte, what the Node host makes of
// the same chain (`clickos run`), so both hosts are held to one behaviour.
import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pkt, diffPackets, readCapture, writePcap } from "@clickos/sdk/testing";
import { hasTool } from "./support.ts";
import { CLI, VIF_MAC, bootImage, buildStandardImage, clickOSImageMissing } from "./clickos-image-support.ts";

function skipReason(): string | null {
  const missing = ["qemu-system-x86_64", "mkfs.ext4", "debugfs", "wasm2c", "gcc", "g++", "make"].filter((t) => !hasTool(t));
  return clickOSImageMissing() ?? (missing.length ? `not installed: ${missing.join(", ")}` : null);
}
const reason = skipReason();

const SRC_MAC = "02:00:00:00:00:01";
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
    // The WASM classes stand beside ClickOS's own under the prefix W (WDecIPTTL next to DecIPTTL).
    const { image, summary } = buildStandardImage(dir, { sources: process.env.CLICKOS_SOURCES!, work: process.env.CLICKOS_IMAGE_WORK });
    expect(summary).toMatch(/wrote .*clickos_x86_64 \(.*, \d+ classes from clickos_std\)/);
    // The chain between netfront's FromDevice and ToDevice.
    const input = frames();
    const pcap = writePcap(input.map((data, i) => ({ data, timestampNs: BigInt(1e9 + i * 1000) })));
    const names = ["", "chk::", "f::", "ttl::", "", ""];
    const wasmChain = CHAIN.map((e, i) => names[i] + (/^(Strip|Unstrip)/.test(e) ? e : "W" + e)).join(" -> ");
    // After the chain, a Queue and WUnqueue: the module's own task, pulling from
    // ClickOS's Queue through clickos.input_pull, pushes the frames to netfront.
    const config = `FromDevice(0) -> rx::Counter -> ${wasmChain} -> tx::Counter -> Queue(200) -> u::WUnqueue(BURST 8) -> ToDevice(0);\nttl[1] -> Discard;\n`;
    const boot = bootImage({ dom0: process.env.CLICKOS_DOM0!, image, config, pcap, out: join(dir, "run"), reads: ["rx.count", "tx.count", "u.count", "chk.fused"] });
    expect(boot.guest).toMatch(/status change to Running/);
    expect(boot.guest).toMatch(/NETFRONT for device\/vif\/0/);
    // The Node host on the same frames and chain.
    const node = spawnSync("node", [CLI, "run", [...CHAIN, "Queue(200)", "Unqueue(BURST 8)"].join(" -> "), "--in", join(dir, "run", "in.pcap"), "--out", join(dir, "node.pcap"), "-q"], { encoding: "utf8" });
    expect(node.status, node.stderr).toBe(0);
    const expected = readCapture(readFileSync(join(dir, "node.pcap"))).records.map((r) => r.data);
    expect(expected.length).toBe(12); // 16 - 4 filtered; expired and corrupt dropped
    const difference = diffPackets(expected, boot.frames);
    if (difference) throw new Error(`ClickOS (actual) vs the Node host (expected):\n${difference}`);
    // WCheckIPHeader, WIPFilter and WDecIPTTL cross as one run (fusion), inside ClickOS too.
    expect(boot.handlers).toEqual({ "rx.count": String(input.length), "tx.count": String(expected.length), "u.count": String(expected.length), "chk.fused": "chk f ttl" });
  });
});
