// Content rules for ContentIDS: one rule is the text of one configuration argument,
//
//   CONTENT [OUTPUT n] [PROTO tcp|udp|icmp|any|NUM] [PORT p] [SPORT p] [DPORT p]
//
// CONTENT is a double-quoted string in Snort's content syntax: text, with `|..|`
// enclosing hexadecimal bytes ("GET |2f|admin", "|90 90 90|"), and a backslash
// escaping `"`, `\` or `|`. A bare `|..|` hex block is accepted too. Parsed at
// configuration time (allocation is fine here); errors are returned as text.

export const PROTO_ANY: i32 = -1;
export const PORT_ANY: i32 = -1;
/** Output value meaning "use the element's MODE". */
export const OUTPUT_DEFAULT: i32 = -2;

export class ContentRule {
  content: Uint8Array = new Uint8Array(0);
  output: i32 = OUTPUT_DEFAULT;
  proto: i32 = PROTO_ANY;
  /** Either port (PORT), source port, destination port; PORT_ANY when unset. */
  port: i32 = PORT_ANY;
  sport: i32 = PORT_ANY;
  dport: i32 = PORT_ANY;
  /** True if any port constraint is set (the packet must be TCP or UDP). */
  get needsPorts(): bool { return this.port >= 0 || this.sport >= 0 || this.dport >= 0; }
}

function isSpace(c: i32): bool { return c == 32 || (c >= 9 && c <= 13); }

/** Removes leading and trailing ASCII space. Not String#trim: AssemblyScript
 *  0.28's trim stops removing leading space once it exceeds half the string
 *  (its loop compares the offset with the shrinking remaining size), which an
 *  indented rule on its own line, `,\n        "content"`, triggers. */
function trimSpace(s: string): string {
  let a = 0, b = s.length;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  return a == 0 && b == s.length ? s : s.substring(a, b);
}

function hexDigit(c: i32): i32 {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}

/** Parses the content at s[i..] (a quoted string or a bare |hex| block) into
 *  `out`; returns the index after it, or -1 with `err[0]` set. */
function parseContent(s: string, i: i32, out: u8[], err: string[]): i32 {
  const n = s.length;
  const quoted = s.charCodeAt(i) == 34;
  let hex = !quoted; // a bare block starts at its opening '|'
  if (quoted) i++;
  else i++; // skip the opening '|'
  let nibble = -1;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (hex) {
      if (c == 124) { // closing '|'
        if (nibble >= 0) { err[0] = "odd number of hex digits in |..|"; return -1; }
        hex = false;
        i++;
        if (!quoted) return i;
        continue;
      }
      if (isSpace(c)) {
        if (nibble >= 0) { err[0] = "hex byte split by a space in |..|"; return -1; }
        i++;
        continue;
      }
      const d = hexDigit(c);
      if (d < 0) { err[0] = "bad hex digit '" + String.fromCharCode(c) + "' in |..|"; return -1; }
      if (nibble < 0) nibble = d;
      else { out.push(<u8>((nibble << 4) | d)); nibble = -1; }
      i++;
      continue;
    }
    if (c == 34) return i + 1; // closing quote
    if (c == 124) { hex = true; i++; continue; }
    if (c == 92) {
      if (i + 1 >= n) break;
      const e = s.charCodeAt(i + 1);
      if (e != 34 && e != 92 && e != 124) { err[0] = "unknown escape '\\" + String.fromCharCode(e) + "' (use \\\", \\\\, \\| or |hex|)"; return -1; }
      out.push(<u8>e);
      i += 2;
      continue;
    }
    if (c > 255) { err[0] = "non-Latin-1 character in content (use |hex| for bytes)"; return -1; }
    out.push(<u8>c);
    i++;
  }
  err[0] = hex ? "unterminated |..| block" : "unterminated quoted content";
  return -1;
}

function parseNumber(w: string, max: i32): i32 {
  if (w.length == 0 || w.length > 10) return -1;
  let v: i64 = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v > <i64>max ? -1 : <i32>v;
}

/** Parses one rule into `rule`; returns "" or an error message. */
export function parseContentRule(text: string, rule: ContentRule): string {
  const s = trimSpace(text);
  if (s.length == 0) return "empty rule";
  const c0 = s.charCodeAt(0);
  if (c0 != 34 && c0 != 124) return "rule must start with a quoted content string (\"...\") or a |hex| block, got '" + s + "'";
  const bytes: u8[] = [];
  const err: string[] = [""];
  let i = parseContent(s, 0, bytes, err);
  if (i < 0) return err[0];
  if (bytes.length == 0) return "empty content";
  const content = new Uint8Array(bytes.length);
  for (let k = 0; k < bytes.length; k++) content[k] = bytes[k];
  rule.content = content;
  // Keyword/value pairs.
  const words = trimSpace(s.substring(i));
  const parts: string[] = [];
  let start = -1;
  for (let k = 0; k <= words.length; k++) {
    const sp = k == words.length || isSpace(words.charCodeAt(k));
    if (sp && start >= 0) { parts.push(words.substring(start, k)); start = -1; }
    else if (!sp && start < 0) start = k;
  }
  if (parts.length > 0 && i < s.length && !isSpace(s.charCodeAt(i))) return "expected a space after the content";
  for (let k = 0; k < parts.length; k += 2) {
    const kw = parts[k];
    if (k + 1 >= parts.length) return "keyword " + kw + " needs a value";
    const v = parts[k + 1];
    if (kw == "OUTPUT") {
      rule.output = parseNumber(v, 255);
      if (rule.output < 0) return "OUTPUT expects a port number, got '" + v + "'";
    } else if (kw == "PROTO") {
      const l = v.toLowerCase();
      if (l == "any") rule.proto = PROTO_ANY;
      else if (l == "tcp") rule.proto = 6;
      else if (l == "udp") rule.proto = 17;
      else if (l == "icmp") rule.proto = 1;
      else {
        rule.proto = parseNumber(v, 255);
        if (rule.proto < 0) return "PROTO expects tcp, udp, icmp, any or 0-255, got '" + v + "'";
      }
    } else if (kw == "PORT" || kw == "SPORT" || kw == "DPORT") {
      const p = parseNumber(v, 65535);
      if (p < 0) return kw + " expects a port 0-65535, got '" + v + "'";
      if (kw == "PORT") rule.port = p;
      else if (kw == "SPORT") rule.sport = p;
      else rule.dport = p;
    } else {
      return "unknown rule keyword '" + kw + "' (expected OUTPUT, PROTO, PORT, SPORT, DPORT)";
    }
  }
  if (rule.needsPorts && rule.proto != PROTO_ANY && rule.proto != 6 && rule.proto != 17) {
    return "port constraints need PROTO tcp, udp or any";
  }
  return "";
}
