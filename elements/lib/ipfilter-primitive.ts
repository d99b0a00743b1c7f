// IPFilter/IPClassifier language: one primitive ("src host 10.0.0.1", "dst tcp port > 1023",
// "ip ttl & 0xf0 == 0x40", "syn"), its validation with Click's rules and messages
// (Click's IPFilter::Primitive::check), and its translation into tests (ipfilter-ast.ts).
// Configuration time only.
//
// Semantics kept from Click:
// - port, tcp opt, tcp win, icmp type and transp[...]/tcp[...] tests also require the
//   packet to be a first fragment (fragment offset 0) of the right protocol;
// - `port != 80`, `port < 1024`, `icmp type != echo` do NOT match packets of other
//   protocols (the operator applies inside the primitive), unlike `not port 80`;
// - with `src or dst` / `src and dst`, a negated operator negates the combination:
//   `host != A` means neither address is A (De Morgan over src/dst);
// - a primitive that would read past the end of the packet is false.
// Extension (Click rejects these): a value "LO-HI" is an inclusive range, allowed for
// ports and header fields (`dst port 1000-2000`, `ip ttl 1-5`).

import { Node, OP_EQ, OP_GT, BASE_NET, BASE_TRANSPORT, BASE_MAC } from "./ipfilter-ast";
import {
  TYPE_NONE, TYPE_INT, TYPE_HOST, TYPE_PROTO, TYPE_IPFRAG, TYPE_PORT, TYPE_TCPOPT, TYPE_ETHER,
  TYPE_NET, TYPE_IPUNFRAG, TYPE_IPECT, TYPE_IPCE, UNKNOWN, PROTO_TCP, PROTO_UDP, PROTO_DCCP,
  PROTO_TCP_OR_UDP, FIELD_TOS, SD_SRC, SD_DST, SD_AND, SD_OR,
  isField, fieldProto, fieldBitOffset, fieldBits, typeName,
} from "./ipfilter-names";

/** Relation as written; `<` is turned into a negated `>` by setMask. */
export const REL_EQ: i32 = 0;
export const REL_GT: i32 = 1;
export const REL_LT: i32 = 2;

export class Primitive {
  type: i32 = TYPE_NONE;
  /** Kind of the value given: TYPE_NONE, TYPE_INT, TYPE_HOST, TYPE_NET, TYPE_ETHER or a named kind. */
  data: i32 = TYPE_NONE;
  rel: i32 = REL_EQ;
  negated: bool = false;
  srcdst: i32 = 0;
  transp: i32 = UNKNOWN;
  /** Value (addresses as big-endian numbers), and the mask applied to the field. */
  u: u32 = 0;
  mask: u32 = 0;
  /** Upper bound when the value was a range LO-HI (u holds LO). */
  isRange: bool = false;
  hi: u32 = 0;
  /** Ethernet address and mask, big-endian in the low 48 bits. */
  ether: u64 = 0;
  etherMask: u64 = 0;
  /** 1 or 0 when the relation is always true or false; -1 otherwise. */
  constant: i32 = -1;

  clear(): void {
    this.type = TYPE_NONE; this.data = TYPE_NONE; this.rel = REL_EQ; this.negated = false;
    this.srcdst = 0; this.transp = UNKNOWN; this.u = 0; this.mask = 0; this.isRange = false;
    this.hi = 0; this.ether = 0; this.etherMask = 0; this.constant = -1;
  }

  copyFrom(o: Primitive): void {
    this.type = o.type; this.data = o.data; this.rel = o.rel; this.negated = o.negated;
    this.srcdst = o.srcdst; this.transp = o.transp; this.u = o.u; this.mask = o.mask;
    this.isRange = o.isRange; this.hi = o.hi; this.ether = o.ether; this.etherMask = o.etherMask;
    this.constant = o.constant;
  }

  setType(t: i32, errors: string[]): void {
    if (this.type != TYPE_NONE) errors.push("type specified twice");
    this.type = t;
  }
  setSrcdst(s: i32, errors: string[]): void {
    if (this.srcdst != 0) errors.push("'src' or 'dst' specified twice");
    this.srcdst = s;
  }
  setTransp(p: i32, errors: string[]): void {
    if (this.transp != UNKNOWN && this.transp != p) errors.push("transport protocol specified twice");
    this.transp = p;
  }

  private name(): string { return typeName(this.srcdst, this.type); }
  private fail(errors: string[], msg: string): bool {
    errors.push("'" + this.name() + "': " + msg);
    return false;
  }
  private relText(): string {
    if (this.rel == REL_GT) return this.negated ? "<=" : ">";
    if (this.rel == REL_LT) return this.negated ? ">=" : "<";
    return this.negated ? "!=" : "=";
  }

