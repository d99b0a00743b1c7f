/**
 * Click's configuration-string rules: splitting at top-level commas
 * (cp_argvec), comment removal (cp_uncomment), quoting (cp_unquote/cp_quote)
 * and space-separated words (cp_spacevec).
 */

/** Index just past a double-quoted string starting at s[i] === '"' (or s.length). */
function skipDoubleQuote(s: string, i: number): number {
  for (i++; i < s.length; ) {
    if (s[i] === "\\") i = skipBackslash(s, i);
    else if (s[i] === '"') return i + 1;
    else i++;
  }
  return s.length;
}

function skipSingleQuote(s: string, i: number): number {
  const j = s.indexOf("'", i + 1);
  return j < 0 ? s.length : j + 1;
}

function skipBackslash(s: string, i: number): number {
  if (i + 1 >= s.length) return i + 1;
  if (s[i + 1] === "<") {
    for (i += 2; i < s.length; ) {
      if (s[i] === ">") return i + 1;
      if (isCommentStart(s, i)) i = skipComment(s, i);
      else i++;
    }
    return i;
  }
  if (s[i + 1] === "\r" && s[i + 2] === "\n") return i + 3;
  return i + 2;
}

function isCommentStart(s: string, i: number): boolean {
  return s[i] === "/" && (s[i + 1] === "/" || s[i + 1] === "*");
}

/** Index just past the comment at s[i] (newline included for `//`). */
function skipComment(s: string, i: number): number {
  if (s[i + 1] === "/") {
    let j = i + 2;
    while (j < s.length && s[j] !== "\n" && s[j] !== "\r") j++;
    if (s[j] === "\r" && s[j + 1] === "\n") j++;
    return Math.min(j + 1, s.length);
  }
  const j = s.indexOf("*/", i + 2);
  return j < 0 ? s.length : j + 2;
}

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);

/**
 * Scan one argument from position `start`: skips leading space and comments,
 * replaces comment(+space) runs inside by one space, trims the end. With
 * `stopAtComma`, stops at a comma outside quotes and brackets.
 */
function scanArg(s: string, start: number, stopAtComma: boolean): { text: string; end: number } {
  let i = start;
  while (i < s.length && (isSpace(s[i]) || isCommentStart(s, i))) i = isSpace(s[i]) ? i + 1 : skipComment(s, i);
  let out = "";
  let left = i;
  let right = i;
  let closed = false;
  let depth = 0;
  while (i < s.length) {
    const c = s[i];
    if (isSpace(c)) i++;
    else if (isCommentStart(s, i)) {
      i = skipComment(s, i);
      closed = true;
    } else if (c === "," && stopAtComma && depth === 0) break;
    else {
      if (closed) {
        out += s.slice(left, right) + " ";
        left = i;
        closed = false;
      }
      if (c === "'") i = skipSingleQuote(s, i);
      else if (c === '"') i = skipDoubleQuote(s, i);
      else if (c === "\\" && s[i + 1] === "<") i = skipBackslash(s, i);
      else {
        if (c === "(" || c === "[" || c === "{") depth++;
        else if ((c === ")" || c === "]" || c === "}") && depth > 0) depth--;
        i++;
      }
      right = i;
    }
  }
  return { text: out + s.slice(left, right), end: i };
}

/** Click's cp_uncomment: trims, and replaces comments (with adjacent space) by one space. */
export function uncomment(s: string): string {
  return scanArg(s, 0, false).text;
}

/**
 * Split a raw configuration string into arguments at top-level commas (outside
 * quotes and (), [], {} nesting), uncommenting and trimming each. A final empty
 * argument is dropped, so "" gives [] and "a," gives ["a"].
 */
export function splitConfig(config: string): string[] {
  const args: string[] = [];
  if (config.length === 0) return args;
  for (let pos = 0; pos < config.length; pos++) {
    const { text, end } = scanArg(config, pos, true);
    pos = end;
    if (text !== "" || pos < config.length) args.push(text);
  }
  return args;
}

