// Test entry for sdk/assembly/net/address.ts: parse, print, compare, load/store.
import { IPAddress, IP6Address, EtherAddress, IPPrefix } from "../../../assembly/net/index";

/** Canonical text of a parsed IPv4 address, or null. */
export function ip(s: string): string | null {
  let a = IPAddress.parse(s);
  return a ? a.toString() : null;
}
/** Raw (network order) value of a parsed IPv4 address, or 0 when malformed. */
export function ipRaw(s: string): u32 {
  let a = IPAddress.parse(s);
  return a ? a.raw : 0;
}
export function ipHost(s: string): u32 {
  let a = IPAddress.parse(s);
  return a ? a.hostOrder() : 0;
}
export function ipFromHost(v: u32): string {
  return IPAddress.fromHost(v).toString();
}
export function ipEquals(a: string, b: string): i32 {
  let x = IPAddress.parse(a), y = IPAddress.parse(b);
  return x && y ? i32(x.equals(y)) : -1;
}
/** Parses `s`, stores it at `ptr`, loads it back into another object, checks equalsAt. */
export function ipStoreLoad(s: string, ptr: usize): i32 {
  let a = IPAddress.parse(s);
  if (!a) return -1;
  a.store(ptr);
  let b = new IPAddress();
  b.load(ptr);
  return i32(b.equals(a)) & i32(a.equalsAt(ptr)) & i32(IPAddress.read(ptr).equals(a));
}
export function ipMaskLength(s: string): i32 {
  let a = IPAddress.parse(s);
  return a ? a.maskLength() : -99;
}

export function ip6(s: string): string | null {
  let a = IP6Address.parse(s);
  return a ? a.toString() : null;
}
export function ip6Equals(a: string, b: string): i32 {
  let x = IP6Address.parse(a), y = IP6Address.parse(b);
  return x && y ? i32(x.equals(y)) : -1;
}
/** Stores the parsed address's 16 bytes at `ptr`; returns 0 when malformed. */
export function ip6Store(s: string, ptr: usize): i32 {
  let a = IP6Address.parse(s);
  if (!a) return 0;
  a.store(ptr);
  return 1;
}
/** Reads 16 bytes at `ptr` and prints them (load without allocating, then toString). */
export function ip6Load(ptr: usize): string {
  let a = new IP6Address();
  a.load(ptr);
  return a.equalsAt(ptr) ? a.toString() : "equalsAt failed";
}
export function ip6Group(s: string, i: i32): i32 {
  let a = IP6Address.parse(s);
  return a ? <i32>a.group(i) : -1;
}

export function ether(s: string): string | null {
  let a = EtherAddress.parse(s);
  return a ? a.toString() : null;
}
export function etherStore(s: string, ptr: usize): i32 {
  let a = EtherAddress.parse(s);
  if (!a) return 0;
  a.store(ptr);
  return 1;
}
export function etherLoad(ptr: usize): string {
  let a = new EtherAddress();
  a.load(ptr);
  return a.equalsAt(ptr) ? a.toString() : "equalsAt failed";
}
/** Bit 0: broadcast, bit 1: group. -1 when malformed. */
export function etherKind(s: string): i32 {
  let a = EtherAddress.parse(s);
  return a ? i32(a.isBroadcast()) | (i32(a.isGroup()) << 1) : -1;
}

export function prefix(s: string, allowBare: bool): string | null {
  let p = IPPrefix.parse(s, allowBare);
  return p ? p.toString() : null;
}
/** 1 if `addr` matches `prefix`, 0 if not, -1 if either is malformed. */
export function prefixMatches(prefixText: string, addr: string): i32 {
  let p = IPPrefix.parse(prefixText);
  let a = IPAddress.parse(addr);
  if (!p || !a) return -1;
  let r = i32(p.matches(a));
  return r == i32(p.matchesRaw(a.raw)) ? r : -2;
}
export function prefixNetwork(s: string): string | null {
  let p = IPPrefix.parse(s);
  return p ? p.network().toString() + " mask " + p.mask.toString() : null;
}
