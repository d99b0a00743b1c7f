// Shared helpers of the graph tests: run a configuration of host elements only,
// collect the configure errors, and make capture files.
import { runClick, buildRouter, type RunOptions, type RunResult } from "../../src/run.ts";
import { ConfigureError } from "../../src/host/errors.ts";
import { writePcap, readCapture } from "../../src/pcap/index.ts";
import { ether } from "@clickos/sdk/testing";

/** Runs a config with host elements only (no WASM module), logs collected. */
export function runHost(config: string, opts: RunOptions = {}): RunResult & { logs: string[] } {
  const logs: string[] = [];
  const r = runClick(config, { elements: false, files: {}, configFile: "t.click", log: (m) => logs.push(m), ...opts });
  return Object.assign(r, { logs });
}

/** The error lines a config is refused with (fails the test if it is accepted; never runs it). */
export function errorsOf(config: string, opts: RunOptions = {}): string[] {
  try {
    buildRouter(config, { elements: false, files: {}, configFile: "t.click", log: () => {}, ...opts });
  } catch (e) {
    if (e instanceof ConfigureError) return e.lines;
    throw e;
  }
  throw new Error(`config was accepted:\n${config}`);
}

/** `n` Ethernet/IPv4/UDP frames of 64 bytes, TTL 64, distinct IP ids, timestamps 1 ms apart. */
export function frames(n: number, ttl = 64): { data: Uint8Array; timestampNs: bigint }[] {
  const out: { data: Uint8Array; timestampNs: bigint }[] = [];
  for (let i = 0; i < n; i++) {
    const f = ether({ src: "02:00:00:00:00:01", dst: "02:00:00:00:00:02" })
      .ipv4({ src: "10.0.0.1", dst: "10.0.0.2", ttl, id: i & 0xffff }).udp({ sport: 1000, dport: 2000 })
      .payload(new Uint8Array(64 - 42)).build();
    out.push({ data: f, timestampNs: 1_700_000_000_000_000_000n + BigInt(i) * 1_000_000n });
  }
  return out;
}

export function pcap(n: number, ttl = 64): Uint8Array {
  return writePcap(frames(n, ttl), { linkType: 1 });
}

export function packetsOf(file: Uint8Array): Uint8Array[] {
  return readCapture(file).records.map((r) => r.data);
}