/** Expand one backslash escape at s[i]; returns [text, next index]. */
function processBackslash(s: string, i: number): [string, number] {
  if (i === s.length - 1) return ["\\", s.length];
  const c = s[i + 1];
  switch (c) {
    case "\r":
      return ["", s[i + 2] === "\n" ? i + 3 : i + 2];
    case "\n":
      return ["", i + 2];
    case "a": return ["\x07", i + 2];
    case "b": return ["\b", i + 2];
    case "f": return ["\f", i + 2];
    case "n": return ["\n", i + 2];
    case "r": return ["\r", i + 2];
    case "t": return ["\t", i + 2];
    case "v": return ["\v", i + 2];
    case "x": {
      let j = i + 2;
      let v = 0;
      while (j < s.length && /[0-9a-fA-F]/.test(s[j])) v = (v * 16 + parseInt(s[j++], 16)) & 0xff;
      return [String.fromCharCode(v), j];
    }
    case "<": {
      let out = "";
      let v = 0;
      let d = 0;
      for (let j = i + 2; j < s.length; ) {
        if (s[j] === ">") return [out, j + 1];
        if (isCommentStart(s, j)) {
          j = skipComment(s, j);
          continue;
        }
        if (/[0-9a-fA-F]/.test(s[j])) {
          v = v * 16 + parseInt(s[j], 16);
          if (++d === 2) {
            out += String.fromCharCode(v);
            v = d = 0;
          }
        }
        j++;
      }
      return [out, s.length];
    }
    default:
      if (c >= "0" && c <= "7") {
        let j = i + 1;
        let v = 0;
        for (let d = 0; j < s.length && d < 3 && s[j] >= "0" && s[j] <= "7"; d++) v = v * 8 + (s.charCodeAt(j++) - 48);
        return [String.fromCharCode(v & 0xff), j];
      }
      return [c, i + 2];
  }
}

/**
 * Click's cp_unquote: uncomment, then remove one level of quoting. "..." and
 * '...' are replaced by their contents; backslash escapes are expanded inside
 * double quotes, and \<hex> is expanded outside quotes too.
 */
export function unquote(arg: string): string {
  const s = uncomment(arg);
  let out = "";
  let quote = "";
  let start = 0;
  let i = 0;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === "'") {
      if (quote === "") {
        out += s.slice(start, i);
        start = i + 1;
        quote = c;
      } else if (quote === c) {
        out += s.slice(start, i);
        start = i + 1;
        quote = "";
      }
    } else if (c === "\\" && i + 1 < s.length && (quote === '"' || (quote === "" && s[i + 1] === "<"))) {
      out += s.slice(start, i);
      const [text, next] = processBackslash(s, i);
      out += text;
      start = next;
      i = next - 1;
    }
  }
  return out + s.slice(start, i);
}

/** Click's cp_quote: a double-quoted string that unquote() maps back to `s`. */
export function quote(s: string, allowNewlines = false): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (ch === "\\" || ch === '"' || ch === "$") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\n") out += allowNewlines ? "\n" : "\\n";
    else if (code < 32 || code === 127 || (code > 127 && code < 256)) out += "\\" + code.toString(8).padStart(3, "0");
    else out += ch;
  }
  return out + '"';
}

/**
 * Click's cp_spacevec: split at whitespace outside quotes (comments removed).
 */
export function splitSpace(s: string): string[] {
  const words: string[] = [];
  const u = uncomment(s);
  let i = 0;
  while (i < u.length) {
    while (i < u.length && isSpace(u[i])) i++;
    if (i >= u.length) break;
    const start = i;
    while (i < u.length && !isSpace(u[i])) {
      if (u[i] === '"') i = skipDoubleQuote(u, i);
      else if (u[i] === "'") i = skipSingleQuote(u, i);
      else if (u[i] === "\\" && u[i + 1] === "<") i = skipBackslash(u, i);
      else i++;
    }
    words.push(u.slice(start, i));
  }
  return words;
}
