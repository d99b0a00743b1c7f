// Text ⇄ bytes for the three address families tests write by hand.
// Parsers throw a TypeError naming the bad text, so a typo in a test fails loudly.

const hex2 = (b: number) => b.toString(16).padStart(2, "0");

/** "00:11:22:33:44:55" or "00-11-22-33-44-55" → 6 bytes. */
export function parseMac(text: string): Uint8Array {
  const parts = text.split(/[:-]/);
  if (parts.length !== 6 || !parts.every((p) => /^[0-9a-fA-F]{1,2}$/.test(p))) {
    throw new TypeError(`invalid MAC address "${text}"`);
  }
  return Uint8Array.from(parts, (p) => parseInt(p, 16));
}

export function formatMac(b: Uint8Array): string {
  return Array.from(b.subarray(0, 6), hex2).join(":");
}

/** Dotted quad → 4 bytes; each part decimal 0..255 without leading zeros ambiguity. */
export function parseIPv4(text: string): Uint8Array {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) {
    throw new TypeError(`invalid IPv4 address "${text}"`);
  }
  return Uint8Array.from(parts, Number);
}

export function formatIPv4(b: Uint8Array): string {
  return Array.from(b.subarray(0, 4)).join(".");
}

/** RFC 4291 text (with "::" and an optional trailing dotted quad) → 16 bytes. */
export function parseIPv6(text: string): Uint8Array {
  const bad = () => new TypeError(`invalid IPv6 address "${text}"`);
  const halves = text.split("::");
  if (halves.length > 2) throw bad();
  const groups = (s: string): number[] => {
    if (s === "") return [];
    const out: number[] = [];
    const parts = s.split(":");
    parts.forEach((p, i) => {
      if (i === parts.length - 1 && p.includes(".")) {
        const v4 = parseIPv4(p);
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) {
        out.push(parseInt(p, 16));
      } else {
        throw bad();
      }
    });
    return out;
  };
  let words: number[];
  try {
    const head = groups(halves[0]);
    if (halves.length === 1) {
      words = head;
      if (words.length !== 8) throw bad();
    } else {
      const tail = groups(halves[1]);
      // "::" stands for at least one zero group.
      if (head.length + tail.length > 7) throw bad();
      words = [...head, ...new Array(8 - head.length - tail.length).fill(0), ...tail];
    }
  } catch {
    throw bad();
  }
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    out[2 * i] = w >> 8;
    out[2 * i + 1] = w & 0xff;
  });
  return out;
}

/** RFC 5952 canonical text: lower case, longest zero run (≥2 groups) as "::". */
export function formatIPv6(b: Uint8Array): string {
  const w = Array.from({ length: 8 }, (_, i) => (b[2 * i] << 8) | b[2 * i + 1]);
  // IPv4-mapped addresses read best with the dotted quad, as inet_ntop prints them.
  if (w.slice(0, 5).every((x) => x === 0) && w[5] === 0xffff) {
    return `::ffff:${formatIPv4(b.subarray(12, 16))}`;
  }
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (w[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && w[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const txt = (a: number[]) => a.map((x) => x.toString(16)).join(":");
  if (best < 0) return txt(w);
  return `${txt(w.slice(0, best))}::${txt(w.slice(best + bestLen))}`;
}