  /** Fixes the mask for a field whose widest value is `full`; `given` is the user's `& MASK` or 0. */
  private setMask(full: u32, given: u32, errors: string[], warnings: string[]): bool {
    const m = given != 0 ? given : full;
    if ((m & full) != m) return this.fail(errors, "mask out of range, bound 0x" + full.toString(16).toUpperCase());
    const data = this.u;
    if (this.isRange) {
      if (this.rel != REL_EQ) return this.fail(errors, "operator not supported with a range");
      if (this.hi > full) return this.fail(errors, "out of range, bound " + full.toString());
      if (data > this.hi) return this.fail(errors, "empty range " + data.toString() + "-" + this.hi.toString());
      this.mask = m;
      return true;
    }
    if (this.rel != REL_EQ) {
      if ((this.rel == REL_LT && (data == 0 || data > m)) || (this.rel == REL_GT && data >= m)) {
        const willBe = this.rel == REL_LT && data > m ? !this.negated : this.negated;
        warnings.push("relation '" + this.relText() + " " + data.toString() + "' is always "
          + (willBe ? "true" : "false") + " (range 0-" + m.toString() + ")");
        this.constant = willBe ? 1 : 0;
        this.rel = REL_EQ;
        this.negated = false;
        this.mask = m;
        return true;
      }
      if (this.rel == REL_LT) { // v < X  is  !(v > X-1)
        this.u = data - 1;
        this.negated = !this.negated;
        this.rel = REL_GT;
      }
      this.mask = m;
      return true;
    }
    if (data > full) return this.fail(errors, "out of range, bound " + full.toString());
    this.mask = m;
    return true;
  }

