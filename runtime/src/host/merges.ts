// Where a batch could change Click's packet order. Click pushes one packet at a
// time, so packets an element sends out of two different outputs reach a point
// where those paths meet again in the order the element pushed them. A host
// element that splits a batch by output (Tee) keeps that order only by going
// packet by packet, which costs a call per packet; it needs to only when its
// outputs can meet again downstream. (WebAssembly elements deliver in their
// output order in any case: wasm-element.ts, ABI ORDER_SHIFT.)

import type { RuntimeElement } from "./element.ts";

export interface Connection { from: string; fromPort: number; to: string; toPort: number }

/** Each element's downstream neighbours. */
function successors(connections: readonly Connection[]): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const c of connections) {
    let l = next.get(c.from);
    if (!l) next.set(c.from, (l = []));
    l.push(c.to);
  }
  return next;
}

/** True when the elements reachable from two different outputs of `name` overlap. */
export function outputsMeet(name: string, connections: readonly Connection[], next = successors(connections)): boolean {
  const seenBy = new Map<string, number>();
  const outs = connections.filter((c) => c.from === name);
  for (const c of outs) {
    // Everything reachable from this output, including the element itself when
    // the graph loops back to it.
    const stack = [c.to];
    const mine = new Set<string>();
    while (stack.length) {
      const e = stack.pop()!;
      if (mine.has(e)) continue;
      mine.add(e);
      const owner = seenBy.get(e);
      if (owner !== undefined && owner !== c.fromPort) return true;
      seenBy.set(e, c.fromPort);
      for (const t of next.get(e) ?? []) stack.push(t);
    }
  }
  return false;
}

/** Sets `outputsMeet` on every element with more than one output. */
export function markMerges(elements: readonly RuntimeElement[], connections: readonly Connection[]): void {
  const next = successors(connections); // once for the graph, not once per element
  for (const e of elements) if (e.noutputs > 1) e.outputsMeet = outputsMeet(e.name, connections, next);
}
