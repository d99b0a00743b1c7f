// IPFilter/IPClassifier language: the grammar, over the words of one pattern.
//
//   expr   ::= orexpr | orexpr "?" expr ":" expr
//   orexpr ::= term (("or" | "||") term)*
//   term   ::= factor ((["and" | "&&"]) factor)*      adjacent factors are and-ed
//   factor ::= ("not" | "!") factor | "(" expr ")" | test
//   test   ::= "true" | "false" | QUALIFIERS ["[" POS[:LEN] "]"] ["&" MASK] [RELOP] [VALUE]
//
// with Click's error messages. A bare value takes its type from the previous primitive
// ("src host 10.0.0.1 or 10.0.0.2", "dst port 80 or 443"). Configuration time only.
// Unlike Click's iterative parser this one recurses, so nesting is limited (MAX_DEPTH)
// to keep a hostile pattern from exhausting the WebAssembly stack.

import { Node } from "./ipfilter-ast";
import { Primitive, REL_GT, REL_LT } from "./ipfilter-primitive";
import {
  Lookup, lookup, TYPE_NONE, TYPE_TYPE, TYPE_PROTO, TYPE_INT, TYPE_HOST, TYPE_NET, TYPE_ETHER,
  UNKNOWN, SD_SRC, SD_DST, SD_AND, SD_OR, isField, fieldProto, makeField,
} from "./ipfilter-names";
import { IPAddress, IPPrefix, EtherAddress } from "@clickos/sdk";

const MAX_DEPTH: i32 = 64;
const HEADER_IP: i32 = 105; // 'i'
const HEADER_ETHER: i32 = 101; // 'e'

/** Parses Click's integers: optional sign, then decimal, 0x hex, 0b binary or 0-led octal.
 *  Returns false unless the whole word is a number within [min, max]. */
export class IntParse {
  value: i64 = 0;
  parse(s: string, min: i64, max: i64): bool {
    const n = s.length;
    let i = 0;
    let neg = false;
    if (i < n && (s.charCodeAt(i) == 45 || s.charCodeAt(i) == 43)) { neg = s.charCodeAt(i) == 45; i++; }
    let b: i64 = 10;
    if (i + 1 < n && s.charCodeAt(i) == 48 && (s.charCodeAt(i + 1) | 32) == 120) { b = 16; i += 2; }
    else if (i + 1 < n && s.charCodeAt(i) == 48 && (s.charCodeAt(i + 1) | 32) == 98) { b = 2; i += 2; }
    else if (i + 1 < n && s.charCodeAt(i) == 48) { b = 8; i++; }
    if (i >= n) return false;
    let v: i64 = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      let d: i64 = -1;
      if (c >= 48 && c <= 57) d = c - 48;
      else if ((c | 32) >= 97 && (c | 32) <= 102) d = (c | 32) - 87;
      if (d < 0 || d >= b) return false;
      v = v * b + d;
      if (v > 0xffffffffff) return false;
    }
    if (neg) v = -v;
    if (v < min || v > max) return false;
    this.value = v;
    return true;
  }
}

/** A big-endian number from an IPv4 address (10.0.0.1 is 0x0a000001). */
function ipNumber(a: IPAddress): u32 { return bswap<u32>(a.raw); }

/** A big-endian 48-bit number from an Ethernet address. */
function etherNumber(e: EtherAddress): u64 {
  let v: u64 = 0;
  for (let i = 0; i < 6; i++) v = (v << 8) | <u64>e.octet(i);
  return v;
}

export class PatternParser {
  pos: i32;
  private prev: Primitive = new Primitive();
  private lk: Lookup = new Lookup();
  private num: IntParse = new IntParse();
  private depth: i32 = 0;

  constructor(private words: string[], start: i32, private errors: string[], private warnings: string[]) {
    this.pos = start;
  }

  private at(w: string): bool { return this.pos < this.words.length && this.words[this.pos] == w; }
  private atAny(a: string, b: string): bool { return this.at(a) || this.at(b); }

  parseExpr(): Node { return this.ternaryTail(this.parseOr()); }

  private ternaryTail(cond: Node): Node {
    if (!this.at("?")) return cond;
    this.pos++;
    const p0 = this.pos;
    const yes = this.nested();
    if (this.pos == p0 || !this.at(":")) {
      this.errors.push("missing ':' in ternary expression");
      return Node.ternary(cond, yes, Node.constant(false));
    }
    this.pos++;
    return Node.ternary(cond, yes, this.ternaryTail(this.parseOr()));
  }

  private parseOr(): Node {
    let n = this.parseTerm();
    while (this.atAny("or", "||")) {
      this.pos++;
      n = Node.or(n, this.parseTerm());
    }
    return n;
  }

  private parseTerm(): Node {
    let p0 = this.pos;
    let n = this.parseFactor();
    if (this.pos == p0) { this.errors.push("missing expression"); return n; }
    while (true) {
      const explicit = this.atAny("and", "&&");
      if (explicit) this.pos++;
      p0 = this.pos;
      const f = this.parseFactor();
      if (this.pos == p0) {
        if (explicit) this.errors.push("missing expression");
        return n;
      }
      n = Node.and(n, f);
    }
  }