  /**
   * Completes and validates the primitive. `prev` is the previous primitive of the
   * pattern, from which a bare value inherits its type ("src port 80 or 81"); `header`
   * is 0, 'i' or 'e' (from an "ip"/"ether" qualifier); maskKind/maskU/maskE describe a
   * "& MASK" (kind TYPE_INT, TYPE_HOST or TYPE_ETHER, 0 for none).
   */
  check(prev: Primitive, header: i32, maskKind: i32, maskU: u32, maskE: u64, errors: string[], warnings: string[]): bool {
    const oldSrcdst = this.srcdst;
    if (this.type < 0) return false;

    if (this.type == TYPE_NONE) {
      let d = this.data;
      if (d == TYPE_INT) {
        const pt = prev.type;
        if (!isField(pt) && pt != TYPE_PROTO && pt != TYPE_PORT) {
          errors.push("specify header field or 'port'");
          return false;
        }
        d = this.data = pt;
      }
      if (d == TYPE_HOST || d == TYPE_NET || d == TYPE_TCPOPT || d == TYPE_ETHER) {
        this.type = d;
        if (this.srcdst == 0) this.srcdst = prev.srcdst;
      } else if (d == TYPE_PROTO) {
        this.type = TYPE_PROTO;
      } else if (d == TYPE_PORT) {
        this.type = TYPE_PORT;
        if (this.srcdst == 0) this.srcdst = prev.srcdst;
        if (this.transp == UNKNOWN) this.transp = prev.transp;
      } else if (d == TYPE_NONE) {
        if (this.transp == UNKNOWN) { errors.push("partial directive"); return false; }
        this.type = TYPE_PROTO;
      } else if (isField(d)) {
        this.type = d;
        if (fieldProto(d) != 0 && this.transp == UNKNOWN) this.transp = fieldProto(d);
      } else {
        errors.push("unknown type '" + typeName(0, d) + "'");
        return false;
      }
    }

    if (header == 0) header = this.data == TYPE_ETHER ? 101 /* e */ : 105 /* i */;
    if (header == 101 && this.type == TYPE_HOST) this.type = TYPE_ETHER;
    const ipHeader = header == 105;
    const t = this.type;
    if (this.isRange && t != TYPE_PORT && !isField(t)) return this.fail(errors, "range not supported");

    if (t == TYPE_HOST || t == TYPE_NET) {
      if (!ipHeader || this.data != t) return this.fail(errors, "address missing");
      if (this.rel != REL_EQ) return this.fail(errors, "operator not supported");
      if (t == TYPE_HOST) this.mask = 0xffffffff;
      this.type = TYPE_HOST;
      if (maskKind != 0 && maskKind != TYPE_INT && maskKind != TYPE_HOST) return this.fail(errors, "bad mask");
      if (maskKind != 0) this.mask = maskU;
    } else if (t == TYPE_ETHER) {
      if (ipHeader || this.data != TYPE_ETHER) return this.fail(errors, "address missing");
      if (this.rel != REL_EQ) return this.fail(errors, "operator not supported");
      if (maskKind != 0 && maskKind != TYPE_ETHER) return this.fail(errors, "bad mask");
      this.etherMask = maskKind != 0 ? maskE : 0xffffffffffff;
    } else if (t == TYPE_PROTO) {
      if (!ipHeader) return this.fail(errors, "ip only");
      if (this.data == TYPE_INT || this.data == TYPE_PROTO) {
        if (this.transp != UNKNOWN && this.transp != <i32>this.u) return this.fail(errors, "specified twice");
        this.data = TYPE_NONE;
      } else if (this.data == TYPE_NONE) {
        if (this.transp == UNKNOWN) return this.fail(errors, "value missing");
        this.u = <u32>this.transp;
      } else return this.fail(errors, "value missing");
      this.transp = UNKNOWN;
      if (this.u >= 256) {
        // Pseudo-protocols (tcpudp, transp): only plain equality makes sense. (Click also
        // accepts "!=" here but then compiles it as "proto != 0"; we refuse it.)
        if (this.rel != REL_EQ || this.negated || maskKind != 0)
          return this.fail(errors, "operator or mask not supported");
        this.mask = 0xff;
      } else if (maskKind != 0 && maskKind != TYPE_INT) return this.fail(errors, "bad mask");
      else if (!this.setMask(0xff, maskKind != 0 ? maskU : 0, errors, warnings)) return false;
      if (this.rel == REL_EQ && this.mask == 0xff && !this.negated && this.constant < 0) this.transp = <i32>this.u;
    } else if (t == TYPE_PORT) {
      if (!ipHeader) return this.fail(errors, "ip only");
      if (this.data == TYPE_INT) this.data = TYPE_PORT;
      if (this.data != TYPE_PORT) return this.fail(errors, "value missing");
      const p = this.transp;
      if (p == UNKNOWN) this.transp = PROTO_TCP_OR_UDP;
      else if (p != PROTO_TCP && p != PROTO_UDP && p != PROTO_TCP_OR_UDP && p != PROTO_DCCP)
        { errors.push("'port': bad protocol " + p.toString()); return false; }
      if (maskKind != 0 && maskKind != TYPE_INT) return this.fail(errors, "bad mask");
      if (!this.setMask(0xffff, maskKind != 0 ? maskU : 0, errors, warnings)) return false;
    } else if (t == TYPE_TCPOPT) {
      if (!ipHeader) return this.fail(errors, "ip only");
      if (this.data == TYPE_INT) this.data = TYPE_TCPOPT;
      if (this.data != TYPE_TCPOPT) return this.fail(errors, "value missing");
      if (this.transp == UNKNOWN) this.transp = PROTO_TCP;
      else if (this.transp != PROTO_TCP) { errors.push("'tcp opt': bad protocol " + this.transp.toString()); return false; }
      if (this.rel != REL_EQ || this.negated || maskKind != 0) return this.fail(errors, "operator or mask not supported");
      if (this.u > 255) { errors.push("'tcp opt': value " + (<i32>this.u).toString() + " out of range"); return false; }
      this.mask = this.u;
    } else if (t == TYPE_IPECT) {
      if (!ipHeader) return this.fail(errors, "ip only");
      if (this.data != TYPE_NONE && this.data != TYPE_INT) return this.fail(errors, "value missing");
      if (this.data == TYPE_NONE) { this.u = 0; this.negated = true; }
      else if (maskKind != 0 && maskKind != TYPE_INT) return this.fail(errors, "bad mask");
      if (!this.setMask(3, maskKind != 0 ? maskU : 0, errors, warnings)) return false;
      this.type = FIELD_TOS;
    } else if (t == TYPE_IPCE) {
      if (!ipHeader) return this.fail(errors, "ip only");
      if (this.data != TYPE_NONE || maskKind != 0) return this.fail(errors, "value not supported");
      this.mask = 3;
      this.u = 3;
      this.type = FIELD_TOS;
    } else if (t == TYPE_IPFRAG || t == TYPE_IPUNFRAG) {
      if (!ipHeader) return this.fail(errors, "ip only");
      if (this.data != TYPE_NONE || maskKind != 0) return this.fail(errors, "value not supported");
      if (t == TYPE_IPUNFRAG) this.negated = true;
      this.type = TYPE_IPFRAG;
    } else if (isField(t)) {
      if (!ipHeader) return this.fail(errors, "ip only");
      if (this.data != TYPE_INT && this.data != t) return this.fail(errors, "value missing");
      if (maskKind != 0 && maskKind != TYPE_INT) return this.fail(errors, "bad mask");
      const bits = fieldBits(t);
      const full: u32 = bits == 32 ? 0xffffffff : (<u32>1 << <u32>bits) - 1;
      if (!this.setMask(full, maskKind != 0 ? maskU : 0, errors, warnings)) return false;
    }

    const nt = this.type;
    if (nt == TYPE_HOST || nt == TYPE_PORT || nt == TYPE_ETHER) {
      if (this.srcdst == 0) this.srcdst = SD_OR;
    } else if (oldSrcdst != 0) {
      warnings.push("'" + this.name() + "': 'src' or 'dst' ignored");
    }
    return true;
  }

