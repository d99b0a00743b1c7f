// Address types: IPAddress (IPv4), IP6Address, EtherAddress, IPPrefix.
// One file (~580 lines) because the four share their digit/hex parsing and the
// raw byte-order conventions below, and IPPrefix builds on IPAddress; each class
// is a section of its own.
//
// These are small value classes for configuration and tables. Parsing and printing
// allocate (configuration time); `load`/`store`/`equalsAt` work on packet memory and do
// not. `parse` returns null on malformed text; it never throws and never traps.
//
// Byte order: every address is kept exactly as its bytes sit in a packet ("raw"). For
// IPv4 that is the u32 `load<u32>(ptr)` returns, so 10.0.0.1 is raw 0x0100000a on
// little-endian WebAssembly. This makes the per-packet operations (compare, mask, copy,
// pseudo-header sums) plain loads and stores with no byte swapping; only parsing,
// printing and ordered arithmetic (`hostOrder()`) swap.

// ---------------------------------------------------------------------------------------
// character helpers

// @ts-ignore: decorator
@inline function isDigit(c: i32): bool {
  return <u32>(c - 48) < 10;
}

/** Value of a hex digit, or -1. */
function hexValue(c: i32): i32 {
  if (<u32>(c - 48) < 10) return c - 48;
  let l = c | 0x20;
  if (<u32>(l - 97) < 6) return l - 87;
  return -1;
}

const HEX = "0123456789abcdef";

function hex2(b: u32): string {
  return HEX.charAt(<i32>(b >>> 4) & 15) + HEX.charAt(<i32>b & 15);
}

function hex16(v: u32): string {
  let s = "";
  let started = false;
  for (let sh = 12; sh >= 0; sh -= 4) {
    let d = <i32>(v >>> sh) & 15;
    if (d != 0 || started || sh == 0) {
      s += HEX.charAt(d);
      started = true;
    }
  }
  return s;
}

/**
 * Parses a dotted-quad IPv4 address in s[start, end). Returns the raw (network order)
 * value in the low 32 bits, or -1 when malformed. Each part is 1-3 decimal digits <= 255.
 */
function parseIPv4Raw(s: string, start: i32, end: i32): i64 {
  let raw: u32 = 0;
  let i = start;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (i >= end || s.charCodeAt(i) != 46 /* . */) return -1;
      i++;
    }
    let v: u32 = 0;
    let digits = 0;
    while (i < end && isDigit(s.charCodeAt(i))) {
      if (++digits > 3) return -1;
      v = v * 10 + <u32>(s.charCodeAt(i) - 48);
      i++;
    }
    if (digits == 0 || v > 255) return -1;
    raw |= v << (part << 3);
  }
  return i == end ? <i64>raw : -1;
}

// ---------------------------------------------------------------------------------------

/** An IPv4 address, held raw (network byte order as stored in packets). */
export class IPAddress {
  /** Raw value: `load<u32>` of the address bytes. */
  raw: u32;

  constructor(raw: u32 = 0) {
    this.raw = raw;
  }

  /** From a host-order number, e.g. `fromHost(0x0a000001)` is 10.0.0.1. */
  static fromHost(v: u32): IPAddress {
    return new IPAddress(bswap<u32>(v));
  }

  /** From four octets: `fromOctets(10, 0, 0, 1)`. */
  static fromOctets(a: u8, b: u8, c: u8, d: u8): IPAddress {
    return new IPAddress(<u32>a | (<u32>b << 8) | (<u32>c << 16) | (<u32>d << 24));
  }

  /** Parses "a.b.c.d"; null when malformed. */
  static parse(s: string): IPAddress | null {
    let r = parseIPv4Raw(s, 0, s.length);
    return r < 0 ? null : new IPAddress(<u32>r);
  }

  /** Reads 4 bytes at `ptr` into a new object (allocates). */
  static read(ptr: usize): IPAddress {
    return new IPAddress(load<u32>(ptr));
  }

