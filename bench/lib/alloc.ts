// Allocation checks, both sides of the Node host's boundary.
//
// Module side: the elements built with AssemblyScript's stub runtime and
// --exportRuntime, where __new is a bump allocator: two probe allocations of
// size 0 before and one after a run give the bytes allocated in between
// exactly (the method of sdk/test/net/noalloc.test.ts). Goal: 0 per packet on
// the fast path (measured after a warm-up pass that creates the flows).
//
// Host side: PacketStore.alloc calls and store growths against packets, and
// V8 heap growth and GC count across a run of a million packets.

import { PerformanceObserver } from "node:perf_hooks";
import type { ElementBench } from "../element-configs.ts";
import { benchConfig, chainConfig, drive, prepare } from "./node-host.ts";
import { hostLimits } from "../../runtime/src/host/wasm-module.ts";

interface AllocExports { __new(size: number, id: number): number }

export interface ModuleAlloc { id: string; bytesPerPacket: number; packets: number; error?: string }

/** Bytes the module allocates per packet for each entry (stub-runtime build `wasm`). */
export function moduleAllocations(wasm: string, benches: ElementBench[], packets: number): ModuleAlloc[] {
  // The host's sandbox drops every export outside the ABI; the probe needs __new.
  const saved = hostLimits.keepExports;
  hostLimits.keepExports = ["__new"];
  try { return measureModules(wasm, benches, packets); } finally { hostLimits.keepExports = saved; }
}

function measureModules(wasm: string, benches: ElementBench[], packets: number): ModuleAlloc[] {
  return benches.map((b) => {
    try {
      const frames = b.traffic();
      const p = prepare(benchConfig(`${b.cls}(${b.conf})`, b.inputs, b.outputs), frames, { elements: wasm });
      const e = p.router.byName.get("e") as unknown as { module: { exports: AllocExports } };
      drive(p, Math.max(frames.length * 2, 2048), 256);                // warm-up: flows, tables
      const ex = () => e.module.exports;
      if (typeof ex().__new !== "function") throw new Error("the module does not export __new (build with --exportRuntime)");
      const probe = () => ex().__new(0, 1) >>> 0;
      const a = probe(), c = probe();
      drive(p, packets, 256);
      const d = probe();
      return { id: b.id, bytesPerPacket: (d - c - (c - a)) / packets, packets };
    } catch (err) {
      return { id: b.id, bytesPerPacket: NaN, packets: 0, error: (err as Error).message.split("\n")[0] };
    }
  });
}

export interface HostAlloc {
  chain: string; packets: number;
  storeAllocsPerPacket: number; storeGrowths: number; storeCapacity: number; liveAfter: number;
  heapGrowthBytesPerPacket: number; heapRetainedBytesPerPacket: number | null; gcs: number; gcExposed: boolean;
}

/** PacketStore and V8 heap across `packets` packets through a chain (needs --expose-gc for the retained figure). */
export async function hostAllocations(chain: string, frames: Uint8Array[], packets: number, elements?: string): Promise<HostAlloc> {
  const p = prepare(chainConfig(chain), frames, { elements });
  drive(p, 200_000, 256);                                          // warm-up: JIT, store at its working size
  const st = p.router.store;
  let allocs = 0, growths = 0, cap = st.capacity;
  const orig = st.alloc.bind(st);
  st.alloc = (len: number) => {
    allocs++;
    const s = orig(len);
    if (st.capacity !== cap) { growths++; cap = st.capacity; }
    return s;
  };
  const gc = (globalThis as { gc?: () => void }).gc;
  let gcs = 0;
  const obs = new PerformanceObserver((l) => { gcs += l.getEntries().length; });
  obs.observe({ entryTypes: ["gc"] });
  gc?.();
  const h0 = process.memoryUsage().heapUsed;
  drive(p, packets, 256);
  const h1 = process.memoryUsage().heapUsed;
  await new Promise((r) => setTimeout(r, 10));                      // let the observer deliver
  gc?.();
  const h2 = process.memoryUsage().heapUsed;
  obs.disconnect();
  return {
    chain, packets, storeAllocsPerPacket: allocs / packets, storeGrowths: growths, storeCapacity: st.capacity, liveAfter: st.live,
    heapGrowthBytesPerPacket: Math.max(0, h1 - h0) / packets, heapRetainedBytesPerPacket: gc ? (h2 - h0) / packets : null,
    gcs, gcExposed: !!gc,
  };
}
