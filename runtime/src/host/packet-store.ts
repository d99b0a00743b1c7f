// The Node host's packets: a struct-of-arrays store of fixed-size slots, so a
// packet in flight is an integer and moving batches through the graph allocates
// nothing. A slot holds HEADROOM bytes of headroom (kept across module crossings,
// so Strip then Unstrip in different modules restores the bytes), the data, and
// tailroom. Frames longer than SLOT_DATA get a buffer of their own.

import { ANNO_SIZE, DEFAULT_HEADROOM, DEFAULT_TAILROOM } from "../abi.generated.ts";

/** Headroom kept per slot: what the ABI gives packets inside a module, so
 *  everything an element may push in front of the data survives the crossing. */
export const HEADROOM = DEFAULT_HEADROOM;
export const SLOT_DATA = 2048;
export const SLOT_SIZE = HEADROOM + SLOT_DATA + DEFAULT_TAILROOM;
/** Annotation bytes per packet (Click's annotation area, ABI ANNO_SIZE). */
export const ANNO = ANNO_SIZE;

export class PacketStore {
  bytes: Uint8Array;
  words: Int32Array;
  /** Per slot: data offset (absolute, into `bytes` or into big[slot]). */
  dataOff: Int32Array;
  len: Int32Array;
  /** Header offsets relative to the data start (may be negative), or NONE. */
  mac: Int32Array;
  net: Int32Array;
  transport: Int32Array;
  packetType: Int32Array;
  /** Bytes of headroom before the data that hold real content (up to HEADROOM): what
   *  Strip removed and Unstrip may give back. Only these are copied across crossings. */
  headValid: Int32Array;
  /** Timestamp, nanoseconds since the epoch, as two 32-bit halves. */
  tsLo: Int32Array;
  tsHi: Int32Array;
  /** Per slot: which packet this is, numbered from 1 in creation order (a clone
   *  keeps its original's number); trap reports name packets by it. */
  seq: Uint32Array;
  private nextSeq = 1;
  anno: Uint8Array;
  /** The annotation area as 32-bit words (ANNO / 4 per slot). */
  annoWords: Int32Array;
  /** 1 if the slot's annotation area holds data; 0 means all zero (and the bytes are
   *  stale, never read). Most packets never carry annotations, so crossings skip them. */
  annoUsed: Uint8Array;
  /** Oversized frames: their own buffers (HEADROOM + data + 64), flagged per slot so
   *  the common path never touches the Map. */
  private big = new Map<number, Uint8Array>();
  isBig: Uint8Array;
  private free: Int32Array;
  private nfree = 0;
  capacity = 0;
  live = 0;
  static readonly NONE = -0x7fffffff;

  constructor(initialSlots = 1024) {
    this.bytes = new Uint8Array(0);
    this.words = new Int32Array(0);
    this.dataOff = new Int32Array(0); this.len = new Int32Array(0);
    this.mac = new Int32Array(0); this.net = new Int32Array(0); this.transport = new Int32Array(0);
    this.packetType = new Int32Array(0); this.headValid = new Int32Array(0); this.tsLo = new Int32Array(0); this.tsHi = new Int32Array(0); this.seq = new Uint32Array(0);
    this.isBig = new Uint8Array(0); this.annoUsed = new Uint8Array(0); this.anno = new Uint8Array(0); this.annoWords = new Int32Array(0); this.free = new Int32Array(0);
    this.grow(initialSlots);
  }

  private grow(slots: number): void {
    const old = this.capacity;
    const g = <T extends Int32Array | Uint8Array | Uint32Array>(a: T, per: number): T => {
      const n = new (a.constructor as { new (n: number): T })(slots * per);
      n.set(a);
      return n;
    };
    const buf = new ArrayBuffer(slots * SLOT_SIZE);
    const bytes = new Uint8Array(buf);
    bytes.set(this.bytes);
    this.bytes = bytes;
    this.words = new Int32Array(buf);
    this.dataOff = g(this.dataOff, 1); this.len = g(this.len, 1);
    this.mac = g(this.mac, 1); this.net = g(this.net, 1); this.transport = g(this.transport, 1);
    this.packetType = g(this.packetType, 1); this.headValid = g(this.headValid, 1); this.tsLo = g(this.tsLo, 1); this.tsHi = g(this.tsHi, 1);
    this.seq = g(this.seq, 1);
    this.anno = g(this.anno, ANNO);
    this.isBig = g(this.isBig, 1);
    this.annoUsed = g(this.annoUsed, 1);
    this.annoWords = new Int32Array(this.anno.buffer);
    const free = new Int32Array(slots);
    free.set(this.free.subarray(0, this.nfree));
    this.free = free;
    for (let s = slots - 1; s >= old; s--) this.free[this.nfree++] = s;
    this.capacity = slots;
  }

