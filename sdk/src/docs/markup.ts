// Click's doc text (elementdoc's POD-like markup) to Markdown: C<code>, B<bold>,
// I<italic>, E<lt>/E<gt>, L<...>, and paragraphs indented by whitespace shown as
// code blocks (Click's examples are written that way).

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", verbar: "|", sol: "/" };

export function inlineMarkup(text: string): string {
  // Innermost first, so C<E<gt>> works.
  let s = text.replace(/E<(\w+)>/g, (m, e: string) => ENTITIES[e] ?? m);
  for (let guard = 0; guard < 8 && /[CBIL]<[^<>]*>/.test(s); guard++) {
    s = s.replace(/C<([^<>]*)>/g, "`$1`").replace(/B<([^<>]*)>/g, "**$1**").replace(/I<([^<>]*)>/g, "*$1*")
      .replace(/L<([^<>|]*)(?:\|[^<>]*)?>/g, "$1");
  }
  return s;
}

/** Converts a doc section's body to Markdown paragraphs and code blocks. */
export function docToMarkdown(body: string): string {
  const out: string[] = [];
  for (const para of body.replace(/\r/g, "").split(/\n[ \t]*\n/)) {
    const lines = para.split("\n").filter((l, i, a) => !(l.trim() === "" && (i === 0 || i === a.length - 1)));
    if (!lines.length || lines.every((l) => l.trim() === "")) continue;
    if (lines.every((l) => /^[ \t]/.test(l) || l.trim() === "")) {
      const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
      out.push("```\n" + lines.map((l) => l.slice(indent)).join("\n") + "\n```");
    } else {
      out.push(inlineMarkup(lines.map((l) => l.trim()).join(" ")));
    }
  }
  return out.join("\n\n");
}

/** Text safe inside a Markdown table cell. */
export function cell(text: string | undefined): string {
  if (!text) return "";
  return inlineMarkup(text.replace(/\s*\n\s*/g, " ").trim()).replace(/\|/g, "\\|");
}
