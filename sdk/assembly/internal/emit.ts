// Packets an element creates during one crossing (Packet.make, clone). Their
// descriptors are contiguous so the host can read them as one array after the
// call (clickos_emitted); their bytes live in a bump arena reset at each crossing.

import { DESC_SIZE, DESC_BUF, DESC_CAP, DESC_DATA, DESC_LEN, DESC_PORT, DESC_FLAGS, DESC_MAC,
  DESC_NET, DESC_TRANSPORT, DESC_PACKET_TYPE, DESC_TIMESTAMP_NS, DESC_ANNO, ANNO_SIZE,
  MAX_EMIT, DROP, NO_HEADER, FLAG_EMITTED } from "../abi.generated";
import { Packet } from "../packet";

const CHUNK: usize = 256 * 1024;

let descs: usize = 0;
let count: i32 = 0;
let arenaBase: usize = 0;
let arenaTop: usize = 0;
let arenaEnd: usize = 0;
// Blocks too large for the arena, freed at the next reset.
let oversized: usize[] = [];

/** Starts a crossing: no packets emitted yet. Inlined into every entry, so the
 *  rare case (blocks too large for the arena) is a call of its own. */
// @ts-ignore: decorator
@inline export function resetEmit(): void {
  count = 0;
  arenaTop = arenaBase;
  if (oversized.length) freeOversized();
}

function freeOversized(): void {
  for (let i = 0, n = oversized.length; i < n; i++) heap.free(unchecked(oversized[i]));
  oversized.length = 0;
}

export function emittedBase(): usize { return descs; }
export function emittedCount(): i32 { return count; }

function allocBytes(size: usize): usize {
  size = (size + 7) & ~7;
  if (arenaBase == 0) {
    arenaBase = heap.alloc(CHUNK);
    arenaTop = arenaBase;
    arenaEnd = arenaBase + CHUNK;
  }
  if (arenaTop + size <= arenaEnd) {
    const p = arenaTop;
    arenaTop += size;
    return p;
  }
  const block = heap.alloc(size);
  oversized.push(block);
  return block;
}

export function makePacket(length: u32, headroom: u32, tailroom: u32): Packet | null {
  if (descs == 0) descs = heap.alloc(<usize>MAX_EMIT * DESC_SIZE);
  if (count >= MAX_EMIT) return null; // Packet.make/clone document null past MAX_EMIT
  const cap = <usize>headroom + length + tailroom;
  const buf = allocBytes(cap);
  memory.fill(buf, 0, cap);
  const d = descs + <usize>count * DESC_SIZE;
  count++;
  store<u32>(d + DESC_BUF, <u32>buf);
  store<u32>(d + DESC_CAP, <u32>cap);
  store<u32>(d + DESC_DATA, <u32>(buf + headroom));
  store<u32>(d + DESC_LEN, length);
  store<i32>(d + DESC_PORT, DROP);
  store<u32>(d + DESC_FLAGS, <u32>FLAG_EMITTED);
  store<i32>(d + DESC_MAC, NO_HEADER);
  store<i32>(d + DESC_NET, NO_HEADER);
  store<i32>(d + DESC_TRANSPORT, NO_HEADER);
  store<u32>(d + DESC_PACKET_TYPE, 0);
  store<i64>(d + DESC_TIMESTAMP_NS, 0);
  memory.fill(d + DESC_ANNO, 0, ANNO_SIZE);
  return changetype<Packet>(d);
}
