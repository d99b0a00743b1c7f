// Click's IPRewriter INPUTSPECs: what happens to a packet of a flow that has no
// mapping yet, per input port. Parsing follows IPRewriterBase::parse_input_spec and
// IPRewriterPattern::parse (kohler/click elements/ip/), written anew:
//   drop | discard
//   pass OUTPUT | passthrough OUTPUT | nochange OUTPUT
//   keep FOUTPUT ROUTPUT
//   pattern SADDR SPORT DADDR DPORT FOUTPUT ROUTPUT
// A pattern field is '-' (keep the packet's) or a value; SPORT may be a range
// L-H, optionally ending in '#' (allocate sequentially) or '?' (random, without
// first trying the packet's own port).
// Not supported, with a clear error: named patterns (IPRewriterPatterns) and
// IPMapper elements, since one element cannot refer to another through the ABI.

import { IPAddress } from "@clickos/sdk";
import { NatFlows, FlowId } from "./nat-flows";
import { XorShift32 } from "./rng";

export const SPEC_DROP: i32 = 0;
export const SPEC_PASS: i32 = 1;
export const SPEC_KEEP: i32 = 2;
export const SPEC_PATTERN: i32 = 3;

export class InputSpec {
  kind: i32 = SPEC_DROP;
  foutput: i32 = 0;
  routput: i32 = 0;
  // pattern (raw addresses, host-order ports; 0 = '-')
  saddr: u32 = 0;
  sport: u16 = 0;
  daddr: u32 = 0;
  dport: u16 = 0;
  /** SPORT range is sport .. sport + variation. */
  variation: u32 = 0;
  sequential: bool = false;
  sameFirst: bool = true;
  nextVariation: u32 = 0;
  /** Mappings this input failed to create (no free port, table full). */
  failures: u32 = 0;

  /**
   * Click's rewrite_flowid for a pattern: fills `out` with the rewritten flow ID of
   * (s, sp, d, dp) and returns true, or false when no source port in the range is
   * free. A port is free when no live mapping already uses the reply flow ID it
   * would create.
   */
  rewrite(flows: NatFlows, proto: u8, s: u32, sp: u16, d: u32, dp: u16, now: i64,
          rng: XorShift32, out: FlowId): bool {
    out.saddr = this.saddr != 0 ? this.saddr : s;
    out.sport = this.sport != 0 ? this.sport : sp;
    out.daddr = this.daddr != 0 ? this.daddr : d;
    out.dport = this.dport != 0 ? this.dport : dp;
    const top = this.variation;
    if (top == 0) return true;
    const base = <u32>this.sport;
    let val: u32 = <u32>sp - base; // wraps when sp < base: then not in range
    if (this.sameFirst && val <= top
        && !flows.inUse(proto, out.daddr, out.dport, out.saddr, sp, now)) {
      out.sport = sp;
      this.nextVariation = val + 1;
      return true;
    }
    val = this.sequential ? (this.nextVariation > top ? 0 : this.nextVariation) : rng.below(top + 1);
    for (let n: u32 = 0; n <= top; n++) {
      const port = <u16>(base + val);
      if (!flows.inUse(proto, out.daddr, out.dport, out.saddr, port, now)) {
        out.sport = port;
        this.nextVariation = val + 1;
        return true;
      }
      val = val == top ? 0 : val + 1;
    }
    return false;
  }

  /** Click's 'patterns' handler line for this input. */
  text(): string {
    if (this.kind == SPEC_DROP) return "<drop>";
    if (this.kind == SPEC_PASS) return "<nochange>";
    if (this.kind == SPEC_KEEP) return "<keep>";
    let s = this.saddr != 0 ? new IPAddress(this.saddr).toString() : "-";
    if (this.sport == 0) s += " -";
    else if (this.variation != 0) s += " " + this.sport.toString() + "-" + (<u32>this.sport + this.variation).toString();
    else s += " " + this.sport.toString();
    s += this.daddr != 0 ? " " + new IPAddress(this.daddr).toString() : " -";
    s += this.dport != 0 ? " " + this.dport.toString() : " -";
    return s;
  }
}

/** Splits at runs of spaces and tabs (Click's cp_spacevec, without quoting). */
export function spaceWords(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    const start = i;
    while (i < n && !isSpace(s.charCodeAt(i))) i++;
    if (i > start) out.push(s.substring(start, i));
  }
  return out;
}

