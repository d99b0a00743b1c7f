// Click's Classifier pattern language, parsed into a ClassifierProgram.
//
//   pattern := "-" | clause*            (clauses separated by spaces)
//   clause  := ["!"] offset "/" value ["%" mask]
// offset is decimal; value and mask are hex with an even number of digits, "?"
// meaning "any nibble"; the mask has as many digits as the value. Error texts are
// Click's ("pattern 2: expected a digit"). Runs at configuration time.

import { ClassifierProgram } from "./classifier-program";

// Offsets past this cannot be in any packet a host accepts (pcap MAX_CAPLEN is 256 KiB).
const MAX_OFFSET: u32 = 0x100000;

function isSpace(c: i32): bool { return c == 32 || (c >= 9 && c <= 13); }
function isDigit(c: i32): bool { return c >= 48 && c <= 57; }
function nibble(c: i32): i32 {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1; // "?"
}
function isHexOrWild(c: i32): bool { return c == 63 || nibble(c) >= 0; }

/** Value and mask bits of the two characters at s[i], s[i+1] ("?" → mask 0). */
function byteOf(s: string, i: i32, wantMask: bool): u8 {
  let v = 0;
  for (let k = 0; k < 2; k++) {
    const c = s.charCodeAt(i + k);
    const n = nibble(c);
    const bits = n < 0 ? 0 : (wantMask ? 15 : n);
    v = (v << 4) | bits;
  }
  return <u8>v;
}

/** Parses pattern number `slot` into `prog` (as its next pattern). Errors are appended. */
export function parseClassifierPattern(slot: i32, s: string, prog: ClassifierProgram, errors: string[]): void {
  const where = "pattern " + slot.toString() + ": ";
  const len = s.length;
  let i = 0;
  prog.beginPattern();
  if (len == 1 && s.charCodeAt(0) == 45) return; // "-": every packet

  while (i < len) {
    while (i < len && isSpace(s.charCodeAt(i))) i++;
    if (i >= len) break;

    let negated = false;
    if (s.charCodeAt(i) == 33) {
      negated = true;
      i++;
      while (i < len && isSpace(s.charCodeAt(i))) i++;
    }
    if (i >= len || !isDigit(s.charCodeAt(i))) { errors.push(where + "expected a digit"); return; }

    let offset: u32 = 0;
    while (i < len && isDigit(s.charCodeAt(i))) {
      if (offset <= MAX_OFFSET) offset = offset * 10 + <u32>(s.charCodeAt(i) - 48);
      i++;
    }
    if (offset > MAX_OFFSET) { errors.push(where + "offset too large"); return; }
    if (i >= len || s.charCodeAt(i) != 47) { errors.push(where + "expected '/'"); return; }
    i++;

    let valuePos = i;
    while (i < len && isHexOrWild(s.charCodeAt(i))) i++;
    let valueEnd = i;
    let maskPos = -1, maskEnd = -1;
    if (i < len && s.charCodeAt(i) == 37) {
      i++;
      maskPos = i;
      while (i < len && isHexOrWild(s.charCodeAt(i))) i++;
      maskEnd = i;
    }

    // Click reports every length problem, then keeps what it can; so do we.
    if (valueEnd - valuePos < 2) {
      errors.push(where + "value has less than 2 hex digits");
      valueEnd = valuePos;
      maskEnd = maskPos;
    }
    if ((valueEnd - valuePos) % 2 != 0) {
      errors.push(where + "value has odd number of hex digits");
      valueEnd--;
      maskEnd--;
    }
    if (maskPos >= 0 && maskEnd - maskPos != valueEnd - valuePos) {
      const tooMany = maskEnd - maskPos > valueEnd - valuePos;
      errors.push(where + "mask has too " + (tooMany ? "many" : "few") + " hex digits");
      if (tooMany) maskEnd = maskPos + valueEnd - valuePos;
      else valueEnd = valuePos + maskEnd - maskPos;
    }

    const value: u8[] = [];
    const mask: u8[] = [];
    for (let v = valuePos, m = maskPos; v + 1 < valueEnd; v += 2, m += 2) {
      let mb = byteOf(s, v, true);
      if (maskPos >= 0) mb &= byteOf(s, m, false) & byteOf(s, m, true);
      value.push(byteOf(s, v, false) & mb);
      mask.push(mb);
    }
    prog.addClause(offset, value, mask, negated);
  }
}
