// Click's configuration-string rules, used by Args: split at top-level commas
// (quotes, parentheses, brackets and braces protect commas), strip comments and
// surrounding space, and unquote. Runs at configuration time; allocation is fine.

function isSpace(c: i32): bool { return c == 32 || (c >= 9 && c <= 13); }

/** Removes leading and trailing white space. (AssemblyScript 0.28's String#trim
 *  leaves part of a long leading run behind, which turned indented keyword
 *  arguments into positional ones.) */
export function trimSpace(s: string): string {
  let a = 0, b = s.length;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  return a == 0 && b == s.length ? s : s.substring(a, b);
}

/** Removes // and /* *\/ comments outside quotes. */
export function stripComments(s: string): string {
  let out = "";
  let i = 0;
  const n = s.length;
  let start = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c == 34 || c == 39) { // quoted text: skip to the closing quote
      i++;
      while (i < n && s.charCodeAt(i) != c) { if (c == 34 && s.charCodeAt(i) == 92) i++; i++; }
      i++;
    } else if (c == 47 && i + 1 < n && (s.charCodeAt(i + 1) == 47 || s.charCodeAt(i + 1) == 42)) {
      // A comment and the white space around it become one space, as in the
      // Node host's splitter (runtime/src/click/config-split.ts).
      let end = i;
      while (end > start && isSpace(s.charCodeAt(end - 1))) end--;
      out += s.substring(start, end) + " ";
      for (;;) {
        if (i + 1 < n && s.charCodeAt(i) == 47 && s.charCodeAt(i + 1) == 47) {
          while (i < n && s.charCodeAt(i) != 10) i++;
        } else if (i + 1 < n && s.charCodeAt(i) == 47 && s.charCodeAt(i + 1) == 42) {
          i += 2;
          while (i + 1 < n && !(s.charCodeAt(i) == 42 && s.charCodeAt(i + 1) == 47)) i++;
          i = min(i + 2, n);
        } else if (i < n && isSpace(s.charCodeAt(i))) i++;
        else break;
      }
      start = i;
    } else i++;
  }
  return start == 0 ? s : out + s.substring(start, n);
}

/** Splits a configuration string into arguments with Click's rules. An empty
 *  configuration has no arguments; an empty final argument is ignored. */
export function splitArgs(conf: string): string[] {
  const s = stripComments(conf);
  const args: string[] = [];
  let depth = 0;
  let start = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c == 34 || c == 39) {
      i++;
      while (i < n && s.charCodeAt(i) != c) { if (c == 34 && s.charCodeAt(i) == 92) i++; i++; }
    } else if (c == 40 || c == 91 || c == 123) depth++;
    else if ((c == 41 || c == 93 || c == 125) && depth > 0) depth--;
    else if (c == 44 && depth == 0) {
      args.push(trimSpace(s.substring(start, i)));
      start = i + 1;
    }
  }
  const last = trimSpace(s.substring(start, n));
  if (last.length > 0 || args.length > 0) args.push(last);
  if (args.length > 0 && args[args.length - 1].length == 0) args.pop();
  return args;
}

/** If `arg` starts with an upper-case keyword followed by space (Click's keyword
 *  syntax, e.g. "MULTICAST false"), returns the keyword's length; else 0. */
export function keywordLength(arg: string): i32 {
  const n = arg.length;
  let i = 0;
  while (i < n) {
    const c = arg.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || c == 95 || (i > 0 && ((c >= 48 && c <= 57) || c == 58));
    if (!ok) break;
    i++;
  }
  if (i == 0) return 0;
  // As Click's Args (reset_from): a word is a keyword only when a value follows
  // it, so a bare word such as PaintSwitch(ICMP_PARAMPROB) is positional.
  if (i == n || !isSpace(arg.charCodeAt(i))) return 0;
  let j = i;
  while (j < n && isSpace(arg.charCodeAt(j))) j++;
  return j < n ? i : 0;
}

/** Click's cp_unquote: removes double and single quotes; backslash escapes inside
 *  double quotes (\n \t \r \\ \" \xHH and \<newline>). */
export function unquote(s: string): string {
  if (s.indexOf("\"") < 0 && s.indexOf("'") < 0) return s;
  let out = "";
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c == 39) {
      const end = s.indexOf("'", i + 1);
      const stop = end < 0 ? n : end;
      out += s.substring(i + 1, stop);
      i = stop + 1;
    } else if (c == 34) {
      i++;
      while (i < n && s.charCodeAt(i) != 34) {
        const d = s.charCodeAt(i);
        if (d == 92 && i + 1 < n) {
          const e = s.charCodeAt(i + 1);
          if (e == 110) out += "\n";
          else if (e == 116) out += "\t";
          else if (e == 114) out += "\r";
          else if (e == 120 && i + 3 < n) {
            out += String.fromCharCode(<i32>parseInt(s.substring(i + 2, i + 4), 16));
            i += 2;
          } else if (e != 10) out += String.fromCharCode(e);
          i += 2;
        } else { out += String.fromCharCode(d); i++; }
      }
      i++;
    } else { out += String.fromCharCode(c); i++; }
  }
  return out;
}
