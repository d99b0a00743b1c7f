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
import { Program, STRIDE, I_BASE, I_OFFSET, I_NBYTES, I_SHIFT, I_MASK, I_OP, I_VALUE, I_YES, I_NO, I_SHORT, targetOutput } from "./ipfilter-program";
import { BASE_NET, BASE_TRANSPORT, OP_EQ } from "./ipfilter-ast";

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

  const code = prog.code;
  while (pc >= 0) {
    const o = pc * STRIDE;
    const base = unchecked(code[o + I_BASE]);
    const off = unchecked(code[o + I_OFFSET]);
    const nb = unchecked(code[o + I_NBYTES]);
    let start = netOff, avail = netAvail;
    if (base == BASE_TRANSPORT) { start = trOff; avail = trAvail; }
    else if (base != BASE_NET) { start = macOff; avail = macAvail; }
    if (off + nb > avail) {
      pc = unchecked(code[o + I_SHORT]);
      continue;
    }
    const at = <u32>(start + off);
    let v: u32;
    if (nb == 1) v = <u32>p.u8(at);
    else if (nb == 2) v = <u32>p.u16(at);
    else if (nb == 4) v = p.u32(at);
    else v = (<u32>p.u16(at) << 8) | <u32>p.u8(at + 2);
    v = (v >>> <u32>unchecked(code[o + I_SHIFT])) & <u32>unchecked(code[o + I_MASK]);
    const value = <u32>unchecked(code[o + I_VALUE]);
    const hit = unchecked(code[o + I_OP]) == OP_EQ ? v == value : v > value;
    pc = hit ? unchecked(code[o + I_YES]) : unchecked(code[o + I_NO]);
  }
  return targetOutput(pc);
}
