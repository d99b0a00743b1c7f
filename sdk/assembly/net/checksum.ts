// Internet checksum (RFC 1071), pseudo-header sums and RFC 1624 incremental updates.
//
// Conventions
// - A "sum" (u32) is a partial one's-complement sum of 16-bit big-endian words, in host
//   order, not yet folded or complemented. Sums of even-length pieces can be chained:
//   `onesSum(b, nb, onesSum(a, na))` (na even) equals the sum over a followed by b.
// - A "checksum" (u16) is the folded, complemented sum in host order: store it in a packet
//   with `store<u16>(p, bswap<u16>(ck))`, or through a header view's `checksum` setter.
// - Nothing here allocates.

/** Folds a partial sum to 16 bits with end-around carry (the value is not complemented). */
// @ts-ignore: decorator
@inline
export function fold16(sum: u32): u32 {
  sum = (sum & 0xffff) + (sum >>> 16);
  return (sum & 0xffff) + (sum >>> 16);
}

/**
 * One's-complement sum of `len` bytes at `ptr`, added to `initial`.
 *
 * Fast path: the one's-complement sum does not depend on byte order (RFC 1071 §2B), so we
 * add the words as the little-endian machine loads them, 8 bytes at a time into a 64-bit
 * accumulator (each 64-bit word split into two 32-bit halves, so the accumulator cannot
 * overflow before 2^32 iterations), fold once at the end and byte-swap the 16-bit result
 * back to network order. An odd trailing byte is the high byte of a zero-padded word,
 * which in little-endian terms is just the byte's value.
 *
 * Returns a sum folded to 16 bits (so it can be passed on as `initial`).
 */
export function onesSum(ptr: usize, len: u32, initial: u32 = 0): u32 {
  let acc: u64 = 0;
  let p = ptr;
  let n = <usize>len;
  while (n >= 16) {
    let a = load<u64>(p);
    let b = load<u64>(p, 8);
    acc += (a & 0xffffffff) + (a >>> 32) + (b & 0xffffffff) + (b >>> 32);
    p += 16;
    n -= 16;
  }
  if (n >= 8) {
    let a = load<u64>(p);
    acc += (a & 0xffffffff) + (a >>> 32);
    p += 8;
    n -= 8;
  }
  if (n >= 4) {
    acc += <u64>load<u32>(p);
    p += 4;
    n -= 4;
  }
  if (n >= 2) {
    acc += <u64>load<u16>(p);
    p += 2;
    n -= 2;
  }
  if (n) acc += <u64>load<u8>(p);
  // 64 -> 32 -> 16 bits
  acc = (acc & 0xffffffff) + (acc >>> 32);
  acc = (acc & 0xffffffff) + (acc >>> 32);
  let s = fold16(<u32>acc);
  // back to network (host-numeric) order, then add the caller's partial sum
  let total = <u64>bswap<u16>(<u16>s) + <u64>initial;
  return fold16(<u32>((total & 0xffffffff) + (total >>> 32)));
}

/** Folds a partial sum and complements it: the checksum field value, host order. */
// @ts-ignore: decorator
@inline
export function foldChecksum(sum: u32): u16 {
  return <u16>~fold16(sum);
}

/** RFC 1071 checksum of `len` bytes at `ptr` (host order). 0 over a buffer that already
 *  contains a correct checksum field. */
// @ts-ignore: decorator
@inline
export function internetChecksum(ptr: usize, len: u32): u16 {
  return foldChecksum(onesSum(ptr, len));
}

/**
 * Partial sum of the IPv4 pseudo-header (RFC 768 / RFC 793): source and destination
 * addresses (raw, network order as loaded from a packet with `load<u32>`), zero, protocol,
 * and the upper-layer length.
 */
// @ts-ignore: decorator
@inline
export function pseudoHeaderSum4(src: u32, dst: u32, proto: u8, len: u32): u32 {
  // add the raw halves as loaded (byte-swapped domain), swap the folded result back
  let a = fold16((src & 0xffff) + (src >>> 16) + (dst & 0xffff) + (dst >>> 16));
  return <u32>bswap<u16>(<u16>a) + <u32>proto + (len & 0xffff) + (len >>> 16);
}

/** Partial sum of the IPv6 pseudo-header (RFC 8200 §8.1): 16-byte addresses at `srcPtr`
 *  and `dstPtr`, 32-bit upper-layer length, next header. */
export function pseudoHeaderSum6(srcPtr: usize, dstPtr: usize, proto: u8, len: u32): u32 {
  let s = onesSum(srcPtr, 16, onesSum(dstPtr, 16));
  return s + <u32>proto + (len & 0xffff) + (len >>> 16);
}

/**
 * RFC 1624 incremental update after one 16-bit word of the covered data changes from
 * `oldValue` to `newValue` (all host order). Returns the new checksum field.
 *
 * The checksum HC is the complement of the one's-complement sum C of the data:
 * HC = ~C. Changing word m to m' changes the sum to C' = C - m + m', and in one's-
 * complement arithmetic subtracting m is adding ~m, so
 *     HC' = ~C' = ~(C + ~m + m') = ~(~HC + ~m + m')          (RFC 1624, eqn. 3)
 * We add the three 16-bit terms in 32 bits (at most 3 * 0xffff), fold the carries back in
 * twice (end-around carry), and complement. Eqn. 3 avoids the -0/+0 problem of RFC 1141's
 * HC' = HC + m - m' (eqn. 2): the sum can only be +0 if every term is 0, which would need
 * m = 0xffff and HC = 0xffff at once, impossible for a valid checksum. So the result
 * always equals a full recomputation.
 */
// @ts-ignore: decorator
@inline
export function incrementalUpdate16(oldChecksum: u16, oldValue: u16, newValue: u16): u16 {
  let sum: u32 = <u32>(~oldChecksum & 0xffff) + <u32>(~oldValue & 0xffff) + <u32>newValue;
  return <u16>~fold16(sum);
}

/**
 * RFC 1624 update for a 32-bit field (two adjacent 16-bit words, e.g. an IPv4 address in
 * the IP header or in a TCP/UDP pseudo-header). Values in host order; for raw network-
 * order addresses use `incrementalUpdateRaw32`.
 */
// @ts-ignore: decorator
@inline
export function incrementalUpdate32(oldChecksum: u16, oldValue: u32, newValue: u32): u16 {
  let sum: u32 = <u32>(~oldChecksum & 0xffff)
    + (~oldValue & 0xffff) + (~oldValue >>> 16)
    + (newValue & 0xffff) + (newValue >>> 16);
  return <u16>~fold16(sum);
}

/** As `incrementalUpdate32`, with the values raw (network order as loaded from a packet). */
// @ts-ignore: decorator
@inline
export function incrementalUpdateRaw32(oldChecksum: u16, oldRaw: u32, newRaw: u32): u16 {
  return incrementalUpdate32(oldChecksum, bswap<u32>(oldRaw), bswap<u32>(newRaw));
}
