// Graph overhead of the Node host: the 5-element Click configuration
// FromDump -> Strip(14) -> DecIPTTL -> Unstrip(14) -> Discard run by the router and
// scheduler (FromDump from a capture held in memory; push path, and the same
// behind a Queue, pull path) against the spine's chain of the same three
// elements (bench/node-chain.ts, MemSource -> chain -> MemSink), all in the same
// run, on CPU time. Processing cost = (config time - the same config with nothing
// between source and sink), so capture parsing and packet creation are not
// counted; like for like, the ratio is graph ns/packet ÷ chain ns/packet. Not a test.
//
//   npx tsx --conditions=source bench/graph.ts [--packets N] [--reps R] [--elements X.wasm] [--json]

import { parseArgs } from "node:util";
import { buildRouter, writePcap } from "../runtime/src/index.ts";
import { pkt } from "../sdk/src/testing/packet-builder.ts";
import { benchChains } from "./node-chain.ts";

const { values } = parseArgs({ options: { packets: { type: "string" }, reps: { type: "string" }, json: { type: "boolean" }, elements: { type: "string" } } });
const packets = Number(values.packets ?? 1_000_000), reps = Number(values.reps ?? 5), elements = values.elements;

const frame = pkt.ether({ src: "02:00:00:00:00:01", dst: "02:00:00:00:00:02" }).ipv4({ src: "10.0.0.1", dst: "10.0.0.2", ttl: 64 }).udp({ sport: 1234, dport: 80 }).payload(new Uint8Array(18)).build();
const records = Array.from({ length: packets }, (_, i) => ({ data: frame, timestampNs: BigInt(i) * 1000n }));
const capture = writePcap(records, { linkType: 1 });

const CHAIN = "Strip(14) -> DecIPTTL -> Unstrip(14)";
const GRAPH = CHAIN;
const configs = {
  pushBase: `FromDump(in.pcap) -> d :: Discard;`,
  push: `FromDump(in.pcap) -> ${GRAPH} -> d :: Discard;`,
  pullBase: `FromDump(in.pcap) -> Queue(4096) -> d :: Discard;`,
  pull: `FromDump(in.pcap) -> Queue(4096) -> ${GRAPH} -> d :: Discard;`,
};

function timeOnce(config: string): number {
  const { router } = buildRouter(config, { files: { "in.pcap": capture }, elements, log: () => {} });
  const c0 = process.cpuUsage();
  router.run();
  const c = process.cpuUsage(c0);
  const ms = (c.user + c.system) / 1000;
  const out = Number(router.readHandler("d.count"));
  if (out !== packets) throw new Error(`${config}: ${out} of ${packets} packets came out`);
  return ms;
}

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
for (const c of Object.values(configs)) timeOnce(c); // warm up
const ns: Record<string, number[]> = { push: [], pull: [] };
for (let r = 0; r < reps; r++) {
  const t = Object.fromEntries(Object.entries(configs).map(([k, c]) => [k, timeOnce(c)]));
  ns.push.push((t.push - t.pushBase) * 1e6 / packets);
  ns.pull.push((t.pull - t.pullBase) * 1e6 / packets);
}
const [spine] = benchChains([CHAIN], { packets, reps, elements });

const perElem = { spine: spine.nsPerPacket.median / 3, push: median(ns.push) / 3, pull: median(ns.pull) / 3 };
const result = {
  packets,
  spineChain: { config: spine.config, nsPerPacket: spine.nsPerPacket.median, nsPerElement: perElem.spine, mpps: spine.mpps.median },
  graphPush: { config: configs.push, nsPerPacket: median(ns.push), nsPerElement: perElem.push, mpps: 1000 / median(ns.push) },
  graphPull: { config: configs.pull, nsPerPacket: median(ns.pull), nsPerElement: perElem.pull, mpps: 1000 / median(ns.pull) },
  ratioPush: perElem.push / perElem.spine,
  ratioPull: perElem.pull / perElem.spine,
  budget: 1.2,
};
if (values.json) console.log(JSON.stringify(result, null, 2));
else {
  const row = (name: string, r: { nsPerPacket: number; nsPerElement: number; mpps: number }) =>
    console.log(`${name.padEnd(34)} ${r.nsPerPacket.toFixed(1).padStart(7)} ns/packet  ${r.nsPerElement.toFixed(1).padStart(6)} ns/element  ${r.mpps.toFixed(2).padStart(6)} Mpps processing`);
  row("spine chain (3 elements)", result.spineChain);
  row("graph, push path (5-element config)", result.graphPush);
  row("graph, pull path via Queue", result.graphPull);
  console.log(`per-element ratio graph/chain: push ${result.ratioPush.toFixed(2)}, pull ${result.ratioPull.toFixed(2)} (budget <= ${result.budget})`);
}