  /** Reads 4 bytes at `ptr` into this object (no allocation). */
  // @ts-ignore: decorator
  @inline load(ptr: usize): void {
    this.raw = load<u32>(ptr);
  }

  /** Writes the 4 address bytes at `ptr`. */
  // @ts-ignore: decorator
  @inline store(ptr: usize): void {
    store<u32>(ptr, this.raw);
  }

  /** Whether the 4 bytes at `ptr` hold this address. */
  // @ts-ignore: decorator
  @inline equalsAt(ptr: usize): bool {
    return load<u32>(ptr) == this.raw;
  }

  /** The address as a host-order number (10.0.0.1 is 0x0a000001). */
  // @ts-ignore: decorator
  @inline hostOrder(): u32 {
    return bswap<u32>(this.raw);
  }

  /** Octet i (0 is the first, most significant). */
  // @ts-ignore: decorator
  @inline octet(i: i32): u8 {
    return <u8>(this.raw >>> ((<u32>i & 3) << 3));
  }

  equals(other: IPAddress): bool {
    return this.raw == other.raw;
  }

  // @ts-ignore: decorator
  @inline isZero(): bool {
    return this.raw == 0;
  }

  /** 224.0.0.0/4 */
  // @ts-ignore: decorator
  @inline isMulticast(): bool {
    return (this.raw & 0xf0) == 0xe0;
  }

  /** 255.255.255.255 */
  // @ts-ignore: decorator
  @inline isBroadcast(): bool {
    return this.raw == 0xffffffff;
  }

  /** Number of leading one bits if this is a contiguous netmask, else -1. */
  maskLength(): i32 {
    let h = bswap<u32>(this.raw);
    let ones = <i32>clz<u32>(~h);
    // contiguous iff everything after the leading ones is zero
    return ones == 32 || (h << ones) == 0 ? ones : -1;
  }

  /** The netmask with `len` leading ones (0..32; clamped). */
  static makeMask(len: i32): IPAddress {
    if (len <= 0) return new IPAddress(0);
    if (len >= 32) return new IPAddress(0xffffffff);
    return new IPAddress(bswap<u32>(<u32>0xffffffff << (32 - len)));
  }

  /** "10.0.0.1" */
  toString(): string {
    let r = this.raw;
    return (r & 0xff).toString() + "." + ((r >>> 8) & 0xff).toString() + "."
      + ((r >>> 16) & 0xff).toString() + "." + (r >>> 24).toString();
  }
}

// ---------------------------------------------------------------------------------------

/**
 * An IPv6 address: 16 bytes kept raw as two u64 (`hi` = `load<u64>(ptr)`, `lo` =
 * `load<u64>(ptr, 8)`), so load, store and compare are two machine words each.
 */
export class IP6Address {
  hi: u64;
  lo: u64;

  constructor(hi: u64 = 0, lo: u64 = 0) {
    this.hi = hi;
    this.lo = lo;
  }

  /** From eight host-order 16-bit groups. */
  static fromGroups(g: StaticArray<u16>): IP6Address {
    let a = new IP6Address();
    for (let i = 0; i < 8 && i < g.length; i++) a.setGroup(i, unchecked(g[i]));
    return a;
  }

  /** The IPv4-mapped address ::ffff:a.b.c.d. */
  static mapped(v4: IPAddress): IP6Address {
    return new IP6Address(0, (<u64>v4.raw << 32) | 0xffff0000);
  }

  static read(ptr: usize): IP6Address {
    return new IP6Address(load<u64>(ptr), load<u64>(ptr, 8));
  }

  // @ts-ignore: decorator
  @inline load(ptr: usize): void {
    this.hi = load<u64>(ptr);
    this.lo = load<u64>(ptr, 8);
  }

  // @ts-ignore: decorator
  @inline store(ptr: usize): void {
    store<u64>(ptr, this.hi);
    store<u64>(ptr, this.lo, 8);
  }

  // @ts-ignore: decorator
  @inline equalsAt(ptr: usize): bool {
    return ((load<u64>(ptr) ^ this.hi) | (load<u64>(ptr, 8) ^ this.lo)) == 0;
  }

