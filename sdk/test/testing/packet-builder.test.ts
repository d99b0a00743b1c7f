import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writePcap } from "@clickos/runtime";
import { internetChecksum, pkt } from "../../src/testing/packet-builder.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const u16 = (b: Uint8Array, o: number) => (b[o] << 8) | b[o + 1];

describe("packet builder", () => {
  it("builds the README's UDP frame byte for byte", () => {
    const f = pkt
      .ether({ src: "00:11:22:33:44:55", dst: "66:77:88:99:aa:bb" })
      .ipv4({ src: "10.0.0.1", dst: "10.0.0.2", ttl: 64 })
      .udp({ sport: 1234, dport: 53 })
      .payload("hello")
      .build();
    // Checksums computed independently (Python struct) and confirmed by tshark below.
    expect(hex(f)).toBe(
      "66778899aabb" + "001122334455" + "0800" +
        "45000021" + "00000000" + "4011" + "66ca" + "0a000001" + "0a000002" +
        "04d2" + "0035" + "000d" + "a2f8" + "68656c6c6f",
    );
  });

  it("computes the RFC 1071 example checksum", () => {
    // RFC 1071 section 3: words 0001 f203 f4f5 f6f7 sum to ddf2, checksum 220d.
    expect(internetChecksum(Uint8Array.from([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]))).toBe(0x220d);
    expect(internetChecksum(Uint8Array.from([0xff]))).toBe(0x00ff); // odd length pads with zero
  });

  it("builds an ARP request to broadcast from the sender", () => {
    const f = pkt.ether().arp({ op: "request", senderMac: "00:11:22:33:44:55", senderIp: "10.0.0.1", targetIp: "10.0.0.9" }).build();
    expect(f.length).toBe(42);
    expect(hex(f)).toBe(
      "ffffffffffff" + "001122334455" + "0806" +
        "0001" + "0800" + "06" + "04" + "0001" + "001122334455" + "0a000001" + "000000000000" + "0a000009",
    );
    const reply = pkt.ether({ dst: "00:11:22:33:44:55" }).arp({ op: "reply", senderMac: "66:77:88:99:aa:bb" }).build();
    expect(hex(reply.subarray(0, 12))).toBe("001122334455" + "66778899aabb");
    expect(u16(reply, 20)).toBe(2);
  });

  it("builds IPv6/TCP with flags, seq/ack and a pseudo-header checksum", () => {
    const f = pkt
      .ether()
      .ipv6({ src: "2001:db8::1", dst: "2001:db8::2", hopLimit: 64 })
      .tcp({ sport: 40000, dport: 80, flags: "S", seq: 0xdeadbeef, ack: 0, window: 29200 })
      .build();
    expect(f.length).toBe(14 + 40 + 20);
    expect(u16(f, 12)).toBe(0x86dd);
    expect(f[14] >> 4).toBe(6);
    expect(u16(f, 18)).toBe(20); // payload length
    expect(f[20]).toBe(6);
    expect(f[21]).toBe(64);
    const tcp = f.subarray(54);
    expect(hex(tcp.subarray(4, 8))).toBe("deadbeef");
    expect(u16(tcp, 12)).toBe(0x5002);
    expect(u16(tcp, 14)).toBe(29200);
    // Verifying: the sum over pseudo-header + segment including the checksum is 0xffff.
    const pseudo = new Uint8Array(40);
    pseudo.set(f.subarray(22, 54));
    pseudo[35] = 20;
    pseudo[39] = 6;
    expect(internetChecksum(Uint8Array.from([...pseudo, ...tcp]))).toBe(0);
  });

  it("builds ICMP echo over IPv4 and ICMPv6 echo over IPv6", () => {
    const f = pkt.ether().ipv4({ src: "10.0.0.1", dst: "10.0.0.2" }).icmp({ type: 8, code: 0, id: 1, seq: 1 }).payload([1, 2, 3]).build();
    expect(f[23]).toBe(1);
    const icmp = f.subarray(34);
    expect([...icmp.subarray(0, 2)]).toEqual([8, 0]);
    expect(u16(icmp, 4)).toBe(1);
    expect(u16(icmp, 6)).toBe(1);
    expect(internetChecksum(icmp)).toBe(0);

    const g = pkt.ipv6().icmpv6({ type: 128, id: 7, seq: 9 }).payload("ping").build();
    expect(g[6]).toBe(58);
    expect(internetChecksum(g.subarray(40))).not.toBe(0); // needs the pseudo-header
  });

  it("supports raw IP, options, flags, fragment offsets and overrides", () => {
    const f = pkt
      .ipv4({ tos: 0x10, id: 0x1234, flags: "DF|MF", fragOffset: 1480, options: [1, 1, 1], ttl: 1, proto: 99 })
      .payload("x")
      .build();
    expect(f[0]).toBe(0x46); // IHL 6: three option bytes padded to four
    expect(f[1]).toBe(0x10);
    expect(u16(f, 2)).toBe(25);
    expect(u16(f, 4)).toBe(0x1234);
    expect(u16(f, 6)).toBe((3 << 13) | 185);
    expect(f[8]).toBe(1);
    expect(f[9]).toBe(99);
    expect(internetChecksum(f.subarray(0, 24))).toBe(0);

    const bad = pkt.ipv4({ totalLength: 1000, checksum: 0xbeef }).udp({ checksum: 0, length: 3 }).build();
    expect(u16(bad, 2)).toBe(1000);
    expect(u16(bad, 10)).toBe(0xbeef);
    expect(u16(bad, 24)).toBe(3);
    expect(u16(bad, 26)).toBe(0);
  });

  it("fills protocol numbers for bare payloads with the experimental values", () => {
    expect(u16(pkt.ether().payload("a").build(), 12)).toBe(0x88b5);
    expect(pkt.ipv4().payload("a").build()[9]).toBe(253);
    expect(pkt.ipv6().build()[6]).toBe(59);
  });

  it("truncates the finished frame and keeps prefixes reusable", () => {
    const base = pkt.ether().ipv4();
    const full = base.udp({ sport: 1, dport: 2 }).payload("hello").build();
    const cut = base.udp({ sport: 1, dport: 2 }).payload("hello").truncate(20).build();
    expect([...cut]).toEqual([...full.subarray(0, 20)]);
    expect(base.build().length).toBe(34);
    expect(base.truncate(100).build().length).toBe(34);
  });

  it("rejects impossible stacks and out-of-range values", () => {
    expect(() => pkt.ether().udp()).toThrow("udp() cannot follow ether()");
    expect(() => pkt.ipv6().icmp()).toThrow("icmp() cannot follow ipv6() (use icmpv6() over IPv6)");
    expect(() => pkt.ipv4({ ttl: 256 }).build()).toThrow("ttl 256 does not fit in 8 bits");
    expect(() => pkt.ipv4({ fragOffset: 5 }).build()).toThrow("fragOffset 5 is not a multiple of 8 bytes");
    expect(() => pkt.ipv4({ flags: "XF" })).not.toThrow(); // validated lazily, at build()
    expect(() => pkt.ipv4({ flags: "XF" }).build()).toThrow('unknown IPv4 flag "XF"');
    expect(() => pkt.ipv4().tcp({ flags: "SZ" }).build()).toThrow('unknown TCP flag "Z"');
    expect(() => pkt.ipv4({ options: new Uint8Array(41) }).build()).toThrow(/at most 40 fit/);
    expect(() => pkt.ether({ src: "nope" }).build()).toThrow('invalid MAC address "nope"');
  });
});

