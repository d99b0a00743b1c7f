// Host elements and the scheduler: push and pull paths, queues, copies, counts,
// STOP, timers, capture and netfront I/O.
import { describe, expect, it } from "vitest";
import { runHost, pcap, packetsOf, frames } from "./helpers.ts";
import { RuntimeElement } from "../../src/host/element.ts";
import { PacketBatch } from "../../src/host/packet-store.ts";
import type { HostClass } from "../../src/host/router.ts";
import { deviceClasses } from "../../src/host/elements/index.ts";
import { concat, shb, idb, epb } from "../pcap/helpers.ts";

describe("pull paths through queues", () => {
  it("InfiniteSource -> Queue -> Discard drains the queue and ends", () => {
    const r = runHost(`s :: InfiniteSource(LIMIT 1000, BURST 100) -> q :: Queue -> c :: Counter -> d :: Discard(BURST 30);`);
    expect(r.read("s.count")).toBe("1000");
    expect(r.read("c.count")).toBe("1000");
    expect(r.read("d.count")).toBe("1000");
    expect(r.read("q.length")).toBe("0");
    expect(r.read("q.drops")).toBe("0");
    // 100 in, 30 out per round: the queue grew to 1000 - 30 * 33 + ... bounded by what was pushed.
    expect(Number(r.read("q.highwater_length"))).toBeGreaterThan(30);
    expect(r.router.store.live).toBe(0);
  });

  it("a full queue drops and counts, capacity is a handler", () => {
    const r = runHost(`s :: InfiniteSource(LIMIT 100, BURST 100) -> q :: Queue(10) -> d :: Discard(BURST 5);`);
    expect(r.read("q.drops")).toBe("90");
    expect(r.read("d.count")).toBe("10");
    expect(r.read("q.capacity")).toBe("10");
    expect(r.read("q.highwater_length")).toBe("10");
    expect(r.router.store.live).toBe(0);
  });

  it("a full SimpleQueue sends drops out of output 1 when connected", () => {
    const r = runHost(`s :: InfiniteSource(LIMIT 50, BURST 50) -> q :: SimpleQueue(CAPACITY 20) -> d :: Discard;\nq[1] -> over :: Counter -> Discard;`);
    expect(r.read("over.count")).toBe("30");
    expect(r.read("d.count")).toBe("20");
    expect(r.read("q.drops")).toBe("30");
  });

  it("capacity written before the run applies", () => {
    const r = runHost(`s :: InfiniteSource(LIMIT 100, BURST 100) -> q :: Queue -> d :: Discard(BURST 5);`, { writes: { "q.capacity": "40" } });
    expect(r.read("q.drops")).toBe("60");
    expect(() => r.write("q.capacity", "lots")).toThrow("capacity: expected unsigned integer");
  });

  it("a pull-mode InfiniteSource is pulled by ToDump, and its packets are DATA repeated to LENGTH", () => {
    const r = runHost(`InfiniteSource(DATA \\<0a0b0c>, LIMIT 7, LENGTH 8) -> c :: Counter -> t :: ToDump(out.pcap, BURST 3);`);
    expect(r.read("c.count")).toBe("7");
    const pkts = packetsOf(r.files["out.pcap"]);
    expect(pkts.length).toBe(7);
    expect([...pkts[0]]).toEqual([10, 11, 12, 10, 11, 12, 10, 11]);
  });

  it("FromDump -> Queue -> ToDump keeps every packet in order (pcap and pcapng inputs)", () => {
    const input = pcap(600);
    const r = runHost(`FromDump(in.pcap) -> Queue(2000) -> ToDump(out.pcap);`, { files: { "in.pcap": input } });
    expect(packetsOf(r.files["out.pcap"])).toEqual(packetsOf(input));
    // The same frames as pcapng (section header, interface, enhanced packet blocks, little-endian).
    const fs = frames(30);
    const ng = concat(shb(true), idb(true, 1, 65535), ...fs.map((f) => epb(true, 0, f.timestampNs / 1000n, f.data)));
    const r2 = runHost(`FromDump(in.pcapng) -> Queue -> ToDump(out.pcap);`, { files: { "in.pcapng": ng } });
    expect(packetsOf(r2.files["out.pcap"])).toEqual(fs.map((f) => f.data));
  });

  it("FromDump in pull mode feeds a pull sink directly", () => {
    const input = pcap(300);
    const r = runHost(`f :: FromDump(in.pcap) -> c :: Counter -> ToDump(out.pcap, BURST 7);`, { files: { "in.pcap": input } });
    expect(r.read("f.count")).toBe("300");
    expect(packetsOf(r.files["out.pcap"])).toEqual(packetsOf(input));
  });

  it("FromDump LIMIT and the limit/active handlers", () => {
    const input = pcap(50);
    let r = runHost(`f :: FromDump(in.pcap, LIMIT 20) -> d :: Discard;`, { files: { "in.pcap": input } });
    expect(r.read("d.count")).toBe("20");
    r = runHost(`f :: FromDump(in.pcap) -> d :: Discard;`, { files: { "in.pcap": input }, writes: { "f.limit": "5" } });
    expect(r.read("d.count")).toBe("5");
    r = runHost(`f :: FromDump(in.pcap) -> d :: Discard;`, { files: { "in.pcap": input }, writes: { "f.active": "false" } });
    expect(r.read("d.count")).toBe("0");
    expect(r.read("f.active")).toBe("false");
  });
});

