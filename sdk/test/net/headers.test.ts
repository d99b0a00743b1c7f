import { describe, it, expect, beforeAll } from "vitest";
import { loadAS, type ASModule } from "../support/as-compile.ts";
import {
  etherHeader, ipv4Header, ipRaw, refChecksum, pseudo4, pseudo6, ip6Bytes, be16, be32, macBytes, ipBytes,
} from "./frames.ts";

let m: ASModule;
let e: Record<string, any>;
let out: number;

beforeAll(async () => {
  m = await loadAS({ file: "sdk/test/net/assembly/headers.ts" });
  e = m.exports;
  out = m.writeBytes(new Uint8Array(32 * 4));
});

/** Field names in the order the readX exports write them. */
const FIELDS = {
  ether: ["dstLo", "dstHi", "srcLo", "srcHi", "type", "dstOff", "srcOff", "payloadOff"],
  arp: ["hrd", "pro", "hln", "pln", "op", "isEthernetIPv4", "spa", "tpa"],
  ipv4: ["version", "ihl", "headerLength", "tos", "dscp", "ecn", "totalLength", "id", "flags", "df", "mf",
    "fragOffset", "isFragment", "ttl", "protocol", "checksum", "src", "dst", "computed", "checksumValid", "payloadOff"],
  ipv6: ["version", "trafficClass", "flowLabel", "payloadLength", "nextHeader", "hopLimit", "srcOff", "dstOff", "payloadOff"],
  icmp: ["type", "code", "checksum", "identifier", "sequence", "rest", "computed"],
  udp: ["srcPort", "dstPort", "length", "checksum", "computed4", "checksumValid4"],
  tcp: ["srcPort", "dstPort", "seq", "ack", "dataOffset", "headerLength", "flags", "window", "checksum", "urgent",
    "computed4", "checksumValid4", "payloadOff"],
} as const;

/** Runs readX and returns its fields by name, or null when at() returned null. */
function read(kind: keyof typeof FIELDS, fn: string, ...args: number[]): Record<string, number> | null {
  if (!e[fn](...args, out)) return null;
  const v = new Uint32Array(m.memory.buffer, out, 32);
  return Object.fromEntries(FIELDS[kind].map((k, i) => [k, v[i]]));
}

function str(s: string): number {
  return m.writeString(s);
}

// A real frame: Ethernet, IPv4 with a 4-byte option (ihl 6), UDP to port 53 with a payload.
const DST_MAC = "00:11:22:33:44:55";
const SRC_MAC = "66:77:88:99:aa:bb";
const udpPayload = [...Array(13)].map((_, i) => (i * 37 + 5) & 0xff); // odd length on purpose
function udpFrame(): { bytes: number[]; udpCk: number } {
  const udpLen = 8 + udpPayload.length;
  const udp = [...be16(40000), ...be16(53), ...be16(udpLen), 0, 0, ...udpPayload];
  const udpCk = refChecksum(udp, pseudo4("192.168.1.10", "8.8.8.8", 17, udpLen));
  udp[6] = udpCk >> 8;
  udp[7] = udpCk & 0xff;
  const ip = ipv4Header({
    tos: 0xb9, id: 0x1c46, flagsFrag: 0x4000, ttl: 64, proto: 17, src: "192.168.1.10", dst: "8.8.8.8",
    options: [0x94, 0x04, 0x00, 0x00], payloadLength: udpLen,
  });
  return { bytes: [...etherHeader(DST_MAC, SRC_MAC, 0x0800), ...ip, ...udp], udpCk };
}

