// Click's BoolArg for handler writes and hand-parsed arguments.
export function parseBool(v: string): boolean | undefined {
  const t = v.trim().toLowerCase();
  if (["true", "yes", "1", "t", "y", "on"].includes(t)) return true;
  if (["false", "no", "0", "f", "n", "off"].includes(t)) return false;
  return undefined;
}

/** Click's IntArg (decimal or 0x hex, optional sign). */
export function parseInt32(v: string): number | undefined {
  const t = v.trim();
  if (!/^[-+]?(0x[0-9a-fA-F]+|\d+)$/.test(t)) return undefined;
  const n = Number(t.replace(/^[-+]/, ""));
  return t.startsWith("-") ? -n : n;
}

export function boolHandler(name: string, get: () => boolean, set: (b: boolean) => void, doc?: string) {
  return {
    name, doc, read: () => String(get()),
    write: (v: string) => {
      const b = parseBool(v);
      if (b === undefined) throw new Error(`${name}: expected boolean`);
      set(b);
    },
  };
}
