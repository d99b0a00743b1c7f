// Handlers whose text grows with the element's state print whole at any table
// size: AggregateIPFlows' flows and IPRewriter's udp_table used to exhaust module
// memory at a few hundred flows (quadratic string building) and trap, wiping the
// state. They now stream through a StringAccum (clickos.handler_text) and get
// the handler fuel budget (FUEL_MAX).
import { describe, expect, it } from "vitest";
import { runClick } from "@clickos/runtime";
import { pkt, writePcap } from "@clickos/sdk/testing";

const elements = process.env.CLICKOS_ELEMENTS ?? new URL("../../elements/build/elements.wasm", import.meta.url).pathname;
const N = 6000; // well past both old limits (~300 flows, ~2,700 mappings), > 64 KiB of text

/** N UDP flows from distinct sources, one packet each, 1 µs apart. */
function udpFlows(n: number): Uint8Array {
  const frames = [];
  for (let i = 0; i < n; i++) {
    const src = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    frames.push({ data: pkt.ether().ipv4({ src, dst: "203.0.113.5" }).udp({ sport: 1024 + (i % 60000), dport: 53 }).payload("q").build(),
      timestampNs: 1_700_000_000_000_000_000n + BigInt(i) * 1000n });
  }
  return writePcap(frames, { linkType: 1 });
}

describe("handlers of any size", () => {
  const input = udpFlows(N);

  it(`AggregateIPFlows prints all ${N} flows, and keeps its state`, () => {
    const r = runClick("FromDump(in.pcap) -> Strip(14) -> CheckIPHeader -> a :: AggregateIPFlows -> Discard;",
      { files: { "in.pcap": input }, elements, log: () => {} });
    const lines = r.read("a.flows").trimEnd().split("\n");
    expect(lines).toHaveLength(N);
    expect(lines[0]).toBe("1 udp 10.0.0.0:1024 > 203.0.113.5:53 packets 1 0 bytes 29 0");
    expect(lines[N - 1]).toBe(`${N} udp 10.0.${(N - 1) >> 8}.${(N - 1) & 255}:${1024 + N - 1} > 203.0.113.5:53 packets 1 0 bytes 29 0`);
    expect(r.read("a.nflows")).toBe(String(N));
    expect(r.read("a.module_traps")).toBe("0");
  });

  it(`IPRewriter prints all ${N} UDP mappings (both directions), and keeps them`, () => {
    const r = runClick("FromDump(in.pcap) -> Strip(14) -> rw :: IPRewriter(pattern 198.51.100.1 1024-65535 - - 0 1);\nrw[0] -> Discard;\nrw[1] -> Discard;",
      { files: { "in.pcap": input }, elements, log: () => {} });
    const lines = r.read("rw.udp_table").trimEnd().split("\n");
    expect(lines).toHaveLength(2 * N);
    expect(lines[0]).toMatch(/^\(10\.0\.0\.0, 1024, 203\.0\.113\.5, 53\) => \(198\.51\.100\.1, \d+, 203\.0\.113\.5, 53\) \[\*0 1\] i0 exp\d+$/);
    expect(r.read("rw.table_size")).toBe(String(N));
    expect(r.read("rw.module_traps")).toBe("0");
  });
});