describe("Tee, Counter, Print, Idle", () => {
  it("Tee sends a copy to every output, the copies independent of each other", () => {
    const r = runHost(`s :: InfiniteSource(LIMIT 5, BURST 5) -> t :: Tee -> a :: Counter -> ToDump(a.pcap);\nt[1] -> b :: Counter -> ToDump(b.pcap);\nt[2] -> c :: Counter -> Discard;`);
    expect([r.read("a.count"), r.read("b.count"), r.read("c.count")]).toEqual(["5", "5", "5"]);
    expect(packetsOf(r.files["a.pcap"])).toEqual(packetsOf(r.files["b.pcap"]));
    expect(r.router.store.live).toBe(0);
  });

  it("Counter counts packets and bytes, reset clears them", () => {
    const input = pcap(40);
    const r = runHost(`FromDump(in.pcap) -> c :: Counter -> Discard;`, { files: { "in.pcap": input } });
    expect(r.read("c.count")).toBe("40");
    expect(r.read("c.byte_count")).toBe(String(40 * 64));
    // 40 packets 1 ms apart on the capture's clock: 39 ms between first and last.
    expect(r.read("c.rate")).toBe(String(Math.round(40 / 0.039)));
    r.write("c.reset", "");
    expect([r.read("c.count"), r.read("c.byte_count"), r.read("c.rate")]).toEqual(["0", "0", "0"]);
  });

  it("Print logs Click's format: label, length, hex in groups of four, MAXLENGTH", () => {
    const r = runHost(`InfiniteSource(\\<0102030405060708090a>, LIMIT 2) -> Print(ok, 6) -> p2 :: Print(CONTENTS NONE) -> p3 :: Print(x, TIMESTAMP true, CONTENTS ASCII) -> Discard;`);
    expect(r.logs.filter((l) => l.startsWith("ok"))).toEqual(["ok:   10 | 01020304 0506", "ok:   10 | 01020304 0506"]);
    expect(r.logs.filter((l) => l === "  10")).toHaveLength(2);
    expect(r.logs.find((l) => l.startsWith("x: "))).toMatch(/^x: \d+\.\d{6}:   10 \|  \.\.\.\.\.\.\.\. \.\.$/);
  });

  it("Print refuses a bad CONTENTS with Click's message", () => {
    expect(() => runHost(`InfiniteSource(LIMIT 1) -> Print(CONTENTS BINARY) -> Discard;`)).toThrow("bad contents value 'BINARY'; should be 'NONE', 'HEX', or 'ASCII'");
  });

  it("Idle plugs ports: it drops what it is pushed and gives nothing when pulled", () => {
    const r = runHost(`s :: InfiniteSource(LIMIT 4) -> Idle;\nIdle -> q :: Queue -> d :: Discard;`);
    expect(r.read("s.count")).toBe("4");
    expect(r.read("d.count")).toBe("0");
    expect(r.stats.dropped).toBe(4);
  });
});

