import { describe, expect, it } from "vitest";
import { formatIPv4, formatIPv6, formatMac, parseIPv4, parseIPv6, parseMac } from "../../src/testing/addresses.js";

describe("address text", () => {
  it("parses and formats MAC addresses", () => {
    expect([...parseMac("00:11:22:aa:BB:f")]).toEqual([0, 0x11, 0x22, 0xaa, 0xbb, 0x0f]);
    expect([...parseMac("00-11-22-33-44-55")]).toEqual([0, 0x11, 0x22, 0x33, 0x44, 0x55]);
    expect(formatMac(Uint8Array.from([0, 0x11, 0x22, 0xaa, 0xbb, 0x0f]))).toBe("00:11:22:aa:bb:0f");
    for (const bad of ["00:11:22:33:44", "00:11:22:33:44:55:66", "00:11:22:33:44:gg", "001:1:2:3:4:5"]) {
      expect(() => parseMac(bad)).toThrow(`invalid MAC address "${bad}"`);
    }
  });

  it("parses and formats IPv4 addresses", () => {
    expect([...parseIPv4("10.0.255.1")]).toEqual([10, 0, 255, 1]);
    expect(formatIPv4(Uint8Array.from([192, 0, 2, 33]))).toBe("192.0.2.33");
    for (const bad of ["1.2.3", "1.2.3.256", "1.2.3.04", "a.b.c.d", "1.2.3.4.5", ""]) {
      expect(() => parseIPv4(bad)).toThrow(TypeError);
    }
  });

  it("parses IPv6 with :: compression and an embedded IPv4 tail", () => {
    const hex = (s: string) => Buffer.from(parseIPv6(s)).toString("hex");
    expect(hex("2001:db8::1")).toBe("20010db8000000000000000000000001");
    expect(hex("::")).toBe("0".repeat(32));
    expect(hex("::1")).toBe("0".repeat(31) + "1");
    expect(hex("fe80::")).toBe("fe80" + "0".repeat(28));
    expect(hex("1:2:3:4:5:6:7:8")).toBe("00010002000300040005000600070008");
    expect(hex("::ffff:192.0.2.1")).toBe("00000000000000000000ffffc0000201");
    expect(hex("1::2:3")).toBe("00010000000000000000000000020003");
    for (const bad of ["1:2:3:4:5:6:7", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "1:2:3:4::5:6:7:8", "g::1", ":1:2:3:4:5:6:7"]) {
      expect(() => parseIPv6(bad), bad).toThrow(`invalid IPv6 address "${bad}"`);
    }
  });

  it("formats IPv6 canonically (RFC 5952)", () => {
    const f = (s: string) => formatIPv6(parseIPv6(s));
    expect(f("2001:0DB8:0000:0000:0000:0000:0000:0001")).toBe("2001:db8::1");
    expect(f("2001:db8:0:1:1:1:1:1")).toBe("2001:db8:0:1:1:1:1:1"); // a single zero group stays
    expect(f("2001:0:0:1:0:0:0:1")).toBe("2001:0:0:1::1"); // longest run wins
    expect(f("2001:db8:0:0:1:0:0:1")).toBe("2001:db8::1:0:0:1"); // first of equal runs
    expect(f("::")).toBe("::");
    expect(f("::1")).toBe("::1");
    expect(f("fe80::")).toBe("fe80::");
    expect(f("::ffff:10.1.2.3")).toBe("::ffff:10.1.2.3");
  });
});
