// IPFilter/IPClassifier language: runs a compiled Program on a packet. Per-packet path:
// no allocation, one pass down the decision DAG (every jump goes to a lower index, so
// it always ends).
//
// Headers: the IP header is at the network header annotation, or at the data start
// when it is unset (as in the SDK's Packet.ip()); the transport header follows it
// (ihl*4 bytes later); the MAC header is at the MAC header annotation. A packet whose
// bytes there are not a plausible IPv4 header (p.ip() is null) has no IP or transport
// bytes at all, so every primitive that looks at them is false (Click would read the
// bytes anyway; its input is expected to have passed CheckIPHeader). Packet length is
// the captured length, not the IP total length, as in Click.

import { Packet } from "@clickos/sdk";
import { Program, RUN_STRIDE, R_READ, R_MASK, R_VALUE, R_YES, R_NO, R_SHORT, targetOutput } from "./ipfilter-program";
import { BASE_NET, BASE_TRANSPORT } from "./ipfilter-ast";

/** The output port the program picks for `p`, or -1 (drop). */
export function runProgram(prog: Program, p: Packet): i32 {
  let pc = prog.entry;
  if (pc < 0) return targetOutput(pc);
  const len = <i32>p.length;
  let netOff = p.networkHeaderOffset;
  if (netOff < 0) netOff = 0;
  const iph = p.ipAt(<u32>netOff);
  let netAvail = 0, trOff = 0, trAvail = 0;
  if (iph !== null) {
    netAvail = len - netOff;
    trOff = netOff + <i32>iph.headerLength;
    trAvail = len - trOff;
  }
  const macOff = p.macHeaderOffset;
  const macAvail = macOff < 0 ? 0 : len - macOff;

  // The hot loop reads the program and the packet through plain addresses: every
  // read is checked against the bytes available before it is made (the program's
  // own checks), so the per-access checks of Packet.u8/u16/u32 would repeat them.
  // Every field is taken from the 32-bit word at its offset (no branch on its
  // width); the bytes after the field are shifted out, so reading them is fine
  // as long as they are in the buffer (tailroom), else they are taken as zero.
  const code = changetype<usize>(prog.run);
  const data = p.dataAddress;
  const room = len + <i32>p.tailroom;
  while (pc >= 0) {
    const ins = code + <usize>(pc * RUN_STRIDE) * 4;
    const read = load<i32>(ins, R_READ * 4);
    const off = read & 0xffff, nb = (read >> 16) & 7, base = (read >> 19) & 3;
    let start = netOff, avail = netAvail;
    if (base == BASE_TRANSPORT) { start = trOff; avail = trAvail; }
    else if (base != BASE_NET) { start = macOff; avail = macAvail; }
    if (off + nb > avail) {
      pc = load<i32>(ins, R_SHORT * 4);
      continue;
    }
    const at = start + off;
    let w: u32;
    if (at + 4 <= room) w = bswap<u32>(load<u32>(data + <usize>at));
    else {
      w = 0;
      for (let j = 0; j < 4; j++) w = (w << 8) | (at + j < len ? <u32>load<u8>(data + <usize>(at + j)) : 0);
    }
    const v = (w >>> <u32>((read >>> 22) & 63)) & <u32>load<i32>(ins, R_MASK * 4);
    const value = <u32>load<i32>(ins, R_VALUE * 4);
    const hit = (read & (1 << 21)) != 0 ? v == value : v > value;
    pc = hit ? load<i32>(ins, R_YES * 4) : load<i32>(ins, R_NO * 4);
  }
  return targetOutput(pc);
}
