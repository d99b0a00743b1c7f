// Packets an element creates during one crossing (Packet.make, clone). Their
// descriptors are contiguous so the host can read them as one array after the
// call (clickos_emitted); their bytes live in a bump arena reset at each crossing.

import { DESC_SIZE, DESC_BUF, DESC_CAP, DESC_DATA, DESC_LEN, DESC_PORT, DESC_FLAGS, DESC_MAC,
  DESC_NET, DESC_TRANSPORT, DESC_PACKET_TYPE, DESC_TIMESTAMP_NS, DESC_ANNO, ANNO_SIZE,
  MAX_EMIT, DROP, NO_HEADER, FLAG_EMITTED, FLAG_ANNO } from "../abi.generated";
import { Packet } from "../packet";

const CHUNK: usize = 256 * 1024;

let descs: usize = 0;
let count: i32 = 0;
let arenaBase: usize = 0;
let arenaTop: usize = 0;
let arenaEnd: usize = 0;
// Blocks too large for the arena, freed at the next reset.
let oversized: usize[] = [];

// A crossing nested inside another (a pull upstream through clickos.input_pull
// re-enters the module: pull.ts) gets a level of its own, so it neither resets
// nor overwrites the packets the outer crossing has emitted so far. The hot
// path never looks at levels: entering and leaving swap the globals above.
class Level {
  descs: usize = 0;
  count: i32 = 0;
  base: usize = 0;
  top: usize = 0;
  end: usize = 0;
  oversized: usize[] = [];
}
const levels: Level[] = [];
let depth: i32 = 0;

function save(l: Level): void {
  l.descs = descs; l.count = count; l.base = arenaBase; l.top = arenaTop; l.end = arenaEnd; l.oversized = oversized;
}
function load(l: Level): void {
  descs = l.descs; count = l.count; arenaBase = l.base; arenaTop = l.top; arenaEnd = l.end; oversized = l.oversized;
}
function addLevels(upTo: i32): void {
  while (levels.length <= upTo) levels.push(new Level());
}

/** Before a call that may re-enter the module: the outer crossing's emitted
 *  packets are put aside and the nested crossings use the next level's buffers. */
export function enterNested(): void {
  if (levels.length <= depth + 1) addLevels(depth + 1);
  save(unchecked(levels[depth]));
  depth++;
  load(unchecked(levels[depth]));
}
/** After it: the next level keeps its buffers for reuse; the outer's come back. */
export function leaveNested(): void {
  save(unchecked(levels[depth]));
  depth--;
  load(unchecked(levels[depth]));
}
/** True inside a crossing nested in another (garbage collection must wait). */
// @ts-ignore: decorator
@inline export function nested(): bool { return depth > 0; }

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

/** Takes a packet the host lent (clickos.input_pull) as one emitted by this
 *  crossing: its descriptor is copied into the emitted list (the bytes stay in
 *  the host's region, which outlives the call), port DROP until the element
 *  gives it one. Annotations are marked written so the host keeps them. Null
 *  past MAX_EMIT (the host then drops the packet). */
export function adoptPacket(d: usize): Packet | null {
  if (descs == 0) descs = heap.alloc(<usize>MAX_EMIT * DESC_SIZE);
  if (count >= MAX_EMIT) return null;
  const e = descs + <usize>count * DESC_SIZE;
  count++;
  memory.copy(e, d, DESC_SIZE);
  store<i32>(e + DESC_PORT, DROP);
  store<u32>(e + DESC_FLAGS, <u32>(FLAG_EMITTED | FLAG_ANNO));
  return changetype<Packet>(e);
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
