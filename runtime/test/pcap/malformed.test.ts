import { describe, expect, it } from "vitest";
import { iterateCapture, PcapError, readCapture, writePcap } from "../../src/pcap/index.js";
import { block, bytes, concat, epb, idb, pcapHeader, pcapRecord, seq, shb, spb, words } from "./helpers.js";

/** Asserts both readers fail with exactly this message and offset. */
function expectError(file: Uint8Array, offset: number, reason: string, name = "in.pcap"): void {
  for (const read of [() => readCapture(file, name), () => [...iterateCapture(file, name)]]) {
    let err: unknown;
    try {
      read();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PcapError);
    const pe = err as PcapError;
    expect(pe.message).toBe(`${name}: byte ${offset}: ${reason}`);
    expect(pe.offset).toBe(offset);
    expect(pe.file).toBe(name);
    expect(pe.reason).toBe(reason);
  }
}

const LE_US = 0xa1b2c3d4;

describe("malformed classic pcap", () => {
  it("bad magic", () => {
    expectError(bytes(1, 2, 3, 4, 0, 0, 0, 0), 0, "bad magic 0x01020304 (not a pcap or pcapng file)");
  });

  it("file shorter than a magic number", () => {
    expectError(bytes(0xd4, 0xc3), 0, "truncated global header (needs 4 bytes for the magic, 2 left)");
    expectError(new Uint8Array(0), 0, "truncated global header (needs 4 bytes for the magic, 0 left)");
  });

  it("truncated global header", () => {
    expectError(pcapHeader(true, LE_US).subarray(0, 20), 0, "truncated global header (needs 24 bytes, 20 left)");
  });

  it("truncated record header", () => {
    const file = concat(pcapHeader(true, LE_US), pcapRecord(true, 1, 2, seq(10)), new Uint8Array(7));
    expectError(file, 24 + 26, "truncated record header (needs 16 bytes, 7 left)");
  });

  it("truncated record data", () => {
    const file = concat(pcapHeader(false, 0xa1b23c4d), pcapRecord(false, 1, 2, seq(10))).subarray(0, 24 + 16 + 4);
    expectError(file, 40, "truncated record data (needs 10 bytes, 4 left)");
  });

  it("caplen larger than snaplen is kept, as libpcap and Wireshark read it (and the native harness)", () => {
    const file = concat(pcapHeader(true, LE_US, 64), pcapRecord(true, 0, 0, seq(65)));
    expect(readCapture(file).records[0].data).toEqual(seq(65));
  });

  it("huge caplen is rejected before any allocation, even with snaplen 0", () => {
    const file = concat(pcapHeader(true, LE_US, 0), words(true, [[32, 0], [32, 0], [32, 0xfffffff0], [32, 0xfffffff0]]));
    expectError(file, 32, "caplen 4294967280 larger than the 262144-byte limit");
  });

  it("the error names the file only when one is given", () => {
    expect(() => readCapture(bytes(9, 9, 9, 9))).toThrow(/^byte 0: bad magic 0x09090909/);
  });

  it("fuzzed truncations and bit flips only ever raise PcapError", () => {
    const good = writePcap([{ data: seq(60) }, { data: seq(70) }, { data: seq(1) }], { snaplen: 100 });
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 2000; i++) {
      const f = good.slice(0, 1 + Math.floor(rand() * good.length));
      f[Math.floor(rand() * f.length)] ^= 1 << Math.floor(rand() * 8);
      try {
        readCapture(f);
      } catch (e) {
        expect(e).toBeInstanceOf(PcapError);
      }
    }
  });
});

