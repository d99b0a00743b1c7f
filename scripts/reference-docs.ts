// Generates the two reference pages that are not per-element:
//   docs/author-api.md     the AssemblyScript author API (@clickos/sdk), from the
//                          doc comments of what sdk/assembly/index.ts exports;
//   docs/host-elements.md  the Node host's built-in elements (FromDump, ToDump,
//                          Counter, Queue, Tee, FromNetFront, ...): ports,
//                          processing, arguments, handlers and description, from
//                          each class and its source file.
// Run: npx tsx --conditions=source scripts/reference-docs.ts [--check]
// --check exits 1 when a committed page differs (npm test runs the same check).
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Project, Node, type ClassDeclaration, type FunctionDeclaration } from "ts-morph";
import { HOST_CLASSES } from "../runtime/src/host/elements/index.ts";

const ROOT = resolve(import.meta.dirname, "..");
const SDK = join(ROOT, "sdk", "assembly");

/** The exported declarations of sdk/assembly/index.ts, module by module. */
function authorApi(): string {
  const project = new Project({ compilerOptions: { allowJs: false }, skipAddingFilesFromTsConfig: true });
  const modules: [string, string][] = [];
  const index = readFileSync(join(SDK, "index.ts"), "utf8");
  for (const m of index.matchAll(/^export (?:\{([^}]*)\}|\*) from "\.\/([^"]+)";/gm)) modules.push([m[1] ?? "*", m[2]]);
  const out: string[] = [
    "# Author API reference (`@clickos/sdk`)", "",
    "Generated from the doc comments of `sdk/assembly` by `scripts/reference-docs.ts`; do not edit.",
    "The tutorial is in the [README](../README.md); the boundary itself in [sdk/ABI.md](../sdk/ABI.md).", "",
    "## Declaring an element", "",
    "`clickos build` reads these with ts-morph and generates the ABI glue and the `clickos.meta` metadata:", "",
    "- `@element(\"Name\", { ports: \"1/1-2\", processing: \"a\" })` on a class extending `Element`: its Click class name, port counts and processing code, in Click's notation.",
    "- An element class may extend another element class, or a plain class of the same package that extends `Element`, as Click's elements inherit from one another: it inherits the base's handlers, its push and simpleAction, and the arguments its `configure` reaches through `super.configure(args)` (listed where that call is).",
    "- `@handler(\"name\")` on a bool, integer, float or string field: a read handler printing it; `@handler(\"name\", \"rw\")` also writes it, parsed as the configuration would be.",
    "- `@handler(\"name\")` on a method returning `string`, or taking a `StringAccum` and returning `void` (text that grows with the element's state; it streams to the host), is a read handler; `@handler(\"name\", \"w\")` on a method taking a `string` is a write handler (refuse with `this.error`).",
    "- `configure(args)` reads arguments with literal `args.read*(\"NAME\").type(default)` calls, which the build lists in the metadata (`read` keyword, `readP` positional or keyword, `readM`/`readMP` mandatory).",
    "- Click's doc block (`=c =s =d =a`, `=item`, `=h`, `=e`) in a comment at the top of the file becomes the element's documentation (`clickos docs`).", "",
  ];
  const files: string[] = [];
  for (const [names, mod] of modules) {
    const path = join(SDK, `${mod}.ts`);
    const nested = mod.endsWith("/index") ? readFileSync(path, "utf8") : null;
    if (nested) for (const n of nested.matchAll(/^export \* from "\.\/([^"]+)";/gm)) files.push(join(SDK, mod.replace(/index$/, ""), `${n[1]}.ts`));
    else files.push(path + (names === "*" ? "" : `#${names}`));
  }
  for (const entry of files) {
    const [path, only] = entry.split("#");
    const wanted = only ? new Set(only.split(",").map((s) => s.trim().split(/\s+as\s+/)[0])) : null;
    const sf = project.addSourceFileAtPath(path);
    const rel = path.slice(ROOT.length + 1);
    const decls = sf.getStatements().filter((s) => Node.isExportable(s) && (s as any).isExported?.());
    const shown = decls.filter((d) => {
      const name = (d as any).getName?.() ?? (Node.isVariableStatement(d) ? d.getDeclarations()[0].getName() : "");
      return name && !name.startsWith("_") && (!wanted || wanted.has(name)) && !/@internal/.test(docOf(d));
    });
    if (!shown.length) continue;
    out.push(`## \`${rel}\``, "");
    for (const d of shown) {
      if (Node.isClassDeclaration(d)) out.push(...classDoc(d));
      else if (Node.isModuleDeclaration(d)) {
        // A namespace (Anno, log): its exported constants and functions.
        out.push("", `### namespace \`${d.getName()}\``, "");
        if (docOf(d)) out.push(docOf(d), "");
        for (const st of d.getStatements()) {
          if (Node.isVariableStatement(st) && st.isExported()) {
            for (const v of st.getDeclarations()) out.push(`- \`${d.getName()}.${v.getName()} = ${v.getInitializer()?.getText() ?? ""}\`${docLine(docOf(st))}`);
          } else if (Node.isFunctionDeclaration(st) && st.isExported()) out.push(...functionDoc(st).map((l) => l.replace("function `", `function \`${d.getName()}.`)));
        }
        out.push("");
      }
      else if (Node.isFunctionDeclaration(d)) out.push(...functionDoc(d));
      else if (Node.isVariableStatement(d)) {
        const v = d.getDeclarations()[0];
        out.push(`- \`${v.getName()}${v.getTypeNode() ? ": " + v.getTypeNode()!.getText() : ""}\`${docLine(docOf(d))}`);
      }
    }
    out.push("");
  }
  return out.join("\n").replace(/\n{3,}/g, "\n\n");
}

