import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writePcap } from "@clickos/runtime";
import { decodeFields, type Field } from "../../src/testing/fields.js";
import { pkt } from "../../src/testing/packet-builder.js";

const values = (fs: Field[]) => Object.fromEntries(fs.map((f) => [f.name, f.value]));
const names = (fs: Field[]) => fs.map((f) => f.name);

describe("decodeFields", () => {
  it("decodes Ethernet/IPv4/UDP with offsets and lengths", () => {
    const f = pkt
      .ether({ src: "00:11:22:33:44:55", dst: "66:77:88:99:aa:bb" })
      .ipv4({ src: "10.0.0.1", dst: "10.0.0.2", ttl: 63, id: 0x1234, flags: "DF", tos: 0xb8 })
      .udp({ sport: 1234, dport: 53 })
      .payload("hello")
      .build();
    const fs = decodeFields(f);
    expect(names(fs)).toEqual([
      "eth.dst", "eth.src", "eth.type",
      "ip.version", "ip.hl", "ip.tos", "ip.len", "ip.id", "ip.flags", "ip.frag_offset", "ip.ttl", "ip.proto", "ip.checksum", "ip.src", "ip.dst",
      "udp.srcport", "udp.dstport", "udp.length", "udp.checksum",
      "payload",
    ]);
    expect(values(fs)).toMatchObject({
      "eth.dst": "66:77:88:99:aa:bb", "eth.type": "0x0800", "ip.hl": "5 (20 bytes)", "ip.tos": "0xb8", "ip.len": "33",
      "ip.id": "0x1234", "ip.flags": "0x2 (DF)", "ip.ttl": "63", "ip.proto": "17 (UDP)", "ip.src": "10.0.0.1",
      "udp.srcport": "1234", "udp.dstport": "53", "udp.length": "13", payload: "68656c6c6f",
    });
    expect(fs.find((x) => x.name === "ip.ttl")).toEqual({ name: "ip.ttl", offset: 22, length: 1, value: "63" });
    expect(fs.find((x) => x.name === "ip.checksum")).toMatchObject({ offset: 24, length: 2, value: `0x${f[24].toString(16).padStart(2, "0")}${f[25].toString(16).padStart(2, "0")}` });
    expect(fs.find((x) => x.name === "payload")).toMatchObject({ offset: 42, length: 5 });
  });

  it("decodes ARP", () => {
    const fs = decodeFields(pkt.ether().arp({ op: "reply", senderMac: "00:11:22:33:44:55", senderIp: "10.0.0.1", targetMac: "66:77:88:99:aa:bb", targetIp: "10.0.0.2" }).build());
    expect(values(fs)).toMatchObject({
      "arp.opcode": "2 (reply)", "arp.sha": "00:11:22:33:44:55", "arp.spa": "10.0.0.1", "arp.tha": "66:77:88:99:aa:bb", "arp.tpa": "10.0.0.2",
    });
    expect(fs.at(-1)).toMatchObject({ name: "arp.tpa", offset: 38, length: 4 });
  });

  it("decodes IPv6/TCP with options and flags", () => {
    const f = pkt.ether().ipv6({ src: "2001:db8::1", dst: "2001:db8::2", hopLimit: 7, trafficClass: 0x12, flowLabel: 0xabcde })
      .tcp({ sport: 40000, dport: 80, flags: "SA", seq: 4294967295, ack: 17, window: 1000, urgent: 3, options: [1, 1, 1, 1] })
      .build();
    expect(values(decodeFields(f))).toMatchObject({
      "ipv6.version": "6", "ipv6.tclass": "0x12", "ipv6.flow": "0xabcde", "ipv6.plen": "24", "ipv6.nxt": "6 (TCP)", "ipv6.hlim": "7",
      "ipv6.src": "2001:db8::1", "tcp.srcport": "40000", "tcp.seq": "4294967295", "tcp.ack": "17", "tcp.hdr_len": "6 (24 bytes)",
      "tcp.flags": "0x012 (SYN, ACK)", "tcp.window": "1000", "tcp.urgent": "3", "tcp.options": "01010101",
    });
  });

  it("decodes ICMP echo and non-echo messages", () => {
    const echo = values(decodeFields(pkt.ether().ipv4().icmp({ type: 8, id: 1, seq: 2 }).build()));
    expect(echo).toMatchObject({ "icmp.type": "8", "icmp.code": "0", "icmp.ident": "1", "icmp.seq": "2" });
    const unreach = values(decodeFields(pkt.ether().ipv4().icmp({ type: 3, code: 1 }).payload([0x45]).build()));
    expect(unreach).toMatchObject({ "icmp.type": "3", "icmp.code": "1", "icmp.rest": "00000000", payload: "45" });
  });

  it("decodes raw IP link types 101, 228 and 229", () => {
    const v4 = pkt.ipv4({ ttl: 9 }).udp({ sport: 1, dport: 2 }).build();
    const v6 = pkt.ipv6({ hopLimit: 8 }).icmpv6({ type: 129, id: 5 }).build();
    expect(values(decodeFields(v4, 101))["ip.ttl"]).toBe("9");
    expect(values(decodeFields(v4, 228))["udp.dstport"]).toBe("2");
    expect(values(decodeFields(v6, 101))["ipv6.hlim"]).toBe("8");
    expect(values(decodeFields(v6, 229))).toMatchObject({ "icmpv6.type": "129", "icmpv6.ident": "5" });
    expect(decodeFields(v4, 147)).toEqual([{ name: "payload", offset: 0, length: v4.length, value: Buffer.from(v4).toString("hex") }]);
  });

  it("decodes 802.1Q tags", () => {
    const inner = pkt.ether().ipv4().build();
    const tagged = Uint8Array.from([...inner.subarray(0, 12), 0x81, 0x00, 0xa0, 0x64, 0x08, 0x00, ...inner.subarray(14)]);
    const fs = values(decodeFields(tagged));
    expect(fs).toMatchObject({ "eth.type": "0x8100", "vlan.priority": "5", "vlan.id": "100", "vlan.etype": "0x0800", "ip.version": "4" });
  });

  it("reports Ethernet padding after the datagram as eth.trailer", () => {
    const f = Uint8Array.from([...pkt.ether().ipv4().udp().payload("a").build(), 0, 0, 0]);
    expect(decodeFields(f).slice(-2)).toEqual([
      { name: "payload", offset: 42, length: 1, value: "61" },
      { name: "eth.trailer", offset: 43, length: 3, value: "000000" },
    ]);
  });

  it("does not decode transport headers of non-first fragments", () => {
    const fs = decodeFields(pkt.ether().ipv4({ fragOffset: 8, proto: 17 }).payload(new Uint8Array(8)).build());
    expect(names(fs).some((n) => n.startsWith("udp."))).toBe(false);
    expect(values(fs)["ip.frag_offset"]).toBe("8");
  });

  it("shortens long payload values", () => {
    const fs = decodeFields(pkt.ether().payload(new Uint8Array(100)).build());
    expect(fs.at(-1)).toMatchObject({ name: "payload", length: 100, value: `${"00".repeat(32)}… (100 bytes)` });
  });

  it("decodes every truncation of every kind of frame without throwing", () => {
    const frames = [
      pkt.ether().ipv4({ options: [1, 1, 1, 1] }).tcp({ options: [2, 4, 5, 0xb4] }).payload("data").build(),
      pkt.ether().ipv6().udp().payload("x").build(),
      pkt.ether().ipv6().icmpv6().build(),
      pkt.ether().arp().build(),
      pkt.ether().ipv4().icmp({ type: 0 }).build(),
    ];
    for (const f of frames) {
      for (let n = 0; n <= f.length; n++) {
        const fs = decodeFields(f.subarray(0, n));
        // Fields tile the bytes: the last one ends exactly at the cut.
        const end = fs.reduce((m, x) => Math.max(m, x.offset + x.length), 0);
        expect(end).toBe(n);
        for (const x of fs) expect(x.offset + x.length).toBeLessThanOrEqual(n);
      }
    }
    // 24-byte IP header with options: TCP starts at 38, so byte 40 is mid-dstport.
    const cut = decodeFields(frames[0].subarray(0, 41));
    expect(cut.slice(-2)).toMatchObject([{ name: "tcp.srcport", offset: 38 }, { name: "truncated", offset: 40, length: 1 }]);
  });

  it("survives random garbage", () => {
    let seed = 99;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 500; i++) {
      const f = Uint8Array.from({ length: Math.floor(rand() * 80) }, () => Math.floor(rand() * 256));
      if (f.length > 15 && rand() < 0.5) f.set([0x08, 0x00, 0x40 | Math.floor(rand() * 16)], 12);
      for (const lt of [1, 101, 228, 229]) expect(() => decodeFields(f, lt)).not.toThrow();
    }
  });
});