  // ---- translation into tests ----

  /** The tests for this (checked) primitive, wrapped in a PRIM node. */
  toNode(): Node {
    let n = Node.constant(true);
    if (this.transp != UNKNOWN) n = Node.and(n, protoTest(this.transp));
    const t = this.type;
    if (t == TYPE_PORT || t == TYPE_TCPOPT || (isField(t) && fieldProto(t) != 0))
      n = Node.and(n, Node.test(BASE_NET, 6, 2, 0, 0x1fff, OP_EQ, 0)); // first fragment only
    return Node.prim(Node.and(n, this.core()));
  }

  private core(): Node {
    const t = this.type;
    let c: Node;
    if (t == TYPE_HOST) {
      c = this.bySrcdst(this.compare(BASE_NET, 12, 4, 0), this.compare(BASE_NET, 16, 4, 0));
    } else if (t == TYPE_ETHER) {
      const v = this.ether, m = this.etherMask;
      const hiV = <u32>(v >> 16), loV = <u32>(v & 0xffff), hiM = <u32>(m >> 16), loM = <u32>(m & 0xffff);
      const src = Node.and(Node.test(BASE_MAC, 6, 4, 0, hiM, OP_EQ, hiV), Node.test(BASE_MAC, 10, 2, 0, loM, OP_EQ, loV));
      const dst = Node.and(Node.test(BASE_MAC, 0, 4, 0, hiM, OP_EQ, hiV), Node.test(BASE_MAC, 4, 2, 0, loM, OP_EQ, loV));
      c = this.bySrcdst(src, dst);
    } else if (t == TYPE_PROTO) {
      // With a plain "proto P" the protocol test above already says it all.
      c = this.transp != UNKNOWN ? Node.constant(true) : this.compare(BASE_NET, 9, 1, 0);
    } else if (t == TYPE_PORT) {
      c = this.bySrcdst(this.compare(BASE_TRANSPORT, 0, 2, 0), this.compare(BASE_TRANSPORT, 2, 2, 0));
    } else if (t == TYPE_TCPOPT) {
      c = Node.test(BASE_TRANSPORT, 13, 1, 0, this.mask, OP_EQ, this.u);
    } else if (t == TYPE_IPFRAG) {
      // "frag": MF set or offset nonzero, i.e. not (flags/offset & 0x3fff == 0)
      // ("unfrag" is the negated form, so the negation below turns it back.)
      c = Node.not(Node.test(BASE_NET, 6, 2, 0, 0x3fff, OP_EQ, 0));
    } else {
      // header field: the whole bytes covering [bitOffset, bitOffset+bits), shifted down
      const bitOff = fieldBitOffset(t), bits = fieldBits(t);
      const first = bitOff >> 3, endBit = bitOff + bits, last = (endBit + 7) >> 3;
      c = this.compare(fieldProto(t) != 0 ? BASE_TRANSPORT : BASE_NET, first, last - first, last * 8 - endBit);
    }
    return this.negated ? Node.not(c) : c;
  }

  private bySrcdst(src: Node, dst: Node): Node {
    const sd = this.srcdst;
    if (sd == SD_SRC) return src;
    if (sd == SD_DST) return dst;
    if (sd == SD_AND) return Node.and(src, dst);
    return Node.or(src, dst);
  }

  /** The relation on one field (negation is applied by the caller). */
  private compare(base: i32, offset: i32, nbytes: i32, shift: i32): Node {
    if (this.constant >= 0) return Node.constant(this.constant == 1);
    if (this.isRange) {
      const upper = Node.not(Node.test(base, offset, nbytes, shift, this.mask, OP_GT, this.hi));
      if (this.u == 0) return upper;
      return Node.and(Node.test(base, offset, nbytes, shift, this.mask, OP_GT, this.u - 1), upper);
    }
    return Node.test(base, offset, nbytes, shift, this.mask, this.rel == REL_GT ? OP_GT : OP_EQ, this.u);
  }
}

/** Protocol check: one protocol, TCP or UDP for "tcpudp", nothing for the other pseudo-protocols. */
export function protoTest(p: i32): Node {
  if (p == PROTO_TCP_OR_UDP)
    return Node.or(Node.test(BASE_NET, 9, 1, 0, 0xff, OP_EQ, PROTO_TCP), Node.test(BASE_NET, 9, 1, 0, 0xff, OP_EQ, PROTO_UDP));
  if (p >= 256) return Node.constant(true);
  return Node.test(BASE_NET, 9, 1, 0, 0xff, OP_EQ, <u32>p);
}