function docOf(n: Node): string {
  return (n as any).getJsDocs?.().map((j: any) => j.getDescription().trim()).join(" ").replace(/\s+/g, " ").trim() ?? "";
}
const docLine = (d: string) => (d ? ` — ${d}` : "");

function classDoc(c: ClassDeclaration): string[] {
  const lines = ["", `### class \`${c.getName()}\`${c.getExtends() ? ` extends \`${c.getExtends()!.getText()}\`` : ""}`, ""];
  const d = docOf(c);
  if (d) lines.push(d, "");
  for (const k of c.getConstructors()) {
    if (k.hasModifier("private")) continue;
    lines.push(`- \`new ${c.getName()}(${k.getParameters().map((p) => p.getText().replace(/^(private|public|protected|readonly)\s+/g, "").replace(/^readonly\s+/, "")).join(", ")})\`${docLine(docOf(k))}`);
    for (const p of k.getParameters()) {
      if (p.hasModifier("public") || p.hasModifier("readonly") && !p.hasModifier("private")) lines.push(`- \`${p.isReadonly() ? "readonly " : ""}${p.getName()}${p.getTypeNode() ? ": " + p.getTypeNode()!.getText() : ""}\``);
    }
  }
  for (const m of c.getMembers()) {
    const name = (m as any).getName?.() as string | undefined;
    if (!name || name.startsWith("_") || name === "constructor") continue;
    if ((m as any).hasModifier?.("private") || (m as any).hasModifier?.("protected")) continue;
    const doc = docOf(m);
    if (/@internal/.test(doc) || /@internal/.test(m.getText().split("\n")[0])) continue;
    let sig = "";
    if (Node.isMethodDeclaration(m)) sig = `${m.isStatic() ? "static " : ""}${name}(${m.getParameters().map((p) => p.getText()).join(", ")})${m.getReturnTypeNode() ? ": " + m.getReturnTypeNode()!.getText() : ""}`;
    else if (Node.isGetAccessorDeclaration(m)) sig = `get ${name}: ${m.getReturnTypeNode()?.getText() ?? ""}`;
    else if (Node.isSetAccessorDeclaration(m)) continue; // shown with its getter
    else if (Node.isPropertyDeclaration(m)) sig = `${m.isStatic() ? "static " : ""}${m.isReadonly() ? "readonly " : ""}${name}${m.getTypeNode() ? ": " + m.getTypeNode()!.getText() : ""}`;
    else continue;
    lines.push(`- \`${sig.replace(/\s+/g, " ")}\`${docLine(doc)}`);
  }
  lines.push("");
  return lines;
}

function functionDoc(f: FunctionDeclaration): string[] {
  const sig = `${f.getName()}(${f.getParameters().map((p) => p.getText()).join(", ")})${f.getReturnTypeNode() ? ": " + f.getReturnTypeNode()!.getText() : ""}`;
  return [`- function \`${sig.replace(/\s+/g, " ")}\`${docLine(docOf(f))}`];
}

