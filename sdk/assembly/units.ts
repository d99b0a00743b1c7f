// Parsers for Click's numeric argument types. Each returns false on malformed
// text instead of throwing; the value goes into a caller-owned result holder so
// nothing allocates beyond the input string.

import { trimSpace } from "./config";

export class ParsedNumber { int: i64 = 0; float: f64 = 0; }

/** Integer in decimal or 0x hex, optional sign. Fails on overflow of i64. */
export function parseInteger(s: string, out: ParsedNumber): bool {
  let i = 0;
  const n = s.length;
  let neg = false;
  if (i < n && (s.charCodeAt(i) == 43 || s.charCodeAt(i) == 45)) { neg = s.charCodeAt(i) == 45; i++; }
  if (i >= n) return false;
  let base: i64 = 10;
  if (n - i > 2 && s.charCodeAt(i) == 48 && (s.charCodeAt(i + 1) | 32) == 120) { base = 16; i += 2; }
  let v: u64 = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    let d: i64;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (base == 16 && (c | 32) >= 97 && (c | 32) <= 102) d = (c | 32) - 87;
    else if (c == 95) continue; // Click allows no separators; we accept 1_000 for readability
    else return false;
    const next = v * <u64>base + <u64>d;
    if (next / <u64>base != v && v != 0) return false;
    if (next > <u64>i64.MAX_VALUE + (neg ? 1 : 0)) return false;
    v = next;
  }
  out.int = neg ? -<i64>v : <i64>v;
  return true;
}

/** Decimal real number: digits, optional fraction, optional exponent. */
export function parseReal(s: string, out: ParsedNumber): bool {
  const n = s.length;
  if (n == 0) return false;
  let i = 0;
  if (s.charCodeAt(0) == 43 || s.charCodeAt(0) == 45) i++;
  let digits = 0;
  while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) { i++; digits++; }
  if (i < n && s.charCodeAt(i) == 46) {
    i++;
    while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) { i++; digits++; }
  }
  if (digits == 0) return false;
  if (i < n && (s.charCodeAt(i) | 32) == 101) {
    i++;
    if (i < n && (s.charCodeAt(i) == 43 || s.charCodeAt(i) == 45)) i++;
    let e = 0;
    while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) { i++; e++; }
    if (e == 0) return false;
  }
  if (i != n) return false;
  out.float = parseFloat(s);
  return true;
}

function splitUnit(s: string): i32 {
  let i = s.length;
  while (i > 0) {
    const c = s.charCodeAt(i - 1) | 32;
    if (c >= 97 && c <= 122 && c != 101) i--; // letters, except 'e' which may be an exponent…
    else if (c == 101 && i > 1 && ((s.charCodeAt(i - 2) | 32) >= 97 && (s.charCodeAt(i - 2) | 32) <= 122)) i--; // …unless inside a word ("sec")
    else break;
  }
  return i;
}

/** Click's time interval: a real number with an optional unit (s, sec, ms, msec,
 *  us, usec, ns, nsec, m, min, h, hr, d, day; default seconds). Result in ns. */
export function parseInterval(s: string, out: ParsedNumber): bool {
  const cut = splitUnit(s);
  const num = trimSpace(s.substring(0, cut));
  const unit = s.substring(cut).toLowerCase();
  if (!parseReal(num, out)) return false;
  let scale: f64;
  if (unit == "" || unit == "s" || unit == "sec" || unit == "secs") scale = 1e9;
  else if (unit == "ms" || unit == "msec") scale = 1e6;
  else if (unit == "us" || unit == "usec") scale = 1e3;
  else if (unit == "ns" || unit == "nsec") scale = 1;
  else if (unit == "m" || unit == "min" || unit == "mins") scale = 60e9;
  else if (unit == "h" || unit == "hr" || unit == "hour" || unit == "hours") scale = 3600e9;
  else if (unit == "d" || unit == "day" || unit == "days") scale = 86400e9;
  else return false;
  const v = out.float * scale;
  if (v < 0 || v > 9.2e18) return false;
  out.int = <i64>Math.round(v);
  return true;
}

/** Click's bandwidth: a real number with a unit; bits (bps, kbps, Mbps, Gbps) or
 *  bytes (Bps, kBps, KBps, MBps, GBps) per second; no unit means bytes/s.
 *  Result in bytes per second. */
export function parseBandwidth(s: string, out: ParsedNumber): bool {
  const cut = splitUnit(s);
  const num = trimSpace(s.substring(0, cut));
  const unit = s.substring(cut);
  if (!parseReal(num, out)) return false;
  let scale: f64 = 1;
  let u = unit;
  if (u.length > 3) {
    const p = u.charCodeAt(0);
    if (p == 107 || p == 75) scale = 1e3;       // k / K
    else if (p == 77) scale = 1e6;               // M
    else if (p == 71) scale = 1e9;               // G
    else return false;
    u = u.substring(1);
  }
  if (u == "bps" || u == "baud") scale /= 8;
  else if (u != "Bps" && u != "") return false;
  const v = out.float * scale;
  if (v < 0) return false;
  out.int = <i64>Math.round(v);
  return true;
}
