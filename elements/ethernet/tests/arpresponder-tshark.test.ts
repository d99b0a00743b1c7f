// Wireshark agrees that ARPResponder's replies are well-formed ARP: run the
// ARPResponder-01 golden configuration and dissect its output with tshark.
import { describe, it, expect } from "vitest";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import { runClick } from "@clickos/runtime";

const dir = import.meta.dirname;
describe("ARPResponder output", () => {
  it("is read by tshark without errors, as ARP replies", () => {
    const conf = readFileSync(join(dir, "ARPResponder-01.click"), "utf8")
      .replace("$IN", "in.pcap").replace("$OUT", "out.pcap").replace("$OTHER", "other.pcap");
    const r = runClick(conf, { files: { "in.pcap": new Uint8Array(readFileSync(join(dir, "ARPResponder-01.IN.pcap"))) } });
    const file = join(mkdtempSync(join(tmpdir(), "arpresponder-")), "out.pcap");
    writeFileSync(file, r.files["out.pcap"]);
    const t = spawnSync("tshark", ["-r", file, "-T", "fields", "-e", "arp.opcode", "-e", "arp.src.proto_ipv4", "-e", "arp.src.hw_mac", "-e", "_ws.expert"], { encoding: "utf8" });
    expect(t.status).toBe(0);
    expect(t.stderr.split("\n").filter((l) => /error|malformed/i.test(l))).toEqual([]);
    // No expert-info column text: Wireshark found nothing odd in the replies.
    expect(t.stdout.trim().split("\n").map((l) => l.trimEnd())).toEqual([
      "2\t10.0.0.1\t00:00:c0:ae:67:ef",
      "2\t10.0.1.77\t00:00:00:00:00:02",
      "2\t10.0.0.1\t00:00:c0:ae:67:ef",
    ]);
  });
});