/** The Node host's elements, from HOST_CLASSES and their sources. */
function hostElements(): string {
  const dir = join(ROOT, "runtime", "src", "host", "elements");
  const sources = readdirSync(dir).filter((f) => f.endsWith(".ts")).map((f) => ({ f, text: readFileSync(join(dir, f), "utf8") }));
  const out: string[] = [
    "# Host elements (the Node host's built-in classes)", "",
    "Generated from `runtime/src/host/elements` by `scripts/reference-docs.ts`; do not edit.",
    "These run in the Node host beside the WebAssembly elements; their names, arguments and ports are Click's.",
    "The standard WebAssembly elements are in [elements/docs](../elements/docs/index.md).", "",
    "| class | ports | processing | |", "|---|---|---|---|",
  ];
  // ClickOS's own spellings (FromNetfront) are the same classes as Click's (FromNetFront).
  const primary = new Map<string, string>();
  for (const c of HOST_CLASSES) if (!primary.has(c.name.toLowerCase())) primary.set(c.name.toLowerCase(), c.name);
  for (const c of HOST_CLASSES) out.push(`| [${c.name}](#${primary.get(c.name.toLowerCase())!.toLowerCase()}) | \`${c.ports}\` | \`${c.processing}\` | ${c.doc ?? ""} |`);
  out.push("");
  for (const c of HOST_CLASSES) {
    if (primary.get(c.name.toLowerCase()) !== c.name) continue; // documented under its first spelling
    const aliases = HOST_CLASSES.filter((x) => x.name !== c.name && x.name.toLowerCase() === c.name.toLowerCase()).map((x) => x.name);
    const src = sources.find((s) => s.text.includes(`name: "${c.name}"`) || s.text.includes(`("${c.name}", `))!;
    const what = (c.doc ?? "").replace(/^./, (x) => x.toUpperCase());
    out.push(`## ${c.name}`, "", `${what}. Ports \`${c.ports}\`, processing \`${c.processing}\`${c.flowCode ? `, flow code \`${c.flowCode}\`` : ""}. Source: \`runtime/src/host/elements/${src.f}\`.${aliases.length ? ` Also spelt ${aliases.map((a) => `\`${a}\``).join(", ")}.` : ""}`, "");
    const header = src.text.split("\n").filter((l, i, all) => all.slice(0, i + 1).every((x) => x.startsWith("//"))).map((l) => l.replace(/^\/\/ ?/, ""));
    if (header.length) out.push(header.join(" ").replace(/\s+/g, " ").trim(), "");
    const args = [...src.text.matchAll(/a\.(string|bool|unsigned|int)\("([A-Z_]+)"(?:, ([^)]*))?\)/g)];
    if (args.length) {
      out.push("| argument | type | positional | mandatory | default |", "|---|---|---|---|---|");
      const seen = new Set<string>();
      for (const [, type, name, rest = ""] of args) {
        if (seen.has(name)) continue;
        seen.add(name);
        const def = /default: ([^,}]+)/.exec(rest)?.[1]?.trim() ?? (type === "bool" ? rest.split(",")[0]?.trim() : "");
        out.push(`| \`${name}\` | ${type} | ${/positional: true/.test(rest) || (type === "bool" && /, true\)?$/.test(rest.split(",").slice(1).join(","))) ? "yes" : "no"} | ${/mandatory: true/.test(rest) ? "yes" : "no"} | ${def ? `\`${def.replace(/\|/g, "\\|")}\`` : ""} |`);
      }
      out.push("");
    }
    const handlers = c.create("x", "", "", 0).handlers();
    if (handlers.length) {
      out.push("| handler | mode | |", "|---|---|---|");
      for (const h of handlers) out.push(`| \`${h.name}\` | ${h.read && h.write ? "read/write" : h.read ? "read" : "write"} | ${h.doc ?? ""} |`);
      out.push("");
    }
  }
  return out.join("\n");
}

export function referencePages(): Record<string, string> {
  return { "docs/author-api.md": authorApi(), "docs/host-elements.md": hostElements() };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const [file, text] of Object.entries(referencePages())) {
    const path = join(ROOT, file);
    let old = "";
    try { old = readFileSync(path, "utf8"); } catch { /* new */ }
    if (old === text) continue;
    if (check) { console.error(`${file} is stale: run npx tsx --conditions=source scripts/reference-docs.ts`); stale++; }
    else { writeFileSync(path, text); console.log(`wrote ${file}`); }
  }
  process.exit(stale ? 1 : 0);
}
