// Click's element documentation format: a comment with =c, =s, =d, =h, =e, =a
// sections (elementdoc's markup). We parse the sections we show and keep them as text.

import type { DocBlock } from "./metadata.ts";

export function findDocComment(fileText: string): { text: string; line: number } | null {
  const re = /\/\*([\s\S]*?)\*\//g;
  for (let m = re.exec(fileText); m; m = re.exec(fileText)) {
    if (/^\s*\*?\s*=c\b/m.test(m[1])) {
      const line = fileText.slice(0, m.index).split("\n").length;
      return { text: m[1].replace(/^[ \t]*\* ?/gm, ""), line };
    }
  }
  return null;
}

export function parseDocBlock(text: string): DocBlock {
  const doc: DocBlock = { items: {}, handlers: {} };
  const sections: Array<{ key: string; rest: string; body: string[] }> = [];
  for (const raw of text.split("\n")) {
    const m = /^=(\w+)\s*(.*)$/.exec(raw.trim());
    if (m) sections.push({ key: m[1], rest: m[2], body: [] });
    else if (sections.length) sections[sections.length - 1].body.push(raw);
  }
  let lastHandler: string | null = null;
  let lastItem: string | null = null;
  for (const s of sections) {
    const body = s.body.join("\n").trim();
    switch (s.key) {
      case "c": doc.c = [s.rest, body].filter(Boolean).join("\n"); break;
      case "s":
        doc.category = s.rest.trim() || undefined;
        doc.summary = body.split("\n")[0]?.trim() || undefined;
        doc.s = [s.rest, body].filter(Boolean).join("\n");
        break;
      case "d": doc.d = body; lastItem = null; break;
      case "item": lastItem = s.rest.trim(); doc.items![lastItem] = body; break;
      case "h": {
        lastHandler = s.rest.trim().split(/\s+/)[0];
        doc.handlers![lastHandler] = body;
        doc.h = [doc.h, `${s.rest.trim()}\n${body}`].filter(Boolean).join("\n\n");
        break;
      }
      case "e": doc.e = body; break;
      case "a": doc.a = [s.rest, body].filter(Boolean).join(" ").trim(); break;
      case "n": doc.n = body; break;
      default: if (lastItem && s.key === "back") lastItem = null;
    }
  }
  void lastHandler;
  return doc;
}
