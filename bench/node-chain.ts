// Node host throughput for a chain of elements, processing only.
//
// A host source hands out one million 64-byte frames held in memory and a sink
// releases them; the same source and sink with nothing between them are timed in
// the same run, so "processing" = chain time - baseline time, which removes the
// cost of creating and disposing packets (I/O in a real router). Several
// repetitions, min and median reported.
//
//   npx tsx --conditions=source bench/node-chain.ts [--packets N] [--reps R] [--json]

import { parseArgs } from "node:util";
import { buildRouter, RuntimeElement, PacketBatch, type HostClass } from "../runtime/src/index.ts";
import { pkt } from "../sdk/src/testing/packet-builder.ts";

export interface ChainResult { config: string; elements: number; nsPerPacket: { min: number; median: number }; mpps: { median: number; best: number } }

const FRAME = pkt.ether({ src: "02:00:00:00:00:01", dst: "02:00:00:00:00:02" }).ipv4({ src: "10.0.0.1", dst: "10.0.0.2", ttl: 64 }).udp({ sport: 1234, dport: 80 }).payload(new Uint8Array(18)).build();

class MemSource extends RuntimeElement {
  sent = 0;
  total = 0;
  private b = new PacketBatch(256);
  burst = 256;
  runTask(): boolean {
    if (this.sent >= this.total) return false;
    const st = this.router.store, b = this.b;
    b.clear();
    const n = Math.min(this.burst, this.total - this.sent);
    for (let i = 0; i < n; i++) {
      const s = st.alloc(FRAME.length);
      st.bytes.set(FRAME, st.dataOff[s]);
      b.push(s);
    }
    this.sent += n;
    this.output(0, b);
    return true;
  }
  get exhausted(): boolean { return this.sent >= this.total; }
}

class Sink extends RuntimeElement {
  count = 0;
  push(_p: number, b: PacketBatch): void {
    this.count += b.count;
    const st = this.router.store;
    for (let i = 0; i < b.count; i++) st.release(b.slots[i]);
    b.count = 0;
  }
}

const hostClasses: HostClass[] = [
  { name: "MemSource", ports: "0/1", processing: "h", create: (n, c, f, l) => new MemSource(n, "MemSource", c, f, l) },
  { name: "MemSink", ports: "1/0", processing: "h", create: (n, c, f, l) => new Sink(n, "MemSink", c, f, l) },
];

function timeOnce(chain: string, packets: number, elements?: string, burst = 256): { ms: number; out: number } {
  const cfg = `src :: MemSource -> ${chain ? chain + " -> " : ""}sink :: MemSink;`;
  const { router } = buildRouter(cfg, { hostClasses, elements, files: {}, log: () => {} });
  const src = router.byName.get("src") as MemSource;
  src.total = packets;
  src.burst = burst;
  // CPU time of this process, not wall time: on a shared machine another process
  // taking the core stretches wall time but not our CPU time.
  const c0 = process.cpuUsage();
  router.run();
  const c = process.cpuUsage(c0);
  const ms = (c.user + c.system) / 1000;
  return { ms, out: (router.byName.get("sink") as Sink).count };
}

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

/** Measures each chain against the empty baseline, interleaved rep by rep. */
export function benchChains(chains: string[], o: { packets?: number; reps?: number; elements?: string; burst?: number } = {}): ChainResult[] {
  const packets = o.packets ?? 1_000_000, reps = o.reps ?? 5;
  timeOnce("", 100_000, o.elements, o.burst); // warm up the JIT
  for (const c of chains) timeOnce(c, 100_000, o.elements, o.burst);
  const samples = new Map<string, number[]>(chains.map((c) => [c, []]));
  for (let r = 0; r < reps; r++) {
    const base = timeOnce("", packets, o.elements, o.burst);
    for (const c of chains) {
      const t = timeOnce(c, packets, o.elements, o.burst);
      if (t.out !== packets) throw new Error(`${c}: ${t.out} of ${packets} packets came out (the benchmark frame must pass)`);
      samples.get(c)!.push(Math.max(0.001, (t.ms - base.ms) * 1e6 / packets));
    }
  }
  return chains.map((c) => {
    const s = samples.get(c)!;
    const min = Math.min(...s), med = median(s);
    // Mpps from the median and from the best repetition (min ns/packet).
    return { config: c, elements: c.split("->").length, nsPerPacket: { min, median: med }, mpps: { median: 1000 / med, best: 1000 / min } };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { packets: { type: "string" }, reps: { type: "string" }, json: { type: "boolean" }, elements: { type: "string" } } });
  const results = benchChains(["Strip(14) -> DecIPTTL -> Unstrip(14)", "EtherMirror", "Strip(14) -> CheckIPHeader -> DecIPTTL -> Unstrip(14) -> EtherMirror"],
    { packets: Number(values.packets ?? 1_000_000), reps: Number(values.reps ?? 5), elements: values.elements });
  if (values.json) console.log(JSON.stringify(results, null, 2));
  else for (const r of results) console.log(`${r.config.padEnd(70)} ${r.nsPerPacket.median.toFixed(1).padStart(7)} ns/packet (min ${r.nsPerPacket.min.toFixed(1)})  ${(1000 / r.nsPerPacket.median).toFixed(2)} Mpps processing`);
}