  equals(other: IP6Address): bool {
    return ((this.hi ^ other.hi) | (this.lo ^ other.lo)) == 0;
  }

  /** Byte i (0..15) as it appears in a packet. */
  // @ts-ignore: decorator
  @inline byte(i: i32): u8 {
    let w = i < 8 ? this.hi : this.lo;
    return <u8>(w >>> ((<u64>i & 7) << 3));
  }

  /** 16-bit group i (0..7), host order. */
  group(i: i32): u16 {
    let w = i < 4 ? this.hi : this.lo;
    return bswap<u16>(<u16>(w >>> ((<u64>i & 3) << 4)));
  }

  setGroup(i: i32, v: u16): void {
    let sh = (<u64>i & 3) << 4;
    let m: u64 = ~(<u64>0xffff << sh);
    let bits = <u64>bswap<u16>(v) << sh;
    if (i < 4) this.hi = (this.hi & m) | bits;
    else this.lo = (this.lo & m) | bits;
  }

  /** Whether this is ::ffff:a.b.c.d. */
  isIPv4Mapped(): bool {
    return this.hi == 0 && (this.lo & 0xffffffff) == 0xffff0000;
  }

  isZero(): bool {
    return (this.hi | this.lo) == 0;
  }

  /** ff00::/8 */
  isMulticast(): bool {
    return (this.hi & 0xff) == 0xff;
  }

  /** The embedded IPv4 address of the last 32 bits. */
  lastIPv4(): IPAddress {
    return new IPAddress(<u32>(this.lo >>> 32));
  }

  /**
   * Parses RFC 4291 text: eight groups of 1-4 hex digits, at most one "::" standing for
   * one or more zero groups, optionally ending in a dotted IPv4 address (two groups).
   */
  static parse(s: string): IP6Address | null {
    let len = s.length;
    if (len < 2) return null;
    let groups = new StaticArray<u16>(8);
    let n = 0;
    let gap = -1;
    let i = 0;
    if (s.charCodeAt(0) == 58 /* : */) {
      if (s.charCodeAt(1) != 58) return null;
      gap = 0;
      i = 2;
    }
    while (i < len) {
      let start = i;
      let v: u32 = 0;
      let digits = 0;
      let h: i32;
      while (i < len && (h = hexValue(s.charCodeAt(i))) >= 0) {
        if (++digits > 4) return null;
        v = (v << 4) | <u32>h;
        i++;
      }
      if (digits == 0) return null;
      if (i < len && s.charCodeAt(i) == 46 /* . */) {
        // embedded IPv4 ends the address
        if (n > 6) return null;
        let r = parseIPv4Raw(s, start, len);
        if (r < 0) return null;
        let raw = <u32>r;
        groups[n++] = <u16>(((raw & 0xff) << 8) | ((raw >>> 8) & 0xff));
        groups[n++] = <u16>(((raw >>> 16) & 0xff) << 8 | (raw >>> 24));
        i = len;
        break;
      }
      if (n == 8) return null;
      groups[n++] = <u16>v;
      if (i == len) break;
      if (s.charCodeAt(i) != 58) return null;
      i++;
      if (i < len && s.charCodeAt(i) == 58) {
        if (gap >= 0) return null;
        gap = n;
        i++;
      } else if (i == len) {
        return null; // trailing single ':'
      }
    }
    let a = new IP6Address();
    if (gap >= 0) {
      if (n > 7) return null;
      let shift = 8 - n;
      for (let k = 0; k < gap; k++) a.setGroup(k, groups[k]);
      for (let k = gap; k < n; k++) a.setGroup(k + shift, groups[k]);
    } else {
      if (n != 8) return null;
      for (let k = 0; k < 8; k++) a.setGroup(k, groups[k]);
    }
    return a;
  }

