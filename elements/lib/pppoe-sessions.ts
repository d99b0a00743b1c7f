// PPPoESessions: PPPoEServer's session table, preallocated at configuration time.
// Session number `sid` lives at index sid - 1 and always gets the index-th address
// of the pool, so both lookups are array indexing: by session id for frames from
// subscribers, by destination address (offset into the pool) for packets from the
// core. Free indexes form a stack: the lowest come first at start, and a released
// index is the next one reused.

import { IPAddress, IPPrefix } from "@clickos/sdk";

// Session state flags.
export const F_LCP_ACK_SENT: u32 = 1;   // we acked the peer's LCP Configure-Request
export const F_LCP_ACK_RCVD: u32 = 2;   // the peer acked ours
export const F_AUTHED: u32 = 4;         // PAP succeeded
export const F_IPCP_REQ_SENT: u32 = 8;  // our IPCP Configure-Request went out
export const F_IPCP_ACK_SENT: u32 = 16;
export const F_IPCP_ACK_RCVD: u32 = 32;
export const F_IPCP_NO_ADDR: u32 = 64;  // the peer rejected our IP-Address option
export const F_LCP_OPEN: u32 = F_LCP_ACK_SENT | F_LCP_ACK_RCVD;
export const F_IPCP_OPEN: u32 = F_IPCP_ACK_SENT | F_IPCP_ACK_RCVD;

// Options we put in our LCP Configure-Request (cleared when the peer rejects them).
export const REQ_MRU: u8 = 1;
export const REQ_MAGIC: u8 = 2;
export const REQ_AUTH: u8 = 4;

export class PPPoESessions {
  capacity: i32 = 0;
  count: i32 = 0;
  inUse: StaticArray<bool> = new StaticArray<bool>(0);
  flags: StaticArray<u32> = new StaticArray<u32>(0);
  mac: StaticArray<u64> = new StaticArray<u64>(0);
  /** Assigned address, raw network order (fixed per index). */
  addr: StaticArray<u32> = new StaticArray<u32>(0);
  ourMagic: StaticArray<u32> = new StaticArray<u32>(0);
  peerMagic: StaticArray<u32> = new StaticArray<u32>(0);
  ourMru: StaticArray<u16> = new StaticArray<u16>(0);
  peerMru: StaticArray<u16> = new StaticArray<u16>(0);
  lcpReq: StaticArray<u8> = new StaticArray<u8>(0);
  lcpId: StaticArray<u8> = new StaticArray<u8>(0);
  ipcpId: StaticArray<u8> = new StaticArray<u8>(0);
  private free: StaticArray<u16> = new StaticArray<u16>(0);
  private nfree: i32 = 0;
  private poolNet: u32 = 0;      // host order
  private poolSpan: u32 = 0;
  private byOffset: StaticArray<u16> = new StaticArray<u16>(0); // pool offset -> index + 1

  /** Sizes the table from the pool (its usable host addresses minus `localRaw`),
   *  at most `max` sessions (0: as many as the pool has). "" or an error. */
  configure(pool: IPPrefix, localRaw: u32, max: u32): string {
    const len = pool.prefixLength;
    if (len < 16) return "POOL prefix must be /16 or longer (at most 65536 addresses)";
    const net = bswap<u32>(pool.addr.raw & pool.mask.raw);
    const span: u32 = len == 32 ? 1 : (<u32>1 << <u32>(32 - len));
    // Network and broadcast addresses are not hosts, except in /31 and /32.
    const first: u32 = len <= 30 ? 1 : 0;
    const last: u32 = len <= 30 ? span - 2 : span - 1;
    const local = bswap<u32>(localRaw);
    let n: u32 = 0;
    for (let o = first; o <= last; o++) if (net + o != local) n++;
    if (max > 0 && max < n) n = max;
    if (n > 65534) n = 65534; // PPPoE session ids 1..65534
    if (n == 0) return "POOL has no address to give out";
    const cap = <i32>n;
    this.capacity = cap;
    this.inUse = new StaticArray<bool>(cap);
    this.flags = new StaticArray<u32>(cap);
    this.mac = new StaticArray<u64>(cap);
    this.addr = new StaticArray<u32>(cap);
    this.ourMagic = new StaticArray<u32>(cap);
    this.peerMagic = new StaticArray<u32>(cap);
    this.ourMru = new StaticArray<u16>(cap);
    this.peerMru = new StaticArray<u16>(cap);
    this.lcpReq = new StaticArray<u8>(cap);
    this.lcpId = new StaticArray<u8>(cap);
    this.ipcpId = new StaticArray<u8>(cap);
    this.free = new StaticArray<u16>(cap);
    this.byOffset = new StaticArray<u16>(<i32>span);
    this.poolNet = net;
    this.poolSpan = span;
    let i = 0;
    for (let o = first; o <= last && i < cap; o++) {
      if (net + o == local) continue;
      this.addr[i] = bswap<u32>(net + o);
      this.byOffset[<i32>o] = <u16>(i + 1);
      i++;
    }
    for (let k = 0; k < cap; k++) this.free[k] = <u16>(cap - 1 - k);
    this.nfree = cap;
    this.count = 0;
    return "";
  }

  /** Takes a free index (session id = index + 1), or -1 when full. */
  alloc(mac: u64): i32 {
    if (this.nfree == 0) return -1;
    const i = <i32>unchecked(this.free[--this.nfree]);
    unchecked(this.inUse[i] = true);
    unchecked(this.mac[i] = mac);
    unchecked(this.flags[i] = 0);
    this.count++;
    return i;
  }

  release(i: i32): void {
    if (!unchecked(this.inUse[i])) return;
    unchecked(this.inUse[i] = false);
    unchecked(this.flags[i] = 0);
    unchecked(this.free[this.nfree++] = <u16>i);
    this.count--;
  }

  /** The index of session `sid` if it is in use by `mac`, else -1. */
  byId(sid: u32, mac: u64): i32 {
    const i = <i32>sid - 1;
    if (i < 0 || i >= this.capacity) return -1;
    return unchecked(this.inUse[i]) && unchecked(this.mac[i]) == mac ? i : -1;
  }

  /** The index of the session holding address `raw` (network order), or -1. */
  byAddr(raw: u32): i32 {
    const o = bswap<u32>(raw) - this.poolNet;
    if (o >= this.poolSpan) return -1;
    const i = <i32>unchecked(this.byOffset[<i32>o]) - 1;
    return i >= 0 && unchecked(this.inUse[i]) ? i : -1;
  }

  @inline has(i: i32, f: u32): bool { return (unchecked(this.flags[i]) & f) == f; }
  @inline set(i: i32, f: u32): void { unchecked(this.flags[i] = this.flags[i] | f); }
  @inline clear(i: i32, f: u32): void { unchecked(this.flags[i] = this.flags[i] & ~f); }

  /** "1 02-00-00-00-00-01 10.0.0.1 open": one line per session in use. */
  describe(i: i32, state: string): string {
    return (i + 1).toString() + " " + etherText(this.mac[i]) + " " + new IPAddress(this.addr[i]).toString() + " " + state;
  }
}

const HEX = "0123456789ABCDEF";
/** Click's unparse of an Ethernet address: upper-case hex octets joined by '-'. */
function etherText(raw: u64): string {
  let s = "";
  for (let k = 0; k < 6; k++) {
    const b = <i32>((raw >> (<u64>k << 3)) & 0xff);
    if (k > 0) s += "-";
    s += HEX.charAt(b >> 4) + HEX.charAt(b & 15);
  }
  return s;
}
