import { MAGIC_NS, MAGIC_US } from "./classic.js";

export interface WriteOptions {
  /** LINKTYPE_* value; 1 (Ethernet) by default. */
  linkType?: number;
  /** Longer packets are truncated to this; 262144 by default. */
  snaplen?: number;
  /** Write nanosecond timestamps (magic 0xa1b23c4d) instead of microseconds. */
  nanosecond?: boolean;
}

export interface WritableRecord {
  data: Uint8Array;
  timestampNs?: bigint;
  /** Length on the wire; data.length if absent (kept so read→write round-trips). */
  originalLength?: number;
}

/** The 24-byte header of a classic little-endian pcap file. */
export function pcapHeader(opts: WriteOptions = {}): Uint8Array {
  const out = new Uint8Array(24);
  const view = new DataView(out.buffer);
  view.setUint32(0, opts.nanosecond ? MAGIC_NS : MAGIC_US, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, opts.snaplen ?? 262144, true);
  view.setUint32(20, opts.linkType ?? 1, true);
  return out;
}

/** Bytes one record takes in a file with this snaplen. */
export function pcapRecordSize(dataLength: number, snaplen = 262144): number {
  return 16 + Math.min(dataLength, snaplen);
}

/** Writes record `r` (the `index`-th, for messages) at `off` of `out`; returns the offset after it. */
export function putPcapRecord(out: Uint8Array, view: DataView, off: number, r: WritableRecord, index: number, opts: WriteOptions = {}): number {
  const snaplen = opts.snaplen ?? 262144;
  const ts = r.timestampNs ?? 0n;
  const sec = ts / 1_000_000_000n;
  if (ts < 0n || sec > 0xffffffffn) {
    throw new RangeError(`record ${index + 1}: timestamp ${ts} ns does not fit a pcap header`);
  }
  const frac = ts % 1_000_000_000n;
  const caplen = Math.min(r.data.length, snaplen);
  view.setUint32(off, Number(sec), true);
  view.setUint32(off + 4, Number(opts.nanosecond ? frac : frac / 1000n), true);
  view.setUint32(off + 8, caplen, true);
  view.setUint32(off + 12, Math.max(r.originalLength ?? r.data.length, caplen), true);
  out.set(r.data.subarray(0, caplen), off + 16);
  return off + 16 + caplen;
}

/** Writes a classic little-endian pcap file into one freshly allocated buffer. */
export function writePcap(records: Iterable<WritableRecord>, opts: WriteOptions = {}): Uint8Array {
  const list = [...records];
  let size = 24;
  for (const r of list) size += pcapRecordSize(r.data.length, opts.snaplen);
  const out = new Uint8Array(size);
  out.set(pcapHeader(opts));
  const view = new DataView(out.buffer);
  let off = 24;
  list.forEach((r, i) => { off = putPcapRecord(out, view, off, r, i, opts); });
  return out;
}