  /** A new packet of `length` bytes (contents unspecified), annotations cleared. */
  alloc(length: number): number {
    if (this.nfree === 0) this.grow(this.capacity * 2);
    const s = this.free[--this.nfree];
    this.live++;
    this.reserve(s, length);
    this.len[s] = length;
    this.mac[s] = PacketStore.NONE; this.net[s] = PacketStore.NONE; this.transport[s] = PacketStore.NONE;
    this.packetType[s] = 0; this.tsLo[s] = 0; this.tsHi[s] = 0; this.headValid[s] = 0;
    this.annoUsed[s] = 0;
    this.seq[s] = this.nextSeq++;
    return s;
  }

  /** Makes sure slot s can hold `length` bytes with HEADROOM before them (data moved to the standard place). */
  reserve(s: number, length: number): void {
    if (length > SLOT_DATA) {
      const b = this.isBig[s] ? this.big.get(s)! : null;
      if (b === null || b.length < HEADROOM + length + 64) this.big.set(s, new Uint8Array(HEADROOM + length + 64));
      this.isBig[s] = 1;
      this.dataOff[s] = HEADROOM;
    } else {
      if (this.isBig[s]) { this.big.delete(s); this.isBig[s] = 0; }
      this.dataOff[s] = s * SLOT_SIZE + HEADROOM;
    }
  }

  release(s: number): void {
    if (this.isBig[s]) { this.big.delete(s); this.isBig[s] = 0; }
    this.free[this.nfree++] = s;
    this.live--;
  }

  /** The buffer holding slot s's bytes (the shared store or its own). */
  bufferOf(s: number): Uint8Array { return this.isBig[s] ? this.big.get(s)! : this.bytes; }
  /** The same buffer as 32-bit words (big buffers are allocated 4-byte aligned). */
  wordsOf(s: number): Int32Array {
    if (!this.isBig[s]) return this.words;
    const b = this.big.get(s)!;
    return new Int32Array(b.buffer, b.byteOffset, b.byteLength >> 2);
  }

  /** A copy of the packet's data (for writing captures and tests; allocates). */
  data(s: number): Uint8Array {
    const o = this.dataOff[s];
    return this.bufferOf(s).slice(o, o + this.len[s]);
  }

  /** Headroom available before the data in the slot (capped at HEADROOM for big frames). */
  headroom(s: number): number {
    return this.isBig[s] ? this.dataOff[s] : this.dataOff[s] - s * SLOT_SIZE;
  }

  /** Annotation byte i of slot s (0 when the slot carries none). */
  annoByte(s: number, i: number): number { return this.annoUsed[s] ? this.anno[s * ANNO + i] : 0; }
  /** Sets annotation byte i of slot s. */
  setAnnoByte(s: number, i: number, v: number): void {
    if (!this.annoUsed[s]) { this.anno.fill(0, s * ANNO, s * ANNO + ANNO); this.annoUsed[s] = 1; }
    this.anno[s * ANNO + i] = v;
  }

  /** Loads a frame into a new packet. */
  fromBytes(frame: Uint8Array, timestampNs: bigint = 0n): number {
    const s = this.alloc(frame.length);
    this.bufferOf(s).set(frame, this.dataOff[s]);
    this.setTimestamp(s, timestampNs);
    return s;
  }

  setTimestamp(s: number, ns: bigint): void {
    this.tsLo[s] = Number(BigInt.asIntN(32, ns));
    this.tsHi[s] = Number(BigInt.asIntN(32, ns >> 32n));
  }
  timestamp(s: number): bigint {
    return (BigInt(this.tsHi[s]) << 32n) | BigInt(this.tsLo[s] >>> 0);
  }

  /** A copy of packet s as a new packet (Tee). */
  clone(s: number): number {
    const n = this.len[s];
    const h = this.headValid[s];
    const t = this.alloc(n);
    this.headValid[t] = h;
    const src = this.bufferOf(s), dst = this.bufferOf(t);
    dst.set(src.subarray(this.dataOff[s] - h, this.dataOff[s] + n), this.dataOff[t] - h);
    this.mac[t] = this.mac[s]; this.net[t] = this.net[s]; this.transport[t] = this.transport[s];
    this.packetType[t] = this.packetType[s]; this.tsLo[t] = this.tsLo[s]; this.tsHi[t] = this.tsHi[s];
    this.seq[t] = this.seq[s];
    if (this.annoUsed[s]) {
      this.anno.copyWithin(t * ANNO, s * ANNO, s * ANNO + ANNO);
      this.annoUsed[t] = 1;
    }
    return t;
  }
}

/** A batch of packets in flight between host elements: slot numbers. */
export class PacketBatch {
  slots: Int32Array;
  count = 0;
  constructor(capacity = 256) { this.slots = new Int32Array(capacity); }
  push(s: number): void {
    if (this.count === this.slots.length) {
      const n = new Int32Array(this.slots.length * 2);
      n.set(this.slots);
      this.slots = n;
    }
    this.slots[this.count++] = s;
  }
  clear(): void { this.count = 0; }
}
