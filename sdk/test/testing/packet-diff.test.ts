import { describe, expect, it } from "vitest";
import { describeDifferences, diffPackets } from "../../src/testing/packet-diff.js";
import { pkt } from "../../src/testing/packet-builder.js";

const udp = (ttl = 64, payload = "hello") =>
  pkt.ether().ipv4({ src: "10.0.0.1", dst: "10.0.0.2", ttl }).udp({ sport: 1234, dport: 53 }).payload(payload).build();
const checksumOf = (f: Uint8Array) => `0x${((f[24] << 8) | f[25]).toString(16).padStart(4, "0")}`;

describe("diffPackets", () => {
  it("returns null for identical lists (including empty ones)", () => {
    expect(diffPackets([udp(), udp(3)], [udp(), udp(3)])).toBeNull();
    expect(diffPackets([], [])).toBeNull();
  });

  it("names the first differing packet (1-based) and each differing field", () => {
    const expected = Array.from({ length: 10 }, () => udp());
    const actual = expected.slice();
    actual[2] = udp(63);
    const e = expected[2];
    const a = actual[2];
    expect(diffPackets(expected, actual)).toBe(
      `packet 3 of 10: ip.ttl expected 64, got 63; ip.checksum expected ${checksumOf(e)}, got ${checksumOf(a)}`,
    );
  });

  it("lists other differing packets after the first", () => {
    const expected = Array.from({ length: 5 }, () => udp());
    const actual = [udp(), udp(1), udp(), udp(2), udp(3)];
    const msg = diffPackets(expected, actual)!.split("\n");
    expect(msg[0]).toMatch(/^packet 2 of 5: ip\.ttl expected 64, got 1;/);
    expect(msg[1]).toBe("2 more packets differ: 4, 5");
  });

  it("reports missing and extra packets", () => {
    const ten = Array.from({ length: 10 }, () => udp());
    expect(diffPackets(ten, ten.slice(0, 9))).toBe("expected 10 packets, got 9 (first missing: packet 10)");
    expect(diffPackets(ten.slice(0, 9), ten)).toBe("expected 9 packets, got 10 (first extra: packet 10)");
    expect(diffPackets([udp()], [])).toBe("expected 1 packet, got 0 (first missing: packet 1)");
  });

  it("combines a differing packet with a count mismatch", () => {
    expect(diffPackets([udp(), udp()], [udp(9)])).toMatch(/^packet 1 of 2: ip\.ttl expected 64, got 9;.*\nexpected 2 packets, got 1 \(first missing: packet 2\)$/);
  });

  it("reports payload differences byte by byte, with 0-based frame offsets", () => {
    // Same length payloads: UDP checksum changes too, and byte 42+ differ.
    const e = udp(64, "hello");
    const a = udp(64, "hellO");
    const msg = diffPackets([e], [a])!;
    expect(msg).toMatch(/^packet 1 of 1: udp\.checksum expected 0x[0-9a-f]{4}, got 0x[0-9a-f]{4}; byte 46 expected 0x6f, got 0x4f$/);
  });

  it("reports bytes outside any field (reserved bits) and Ethernet trailers", () => {
    const e = pkt.ether().ipv4().tcp({ flags: "S" }).build();
    const a = e.slice();
    a[46] |= 0x02; // a reserved bit beside tcp.hdr_len: no rendered field changes
    expect(diffPackets([e], [a])).toBe("packet 1 of 1: byte 46 expected 0x50, got 0x52");
    const padded = Uint8Array.from([...e, 0, 0]);
    const padded2 = Uint8Array.from([...e, 0, 7]);
    expect(diffPackets([padded], [padded2])).toBe("packet 1 of 1: byte 55 expected 0x00, got 0x07");
  });

  it("reports length differences first", () => {
    const e = udp(64, "hello");
    const a = udp(64, "hello!");
    const d = describeDifferences(e, a);
    expect(d[0]).toBe("length expected 47, got 48");
    expect(d).toContain("ip.len expected 33, got 34");
    expect(d).toContain("udp.length expected 13, got 14");
    // The shared payload prefix is identical, so no byte lines appear.
    expect(d.some((x) => x.startsWith("byte "))).toBe(false);
  });

  it("reports fields present on one side only as absent", () => {
    const e = pkt.ether().ipv4().udp({ sport: 1, dport: 2 }).build();
    const a = e.subarray(0, 38);
    const d = describeDifferences(e, a);
    expect(d).toContain("udp.length expected 8, got (absent)");
    expect(d).toContain("udp.checksum expected " + `0x${((e[40] << 8) | e[41]).toString(16).padStart(4, "0")}` + ", got (absent)");
  });

  it("limits long byte lists", () => {
    const e = pkt.ether().payload(new Uint8Array(20)).build();
    const a = pkt.ether().payload(new Uint8Array(20).fill(1)).build();
    const d = describeDifferences(e, a);
    expect(d).toHaveLength(9);
    expect(d[0]).toBe("byte 14 expected 0x00, got 0x01");
    expect(d[8]).toBe("and 12 more differing bytes");
  });

  it("decodes raw IP captures with the given link type", () => {
    const e = pkt.ipv6({ hopLimit: 64 }).udp({ sport: 1, dport: 2 }).build();
    const a = pkt.ipv6({ hopLimit: 63 }).udp({ sport: 1, dport: 2 }).build();
    expect(diffPackets([e], [a], { linkType: 229 })).toBe("packet 1 of 1: ipv6.hlim expected 64, got 63");
    expect(diffPackets([e], [a], { linkType: 101 })).toBe("packet 1 of 1: ipv6.hlim expected 64, got 63");
  });

  it("explains a changed protocol as field swaps", () => {
    const e = pkt.ether().ipv4().udp({ sport: 7, dport: 8 }).build();
    const a = pkt.ether().arp().build();
    const msg = diffPackets([e], [a])!;
    expect(msg).toContain("eth.type expected 0x0800, got 0x0806");
    expect(msg).toContain("ip.ttl expected 64, got (absent)");
    expect(msg).toContain("arp.opcode expected (absent), got 1 (request)");
  });
});