describe("EtherHeader", () => {
  it("reads destination, source and type from a real frame", () => {
    const { bytes } = udpFrame();
    const p = m.writeBytes(bytes);
    const h = read("ether", "readEther", p, bytes.length)!;
    const raw = (mac: string) => {
      const b = macBytes(mac);
      return [(b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0, b[4] | (b[5] << 8)];
    };
    expect([h.dstLo, h.dstHi]).toEqual(raw(DST_MAC));
    expect([h.srcLo, h.srcHi]).toEqual(raw(SRC_MAC));
    expect(h).toMatchObject({ type: 0x0800, dstOff: 0, srcOff: 6, payloadOff: 14 });
    expect(m.readString(e.etherDstText(p, bytes.length))).toBe(`${DST_MAC} ${SRC_MAC}`);
  });

  it("is null when fewer than 14 bytes are available", () => {
    const p = m.writeBytes(new Array(14).fill(0));
    expect(read("ether", "readEther", p, 13)).toBeNull();
    expect(read("ether", "readEther", p, 0)).toBeNull();
    expect(read("ether", "readEther", p, 14)).not.toBeNull();
  });

  it("writes through its setters", () => {
    const p = m.writeBytes(new Array(14).fill(0));
    expect(e.writeEther(p, 14, str("ff:ff:ff:ff:ff:ff"), str("02:00:00:00:00:01"), 0x86dd)).toBe(1);
    expect([...m.readBytes(p, 14)]).toEqual([...etherHeader("ff:ff:ff:ff:ff:ff", "02:00:00:00:00:01", 0x86dd)]);
  });
});

describe("ARPHeader", () => {
  const request = [0, 1, 8, 0, 6, 4, 0, 1, ...macBytes(SRC_MAC), ...ipBytes("10.0.0.1"),
    0, 0, 0, 0, 0, 0, ...ipBytes("10.0.0.2")];

  it("reads an Ethernet/IPv4 request", () => {
    const p = m.writeBytes(request);
    expect(read("arp", "readARP", p, 28)).toEqual({
      hrd: 1, pro: 0x0800, hln: 6, pln: 4, op: 1, isEthernetIPv4: 1,
      spa: ipRaw("10.0.0.1"), tpa: ipRaw("10.0.0.2"),
    });
    expect(m.readString(e.arpText(p, 28))).toBe(`${SRC_MAC} 10.0.0.1 00:00:00:00:00:00 10.0.0.2`);
  });

  it("flags non-Ethernet/IPv4 messages and is null on short buffers", () => {
    const p = m.writeBytes([0, 6, ...request.slice(2)]);
    expect(read("arp", "readARP", p, 28)!.isEthernetIPv4).toBe(0);
    expect(read("arp", "readARP", p, 27)).toBeNull();
  });

  it("builds a reply", () => {
    const p = m.writeBytes(new Array(28).fill(0xcc));
    expect(e.writeARPReply(p, 28, str(DST_MAC), str("10.0.0.2"), str(SRC_MAC), str("10.0.0.1"))).toBe(1);
    expect([...m.readBytes(p, 28)]).toEqual([0, 1, 8, 0, 6, 4, 0, 2, ...macBytes(DST_MAC), ...ipBytes("10.0.0.2"),
      ...macBytes(SRC_MAC), ...ipBytes("10.0.0.1")]);
  });
});

describe("IPv4Header", () => {
  it("reads every field of a real header with options", () => {
    const { bytes } = udpFrame();
    const p = m.writeBytes(bytes) + 14;
    const h = read("ipv4", "readIPv4", p, bytes.length - 14)!;
    const ck = (bytes[14 + 10] << 8) | bytes[14 + 11];
    expect(h).toEqual({
      version: 4, ihl: 6, headerLength: 24, tos: 0xb9, dscp: 0xb9 >> 2, ecn: 1,
      totalLength: 24 + 8 + udpPayload.length, id: 0x1c46, flags: 2, df: 1, mf: 0, fragOffset: 0, isFragment: 0,
      ttl: 64, protocol: 17, checksum: ck, src: ipRaw("192.168.1.10"), dst: ipRaw("8.8.8.8"),
      computed: ck, checksumValid: 1, payloadOff: 24,
    });
    expect(m.readString(e.ipv4Text(p, 24))).toBe("192.168.1.10 > 8.8.8.8");
  });

  it("decodes fragments and notices a bad checksum", () => {
    const hdr = ipv4Header({ flagsFrag: 0x2000 | 185, proto: 1, src: "1.1.1.1", dst: "2.2.2.2", payloadLength: 0 });
    const p = m.writeBytes(hdr);
    expect(read("ipv4", "readIPv4", p, 20)).toMatchObject({ flags: 1, df: 0, mf: 1, fragOffset: 185, isFragment: 1, checksumValid: 1 });
    const last = ipv4Header({ flagsFrag: 370, proto: 1, src: "1.1.1.1", dst: "2.2.2.2", payloadLength: 0 });
    const q = m.writeBytes(last);
    expect(read("ipv4", "readIPv4", q, 20)).toMatchObject({ mf: 0, fragOffset: 370, isFragment: 1 });
    const bad = [...hdr];
    bad[8] ^= 1; // TTL changed, checksum not updated
    const r = m.writeBytes(bad);
    const h = read("ipv4", "readIPv4", r, 20)!;
    expect(h.checksumValid).toBe(0);
    expect(h.computed).toBe(refChecksum([...bad.slice(0, 10), 0, 0, ...bad.slice(12)]));
  });

  it("is null on short buffers, wrong version and bad IHL", () => {
    const good = ipv4Header({ proto: 6, src: "1.2.3.4", dst: "5.6.7.8", payloadLength: 0, options: [1, 1, 1, 0] });
    const p = m.writeBytes(good);
    expect(read("ipv4", "readIPv4", p, 24)).not.toBeNull();
    expect(read("ipv4", "readIPv4", p, 23), "ihl*4 > avail").toBeNull();
    expect(read("ipv4", "readIPv4", p, 19), "shorter than 20").toBeNull();
    expect(read("ipv4", "readIPv4", p, 0)).toBeNull();
    for (const [b0, why] of [[0x44, "ihl 4"], [0x40, "ihl 0"], [0x65, "version 6"], [0x35, "version 3"], [0x4f, "ihl 15 > avail"]] as const) {
      const q = m.writeBytes([b0, ...good.slice(1)]);
      expect(read("ipv4", "readIPv4", q, 24), why).toBeNull();
    }
    const big = m.writeBytes([0x4f, ...new Array(59).fill(0)]);
    expect(read("ipv4", "readIPv4", big, 60)!.headerLength).toBe(60);
  });

  it("builds a header with init() and setters that matches the reference", () => {
    const inp = new Uint32Array(32);
    Object.assign(inp, { 3: 0x10, 6: 84, 7: 0xbeef, 9: 1, 10: 0, 11: 0, 13: 255, 14: 1, 16: ipRaw("10.1.2.3"), 17: ipRaw("10.3.2.1") });
    const ip = m.writeBytes(new Uint8Array(inp.buffer));
    const p = m.writeBytes(new Array(20).fill(0x77));
    expect(e.writeIPv4(p, 20, ip)).toBe(1);
    const want = ipv4Header({ tos: 0x10, id: 0xbeef, flagsFrag: 0x4000, ttl: 255, proto: 1, src: "10.1.2.3", dst: "10.3.2.1", payloadLength: 64 });
    expect([...m.readBytes(p, 20)]).toEqual(want);
    expect(e.writeIPv4(p, 19, ip)).toBe(0);
  });

  it("patches the checksum incrementally when TTL and addresses change", () => {
    const hdr = ipv4Header({ ttl: 64, proto: 17, src: "192.168.0.10", dst: "10.0.0.1", payloadLength: 100, id: 77 });
    const p = m.writeBytes(hdr);
    expect(e.ipv4Incremental(p, 20, 63, ipRaw("203.0.113.5"), ipRaw("10.0.0.1"))).toBe(1);
    const want = ipv4Header({ ttl: 63, proto: 17, src: "203.0.113.5", dst: "10.0.0.1", payloadLength: 100, id: 77 });
    expect([...m.readBytes(p, 20)]).toEqual(want);
    expect(e.ipv4Incremental(p, 20, 0, ipRaw("255.255.255.255"), ipRaw("0.0.0.0"))).toBe(1);
  });

  it("sets sub-byte fields without disturbing their neighbours", () => {
    const hdr = ipv4Header({ tos: 0, flagsFrag: 0x1fff, proto: 6, src: "1.2.3.4", dst: "5.6.7.8", payloadLength: 0 });
    const p = m.writeBytes(hdr);
    expect(e.ipv4Bits(p, 20, 46, 3, 2)).toBe(1); // EF, CE, DF
    const h = read("ipv4", "readIPv4", p, 20)!;
    expect(h).toMatchObject({ tos: (46 << 2) | 3, dscp: 46, ecn: 3, flags: 2, df: 1, mf: 0, fragOffset: 0x1fff, version: 4, ihl: 5 });
  });
});

describe("IPv6Header", () => {
  const src = ip6Bytes([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
  const dst = ip6Bytes([0xfe80, 0, 0, 0, 0x211, 0x22ff, 0xfe33, 0x4455]);
  const hdr = [0x6b, 0x8a, 0xbc, 0xde, ...be16(32), 58, 255, ...src, ...dst];

  it("reads every field", () => {
    const p = m.writeBytes(hdr);
    expect(read("ipv6", "readIPv6", p, 40)).toEqual({
      version: 6, trafficClass: 0xb8, flowLabel: 0xabcde, payloadLength: 32, nextHeader: 58, hopLimit: 255,
      srcOff: 8, dstOff: 24, payloadOff: 40,
    });
    expect(m.readString(e.ipv6Text(p, 40))).toBe("2001:db8::1 > fe80::211:22ff:fe33:4455");
  });

  it("is null on short buffers and wrong version", () => {
    const p = m.writeBytes(hdr);
    expect(read("ipv6", "readIPv6", p, 39)).toBeNull();
    const q = m.writeBytes([0x4b, ...hdr.slice(1)]);
    expect(read("ipv6", "readIPv6", q, 40)).toBeNull();
  });

  it("builds a header with init() and setters", () => {
    const p = m.writeBytes(new Array(40).fill(0x55));
    expect(e.writeIPv6(p, 40, 0xb8, 0xabcde, 32, 58, 255, str("2001:db8::1"), str("fe80::211:22ff:fe33:4455"))).toBe(1);
    expect([...m.readBytes(p, 40)]).toEqual(hdr);
    expect(e.writeIPv6(p, 39, 0, 0, 0, 0, 0, str("::"), str("::"))).toBe(0);
  });
});

describe("ICMPHeader", () => {
  const payload = [...Array(56)].map((_, i) => i);
  function echo(type: number): number[] {
    const b = [type, 0, 0, 0, ...be16(0x1234), ...be16(7), ...payload];
    const ck = refChecksum(b);
    b[2] = ck >> 8;
    b[3] = ck & 0xff;
    return b;
  }

  it("reads an echo request and its checksum", () => {
    const b = echo(8);
    const p = m.writeBytes(b);
    expect(read("icmp", "readICMP", p, b.length, b.length)).toEqual({
      type: 8, code: 0, checksum: (b[2] << 8) | b[3], identifier: 0x1234, sequence: 7, rest: 0x12340007,
      computed: (b[2] << 8) | b[3],
    });
    expect(read("icmp", "readICMP", p, 7, 7)).toBeNull();
  });

  it("writes an echo reply with a correct checksum", () => {
    const b = echo(8);
    const p = m.writeBytes(b);
    expect(e.writeICMPEcho(p, b.length, 0, 0x1234, 7, b.length)).toBe(1);
    expect([...m.readBytes(p, b.length)]).toEqual(echo(0));
  });

  it("computes the ICMPv6 checksum with the pseudo-header", () => {
    const src = ip6Bytes([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
    const dst = ip6Bytes([0xff02, 0, 0, 0, 0, 0, 0, 1]);
    const b = [128, 0, 0, 0, ...be16(1), ...be16(2), ...payload.slice(0, 11)];
    const want = refChecksum(b, pseudo6(src, dst, 58, b.length));
    const p = m.writeBytes(b);
    expect(e.icmp6Checksum(p, b.length, m.writeBytes(src), m.writeBytes(dst), b.length)).toBe(want);
  });
});

describe("UDPHeader", () => {
  it("reads a real datagram and verifies its checksum over IPv4", () => {
    const { bytes, udpCk } = udpFrame();
    const p = m.writeBytes(bytes) + 14 + 24;
    const len = 8 + udpPayload.length;
    expect(read("udp", "readUDP", p, len, ipRaw("192.168.1.10"), ipRaw("8.8.8.8"))).toEqual({
      srcPort: 40000, dstPort: 53, length: len, checksum: udpCk, computed4: udpCk, checksumValid4: 1,
    });
    // a wrong address in the pseudo-header must fail verification
    expect(read("udp", "readUDP", p, len, ipRaw("192.168.1.11"), ipRaw("8.8.8.8"))!.checksumValid4).toBe(0);
    expect(read("udp", "readUDP", p, 7, 0, 0)).toBeNull();
  });

  it("treats checksum 0 as absent over IPv4 and never computes 0", () => {
    const b = [...be16(1), ...be16(2), ...be16(8), 0, 0];
    const p = m.writeBytes(b);
    expect(read("udp", "readUDP", p, 8, ipRaw("1.1.1.1"), ipRaw("2.2.2.2"))!.checksumValid4).toBe(1);
    // choose addresses so that the true checksum is 0: it must come out as 0xffff
    const s0 = pseudo4("0.0.0.0", "0.0.0.0", 17, 8) + ((1 << 16) | 2) + 8;
    const need = (0xffff - (s0 % 0xffff)) % 0xffff; // makes the folded sum 0xffff
    const dst = [need >> 8, need & 0xff, 0, 0].join(".");
    const q = m.writeBytes(b);
    expect(e.writeUDP(q, 8, 1, 2, 8, 0, ipRaw(dst))).toBe(1);
    const c = m.readBytes(q, 8);
    expect((c[6] << 8) | c[7]).toBe(0xffff);
    expect(refChecksum(b, pseudo4("0.0.0.0", dst, 17, 8))).toBe(0);
  });

  it("writes header fields and the IPv4 checksum", () => {
    const { bytes, udpCk } = udpFrame();
    const dgram = bytes.slice(14 + 24);
    const p = m.writeBytes([0, 0, 0, 0, 0, 0, 0, 0, ...udpPayload]);
    expect(e.writeUDP(p, dgram.length, 40000, 53, dgram.length, ipRaw("192.168.1.10"), ipRaw("8.8.8.8"))).toBe(1);
    expect([...m.readBytes(p, dgram.length)]).toEqual(dgram);
    expect(udpCk).toBe((dgram[6] << 8) | dgram[7]);
  });

  it("computes the checksum over IPv6", () => {
    const src = ip6Bytes([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    const dst = ip6Bytes([0x2001, 0xdb8, 0, 0, 0, 0, 0, 2]);
    const b = [...be16(5353), ...be16(5353), ...be16(8 + udpPayload.length), 0, 0, ...udpPayload];
    const want = refChecksum(b, pseudo6(src, dst, 17, b.length)) || 0xffff;
    const p = m.writeBytes(b);
    expect(e.udp6Checksum(p, b.length, m.writeBytes(src), m.writeBytes(dst), b.length)).toBe(want);
  });
});

describe("TCPHeader", () => {
  // A SYN with MSS, SACK-permitted, timestamps, NOP, window scale options (data offset 10).
  const opts = [2, 4, 0x05, 0xb4, 4, 2, 8, 10, ...be32(0x0a0b0c0d), ...be32(0), 1, 3, 3, 7];
  function syn(): number[] {
    const b = [...be16(51234), ...be16(443), ...be32(0xdeadbeef), ...be32(0), 0xa0, 0x02, ...be16(64240), 0, 0, 0, 0, ...opts];
    const ck = refChecksum(b, pseudo4("10.0.0.2", "93.184.216.34", 6, b.length));
    b[16] = ck >> 8;
    b[17] = ck & 0xff;
    return b;
  }

  it("reads a real SYN with options", () => {
    const b = syn();
    const frame = [...etherHeader(DST_MAC, SRC_MAC, 0x0800),
      ...ipv4Header({ ttl: 64, proto: 6, src: "10.0.0.2", dst: "93.184.216.34", payloadLength: b.length, flagsFrag: 0x4000 }), ...b];
    const p = m.writeBytes(frame) + 34;
    expect(read("tcp", "readTCP", p, b.length, ipRaw("10.0.0.2"), ipRaw("93.184.216.34"), b.length)).toEqual({
      srcPort: 51234, dstPort: 443, seq: 0xdeadbeef, ack: 0, dataOffset: 10, headerLength: 40, flags: 0x02,
      window: 64240, checksum: (b[16] << 8) | b[17], urgent: 0, computed4: (b[16] << 8) | b[17], checksumValid4: 1,
      payloadOff: 40,
    });
    expect(e.tcpHasFlags(p, b.length, 0x02)).toBe(1);
    expect(e.tcpHasFlags(p, b.length, 0x12)).toBe(0);
  });

  it("is null on short buffers and bad data offsets", () => {
    const b = syn();
    const p = m.writeBytes(b);
    expect(read("tcp", "readTCP", p, 39, 0, 0, 40), "options cut off").toBeNull();
    expect(read("tcp", "readTCP", p, 19, 0, 0, 40)).toBeNull();
    const q = m.writeBytes([...b.slice(0, 12), 0x40, ...b.slice(13)]);
    expect(read("tcp", "readTCP", q, 40, 0, 0, 40), "data offset 4").toBeNull();
  });

  it("builds a SYN-ACK with init() and setters and a correct checksum", () => {
    const p = m.writeBytes(new Array(20).fill(0x99));
    expect(e.writeTCP(p, 20, 443, 51234, 1000, 0xdeadbef0, 0x12, 65535, ipRaw("93.184.216.34"), ipRaw("10.0.0.2"), 20)).toBe(1);
    const b = [...be16(443), ...be16(51234), ...be32(1000), ...be32(0xdeadbef0), 0x50, 0x12, ...be16(65535), 0, 0, 0, 0];
    const ck = refChecksum(b, pseudo4("93.184.216.34", "10.0.0.2", 6, 20));
    b[16] = ck >> 8;
    b[17] = ck & 0xff;
    expect([...m.readBytes(p, 20)]).toEqual(b);
  });

  it("computes the checksum over IPv6", () => {
    const src = ip6Bytes([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    const dst = ip6Bytes([0x2001, 0xdb8, 0, 0, 0, 0, 0, 2]);
    const b = [...syn(), 1, 2, 3]; // odd data length
    b[16] = b[17] = 0x5a; // the field's old contents must be ignored
    const want = refChecksum([...b.slice(0, 16), 0, 0, ...b.slice(18)], pseudo6(src, dst, 6, b.length));
    const p = m.writeBytes(b);
    expect(e.tcp6Checksum(p, b.length, m.writeBytes(src), m.writeBytes(dst), b.length)).toBe(want);
  });
});
