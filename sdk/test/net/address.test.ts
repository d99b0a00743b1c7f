import { describe, it, expect, beforeAll } from "vitest";
import { loadAS, type ASModule } from "../support/as-compile.ts";
import { ipRaw } from "./frames.ts";

let m: ASModule;
let e: Record<string, any>;

beforeAll(async () => {
  m = await loadAS({ file: "sdk/test/net/assembly/address.ts" });
  e = m.exports;
});

/** Calls an export taking strings (passed pinned) and returning a string or null. */
function s(fn: string, ...args: Array<string | number | boolean>): string | null {
  const ptrs: number[] = [];
  const conv = args.map((a) => {
    if (typeof a !== "string") return a;
    const p = m.writeString(a);
    ptrs.push(p);
    return p;
  });
  const r = m.readString(e[fn](...conv));
  ptrs.forEach((p) => m.free(p));
  return r;
}
function n(fn: string, ...args: Array<string | number | boolean>): number {
  const ptrs: number[] = [];
  const conv = args.map((a) => {
    if (typeof a !== "string") return a;
    const p = m.writeString(a);
    ptrs.push(p);
    return p;
  });
  const r = e[fn](...conv);
  ptrs.forEach((p) => m.free(p));
  return r;
}

describe("IPAddress", () => {
  it("parses and prints dotted quads", () => {
    for (const a of ["10.0.0.1", "0.0.0.0", "255.255.255.255", "192.168.1.254", "1.2.3.4"]) {
      expect(s("ip", a), a).toBe(a);
    }
    expect(s("ip", "010.000.00.1")).toBe("10.0.0.1"); // leading zeros are decimal
  });

  it("keeps the value raw, in network byte order", () => {
    expect(n("ipRaw", "10.0.0.1") >>> 0).toBe(ipRaw("10.0.0.1"));
    expect(n("ipRaw", "10.0.0.1") >>> 0).toBe(0x0100000a);
    expect(n("ipHost", "10.0.0.1") >>> 0).toBe(0x0a000001);
    expect(s("ipFromHost", 0xc0a80001)).toBe("192.168.0.1");
  });

  it("rejects malformed text with null", () => {
    for (const bad of ["", "1.2.3", "256.1.1.1", "1.2.3.4.5", "1..2.3", ".1.2.3", "1.2.3.", "1.2.3.4 ",
      " 1.2.3.4", "a.b.c.d", "1.2.3.-4", "1.2.3.4/8", "1000.1.1.1", "1.2.3.0x4", "::1"]) {
      expect(s("ip", bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it("compares, stores and loads without changing the value", () => {
    expect(n("ipEquals", "10.0.0.1", "10.0.0.1")).toBe(1);
    expect(n("ipEquals", "10.0.0.1", "10.0.0.2")).toBe(0);
    const p = m.writeBytes([0, 0, 0, 0]);
    expect(n("ipStoreLoad", "172.16.5.4", p)).toBe(1);
    expect([...m.readBytes(p, 4)]).toEqual([172, 16, 5, 4]);
  });

  it("measures contiguous netmasks and rejects others", () => {
    expect(n("ipMaskLength", "255.0.0.0")).toBe(8);
    expect(n("ipMaskLength", "255.255.255.255")).toBe(32);
    expect(n("ipMaskLength", "0.0.0.0")).toBe(0);
    expect(n("ipMaskLength", "255.255.240.0")).toBe(20);
    expect(n("ipMaskLength", "255.0.255.0")).toBe(-1);
    expect(n("ipMaskLength", "0.255.255.255")).toBe(-1);
  });
});

describe("IP6Address", () => {
  it("prints RFC 5952 canonical text", () => {
    const cases: Array<[string, string]> = [
      ["2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
      ["2001:db8::1", "2001:db8::1"],
      ["::", "::"],
      ["::1", "::1"],
      ["1::", "1::"],
      ["FE80::0211:22FF:FE33:4455", "fe80::211:22ff:fe33:4455"],
      ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"], // a single zero group stays
      ["2001:0:0:1:0:0:0:1", "2001:0:0:1::1"], // the longest run wins
      ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"], // the first of equal runs wins
      ["1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"],
      ["0:0:0:0:0:0:0:1", "::1"],
      ["1:0:0:0:0:0:0:0", "1::"],
      ["::ffff:10.0.0.1", "::ffff:10.0.0.1"],
      ["::ffff:a00:1", "::ffff:10.0.0.1"],
      ["64:ff9b::192.0.2.33", "64:ff9b::c000:221"],
      ["1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"],
      ["::1.2.3.4", "::102:304"],
    ];
    for (const [input, want] of cases) expect(s("ip6", input), input).toBe(want);
  });

  it("round-trips canonical text", () => {
    for (const a of ["2001:db8::1", "fe80::1:2", "::", "ff02::1:ff00:1", "2001:db8:1:2:3:4:5:6", "::ffff:192.168.0.1"]) {
      expect(s("ip6", s("ip6", a)!)).toBe(a);
      expect(n("ip6Equals", a, s("ip6", a)!)).toBe(1);
    }
  });

  it("exposes groups in host order", () => {
    expect(n("ip6Group", "2001:db8::ff01", 0)).toBe(0x2001);
    expect(n("ip6Group", "2001:db8::ff01", 1)).toBe(0x0db8);
    expect(n("ip6Group", "2001:db8::ff01", 7)).toBe(0xff01);
  });

  it("rejects malformed text with null", () => {
    for (const bad of ["", ":", ":::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2::3", "12345::",
      ":1::", "1::2:", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "g::1", "1.2.3.4", "::1.2.3",
      "::256.1.1.1", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4:5", " ::1", "::1 ", "1:::2"]) {
      expect(s("ip6", bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it("stores and loads the 16 wire bytes", () => {
    const p = m.writeBytes(new Array(16).fill(0xaa));
    expect(n("ip6Store", "2001:db8::ff00:42:8329", p)).toBe(1);
    expect([...m.readBytes(p, 16)]).toEqual(
      [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0xff, 0, 0, 0x42, 0x83, 0x29]);
    expect(s("ip6Load", p)).toBe("2001:db8::ff00:42:8329");
  });
});

describe("EtherAddress", () => {
  it("parses colon and dash forms and prints lowercase colons", () => {
    expect(s("ether", "00:11:22:33:44:55")).toBe("00:11:22:33:44:55");
    expect(s("ether", "00:1A:2b:3C:4d:5E")).toBe("00:1a:2b:3c:4d:5e");
    expect(s("ether", "00-1A-2B-3C-4D-5E")).toBe("00:1a:2b:3c:4d:5e");
    expect(s("ether", "0:1:2:a:b:c")).toBe("00:01:02:0a:0b:0c");
    expect(s("ether", "ff:ff:ff:ff:ff:ff")).toBe("ff:ff:ff:ff:ff:ff");
  });

  it("rejects malformed text with null", () => {
    for (const bad of ["", "00:11:22:33:44", "00:11:22:33:44:55:66", "00:11:22:33:44:", "000:11:22:33:44:55",
      "00:11-22:33:44:55", "0g:11:22:33:44:55", "00:11:22:33:44:55 ", "00::11:22:33:44", "001122334455"]) {
      expect(s("ether", bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it("knows broadcast and group addresses", () => {
    expect(n("etherKind", "ff:ff:ff:ff:ff:ff")).toBe(3);
    expect(n("etherKind", "01:00:5e:00:00:01")).toBe(2);
    expect(n("etherKind", "00:11:22:33:44:55")).toBe(0);
  });

  it("stores and loads the 6 wire bytes without touching neighbours", () => {
    const p = m.writeBytes(new Array(8).fill(0xee));
    expect(n("etherStore", "02:03:04:05:06:07", p + 1)).toBe(1);
    expect([...m.readBytes(p, 8)]).toEqual([0xee, 2, 3, 4, 5, 6, 7, 0xee]);
    expect(s("etherLoad", p + 1)).toBe("02:03:04:05:06:07");
  });
});

describe("IPPrefix", () => {
  it("parses address/length, address/mask and Click's 'address mask' form", () => {
    expect(s("prefix", "10.0.0.0/8", false)).toBe("10.0.0.0/8");
    expect(s("prefix", "10.0.0.0 255.0.0.0", false)).toBe("10.0.0.0/8");
    expect(s("prefix", "10.0.0.0  \t255.0.0.0", false)).toBe("10.0.0.0/8");
    expect(s("prefix", "10.0.0.0/255.0.0.0", false)).toBe("10.0.0.0/8");
    expect(s("prefix", "192.168.1.0/24", false)).toBe("192.168.1.0/24");
    expect(s("prefix", "0.0.0.0/0", false)).toBe("0.0.0.0/0");
    expect(s("prefix", "1.2.3.4/32", false)).toBe("1.2.3.4/32");
    expect(s("prefix", "1.2.3.4", true)).toBe("1.2.3.4/32");
  });

  it("keeps the address as written; network() masks it", () => {
    expect(s("prefix", "10.1.2.3/8", false)).toBe("10.1.2.3/8");
    expect(s("prefixNetwork", "10.1.2.3/8")).toBe("10.0.0.0 mask 255.0.0.0");
    expect(s("prefixNetwork", "172.16.77.1 255.255.240.0")).toBe("172.16.64.0 mask 255.255.240.0");
  });

  it("rejects malformed prefixes with null", () => {
    for (const bad of ["10.0.0.0", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0/8", "10.0.0.0/8/8",
      "10.0.0.0 255.0.255.0", "10.0.0.0 8", "10.0.0.0/ 8", "/8", "10.0.0.0/008", "10.0.0.0 ", "256.0.0.0/8"]) {
      expect(s("prefix", bad, false), JSON.stringify(bad)).toBeNull();
    }
  });

  it("matches addresses inside the prefix only", () => {
    expect(n("prefixMatches", "10.0.0.0/8", "10.255.1.2")).toBe(1);
    expect(n("prefixMatches", "10.0.0.0/8", "11.0.0.0")).toBe(0);
    expect(n("prefixMatches", "192.168.1.0 255.255.255.0", "192.168.1.77")).toBe(1);
    expect(n("prefixMatches", "192.168.1.0 255.255.255.0", "192.168.2.77")).toBe(0);
    expect(n("prefixMatches", "172.16.0.0/12", "172.31.255.255")).toBe(1);
    expect(n("prefixMatches", "172.16.0.0/12", "172.32.0.0")).toBe(0);
    expect(n("prefixMatches", "0.0.0.0/0", "8.8.8.8")).toBe(1);
    expect(n("prefixMatches", "1.2.3.4/32", "1.2.3.4")).toBe(1);
    expect(n("prefixMatches", "1.2.3.4/32", "1.2.3.5")).toBe(0);
  });
});