function isSpace(c: i32): bool { return c == 32 || (c >= 9 && c <= 13); }

/** A decimal integer in [0, max], or -1. */
export function parseDecimal(s: string, max: i64): i64 {
  if (s.length == 0 || s.length > 10) return -1;
  let v: i64 = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v <= max ? v : -1;
}

/** An output port number below `noutputs`, or -1. */
function outputPort(s: string, noutputs: i32): i32 {
  const v = parseDecimal(s, 0x7fffffff);
  return v < 0 || (noutputs > 0 && v >= noutputs) ? -1 : <i32>v;
}

/** Parses one INPUTSPEC into `spec`. Returns "" or an error message. */
export function parseInputSpec(text: string, spec: InputSpec, noutputs: i32): string {
  const w = spaceWords(text);
  if (w.length == 0) return "empty argument";
  const word = w[0];
  if (word == "drop" || word == "discard") {
    if (w.length != 1) return "syntax error, expected '" + word + "'";
    spec.kind = SPEC_DROP;
    return "";
  }
  if (word == "pass" || word == "passthrough" || word == "nochange") {
    if (w.length > 2) return "syntax error, expected 'nochange [OUTPUT]'";
    spec.kind = SPEC_PASS;
    if (w.length == 2) {
      if (parseDecimal(w[1], 0x7fffffff) < 0) return "syntax error, expected 'nochange [OUTPUT]'";
      spec.foutput = outputPort(w[1], noutputs);
      if (spec.foutput < 0) return "output port out of range";
    }
    return "";
  }
  if (word == "keep") {
    if (w.length != 3) return "bad forward port";
    const err = parsePorts(w[1], w[2], spec, noutputs);
    if (err.length) return err;
    spec.kind = SPEC_KEEP;
    return "";
  }
  if (word == "pattern" || word == "xpattern") {
    if (w.length <= 3) return "syntax error";
    if (w.length == 4) return "no such pattern '" + w[1] + "' (named IPRewriterPatterns are not supported)";
    if (w.length != 7) return "syntax error";
    const err = parsePattern(w, spec);
    if (err.length) return err;
    const perr = parsePorts(w[5], w[6], spec, noutputs);
    if (perr.length) return perr;
    spec.kind = SPEC_PATTERN;
    return "";
  }
  return "unknown specification '" + word + "' (IPMapper elements are not supported)";
}

function parsePorts(f: string, r: string, spec: InputSpec, noutputs: i32): string {
  if (parseDecimal(f, 0x7fffffff) < 0) return "bad forward port";
  if (parseDecimal(r, 0x7fffffff) < 0) return "bad reply port";
  spec.foutput = outputPort(f, noutputs);
  spec.routput = outputPort(r, noutputs);
  if (spec.foutput < 0 || spec.routput < 0) return "output port out of range";
  return "";
}

function parsePattern(w: string[], spec: InputSpec): string {
  // source address
  if (w[1] != "-") {
    const a = IPAddress.parse(w[1]);
    if (a === null) return "bad source address";
    spec.saddr = a.raw;
  }
  // source port: '-', a port, or L-H with an optional '#' or '?'
  let sp = w[2];
  if (sp != "-") {
    if (sp.endsWith("#")) { spec.sequential = true; spec.sameFirst = false; sp = sp.substring(0, sp.length - 1); }
    else if (sp.endsWith("?")) { spec.sameFirst = false; sp = sp.substring(0, sp.length - 1); }
    const dash = sp.indexOf("-");
    if (dash < 0) {
      const v = parseDecimal(sp, 65535);
      if (v <= 0) return "bad source port";
      spec.sport = <u16>v;
    } else {
      const lo = parseDecimal(sp.substring(0, dash), 65535);
      const hi = parseDecimal(sp.substring(dash + 1), 65535);
      if (lo <= 0 || hi < lo) return "bad source port";
      spec.sport = <u16>lo;
      spec.variation = <u32>(hi - lo);
    }
  }
  if (w[3] != "-") {
    const a = IPAddress.parse(w[3]);
    if (a === null) return "bad destination address";
    spec.daddr = a.raw;
  }
  if (w[4] != "-") {
    const v = parseDecimal(w[4], 65535);
    if (v <= 0) return "bad destination port";
    spec.dport = <u16>v;
  }
  return "";
}
