// Copies a template folder verbatim, renaming `_gitignore` (npm would drop a real
// .gitignore from the published scaffolder) and rewriting the placeholder names.

import { readdirSync, readFileSync, writeFileSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The names the templates are written with; each is replaced on copy. */
export const PLACEHOLDERS = {
  packageName: "clickos-element-template",
  className: "TemplateElement",
  fileName: "templateelement",
} as const;

export interface Names { packageName: string; className: string }

// Only these are rewritten; anything else (pcap fixtures) is copied byte for byte.
const TEXT = /\.(ts|mts|mjs|js|json|md|txt|click)$|^_gitignore$/;

export function rewrite(text: string, n: Names): string {
  return text
    .replaceAll(PLACEHOLDERS.packageName, n.packageName)
    .replaceAll(PLACEHOLDERS.className, n.className)
    .replaceAll(PLACEHOLDERS.fileName, n.className.toLowerCase());
}

function targetName(name: string, n: Names): string {
  if (name === "_gitignore") return ".gitignore";
  return name.replaceAll(PLACEHOLDERS.fileName, n.className.toLowerCase());
}

/** Copies `from` into `to` (created if needed); returns the written paths, relative to `to`. */
export function copyTemplate(from: string, to: string, n: Names, prefix = ""): string[] {
  mkdirSync(to, { recursive: true });
  const written: string[] = [];
  for (const name of readdirSync(from).sort()) {
    if (name === "node_modules" || name === "build" || name === ".clickos") continue;
    const src = join(from, name);
    const outName = targetName(name, n);
    const dst = join(to, outName);
    if (statSync(src).isDirectory()) {
      written.push(...copyTemplate(src, dst, n, prefix + outName + "/"));
    } else if (TEXT.test(name)) {
      writeFileSync(dst, rewrite(readFileSync(src, "utf8"), n));
      written.push(prefix + outName);
    } else {
      writeFileSync(dst, readFileSync(src));
      written.push(prefix + outName);
    }
  }
  return written;
}
