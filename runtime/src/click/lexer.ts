/** Tokenizer for the Click configuration language (see Click's click(5) manual). */
import type { ErrorList } from "./errors.js";

export type TokenKind =
  | "ident" | "var" | "->" | "=>" | "::" | "||" | "..." | "eof"
  | "elementclass" | "require" | "provide" | "define"
  | string; // any single character

export interface Token {
  kind: TokenKind;
  text: string;
  line: number;
}

const KEYWORDS = new Set(["elementclass", "require", "provide", "define"]);

const isWordChar = (c: string | undefined): boolean =>
  c !== undefined && /[A-Za-z0-9_@]/.test(c);
const isVarChar = (c: string | undefined): boolean =>
  c !== undefined && /[A-Za-z0-9_]/.test(c);
const isSpace = (c: string | undefined): boolean =>
  c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v";

export class Lexer {
  private pos = 0;
  private lineNo = 1;
  private pushback: Token[] = [];

  constructor(
    private readonly text: string,
    readonly file: string,
    private readonly errors: ErrorList,
  ) {}

  /** Current line (of the last consumed character). */
  get line(): number {
    return this.lineNo;
  }

  private error(line: number, message: string): void {
    this.errors.add(this.file, line, message);
  }

  /** Advance over one character, counting newlines (\n, \r, \r\n). */
  private step(): void {
    const c = this.text[this.pos];
    if (c === "\n") this.lineNo++;
    else if (c === "\r") {
      if (this.text[this.pos + 1] === "\n") this.pos++;
      this.lineNo++;
    }
    this.pos++;
  }

  /** Skip a comment starting at pos ("//" or "/*"); returns false if none. */
  private skipComment(): boolean {
    const t = this.text;
    if (t[this.pos] !== "/") return false;
    if (t[this.pos + 1] === "/") {
      while (this.pos < t.length && t[this.pos] !== "\n" && t[this.pos] !== "\r") this.pos++;
      return true;
    }
    if (t[this.pos + 1] === "*") {
      const startLine = this.lineNo;
      this.pos += 2;
      while (this.pos < t.length && !(t[this.pos] === "*" && t[this.pos + 1] === "/")) this.step();
      if (this.pos >= t.length) this.error(startLine, "unterminated comment");
      else this.pos += 2;
      return true;
    }
    return false;
  }

  private skipSpaceAndComments(): void {
    while (this.pos < this.text.length) {
      if (isSpace(this.text[this.pos])) this.step();
      else if (!this.skipComment()) break;
    }
  }

  unlex(t: Token): void {
    this.pushback.push(t);
  }

  peek(): Token {
    const t = this.next();
    this.unlex(t);
    return t;
  }

  next(): Token {
    const pb = this.pushback.pop();
    if (pb) return pb;
    this.skipSpaceAndComments();
    const t = this.text;
    const line = this.lineNo;
    if (this.pos >= t.length) return { kind: "eof", text: "", line };
    const start = this.pos;
    const c = t[start];
    if (isWordChar(c)) {
      let p = start + 1;
      for (;;) {
        while (isWordChar(t[p])) p++;
        if (t[p] === "/" && isWordChar(t[p + 1])) p++;
        else break;
      }
      this.pos = p;
      const word = t.slice(start, p);
      return { kind: KEYWORDS.has(word) ? word : "ident", text: word, line };
    }
    if (c === "$" && isVarChar(t[start + 1])) {
      let p = start + 1;
      while (isVarChar(t[p])) p++;
      this.pos = p;
      return { kind: "var", text: t.slice(start + 1, p), line };
    }
    const two = t.slice(start, start + 2);
    if (two === "->" || two === "=>" || two === "::" || two === "||") {
      this.pos += 2;
      return { kind: two, text: two, line };
    }
    if (t.slice(start, start + 3) === "...") {
      this.pos += 3;
      return { kind: "...", text: "...", line };
    }
    this.pos++;
    return { kind: c, text: c, line };
  }

  /**
   * Read a configuration string after its opening '(' up to and including the
   * matching ')'. Nested parentheses, quotes ("..." with backslash escapes,
   * '...' literal) and \<hex> blocks are respected; comments are removed.
   * Returns null (after reporting) if the string is unterminated.
   */
  readConfig(openLine: number): string | null {
    if (this.pushback.length) throw new Error("readConfig with pushback");
    const t = this.text;
    let out = "";
    let depth = 1;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === "(") depth++;
      else if (c === ")") {
        if (--depth === 0) {
          this.pos++;
          return out.trim();
        }
      } else if (c === "/" && (t[this.pos + 1] === "/" || t[this.pos + 1] === "*")) {
        // like cp_uncomment: a comment and the blanks around it become one space
        const isLine = t[this.pos + 1] === "/";
        this.skipComment();
        out = out.replace(/[ \t]+$/, "");
        if (!isLine) {
          out += " ";
          while (t[this.pos] === " " || t[this.pos] === "\t") this.pos++;
        }
        continue;
      } else if (c === '"' || c === "'") {
        const startLine = this.lineNo;
        const from = this.pos;
        this.pos++;
        let closed = false;
        while (this.pos < t.length) {
          const d = t[this.pos];
          if (d === "\\" && c === '"' && this.pos + 1 < t.length) {
            this.pos++;
            this.step();
          } else if (d === c) {
            this.pos++;
            closed = true;
            break;
          } else this.step();
        }
        out += t.slice(from, this.pos);
        if (!closed) {
          this.error(startLine, "unterminated quote");
          return null;
        }
        continue;
      } else if (c === "\\" && t[this.pos + 1] === "<") {
        const from = this.pos;
        this.pos += 2;
        while (this.pos < t.length && t[this.pos] !== ">") this.step();
        if (this.pos < t.length) this.pos++;
        out += t.slice(from, this.pos);
        continue;
      }
      const from = this.pos;
      this.step();
      out += t.slice(from, this.pos);
    }
    this.error(openLine, "unterminated configuration string");
    return null;
  }
}
