import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCapture, writePcap } from "../../src/pcap/index.js";

const has = (bin: string) => spawnSync("which", [bin]).status === 0;
const dir = mkdtempSync(join(tmpdir(), "clickos-pcap-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A valid Ethernet/IPv4/UDP frame so tshark dissects without complaints.
const frame = Uint8Array.from([
  0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x08, 0x00,
  0x45, 0x00, 0x00, 0x21, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0x66, 0xca, 0x0a, 0x00, 0x00, 0x01, 0x0a, 0x00, 0x00, 0x02,
  0x04, 0xd2, 0x00, 0x35, 0x00, 0x0d, 0x00, 0x00, 0x68, 0x65, 0x6c, 0x6c, 0x6f,
]);
const records = [
  { data: frame, timestampNs: 1_600_000_000_000_001_000n },
  { data: frame.subarray(0, 20), timestampNs: 1_600_000_000_500_000_000n },
  { data: frame, timestampNs: 1_600_000_001_000_000_000n },
];

describe("interoperability with Wireshark tools", () => {
  it.skipIf(!has("tshark"))("tshark reads a file written by writePcap without errors", () => {
    const file = join(dir, "out.pcap");
    writeFileSync(file, writePcap(records));
    const r = spawnSync("tshark", ["-r", file, "-T", "fields", "-e", "frame.number", "-e", "frame.time_epoch"], {
      encoding: "utf8",
    });
    expect(r.stderr.replace(/^Running as user .*\n?/m, "")).toBe("");
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^1\t1600000000\.000001/);
  });

  it.skipIf(!has("editcap"))("reads the same packets after editcap converts to pcapng", () => {
    const src = join(dir, "in.pcap");
    const dst = join(dir, "out.pcapng");
    writeFileSync(src, writePcap(records, { nanosecond: true }));
    execFileSync("editcap", ["-F", "pcapng", src, dst], { stdio: "pipe" });
    const ng = readCapture(readFileSync(dst), "out.pcapng");
    expect(ng.format).toBe("pcapng");
    expect(ng.linkType).toBe(1);
    expect(ng.records.map((r) => [...r.data])).toEqual(records.map((r) => [...r.data]));
    expect(ng.records.map((r) => r.timestampNs)).toEqual(records.map((r) => r.timestampNs));
  });
});
