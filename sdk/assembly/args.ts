// Args: Click's declarative configuration reading, for AssemblyScript.
//
//   configure(args: Args): void {
//     this.length = args.readMP("LENGTH").unsigned();      // mandatory, positional
//     this.color  = args.readP("COLOR").int(0);            // optional, positional
//     this.active = args.read("ACTIVE").bool(true);        // optional keyword
//   }
//
// read  = keyword only;  readP  = positional or keyword;
// readM = mandatory keyword; readMP = mandatory, positional or keyword.
// Positional readers consume positional arguments in call order, as Click's
// read_p/read_mp do. Errors are collected and reported by the generated glue
// (Click's style: "LENGTH type mismatch: expected unsigned integer"); after
// configure, leftover arguments are errors ("too many arguments").
// `clickos build` reads these calls to describe the arguments in the metadata,
// so keep them literal: a string-literal name, then one typed reader.

import { splitArgs, keywordLength, unquote, trimSpace } from "./config";
import { ParsedNumber, parseInteger, parseReal, parseInterval, parseBandwidth } from "./units";
import { IPAddress, IP6Address, EtherAddress, IPPrefix } from "./net/address";

export class Args {
  /** @internal */ positional: string[] = [];
  /** @internal */ keywords: string[] = [];
  /** @internal */ values: string[] = [];
  /** @internal */ used: bool[] = [];
  /** @internal */ nextPositional: i32 = 0;
  /** @internal */ errors: string[] = [];

  constructor(conf: string) {
    const parts = splitArgs(conf);
    let seenKeyword = false;
    for (let i = 0; i < parts.length; i++) {
      const a = parts[i];
      const k = keywordLength(a);
      if (k > 0) {
        seenKeyword = true;
        this.keywords.push(a.substring(0, k));
        this.values.push(trimSpace(a.substring(k)));
        this.used.push(false);
      } else if (seenKeyword) {
        this.errors.push("positional argument '" + a + "' after keyword arguments");
      } else {
        this.positional.push(a);
      }
    }
  }

  /** Number of arguments (positional and keyword). */
  get size(): i32 { return this.positional.length + this.keywords.length; }
  /** Positional argument i, raw (for elements with variable argument lists, like Classifier). */
  positionalAt(i: i32): string { return this.positional[i]; }
  get positionalCount(): i32 { return this.positional.length; }
  /** Marks every positional argument as consumed (for variable-length argument lists). */
  consumeAllPositional(): void { this.nextPositional = this.positional.length; }

  /** Optional keyword argument. */
  read(name: string): ArgReader { return this.find(name, false, false); }
  /** Mandatory keyword argument. */
  readM(name: string): ArgReader { return this.find(name, true, false); }
  /** Optional positional argument (or its keyword). */
  readP(name: string): ArgReader { return this.find(name, false, true); }
  /** Mandatory positional argument (or its keyword). */
  readMP(name: string): ArgReader { return this.find(name, true, true); }

  /** Adds an error to report (Click's errh->error within configure). */
  error(message: string): void { this.errors.push(message); }

  /** Errors for arguments nobody read; called by the generated glue after configure. */
  complete(): void {
    if (this.nextPositional < this.positional.length) this.errors.push("too many arguments");
    for (let i = 0; i < this.keywords.length; i++) {
      if (!this.used[i]) this.errors.push("unknown keyword " + this.keywords[i]);
    }
  }

  private find(name: string, mandatory: bool, positional: bool): ArgReader {
    // A reader of its own per read (configuration time only), so a reader kept
    // while another argument is read still reads its own.
    const r = new ArgReader(this);
    r.name = name;
    // A keyword given explicitly wins; the last occurrence counts, as in Click.
    for (let i = this.keywords.length - 1; i >= 0; i--) {
      if (this.keywords[i] == name) {
        for (let j = 0; j <= i; j++) if (this.keywords[j] == name) this.used[j] = true;
        r.present = true;
        r.value = this.values[i];
        return r;
      }
    }
    if (positional && this.nextPositional < this.positional.length) {
      r.present = true;
      r.value = this.positional[this.nextPositional++];
      return r;
    }
    if (mandatory) this.errors.push("missing mandatory " + name + " argument");
    return r;
  }
}