  /** RFC 5952 text: lowercase, no leading zeros, the longest run (>= 2) of zero groups
   *  (the first if tied) as "::", and IPv4-mapped addresses as ::ffff:a.b.c.d. */
  toString(): string {
    if (this.isIPv4Mapped()) return "::ffff:" + this.lastIPv4().toString();
    let bestStart = -1;
    let bestLen = 1;
    let runStart = -1;
    for (let k = 0; k <= 8; k++) {
      if (k < 8 && this.group(k) == 0) {
        if (runStart < 0) runStart = k;
      } else if (runStart >= 0) {
        let l = k - runStart;
        if (l > bestLen) {
          bestLen = l;
          bestStart = runStart;
        }
        runStart = -1;
      }
    }
    let s = "";
    let k = 0;
    while (k < 8) {
      if (k == bestStart) {
        s += "::";
        k += bestLen;
        continue;
      }
      // a group after "::" needs no separator (with no run, bestStart + bestLen is 0)
      if (k > 0 && k != bestStart + bestLen) s += ":";
      s += hex16(this.group(k));
      k++;
    }
    return s;
  }
}

// ---------------------------------------------------------------------------------------

/** An Ethernet address: the 6 bytes raw in the low 48 bits of a u64 (byte 0 lowest). */
export class EtherAddress {
  raw: u64;

  constructor(raw: u64 = 0) {
    this.raw = raw & 0xffffffffffff;
  }

  static broadcast(): EtherAddress {
    return new EtherAddress(0xffffffffffff);
  }

  /** From six octets in wire order. */
  static fromOctets(a: u8, b: u8, c: u8, d: u8, e: u8, f: u8): EtherAddress {
    return new EtherAddress(<u64>a | (<u64>b << 8) | (<u64>c << 16) | (<u64>d << 24)
      | (<u64>e << 32) | (<u64>f << 40));
  }

  /** Loads the 6 bytes at `ptr` as a raw u64 (no allocation). */
  // @ts-ignore: decorator
  @inline static loadRaw(ptr: usize): u64 {
    return <u64>load<u32>(ptr) | (<u64>load<u16>(ptr, 4) << 32);
  }

  /** Stores a raw value's 6 bytes at `ptr`. */
  // @ts-ignore: decorator
  @inline static storeRaw(ptr: usize, raw: u64): void {
    store<u32>(ptr, <u32>raw);
    store<u16>(ptr, <u16>(raw >>> 32), 4);
  }

  static read(ptr: usize): EtherAddress {
    return new EtherAddress(EtherAddress.loadRaw(ptr));
  }

  // @ts-ignore: decorator
  @inline load(ptr: usize): void {
    this.raw = EtherAddress.loadRaw(ptr);
  }

  // @ts-ignore: decorator
  @inline store(ptr: usize): void {
    EtherAddress.storeRaw(ptr, this.raw);
  }

  // @ts-ignore: decorator
  @inline equalsAt(ptr: usize): bool {
    return EtherAddress.loadRaw(ptr) == this.raw;
  }

  equals(other: EtherAddress): bool {
    return this.raw == other.raw;
  }

  /** Octet i (0..5) in wire order. */
  // @ts-ignore: decorator
  @inline octet(i: i32): u8 {
    return <u8>(this.raw >>> (<u64>i << 3));
  }

  // @ts-ignore: decorator
  @inline isBroadcast(): bool {
    return this.raw == 0xffffffffffff;
  }

  /** Group (multicast or broadcast) address: I/G bit of the first octet. */
  // @ts-ignore: decorator
  @inline isGroup(): bool {
    return (this.raw & 1) != 0;
  }

  /**
   * Parses six groups of 1-2 hex digits separated by ':' (or all by '-'), as Click does:
   * "00:11:22:33:44:55", "0:1:2:a:b:c", "00-11-22-33-44-55". Null when malformed.
   */
  static parse(s: string): EtherAddress | null {
    let len = s.length;
    let raw: u64 = 0;
    let i = 0;
    let sep = 0;
    for (let part = 0; part < 6; part++) {
      if (part > 0) {
        if (i >= len) return null;
        let c = s.charCodeAt(i);
        if (part == 1) {
          if (c != 58 && c != 45) return null;
          sep = c;
        } else if (c != sep) return null;
        i++;
      }
      let v: u32 = 0;
      let digits = 0;
      let h: i32;
      while (i < len && (h = hexValue(s.charCodeAt(i))) >= 0) {
        if (++digits > 2) return null;
        v = (v << 4) | <u32>h;
        i++;
      }
      if (digits == 0) return null;
      raw |= <u64>v << (<u64>part << 3);
    }
    return i == len ? new EtherAddress(raw) : null;
  }

