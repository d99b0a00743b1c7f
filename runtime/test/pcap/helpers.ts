// Hand-built capture bytes for tests, written independently of writePcap so the
// reader is checked against the file formats, not against our own writer.

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function words(le: boolean, spec: Array<[bits: 8 | 16 | 32 | 64, value: number | bigint]>): Uint8Array {
  const size = spec.reduce((n, [b]) => n + b / 8, 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  let o = 0;
  for (const [bits, value] of spec) {
    if (bits === 8) v.setUint8(o, Number(value));
    if (bits === 16) v.setUint16(o, Number(value), le);
    if (bits === 32) v.setUint32(o, Number(value), le);
    if (bits === 64) v.setBigUint64(o, BigInt(value), le);
    o += bits / 8;
  }
  return out;
}

export function pcapHeader(le: boolean, magic: number, snaplen = 65535, linkType = 1): Uint8Array {
  return words(le, [[32, magic], [16, 2], [16, 4], [32, 0], [32, 0], [32, snaplen], [32, linkType]]);
}

export function pcapRecord(le: boolean, sec: number, frac: number, data: Uint8Array, orig = data.length): Uint8Array {
  return concat(words(le, [[32, sec], [32, frac], [32, data.length], [32, orig]]), data);
}

const pad4 = (n: number) => (n + 3) & ~3;

/** A pcapng block: type, total length, body (zero-padded to 4), total length. */
export function block(le: boolean, type: number, body: Uint8Array, totalOverride?: number): Uint8Array {
  const total = 12 + pad4(body.length);
  const padded = new Uint8Array(pad4(body.length));
  padded.set(body);
  return concat(words(le, [[32, type], [32, totalOverride ?? total]]), padded, words(le, [[32, total]]));
}

export function shb(le: boolean): Uint8Array {
  return block(le, 0x0a0d0d0a, words(le, [[32, 0x1a2b3c4d], [16, 1], [16, 0], [64, 0xffffffffffffffffn]]));
}

export function idb(le: boolean, linkType: number, snaplen: number, tsresol?: number): Uint8Array {
  const opts =
    tsresol === undefined
      ? new Uint8Array(0)
      : concat(words(le, [[16, 9], [16, 1], [8, tsresol], [8, 0], [8, 0], [8, 0]]), words(le, [[16, 0], [16, 0]]));
  return block(le, 1, concat(words(le, [[16, linkType], [16, 0], [32, snaplen]]), opts));
}

export function epb(le: boolean, iface: number, ts: bigint, data: Uint8Array, orig = data.length): Uint8Array {
  return block(
    le,
    6,
    concat(words(le, [[32, iface], [32, Number(ts >> 32n)], [32, Number(ts & 0xffffffffn)], [32, data.length], [32, orig]]), data),
  );
}

export function spb(le: boolean, data: Uint8Array, orig = data.length): Uint8Array {
  return block(le, 3, concat(words(le, [[32, orig]]), data));
}

export const bytes = (...b: number[]) => Uint8Array.from(b);
export const seq = (n: number, start = 0) => Uint8Array.from({ length: n }, (_, i) => (start + i) & 0xff);