/** Typed access to one argument; each getter returns `def` when it is absent. */
export class ArgReader {
  name: string = "";
  value: string = "";
  present: bool = false;
  private num: ParsedNumber = new ParsedNumber();
  constructor(private args: Args) {}

  private mismatch(expected: string): void {
    this.args.errors.push(this.name + " type mismatch: expected " + expected);
  }

  int(def: i32 = 0): i32 {
    if (!this.present) return def;
    if (!parseInteger(this.value, this.num) || this.num.int < i32.MIN_VALUE || this.num.int > i32.MAX_VALUE) { this.mismatch("integer"); return def; }
    return <i32>this.num.int;
  }
  unsigned(def: u32 = 0): u32 {
    if (!this.present) return def;
    if (!parseInteger(this.value, this.num) || this.num.int < 0 || this.num.int > <i64>u32.MAX_VALUE) { this.mismatch("unsigned integer"); return def; }
    return <u32>this.num.int;
  }
  i64(def: i64 = 0): i64 {
    if (!this.present) return def;
    if (!parseInteger(this.value, this.num)) { this.mismatch("integer"); return def; }
    return this.num.int;
  }
  u64(def: u64 = 0): u64 {
    if (!this.present) return def;
    if (!parseInteger(this.value, this.num) || this.num.int < 0) { this.mismatch("unsigned integer"); return def; }
    return <u64>this.num.int;
  }
  double(def: f64 = 0): f64 {
    if (!this.present) return def;
    if (!parseReal(this.value, this.num)) { this.mismatch("real number"); return def; }
    return this.num.float;
  }
  bool(def: bool = false): bool {
    if (!this.present) return def;
    const v = this.value.toLowerCase();
    if (v == "true" || v == "yes" || v == "1" || v == "t" || v == "y" || v == "on") return true;
    if (v == "false" || v == "no" || v == "0" || v == "f" || v == "n" || v == "off") return false;
    this.mismatch("bool");
    return def;
  }
  /** A string argument, unquoted with Click's rules. */
  string(def: string = ""): string { return this.present ? unquote(this.value) : def; }
  /** The argument's raw text (quotes kept). */
  word(def: string = ""): string { return this.present ? this.value : def; }
  ip(def: IPAddress | null = null): IPAddress | null {
    if (!this.present) return def;
    const a = IPAddress.parse(this.value);
    if (a === null) { this.mismatch("IP address"); return def; }
    return a;
  }
  ip6(def: IP6Address | null = null): IP6Address | null {
    if (!this.present) return def;
    const a = IP6Address.parse(this.value);
    if (a === null) { this.mismatch("IPv6 address"); return def; }
    return a;
  }
  ipPrefix(def: IPPrefix | null = null): IPPrefix | null {
    if (!this.present) return def;
    const a = IPPrefix.parse(this.value);
    if (a === null) { this.mismatch("IP address prefix"); return def; }
    return a;
  }
  ether(def: EtherAddress | null = null): EtherAddress | null {
    if (!this.present) return def;
    const a = EtherAddress.parse(this.value);
    if (a === null) { this.mismatch("Ethernet address"); return def; }
    return a;
  }
  /** Time interval in nanoseconds ("1s", "250ms", "2.5"). */
  interval(defNs: i64 = 0): i64 {
    if (!this.present) return defNs;
    if (!parseInterval(this.value, this.num)) { this.mismatch("time interval"); return defNs; }
    return this.num.int;
  }
  /** Bandwidth in bytes per second ("10Mbps", "1GBps"). */
  bandwidth(def: u64 = 0): u64 {
    if (!this.present) return def;
    if (!parseBandwidth(this.value, this.num)) { this.mismatch("bandwidth"); return def; }
    return <u64>this.num.int;
  }
}
