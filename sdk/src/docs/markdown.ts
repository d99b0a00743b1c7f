// Markdown pages from clickos.meta, laid out like Click's element man pages:
// name and summary, synopsis, ports, processing, arguments, handlers, description,
// examples, notes, see also. One page per element class and an index.

import type { ClassMeta, ModuleMeta } from "../build/metadata.ts";
import { describePorts, describeProcessing } from "./ports.ts";
import { cell, docToMarkdown, inlineMarkup } from "./markup.ts";

const TYPE_WORDS: Record<string, string> = {
  int: "integer", unsigned: "unsigned integer", i64: "64-bit integer", u64: "unsigned 64-bit integer",
  double: "real number", bool: "boolean", string: "string", word: "word", ip: "IPv4 address",
  ip6: "IPv6 address", ipPrefix: "IPv4 prefix", ether: "Ethernet address", interval: "time interval",
  bandwidth: "bandwidth",
};

export function pageName(className: string): string {
  return `${className}.md`;
}

function seeAlso(text: string, known: Set<string>): string {
  return text.split(/[\s,]+/).filter(Boolean).map((n) => {
    const name = n.replace(/\(.*$/, "");
    return known.has(name) ? `[${name}](${pageName(name)})` : `\`${inlineMarkup(n)}\``;
  }).join(", ");
}

export function renderClass(c: ClassMeta, known: Set<string> = new Set()): string {
  const d = c.doc ?? {};
  const md: string[] = [];
  md.push(`# ${c.name}`, "");
  if (d.summary) md.push(inlineMarkup(d.summary), "");
  if (d.category) md.push(`Category: \`${d.category}\``, "");
  md.push("## Synopsis", "", "```", d.c?.trim() || c.name, "```", "");
  md.push("## Ports", "", `\`${c.ports}\`: ${describePorts(c.ports)}.`, "");
  md.push("## Processing", "", `\`${c.processing}\`: ${describeProcessing(c.processing, c.ports)}.`, "");
  if (c.flowCode) md.push(`Flow code \`${c.flowCode}\`.`, "");
  if (c.task) md.push("Runs a task (Click's `run_task`): the router runs it again and again while it runs.", "");

  if (c.args.length) {
    md.push("## Arguments", "", "| Argument | Type | Required | Positional | Default | Description |", "|---|---|---|---|---|---|");
    for (const a of c.args) {
      md.push(`| \`${a.name}\` | ${TYPE_WORDS[a.type] ?? a.type} | ${a.required ? "yes" : "no"} | ${a.positional ? "yes" : "no"} | ${a.default !== undefined ? `\`${cell(a.default)}\`` : ""} | ${cell(a.doc)} |`);
    }
    md.push("");
  }
  // Click's descriptions introduce their keywords ("Keyword arguments are:") and list
  // them with =item; show them there as Click's man pages do. Items that are not Args
  // (variable argument lists) are shown in any case.
  const argNames = new Set(c.args.map((a) => a.name));
  const listsItems = /:\s*$/.test(d.d ?? "");
  const extraItems = Object.entries(d.items ?? {}).filter(([k]) => listsItems || !argNames.has(k));

  if (c.handlers.length) {
    md.push("## Handlers", "", "| Handler | Access | Type | Description |", "|---|---|---|---|");
    for (const h of c.handlers) {
      const access = h.read && h.write ? "read/write" : h.read ? "read-only" : "write-only";
      md.push(`| \`${h.name}\` | ${access} | ${h.type} | ${cell(h.doc)} |`);
    }
    md.push("");
  }
  if (d.d || extraItems.length) {
    md.push("## Description", "");
    if (d.d) md.push(docToMarkdown(d.d), "");
    for (const [k, v] of extraItems) md.push(`- **${k}**: ${docToMarkdown(v).replace(/\n/g, "\n  ")}`);
    if (extraItems.length) md.push("");
  }
  if (d.e) md.push("## Examples", "", docToMarkdown(d.e), "");
  if (d.n) md.push("## Notes", "", docToMarkdown(d.n), "");
  if (d.a) md.push("## See also", "", seeAlso(d.a, known), "");
  md.push(`---`, `Source: \`${c.source.file}:${c.source.line}\``, "");
  return md.join("\n");
}

export function renderIndex(meta: ModuleMeta): string {
  const title = meta.package ? `${meta.package.name} ${meta.package.version}` : "Element classes";
  const md = [`# ${title}`, "", `ClickOS ABI ${meta.abi}, built with @clickos/sdk ${meta.sdk}. ${meta.classes.length} element class${meta.classes.length === 1 ? "" : "es"}.`, ""];
  md.push("| Element | Category | Ports | Summary |", "|---|---|---|---|");
  const sorted = [...meta.classes].sort((a, b) => (a.doc?.category ?? "~").localeCompare(b.doc?.category ?? "~") || a.name.localeCompare(b.name));
  for (const c of sorted) md.push(`| [${c.name}](${pageName(c.name)}) | ${c.doc?.category ?? ""} | \`${c.ports}\` | ${cell(c.doc?.summary)} |`);
  md.push("");
  return md.join("\n");
}

/** Every page of a module: file name → Markdown. */
export function renderDocs(meta: ModuleMeta): Map<string, string> {
  const known = new Set(meta.classes.map((c) => c.name));
  const pages = new Map<string, string>();
  for (const c of meta.classes) pages.set(pageName(c.name), renderClass(c, known));
  pages.set("index.md", renderIndex(meta));
  return pages;
}
