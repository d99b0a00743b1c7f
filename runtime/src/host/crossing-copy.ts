// Moving packets across the boundary of a WebAssembly element in the Node host:
// host store slots into a frame of module memory (descriptors, then each packet's
// meaningful headroom and data) and a descriptor back into a slot. Bytes move as
// whole words where the alignments allow (copy.ts); headroom content a Strip left
// travels with the packet so a later Unstrip gets it back.

import {
  DESC_SIZE, DESC_BUF, DESC_CAP, DESC_DATA, DESC_LEN, DESC_FLAGS, DESC_MAC, DESC_NET,
  DESC_TRANSPORT, DESC_PACKET_TYPE, DESC_TIMESTAMP_NS, DESC_ANNO, NO_HEADER, FLAG_ANNO,
  DEFAULT_HEADROOM, DEFAULT_TAILROOM,
} from "../abi.generated.ts";
import { PacketStore, HEADROOM, ANNO } from "./packet-store.ts";
import { WasmModule, type Frame } from "./wasm-module.ts";
import { WasmTrap } from "./errors.ts";
import { copyBytes } from "./copy.ts";

const W = DESC_SIZE >> 2;           // descriptor size in 32-bit words
const NONE = PacketStore.NONE;
const HEAD = DEFAULT_HEADROOM;      // headroom given to packets inside the module
const TAIL = DEFAULT_TAILROOM;

/** A descriptor's header offset (from buf) as the store keeps it (from the data start). */
function headerRel(v: number, buf: number, data: number): number {
  return v === NO_HEADER ? NONE : buf + v - data;
}

/** Writes n packets (`bytes` of data in all) into the frame: descriptors, then each
 *  packet's meaningful headroom and data. */
export function copyIn(m: WasmModule, store: PacketStore, frame: Frame, slots: Int32Array, start: number, n: number, bytes: number): void {
  const mem8 = m.mem8, mem32 = m.mem32;
  let cursor = frame.ptr + n * DESC_SIZE;
  // One memset per batch clears the descriptors (port, flags, packet type and
  // annotations are zero unless written below) and every packet's headroom and
  // tailroom, so an element never sees bytes left in memory by earlier traffic.
  mem8.fill(0, frame.ptr, frame.ptr + WasmModule.frameBytes(n, bytes));
  for (let i = 0; i < n; i++) {
    const s = slots[start + i];
    const len = store.len[s];
    const src = store.bufferOf(s);
    const src32 = store.wordsOf(s);
    const dataOff = store.dataOff[s];
    const h = store.headValid[s];
    const base = (cursor + 7) & ~7;
    // Same alignment mod 4 as the source, so copyBytes can move whole words.
    const dataAt = base + HEAD + ((dataOff - base - HEAD) & 3);
    copyBytes(mem8, mem32, dataAt - h, src, src32, dataOff - h, h + len);
    const buf = dataAt - HEAD;
    const w = (frame.ptr >> 2) + i * W;
    mem32[w + (DESC_BUF >> 2)] = buf;
    mem32[w + (DESC_CAP >> 2)] = HEAD + len + TAIL;
    mem32[w + (DESC_DATA >> 2)] = dataAt;
    mem32[w + (DESC_LEN >> 2)] = len;
    const mac = store.mac[s], net = store.net[s], tr = store.transport[s];
    mem32[w + (DESC_MAC >> 2)] = mac === NONE || mac < -HEAD ? NO_HEADER : HEAD + mac;
    mem32[w + (DESC_NET >> 2)] = net === NONE || net < -HEAD ? NO_HEADER : HEAD + net;
    mem32[w + (DESC_TRANSPORT >> 2)] = tr === NONE || tr < -HEAD ? NO_HEADER : HEAD + tr;
    const ptype = store.packetType[s];
    if (ptype !== 0) mem32[w + (DESC_PACKET_TYPE >> 2)] = ptype;
    mem32[w + (DESC_TIMESTAMP_NS >> 2)] = store.tsLo[s];
    mem32[w + (DESC_TIMESTAMP_NS >> 2) + 1] = store.tsHi[s];
    if (store.annoUsed[s]) {
      const a = s * (ANNO >> 2), aw = w + (DESC_ANNO >> 2);
      const annoWords = store.annoWords;
      for (let k = 0; k < ANNO >> 2; k++) mem32[aw + k] = annoWords[a + k];
    }
    frame.slotOf[i] = s;
    frame.validStart[i] = dataAt - h;
    cursor = dataAt + len + TAIL;
  }
}

/** Copies descriptor i of a frame back into a store slot (reusing the packet's slot). */
export function copyOut(m: WasmModule, store: PacketStore, name: string, frame: Frame, i: number): number {
  const mem8 = m.mem8, mem32 = m.mem32;
  const w = (frame.ptr >> 2) + i * W;
  const buf = mem32[w + (DESC_BUF >> 2)] >>> 0, cap = mem32[w + (DESC_CAP >> 2)] >>> 0;
  const data = mem32[w + (DESC_DATA >> 2)] >>> 0, len = mem32[w + (DESC_LEN >> 2)] >>> 0;
  if (data < buf || data + len > buf + cap || buf + cap > mem8.length) {
    throw new WasmTrap(`${name}: element returned a packet descriptor outside its buffer (buf ${buf}, cap ${cap}, data ${data}, len ${len})`);
  }
  let s = frame.slotOf[i];
  if (s < 0) s = store.alloc(len);
  store.reserve(s, len);
  // Place the data at the same alignment mod 4 as in module memory (the slot's
  // tailroom absorbs the shift), so bytes move as whole words even after an
  // element pushed or pulled an odd number of bytes (Strip(14), EtherEncap).
  store.dataOff[s] += (data - store.dataOff[s]) & 3;
  store.len[s] = len;
  const dst = store.bufferOf(s);
  const dst32 = store.wordsOf(s);
  const h = Math.max(0, Math.min(data - frame.validStart[i], data - buf, HEADROOM));
  store.headValid[s] = h;
  copyBytes(dst, dst32, store.dataOff[s] - h, mem8, mem32, data - h, h + len);
  store.mac[s] = headerRel(mem32[w + (DESC_MAC >> 2)], buf, data);
  store.net[s] = headerRel(mem32[w + (DESC_NET >> 2)], buf, data);
  store.transport[s] = headerRel(mem32[w + (DESC_TRANSPORT >> 2)], buf, data);
  store.packetType[s] = mem32[w + (DESC_PACKET_TYPE >> 2)];
  store.tsLo[s] = mem32[w + (DESC_TIMESTAMP_NS >> 2)];
  store.tsHi[s] = mem32[w + (DESC_TIMESTAMP_NS >> 2) + 1];
  // Annotations come back only when the module says it wrote them (FLAG_ANNO);
  // otherwise the slot still holds what was copied in.
  if (mem32[w + (DESC_FLAGS >> 2)] & FLAG_ANNO) {
    const annoWords = store.annoWords;
    const a = s * (ANNO >> 2), aw = w + (DESC_ANNO >> 2);
    let any = 0;
    for (let k = 0; k < ANNO >> 2; k++) any |= (annoWords[a + k] = mem32[aw + k]);
    store.annoUsed[s] = any !== 0 ? 1 : 0;
  }
  return s;
}
