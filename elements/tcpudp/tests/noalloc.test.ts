// Zero allocation on the packet path of the stateful elements, measured as in
// sdk/test/net/noalloc.test.ts: with the stub runtime __new is a bump allocator, so
// the distance between two probe allocations grows by exactly what was allocated
// in between. The packets create flows, hit them, rewrite them, let them time out
// (timestamps jump past the 1 s timeouts), fill the tables and get dropped.
import { it, expect, beforeAll } from "vitest";
import { loadAS, type ASModule } from "../../../sdk/test/support/as-compile.ts";
import { pkt } from "@clickos/sdk/testing";

let m: ASModule;
beforeAll(async () => {
  m = await loadAS({ file: "elements/tcpudp/tests/assembly/noalloc.ts" }, {
    runtime: "stub",
    imports: { clickos: { now_ns: () => 0n, random: () => {}, log: () => {}, error: () => {} } },
  });
  expect(m.exports.setup()).toBe(0);
}, 600_000);

function allocatedDuring(fn: () => void): number {
  const probe = () => m.exports.__new(0, 1) >>> 0;
  const a = probe();
  const b = probe();
  fn();
  const c = probe();
  return c - b - (b - a);
}

/** Writes descriptors for IP packets (no Ethernet header) with timestamps; returns the base. */
function batch(frames: Uint8Array[], t0: number): number {
  const size = frames.length * 96 + frames.reduce((s, f) => s + f.length + 128, 0);
  const mem = m.writeBytes(new Uint8Array(size));
  const dv = new DataView(m.memory.buffer);
  let buf = mem + frames.length * 96;
  frames.forEach((f, i) => {
    const d = mem + i * 96;
    dv.setUint32(d, buf, true); dv.setUint32(d + 4, f.length + 128, true);
    dv.setUint32(d + 8, buf + 64, true); dv.setUint32(d + 12, f.length, true);
    dv.setInt32(d + 24, -1, true); dv.setInt32(d + 28, -1, true); dv.setInt32(d + 32, -1, true);
    dv.setBigInt64(d + 40, BigInt(t0 + i) * 100_000_000n, true); // 0.1 s apart
    new Uint8Array(m.memory.buffer, buf + 64, f.length).set(f);
    buf += f.length + 128;
  });
  return mem;
}

function traffic(n: number, dst: string, dport: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const src = `10.0.${i >> 8}.${i & 255}`;
    out.push(pkt.ipv4({ src, dst }).udp({ sport: 1000 + i, dport }).payload("x").build());
    out.push(pkt.ipv4({ src, dst }).tcp({ sport: 2000 + i, dport, flags: i % 7 ? "A" : "R" }).payload("y").build());
    out.push(pkt.ipv4({ src: dst, dst: "198.51.100.1" }).udp({ sport: dport, dport: 1024 + (i % 80) }).build());
    out.push(pkt.ipv4({ src, dst }).icmp().build());
    out.push(pkt.ipv4({ src, dst }).udp({ sport: 1, dport: 2 }).build().slice(0, 22));
  }
  return out;
}

it("the probe sees an allocation", () => {
  expect(allocatedDuring(() => m.exports.__new(100, 1))).toBeGreaterThanOrEqual(100);
});

it.each([
  ["IPRewriter", 0],
  ["CGNAT", 1],
  ["IPLoadBalancer", 2],
  ["AggregateIPFlows", 3],
])("%s allocates nothing per packet", (_name, which) => {
  const frames = traffic(100, "203.0.113.5", 80); // 500 packets, more flows than CAPACITY 64
  for (let round = 0; round < 3; round++) {
    const base = batch(frames, round * 1000);
    let x = 0;
    expect(allocatedDuring(() => { x = m.exports.run(which, 0, base, frames.length); })).toBe(0);
    expect(allocatedDuring(() => { x += m.exports.run(which, 1, base, frames.length); })).toBe(0);
    expect(x).toBeGreaterThan(0);
    expect(m.exports.live(which)).toBeGreaterThan(0); // flows were created and are tracked
  }
});