  private parseFactor(): Node {
    if (this.atAny("not", "!")) {
      const w = this.words[this.pos++];
      const p0 = this.pos;
      const f = this.nested(true);
      if (this.pos == p0) this.errors.push("missing expression after '" + w + "'");
      return Node.not(f);
    }
    if (this.at("(")) {
      this.pos++;
      const p0 = this.pos;
      const e = this.nested();
      if (this.pos == p0) this.errors.push("missing expression after '('");
      if (this.at(")")) this.pos++;
      else if (this.pos != p0) this.errors.push("missing ')'");
      return e;
    }
    return this.parseTest();
  }

  /** A parenthesised expression or negated factor, with the depth limit. */
  private nested(factor: bool = false): Node {
    if (++this.depth > MAX_DEPTH) {
      this.errors.push("expression nested more than " + MAX_DEPTH.toString() + " deep");
      this.pos = this.words.length;
      this.depth--;
      return Node.constant(false);
    }
    const n = factor ? this.parseFactor() : this.parseExpr();
    this.depth--;
    return n;
  }

  /** One primitive (Click's parse_test). Leaves pos unchanged when there is none here. */
  private parseTest(): Node {
    const words = this.words, n = words.length, errors = this.errors;
    let pos = this.pos;
    if (pos >= n) return Node.constant(false);
    const first = words[pos];
    if (first == ")" || first == "||" || first == "or" || first == "?" || first == ":") return Node.constant(false);
    if (first == "true" || first == "false") {
      this.pos++;
      return Node.constant(first == "true");
    }

    const firstPos = pos;
    const prim = new Primitive();
    let header = 0;
    let negated = false;
    const lk = this.lk;

    // qualifiers: type words, protocols, src/dst, ip/ether, not
    for (; pos < n; pos++) {
      const wd = words[pos];
      lookup(wd, TYPE_NONE, UNKNOWN, lk, null);
      if (lk.kind == TYPE_TYPE) {
        prim.setType(lk.value, errors);
        if (isField(lk.value) && fieldProto(lk.value) != 0) prim.setTransp(fieldProto(lk.value), errors);
      } else if (lk.kind == TYPE_PROTO) {
        prim.setTransp(lk.value, errors);
      } else if (lk.kind != -1) {
        break;
      } else if (wd == "src") {
        if (pos < n - 2 && (words[pos + 2] == "dst" || words[pos + 2] == "dest")) {
          const c = words[pos + 1];
          if (c == "and" || c == "&&") { prim.setSrcdst(SD_AND, errors); pos += 2; }
          else if (c == "or" || c == "||") { prim.setSrcdst(SD_OR, errors); pos += 2; }
          else prim.setSrcdst(SD_SRC, errors);
        } else prim.setSrcdst(SD_SRC, errors);
      } else if (wd == "dst" || wd == "dest") {
        prim.setSrcdst(SD_DST, errors);
      } else if (wd == "ip" || wd == "ether") {
        if (header != 0) break;
        header = wd == "ip" ? HEADER_IP : HEADER_ETHER;
      } else if (wd == "not" || wd == "!") {
        negated = !negated;
      } else break;
    }

    // A value inherits from the previous primitive only when given bare.
    if (pos != firstPos) this.prev.clear();
    if (this.prev.data == TYPE_ETHER) header = HEADER_ETHER;

    // [POS:LEN]
    let wd = pos >= n - 1 ? "" : words[pos];
    if (wd == "[" && pos > firstPos && prim.type == TYPE_NONE) {
      pos = this.parseBrackets(prim, pos);
      wd = pos >= n - 1 ? "" : words[pos];
    }

    // & MASK
    let maskKind = 0;
    let maskU: u32 = 0;
    let maskE: u64 = 0;
    if (wd == "&" && pos < n - 1) {
      const mw = words[pos + 1];
      if (this.num.parse(mw, 0, 0xffffffff)) { maskKind = TYPE_INT; maskU = <u32>this.num.value; pos += 2; }
      else if (header != HEADER_ETHER && IPAddress.parse(mw) !== null) { maskKind = TYPE_HOST; maskU = ipNumber(IPAddress.parse(mw)!); pos += 2; }
      else if (header != HEADER_IP && EtherAddress.parse(mw) !== null) { maskKind = TYPE_ETHER; maskE = etherNumber(EtherAddress.parse(mw)!); pos += 2; }
      if (maskKind != 0 && maskKind != TYPE_ETHER && maskU == 0) {
        errors.push("zero mask ignored");
        maskKind = 0;
      }
      wd = pos >= n - 1 ? "" : words[pos];
    }

    // relation
    pos++;
    if (wd == "=" || wd == "==") {}
    else if (wd == "!=") prim.negated = true;
    else if (wd == ">") prim.rel = REL_GT;
    else if (wd == "<") prim.rel = REL_LT;
    else if (wd == ">=") { prim.rel = REL_LT; prim.negated = true; }
    else if (wd == "<=") { prim.rel = REL_GT; prim.negated = true; }
    else pos--;

    // value
    if (pos < n) {
      wd = words[pos];
      lookup(wd, prim.type, prim.transp, lk, errors);
      pos++;
      if (lk.kind == -2) {
        prim.type = -2; // already reported; absorb the word
      } else if (lk.kind != -1 && lk.kind != TYPE_TYPE) {
        prim.data = lk.kind;
        prim.u = <u32>lk.value;
      } else if (this.num.parse(wd, i32.MIN_VALUE, i32.MAX_VALUE)) {
        prim.data = TYPE_INT;
        prim.u = <u32><i32>this.num.value;
      } else if (this.parseRange(wd, prim)) {
        prim.data = TYPE_INT;
      } else if (header != HEADER_ETHER && IPAddress.parse(wd) !== null) {
        prim.u = ipNumber(IPAddress.parse(wd)!);
        prim.data = TYPE_HOST;
        if (pos < n - 1 && words[pos] == "mask" && IPAddress.parse(words[pos + 1]) !== null) {
          prim.mask = ipNumber(IPAddress.parse(words[pos + 1])!);
          prim.data = TYPE_NET;
          pos += 2;
        }
      } else if (header != HEADER_ETHER && IPPrefix.parse(wd) !== null) {
        const pf = IPPrefix.parse(wd)!;
        prim.u = ipNumber(pf.addr);
        prim.mask = ipNumber(pf.mask);
        prim.data = TYPE_NET;
      } else if (header != HEADER_IP && EtherAddress.parse(wd) !== null) {
        prim.ether = etherNumber(EtherAddress.parse(wd)!);
        prim.data = TYPE_ETHER;
      } else {
        if (prim.rel != 0 || prim.negated) errors.push("dangling operator near '" + wd + "'");
        pos--;
      }
    }

    if (pos == firstPos) {
      errors.push("empty term near '" + wd + "'");
      return Node.constant(false);
    }
    this.pos = pos;

    if (!prim.check(this.prev, header, maskKind, maskU, maskE, errors, this.warnings)) return Node.constant(false);
    let node = prim.toNode();
    if (negated) node = Node.not(node);
    this.prev.copyFrom(prim);
    return node;
  }

