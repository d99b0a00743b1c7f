// Test-side reference code: an independent, deliberately simple RFC 1071 checksum and
// builders for real frames, used to check the AssemblyScript library.

/** One's-complement 16-bit sum (unfolded is fine: we fold at the end). */
export function refSum(bytes: ArrayLike<number>, initial = 0): number {
  let s = initial;
  for (let i = 0; i < bytes.length; i += 2) {
    s += (bytes[i] << 8) | (i + 1 < bytes.length ? bytes[i + 1] : 0);
  }
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 0x10000);
  return s;
}

export function refChecksum(bytes: ArrayLike<number>, initial = 0): number {
  return ~refSum(bytes, initial) & 0xffff;
}

export const ipBytes = (s: string): number[] => s.split(".").map(Number);

/** Raw (network order) u32 of a dotted quad, as `load<u32>` sees it on little-endian wasm. */
export const ipRaw = (s: string): number => {
  const [a, b, c, d] = ipBytes(s);
  return (a | (b << 8) | (c << 16) | (d << 24)) >>> 0;
};

export const macBytes = (s: string): number[] => s.split(":").map((x) => parseInt(x, 16));

export function ip6Bytes(groups: number[]): number[] {
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

export function be16(v: number): number[] {
  return [(v >> 8) & 0xff, v & 0xff];
}
export function be32(v: number): number[] {
  return [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}

export function etherHeader(dst: string, src: string, type: number): number[] {
  return [...macBytes(dst), ...macBytes(src), ...be16(type)];
}

export interface IPv4Fields {
  tos?: number; id?: number; flagsFrag?: number; ttl?: number; proto: number;
  src: string; dst: string; options?: number[]; payloadLength: number;
}

/** A 20-byte (or longer, with options) IPv4 header with a correct checksum. */
export function ipv4Header(f: IPv4Fields): number[] {
  const opts = f.options ?? [];
  const hl = 20 + opts.length;
  const h = [
    0x40 | (hl >> 2), f.tos ?? 0, ...be16(hl + f.payloadLength), ...be16(f.id ?? 0),
    ...be16(f.flagsFrag ?? 0), f.ttl ?? 64, f.proto, 0, 0, ...ipBytes(f.src), ...ipBytes(f.dst), ...opts,
  ];
  const ck = refChecksum(h);
  h[10] = ck >> 8;
  h[11] = ck & 0xff;
  return h;
}

/** Sum of the IPv4 pseudo-header. */
export function pseudo4(src: string, dst: string, proto: number, len: number): number {
  return refSum([...ipBytes(src), ...ipBytes(dst), 0, proto, ...be16(len)]);
}

export function pseudo6(src: number[], dst: number[], proto: number, len: number): number {
  return refSum([...src, ...dst, ...be32(len), 0, 0, 0, proto]);
}

/** Deterministic PRNG (mulberry32) so failures reproduce. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