const hasTshark = spawnSync("which", ["tshark"]).status === 0;
const dir = mkdtempSync(join(tmpdir(), "clickos-fields-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("decodeFields agrees with tshark", () => {
  // Fields whose text is formatted the same way by both decoders.
  const same: Record<string, string> = {
    "eth.src": "eth.src", "eth.dst": "eth.dst", "ip.len": "ip.len", "ip.ttl": "ip.ttl", "ip.src": "ip.src", "ip.dst": "ip.dst",
    "ipv6.hlim": "ipv6.hlim", "ipv6.src": "ipv6.src", "ipv6.dst": "ipv6.dst", "ipv6.plen": "ipv6.plen",
    "udp.srcport": "udp.srcport", "udp.dstport": "udp.dstport", "udp.length": "udp.length",
    "tcp.srcport": "tcp.srcport", "tcp.dstport": "tcp.dstport", "tcp.seq": "tcp.seq_raw", "tcp.ack": "tcp.ack_raw",
    "tcp.window": "tcp.window_size_value", "ip.frag_offset": "ip.frag_offset", "arp.spa": "arp.src.proto_ipv4", "arp.tha": "arp.dst.hw_mac",
  };

  it.skipIf(!hasTshark)("matches tshark -T fields for shared fields", () => {
    const frames = [
      pkt.ether({ src: "00:11:22:33:44:55" }).ipv4({ src: "10.1.2.3", dst: "10.3.2.1", ttl: 17 }).udp({ sport: 5353, dport: 53 }).payload("q").build(),
      pkt.ether().ipv4({ fragOffset: 0, flags: "DF" }).tcp({ sport: 443, dport: 50000, seq: 123456789, ack: 987654321, window: 512, flags: "A" }).build(),
      pkt.ether().ipv6({ src: "fe80::1:2", dst: "2001:db8:0:0:1::", hopLimit: 255 }).udp({ sport: 546, dport: 547 }).payload("dhcp").build(),
      pkt.ether().arp({ senderIp: "10.9.8.7", targetIp: "10.0.0.1", targetMac: "00:00:5e:00:53:01" }).build(),
    ];
    const file = join(dir, "fields.pcap");
    writeFileSync(file, writePcap(frames.map((data) => ({ data }))));
    const ours = Object.keys(same);
    const args = ["-r", file, "-T", "fields", "-E", "separator=|", ...ours.flatMap((k) => ["-e", same[k]])];
    const r = spawnSync("tshark", args, { encoding: "utf8" });
    expect(r.status).toBe(0);
    const rows = r.stdout.trimEnd().split("\n");
    expect(rows).toHaveLength(frames.length);
    rows.forEach((row, i) => {
      const theirs = row.split("|");
      const mine = values(decodeFields(frames[i]));
      const compared = ours.map((k, j) => [k, mine[k] ?? "", theirs[j]]).filter(([, m, t]) => m !== "" || t !== "");
      expect(compared.length).toBeGreaterThanOrEqual(4);
      for (const [k, m, t] of compared) expect(`${k}=${m}`).toBe(`${k}=${t}`);
    });
  });
});