  /** "LO-HI" with two non-negative integers: the range extension. */
  private parseRange(wd: string, prim: Primitive): bool {
    const dash = wd.indexOf("-");
    if (dash <= 0 || dash == wd.length - 1) return false;
    if (!this.num.parse(wd.substring(0, dash), 0, 0xffffffff)) return false;
    const lo = <u32>this.num.value;
    if (!this.num.parse(wd.substring(dash + 1), 0, 0xffffffff)) return false;
    prim.u = lo;
    prim.hi = <u32>this.num.value;
    prim.isRange = true;
    return true;
  }

  /** ip[POS], ip[POS:LEN], ip[POS,LASTPOS], and the same after a protocol (tcp[13]). */
  private parseBrackets(prim: Primitive, pos: i32): i32 {
    const words = this.words, n = words.length, errors = this.errors;
    const firstPos = pos + 1;
    let text = "";
    for (pos++; pos < n && words[pos] != "]"; pos++) text += words[pos];
    if (pos >= n) {
      errors.push("missing ']'");
      return firstPos;
    }
    pos++;
    const colon = text.indexOf(":"), comma = text.indexOf(",");
    let start: i64 = -1, len: i64 = 1;
    const num = this.num;
    if (colon >= 0 && colon < text.length - 1) {
      if (num.parse(text.substring(0, colon), 0, 0xffff)) {
        start = num.value;
        if (num.parse(text.substring(colon + 1), 0, 0xffff)) len = num.value; else start = -1;
      }
    } else if (comma >= 0 && comma < text.length - 1) {
      if (num.parse(text.substring(0, comma), 0, 0xffff)) {
        start = num.value;
        if (num.parse(text.substring(comma + 1), 0, 0xffff)) len = num.value - start + 1; else start = -1;
      }
    } else if (num.parse(text, 0, 0xffff)) start = num.value;
    if (start < 0) {
      errors.push("syntax error after '[', expected '[POS]' or '[POS:LEN]'");
      return pos;
    }
    const bit = <i32>start * 8, bits = <i32>len * 8;
    if (len < 1 || len > 4) errors.push("LEN in '[POS:LEN]' out of range, should be between 1 and 4");
    else if (start > 8000) errors.push("POS in '[POS:LEN]' out of range, should be at most 8000");
    else if ((bit & ~31) != ((bit + bits - 1) & ~31))
      errors.push("field [" + start.toString() + ":" + len.toString() + "] does not fit in a single word");
    else prim.setType(makeField(prim.transp == UNKNOWN ? 0 : prim.transp, bit, bits), errors);
    return pos;
  }
}
