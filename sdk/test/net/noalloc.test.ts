import { it, expect, beforeAll } from "vitest";
import { loadAS, type ASModule } from "../support/as-compile.ts";
import { etherHeader, ipv4Header, be16, be32, ip6Bytes } from "./frames.ts";

// With the stub runtime, __new is a bump allocator: the distance between two probe
// allocations grows by exactly what was allocated in between.
let m: ASModule;
beforeAll(async () => {
  m = await loadAS({ file: "sdk/test/net/assembly/noalloc.ts" }, { runtime: "stub" });
  m.exports.setup();
});

function allocatedDuring(fn: () => void): number {
  const probe = () => m.exports.__new(0, 1) >>> 0;
  const a = probe();
  const b = probe();
  fn();
  const c = probe();
  return c - b - (b - a);
}

it("the probe itself sees an allocation", () => {
  expect(allocatedDuring(() => m.exports.__new(100, 1))).toBeGreaterThanOrEqual(100);
});

it("views, checksums and packet-memory address helpers allocate nothing", () => {
  const tcp = [...be16(1), ...be16(2), ...be32(3), ...be32(4), 0x50, 0x12, ...be16(5), 0, 0, 0, 0];
  const v4 = [...etherHeader("00:11:22:33:44:55", "66:77:88:99:aa:bb", 0x0800),
    ...ipv4Header({ proto: 6, src: "10.0.0.1", dst: "10.0.0.2", payloadLength: tcp.length }), ...tcp];
  const udp = [...be16(1), ...be16(2), ...be16(12), 0, 0, 1, 2, 3, 4];
  const v6 = [...etherHeader("00:11:22:33:44:55", "66:77:88:99:aa:bb", 0x86dd),
    0x60, 0, 0, 0, ...be16(udp.length), 17, 64, ...ip6Bytes([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]),
    ...ip6Bytes([0x2001, 0xdb8, 0, 0, 0, 0, 0, 2]), ...udp];
  for (const frame of [v4, v6]) {
    const p = m.writeBytes(frame);
    let x = 0;
    expect(allocatedDuring(() => { x = m.exports.touchAll(p, frame.length, 1000); })).toBe(0);
    expect(x).not.toBe(0); // the work was done
  }
});