describe("malformed pcapng", () => {
  const head = concat(shb(true), idb(true, 1, 0));

  it("bad byte-order magic", () => {
    const s = shb(true);
    s.set(bytes(1, 2, 3, 4), 8);
    expectError(s, 8, "bad byte-order magic 0x01020304 in section header block", "x.pcapng");
  });

  it("unsupported major version", () => {
    const s = shb(true);
    s[12] = 2;
    expectError(s, 12, "unsupported pcapng major version 2");
  });

  it("truncated section header", () => {
    expectError(shb(true).subarray(0, 20), 0, "truncated section header block (needs 28 bytes, 20 left)");
  });

  it("truncated block header", () => {
    expectError(concat(head, bytes(6, 0, 0, 0, 32)), head.length, "truncated block header (needs 12 bytes, 5 left)");
  });

  it("block total length not a multiple of 4", () => {
    const b = block(true, 6, new Uint8Array(20), 34);
    expectError(concat(head, b), head.length + 4, "block total length 34 not a multiple of 4");
  });

  it("block total length smaller than 12", () => {
    const b = block(true, 6, new Uint8Array(20), 8);
    expectError(concat(head, b), head.length + 4, "block total length 8 smaller than 12");
  });

  it("block total length past the end of the file", () => {
    const b = epb(true, 0, 0n, seq(10));
    expectError(concat(head, b).subarray(0, head.length + 20), head.length + 4, "truncated block (total length 44, 20 bytes left)");
  });

  it("block total length mismatch between header and trailer", () => {
    const b = epb(true, 0, 0n, seq(8));
    b.set(words(true, [[32, 36]]), b.length - 4);
    expectError(concat(head, b), head.length + b.length - 4, "block total length mismatch (header says 40, trailer says 36)");
  });

  it("unknown interface id", () => {
    const file = concat(head, epb(true, 3, 0n, seq(4)));
    expectError(file, head.length + 8, "unknown interface id 3 (1 interfaces defined)");
  });

  it("EPB caplen larger than its block", () => {
    const b = epb(true, 0, 0n, seq(8));
    b.set(words(true, [[32, 12]]), 20); // caplen field
    expectError(concat(head, b), head.length + 28, "truncated record data (needs 12 bytes, block holds 8)");
  });

  it("EPB caplen larger than snaplen is kept", () => {
    const h = concat(shb(false), idb(false, 1, 16));
    expect(readCapture(concat(h, epb(false, 0, 0n, seq(17)))).records[0].data).toEqual(seq(17));
  });

  it("EPB with a huge caplen", () => {
    const b = epb(true, 0, 0n, seq(8));
    b.set(words(true, [[32, 0x7fffffff]]), 20);
    expectError(concat(head, b), head.length + 20, "caplen 2147483647 larger than the 262144-byte limit");
  });

  it("option running past its block", () => {
    const iface = block(true, 1, concat(words(true, [[16, 1], [16, 0], [32, 0]]), words(true, [[16, 9], [16, 200]])));
    const s = shb(true);
    expectError(concat(s, iface), s.length + 8 + 8 + 2, "option 9 length 200 runs past the end of its block");
  });

  it("fuzzed truncations and bit flips only ever raise PcapError", () => {
    const good = concat(shb(true), idb(true, 1, 100, 9), epb(true, 0, 5n, seq(60)), spb(true, seq(30)), epb(true, 0, 6n, seq(3)));
    let seed = 777;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 3000; i++) {
      const f = good.slice(0, 1 + Math.floor(rand() * good.length));
      f[Math.floor(rand() * f.length)] ^= 1 << Math.floor(rand() * 8);
      try {
        readCapture(f);
      } catch (e) {
        expect(e).toBeInstanceOf(PcapError);
      }
    }
  });

  it("simple packet block before any interface", () => {
    const s = shb(true);
    expectError(concat(s, block(true, 3, concat(words(true, [[32, 4]]), seq(4)))), s.length, "simple packet block before any interface description block");
  });
});

describe("ToDump streams to disk", () => {
  it("writes the file in pieces as packets arrive, creating its directory; the result reads it back", async () => {
    const { mkdtempSync, readFileSync: rf, existsSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { runClick, readCapture, writePcap } = await import("../../src/index.ts");
    const dir = mkdtempSync(join(tmpdir(), "clickos-todump-"));
    const out = join(dir, "new", "sub", "out.pcap");
    // 3,000 frames of 1,000 bytes: about 3 MB, three chunks of 1 MiB.
    const frames = Array.from({ length: 3000 }, (_, i) => ({ data: Uint8Array.from({ length: 1000 }, (_, k) => (i + k) & 255), timestampNs: BigInt(i + 1) * 1000n }));
    const input = join(dir, "in.pcap");
    (await import("node:fs")).writeFileSync(input, writePcap(frames));
    const r = runClick(`FromDump(${JSON.stringify(input)}) -> t :: ToDump(${JSON.stringify(out)}, SNAPLEN 600);`, { writeToDisk: true, elements: false });
    expect(existsSync(out)).toBe(true);
    const back = readCapture(new Uint8Array(rf(out)));
    expect(back.records).toHaveLength(3000);
    expect(back.records[2999].data).toEqual(frames[2999].data.subarray(0, 600));
    expect(back.records[2999].timestampNs).toBe(3000_000n);
    expect(r.read("t.count")).toBe("3000");
    expect(r.files[out]).toEqual(new Uint8Array(rf(out)));
  });

  it("a file it cannot create is an initialization error naming the element", async () => {
    const { runClick } = await import("../../src/index.ts");
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const file = join(mkdtempSync(join(tmpdir(), "clickos-todump-")), "plain-file");
    writeFileSync(file, "");
    const bad = join(file, "sub", "out.pcap");   // a directory under a regular file
    expect(() => runClick(`Idle -> t :: ToDump(${JSON.stringify(bad)});`, { writeToDisk: true, elements: false, configFile: "w.click" }))
      .toThrow(/w\.click:1: While initializing 't :: ToDump':\n  cannot write '.*plain-file\/sub\/out\.pcap': ENOTDIR/);
  });
});
