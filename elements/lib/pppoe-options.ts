// OptionReply: collects, while PPPoEServer walks a peer's Configure-Request, the
// options to reject (copied verbatim) and to nak (with the value we want), in two
// buffers allocated once. RFC 1661 section 5: if anything is rejected the answer is
// a Configure-Reject of those options only; else a Configure-Nak of the nak'd
// options; else a Configure-Ack echoing the request.

import { Packet } from "@clickos/sdk";

const CAP: i32 = 1500;

export class OptionReply {
  private nak: Uint8Array = new Uint8Array(CAP);
  private rej: Uint8Array = new Uint8Array(CAP);
  nakLen: i32 = 0;
  rejLen: i32 = 0;

  reset(): void { this.nakLen = 0; this.rejLen = 0; }

  /** Rejects the option of `len` bytes at `off` in `p`. */
  reject(p: Packet, off: u32, len: u32): void {
    if (this.rejLen + <i32>len > CAP) return;
    for (let k: u32 = 0; k < len; k++) unchecked(this.rej[this.rejLen++] = p.u8(off + k));
  }

  /** Naks an option with a 16-bit value (MRU). */
  nak16(type: u8, v: u16): void {
    if (this.nakLen + 4 > CAP) return;
    const b = this.nak, n = this.nakLen;
    unchecked(b[n] = type); unchecked(b[n + 1] = 4);
    unchecked(b[n + 2] = <u8>(v >> 8)); unchecked(b[n + 3] = <u8>v);
    this.nakLen = n + 4;
  }

  /** Naks an option with a 32-bit value given in host order (magic number). */
  nak32(type: u8, v: u32): void {
    if (this.nakLen + 6 > CAP) return;
    const b = this.nak, n = this.nakLen;
    unchecked(b[n] = type); unchecked(b[n + 1] = 6);
    unchecked(b[n + 2] = <u8>(v >> 24)); unchecked(b[n + 3] = <u8>(v >> 16));
    unchecked(b[n + 4] = <u8>(v >> 8)); unchecked(b[n + 5] = <u8>v);
    this.nakLen = n + 6;
  }

  /** Naks an option with an IPv4 address, raw network order. */
  nakAddr(type: u8, raw: u32): void { this.nak32(type, bswap<u32>(raw)); }

  /** Length of the options the answer carries (rejects win over naks). */
  get length(): u32 { return <u32>(this.rejLen > 0 ? this.rejLen : this.nakLen); }

  /** Writes the answer's options into `q` at `off`. */
  write(q: Packet, off: u32): void {
    const b = this.rejLen > 0 ? this.rej : this.nak;
    const n = this.rejLen > 0 ? this.rejLen : this.nakLen;
    for (let k = 0; k < n; k++) q.setU8(off + <u32>k, unchecked(b[k]));
  }
}

/** Checks that the options in [start, end) are well formed (each at least 2 bytes,
 *  none running past the end). RFC 1661 says to discard anything else. */
export function optionsWellFormed(p: Packet, start: u32, end: u32): bool {
  let off = start;
  while (off < end) {
    if (off + 2 > end) return false;
    const l = <u32>p.u8(off + 1);
    if (l < 2 || off + l > end) return false;
    off += l;
  }
  return true;
}
