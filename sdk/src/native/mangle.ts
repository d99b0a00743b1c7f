// wasm2c 1.0.32's name mangling (checked against its output): a name keeps
// [A-Za-z0-9_]; any other byte, and 'Z' itself, becomes 'Z' + two upper-case
// hex digits. Module-level symbols are `Z_<module>...`, exports
// `Z_<module>Z_<export>`.

export function mangle(name: string): string {
  let out = "";
  for (const b of new TextEncoder().encode(name)) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9_]/.test(c) && c !== "Z" ? c : "Z" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/** A default module name (wasm2c -n) from a file or package name: a C identifier. */
export function modulePrefix(from: string): string {
  const base = from.replace(/^.*[\\/]/, "").replace(/\.wasm$/, "").replace(/^@[^/]*\//, "");
  let p = base.replace(/[^A-Za-z0-9_]/g, "_");
  if (!/^[A-Za-z_]/.test(p)) p = "m_" + p;
  return p || "module";
}

// `?` too: -std=c99 turns on trigraphs ("??/" would be a backslash).
const NAMED_ESCAPES: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "?": "\\?" };

/** A C string literal (octal escapes: never greedy, unlike \x). */
export function cString(s: string, width = 100): string {
  const bytes = new TextEncoder().encode(s);
  const lines: string[] = [];
  let cur = "";
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    const named = NAMED_ESCAPES[c];
    cur += named ?? (b >= 0x20 && b < 0x7f ? c : "\\" + b.toString(8).padStart(3, "0"));
    if (cur.length >= width) { lines.push(cur); cur = ""; }
  }
  if (cur || !lines.length) lines.push(cur);
  return lines.map((l) => `"${l}"`).join("\n  ");
}