const hasTshark = spawnSync("which", ["tshark"]).status === 0;
const dir = mkdtempSync(join(tmpdir(), "clickos-builder-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("checksums agree with Wireshark", () => {
  it.skipIf(!hasTshark)("tshark validates every checksum as good", () => {
    const frames = [
      pkt.ether().ipv4({ src: "10.0.0.1", dst: "10.0.0.2" }).udp({ sport: 1234, dport: 53 }).payload("hello").build(),
      pkt.ether().ipv4({ options: [0x94, 4, 0, 0] }).tcp({ sport: 5, dport: 6, flags: "PA", seq: 1, ack: 2, options: [2, 4, 5, 0xb4] }).payload("odd").build(),
      pkt.ether().ipv4().icmp({ type: 8, id: 3, seq: 4 }).payload("abcdefg").build(),
      pkt.ether().ipv6({ src: "2001:db8::1", dst: "2001:db8::2" }).udp({ sport: 9, dport: 10 }).payload("v6 udp").build(),
      pkt.ether().ipv6({ src: "fe80::1", dst: "ff02::1" }).tcp({ sport: 11, dport: 12, flags: "SA" }).payload([0, 255, 1]).build(),
      pkt.ether().ipv6({ src: "fe80::1", dst: "ff02::2" }).icmpv6({ type: 128, id: 1, seq: 2 }).payload("ping6").build(),
    ];
    const file = join(dir, "builder.pcap");
    writeFileSync(file, writePcap(frames.map((data) => ({ data }))));
    const prefs = ["ip.check_checksum:TRUE", "udp.check_checksum:TRUE", "tcp.check_checksum:TRUE"].flatMap((p) => ["-o", p]);
    const fields = ["ip.checksum.status", "udp.checksum.status", "tcp.checksum.status", "icmp.checksum_bad", "icmpv6.checksum.status", "icmp.checksum.status"];
    const r = spawnSync("tshark", ["-r", file, ...prefs, "-T", "fields", "-E", "separator=,", ...fields.flatMap((f) => ["-e", f])], { encoding: "utf8" });
    expect(r.status).toBe(0);
    const rows = r.stdout.trim().split("\n");
    expect(rows).toHaveLength(frames.length);
    // Wireshark's checksum status: 1 = good, 0 = bad, 2 = unverified.
    expect(rows).toEqual(["1,1,,,,", "1,,1,,,", "1,,,,,1", ",1,,,,", ",,1,,,", ",,,,1,"]);
  });
});
