// AssemblyScript entry for args.test.ts: Args and the config splitter, driven with strings.

import { Args } from "../../../assembly/args";
import { splitArgs, unquote } from "../../../assembly/config";

function report(a: Args, values: string): string {
  a.complete();
  return values + (a.errors.length ? " !" + a.errors.join(" !") : "");
}
export function split(conf: string): string { return splitArgs(conf).join("|"); }
export function unq(s: string): string { return unquote(s); }
export function typed(conf: string): string {
  const a = new Args(conf);
  const n = a.readMP("N").int();
  const u = a.readP("U").unsigned(7);
  const b = a.read("FLAG").bool(false);
  const s = a.read("NAME").string("none");
  const ip = a.read("ADDR").ip();
  const pfx = a.read("NET").ipPrefix();
  const eth = a.read("MAC").ether();
  const ip6 = a.read("ADDR6").ip6();
  const t = a.read("WAIT").interval(0);
  const bw = a.read("RATE").bandwidth(0);
  const d = a.read("SCALE").double(1);
  return report(a, [n.toString(), u.toString(), b ? "true" : "false", s,
    ip ? ip.toString() : "-", pfx ? pfx.toString() : "-", eth ? eth.toString() : "-", ip6 ? ip6.toString() : "-",
    t.toString(), bw.toString(), d.toString()].join(","));
}
export function mandatory(conf: string): string {
  const a = new Args(conf);
  const x = a.readM("X").int();
  return report(a, x.toString());
}

/** One optional positional word (PaintSwitch's ANNO): returns it, or "-". */
export function word(conf: string): string {
  const a = new Args(conf);
  const w = a.readP("ANNO").word("-");
  return report(a, w);
}

/** Two readers held at once each read their own argument (no shared reader). */
export function heldReaders(conf: string): string {
  const a = new Args(conf);
  const x = a.readMP("X");
  const y = a.readMP("Y");
  return report(a, x.int(-1).toString() + "," + y.int(-1).toString());
}

/** The split arguments as a JSON array (for the shared case list). */
export function splitJson(conf: string): string {
  const parts = splitArgs(conf);
  let out = "[";
  for (let i = 0; i < parts.length; i++) out += (i ? "," : "") + jsonString(parts[i]);
  return out + "]";
}

function jsonString(s: string): string {
  let out = "\"";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c == 34) out += "\\\"";
    else if (c == 92) out += "\\\\";
    else if (c == 10) out += "\\n";
    else if (c == 9) out += "\\t";
    else out += String.fromCharCode(c);
  }
  return out + "\"";
}