  /** "00:11:22:33:44:55" (lowercase). */
  toString(): string {
    let s = hex2(<u32>this.octet(0));
    for (let i = 1; i < 6; i++) s += ":" + hex2(<u32>this.octet(i));
    return s;
  }
}

// ---------------------------------------------------------------------------------------

/** An IPv4 prefix: address and contiguous netmask, both raw. */
export class IPPrefix {
  addr: IPAddress;
  mask: IPAddress;

  constructor(addr: IPAddress, mask: IPAddress) {
    this.addr = addr;
    this.mask = mask;
  }

  /**
   * Parses Click's forms: "10.0.0.0/8", "10.0.0.0/255.0.0.0" and "10.0.0.0 255.0.0.0"
   * (one or more spaces or tabs). The mask must be contiguous. With `allowBare`, a plain
   * address means /32. The address is kept as written (not masked), as in Click; use
   * `network()` for the masked one. Null when malformed.
   */
  static parse(s: string, allowBare: bool = false): IPPrefix | null {
    let len = s.length;
    let sep = -1;
    for (let i = 0; i < len; i++) {
      let c = s.charCodeAt(i);
      if (c == 47 /* / */ || c == 32 || c == 9) {
        sep = i;
        break;
      }
    }
    if (sep < 0) {
      if (!allowBare) return null;
      let a = parseIPv4Raw(s, 0, len);
      return a < 0 ? null : new IPPrefix(new IPAddress(<u32>a), new IPAddress(0xffffffff));
    }
    let a = parseIPv4Raw(s, 0, sep);
    if (a < 0) return null;
    let j = sep + 1;
    if (s.charCodeAt(sep) != 47) {
      while (j < len && (s.charCodeAt(j) == 32 || s.charCodeAt(j) == 9)) j++;
    }
    if (j >= len) return null;
    let mask: IPAddress;
    // "/N" (1-2 digits) or a dotted mask
    let k = j;
    let v = 0;
    while (k < len && isDigit(s.charCodeAt(k))) {
      v = v * 10 + (s.charCodeAt(k) - 48);
      k++;
    }
    if (k == len && s.charCodeAt(sep) == 47) {
      if (k - j > 2 || v > 32) return null;
      mask = IPAddress.makeMask(v);
    } else {
      let m = parseIPv4Raw(s, j, len);
      if (m < 0) return null;
      mask = new IPAddress(<u32>m);
      if (mask.maskLength() < 0) return null;
    }
    return new IPPrefix(new IPAddress(<u32>a), mask);
  }

  /** Prefix length (0..32). */
  // @ts-ignore: decorator
  @inline get prefixLength(): i32 {
    return this.mask.maskLength();
  }

  /** The address with host bits cleared. */
  network(): IPAddress {
    return new IPAddress(this.addr.raw & this.mask.raw);
  }

  /** Whether `addr` lies in this prefix. */
  // @ts-ignore: decorator
  @inline matches(addr: IPAddress): bool {
    return this.matchesRaw(addr.raw);
  }

  /** Whether a raw (network order) address lies in this prefix; no allocation. */
  // @ts-ignore: decorator
  @inline matchesRaw(raw: u32): bool {
    return ((raw ^ this.addr.raw) & this.mask.raw) == 0;
  }

  equals(other: IPPrefix): bool {
    return this.addr.raw == other.addr.raw && this.mask.raw == other.mask.raw;
  }

  /** "10.0.0.0/8" */
  toString(): string {
    return this.addr.toString() + "/" + this.prefixLength.toString();
  }
}