describe("InfiniteSource and STOP", () => {
  it("LIMIT and BURST: ends cleanly without STOP", () => {
    const r = runHost(`s :: InfiniteSource(LIMIT 10, BURST 3) -> c :: Counter -> Discard;`);
    expect(r.read("c.count")).toBe("10");
    expect(r.read("s.limit")).toBe("10");
    expect(r.read("s.burst")).toBe("3");
  });

  it("STOP true stops the router even while another source is endless", () => {
    const r = runHost(`InfiniteSource(LIMIT 10, STOP true) -> a :: Counter -> Discard;\nInfiniteSource(BURST 2) -> b :: Counter -> Discard;`);
    expect(r.read("a.count")).toBe("10");
    // The endless source ran once per round until the stop (11 rounds: 10 packets, then the stop).
    expect(r.read("b.count")).toBe("22");
  });

  it("the stop handler stops the run too", () => {
    class StopAfter extends RuntimeElement {
      n = 0;
      push(_p: number, b: PacketBatch) { this.n += b.count; if (this.n >= 5) this.router.writeHandler("stop", ""); this.router.dropBatch(b); }
    }
    const cls: HostClass = { name: "StopAfter", ports: "1/0", processing: "h", create: (n, c, f, l) => new StopAfter(n, "StopAfter", c, f, l) };
    const r = runHost(`s :: InfiniteSource -> StopAfter;`, { hostClasses: [cls] });
    expect(r.read("s.count")).toBe("5");
  });

  it("STOP with FromDump: the router stops once the file is done", () => {
    const r = runHost(`FromDump(in.pcap, STOP true) -> a :: Counter -> Discard;\nInfiniteSource -> b :: Counter -> Discard;`, { files: { "in.pcap": pcap(10) } });
    expect(r.read("a.count")).toBe("10");
    expect(Number(r.read("b.count"))).toBeLessThan(10);
  });

  it("an inactive source ends the run at once; active and reset handlers", () => {
    const r = runHost(`s :: InfiniteSource(ACTIVE false) -> c :: Counter -> Discard;`);
    expect(r.read("c.count")).toBe("0");
    expect(r.read("s.active")).toBe("false");
    expect(() => r.write("s.burst", "0")).toThrow("burst parameter must be integer >= 1");
    expect(() => runHost(`InfiniteSource(BURST 0) -> Discard;`)).toThrow("burst size must be >= 1");
  });
});

describe("timers", () => {
  it("the run waits for pending timers on the virtual clock, in due order", () => {
    const fired: string[] = [];
    class Later extends RuntimeElement {
      initialize() {
        const r = this.router;
        r.timers.schedule(`${this.name}#2`, r.nowNs + 2_000_000_000n, () => fired.push(`2s at ${r.nowNs - t0}`));
        r.timers.schedule(`${this.name}#1`, r.nowNs + 1_000_000_000n, () => {
          fired.push(`1s at ${r.nowNs - t0}`);
          // A timer may emit packets: push one down the graph.
          const b = new PacketBatch(1);
          b.push(r.store.alloc(60));
          this.output(0, b);
        });
        const t0 = r.nowNs;
      }
    }
    const cls: HostClass = { name: "Later", ports: "0/1", processing: "h", create: (n, c, f, l) => new Later(n, "Later", c, f, l) };
    const r = runHost(`Later -> c :: Counter -> Discard;`, { hostClasses: [cls] });
    expect(fired).toEqual(["1s at 1000000000", "2s at 2000000000"]);
    expect(r.read("c.count")).toBe("1");
  });
});

describe("FromNetFront / ToNetFront bound to pcap files", () => {
  it("reads netfrontN.pcap and writes netfrontN.out.pcap by default; ToNetFront pulls after a Queue", () => {
    const input = pcap(20);
    const r = runHost(`FromNetFront(0) -> Queue -> ToNetFront(0);`, { files: { "netfront0.pcap": input } });
    expect(packetsOf(r.files["netfront0.out.pcap"])).toEqual(packetsOf(input));
  });

  it("a device map binds ids and device names to files; ClickOS's spelling works", () => {
    const input = pcap(3);
    const devices = deviceClasses({ "1": { in: "a.pcap", out: "b.pcap" }, eth0: { in: "a.pcap" }, eth1: { out: "c.pcap" } });
    const r = runHost(`FromNetfront(1) -> ToNetfront(1);\nFromDevice(eth0) -> Queue -> ToDevice(eth1);`, { files: { "a.pcap": input }, hostClasses: devices });
    expect(packetsOf(r.files["b.pcap"])).toHaveLength(3);
    expect(packetsOf(r.files["c.pcap"])).toHaveLength(3);
  });

  it("a missing capture is a located initialization error", () => {
    expect(() => runHost(`FromNetFront(7) -> ToNetFront(7);`)).toThrow(/^t\.click:1: While initializing 'FromNetFront@1 :: FromNetFront':\n  netfront7\.pcap: /);
  });
});

