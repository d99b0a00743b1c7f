// create-clickos-element: scaffolds a ClickOS element package from a template.
// Interactive on a terminal (@clack/prompts); every question also has a flag, and
// without a terminal (or with --yes) the defaults are taken, so scripts never hang.

import * as p from "@clack/prompts";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { basename, isAbsolute, join, relative, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseFlags, TEMPLATES, USAGE, UsageError, type Flags, type Template } from "./args.ts";
import { packageNameProblem, classNameFor, classNameProblem } from "./names.ts";
import { copyTemplate } from "./copy.ts";
import { SDK_RANGE } from "./versions.ts";

const DESCRIPTIONS: Record<Template, { label: string; hint: string; description: string }> = {
  simple: { label: "simple", hint: "one packet in, one out: sets the IP TTL and counts", description: "A ClickOS element that sets the IP time-to-live" },
  classifier: { label: "classifier", hint: "two outputs, chosen by IP protocol", description: "A ClickOS element that splits IP packets by protocol" },
  stateful: { label: "stateful", hint: "a preallocated flow table and a read handler", description: "A ClickOS element that counts packets per IPv4 flow" },
  scheduler: { label: "scheduler", hint: "a pull element: weighted round robin over its inputs", description: "A ClickOS element that schedules its inputs in weighted round robin" },
};

class Cancelled extends Error {}

function answer<T>(v: T): Exclude<T, symbol> {
  if (p.isCancel(v)) throw new Cancelled();
  return v as Exclude<T, symbol>;
}

/** file: paths are made relative to the new package, so the package can move with its checkout. */
function dependencySpec(spec: string, target: string): string {
  const path = spec.startsWith("file:") ? spec.slice(5) : /^(\.|\/)/.test(spec) ? spec : null;
  if (path === null) return spec;
  const abs = isAbsolute(path) ? path : resolve(path);
  if (!existsSync(join(abs, "package.json"))) throw new UsageError(`${spec}: no package.json there`);
  return "file:" + (relative(target, abs) || ".");
}

function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || (statSync(dir).isDirectory() && readdirSync(dir).filter((f) => f !== ".git").length === 0);
}

interface Plan { target: string; name: string; className: string; template: Template; description: string; install: boolean }

async function plan(f: Flags, interactive: boolean): Promise<Plan> {
  let dir = f.dir;
  if (dir === undefined && interactive) {
    dir = answer(await p.text({ message: "Project directory", placeholder: "my-element", defaultValue: "my-element" }));
  }
  // Without a directory, a given --name names it too (its part after the scope).
  dir ??= f.name?.replace(/^@[^/]+\//, "") || "my-element";
  const target = resolve(dir);

  let name = f.name ?? basename(target);
  if (f.name === undefined && interactive) {
    name = answer(await p.text({
      message: "Package name", initialValue: packageNameProblem(name) ? "" : name,
      validate: (v) => packageNameProblem(v ?? "") ?? undefined,
    }));
  }
  const nameProblem = packageNameProblem(name);
  if (nameProblem) throw new UsageError(`'${name}' is not a valid npm package name: ${nameProblem}${f.name === undefined ? " (pass --name)" : ""}`);

  const className = f.className ?? classNameFor(name);
  const classProblem = classNameProblem(className);
  if (classProblem) throw new UsageError(`--class: ${classProblem}`);

  let template = f.template ?? "simple";
  if (f.template === undefined && interactive) {
    template = answer(await p.select<Template>({
      message: "Template", initialValue: "simple",
      options: TEMPLATES.map((t) => ({ value: t, label: DESCRIPTIONS[t].label, hint: DESCRIPTIONS[t].hint })),
    }));
  }

  let description = f.description ?? DESCRIPTIONS[template].description;
  if (f.description === undefined && interactive) {
    description = answer(await p.text({ message: "Description", initialValue: description }));
  }

  if (!isEmptyDir(target) && !f.force) {
    const where = relative(process.cwd(), target) || ".";
    if (!interactive) throw new UsageError(`${where} is not empty; choose another directory or pass --force to overwrite its files`);
    const go = answer(await p.confirm({ message: `${where} is not empty. Overwrite its files?`, initialValue: false }));
    if (!go) throw new Cancelled();
  }

  let install = f.install ?? true;
  if (f.install === undefined && interactive) {
    install = answer(await p.confirm({ message: "Install dependencies now?", initialValue: true }));
  }
  return { target, name, className, template, description, install };
}

function writePackage(pl: Plan, f: Flags): string[] {
  const templateDir = fileURLToPath(new URL(`../template-${pl.template}`, import.meta.url));
  const files = copyTemplate(templateDir, pl.target, { packageName: pl.name, className: pl.className });
  const pkgPath = join(pl.target, "package.json");
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8"));
  pkg.name = pl.name;
  pkg.description = pl.description;
  pkg.devDependencies["@clickos/sdk"] = dependencySpec(f.sdk ?? SDK_RANGE, pl.target);
  pkg.devDependencies["@clickos/runtime"] = dependencySpec(f.runtime ?? SDK_RANGE, pl.target);
  writeFileSync(pkgPath, JSON.stringify(pkg, null, 2) + "\n");
  // What the README was, so `clickos pack` can warn while it still is (the
  // record stays local: .clickos/ is in the template's .gitignore).
  const readme = join(pl.target, "README.md");
  if (existsSync(readme)) {
    mkdirSync(join(pl.target, ".clickos"), { recursive: true });
    writeFileSync(join(pl.target, ".clickos", "scaffold.json"), JSON.stringify({ template: pl.template, readme: createHash("sha256").update(readFileSync(readme)).digest("hex") }, null, 2) + "\n");
  }
  return files;
}

/** The package manager that ran us (npm create / pnpm create / yarn create), npm by default. */
function packageManager(): string {
  const agent = process.env.npm_config_user_agent ?? "";
  const m = /^(npm|pnpm|yarn|bun)\//.exec(agent);
  return m ? m[1] : "npm";
}

async function main(argv: string[]): Promise<number> {
  let f: Flags;
  try {
    f = parseFlags(argv);
  } catch (e) {
    process.stderr.write(`create-clickos-element: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (f.help) { process.stdout.write(USAGE); return 0; }
  const interactive = !f.yes && Boolean(process.stdin.isTTY && process.stdout.isTTY);
  try {
    if (interactive) p.intro("create-clickos-element");
    const pl = await plan(f, interactive);
    const files = writePackage(pl, f);
    const where = relative(process.cwd(), pl.target) || ".";
    const say = (m: string) => (interactive ? p.log.step(m) : process.stdout.write(m + "\n"));
    say(`Created ${pl.name} (${pl.template} template, element ${pl.className}) in ${where}: ${files.length} files`);
    const pm = packageManager();
    if (pl.install) {
      say(`Installing dependencies with ${pm} ...`);
      const r = spawnSync(pm, ["install"], { cwd: pl.target, stdio: "inherit", shell: process.platform === "win32" });
      if (r.status !== 0) {
        // The usual cause: @clickos/sdk and @clickos/runtime are not on the registry
        // this machine uses. Say what else works, with the flags that do it.
        process.stderr.write([
          `create-clickos-element: ${pm} install failed in ${where} (the files are in place).`,
          `If the registry has no @clickos/sdk (or this machine is offline), point the package at a`,
          `clone of the ClickOS Element SDK instead (after npm ci && npm run build in the clone):`,
          `  create-clickos-element ${where} --force --sdk CLONE/sdk --runtime CLONE/runtime  (and the same --template, --class)`,
          `then run ${pm} install in ${where}. Otherwise fix what ${pm} printed above and run ${pm} install there.`,
          "",
        ].join("\n"));
        return 1;
      }
    }
    const next = [where !== "." ? `cd ${where}` : "", pl.install ? "" : `${pm} install`, `${pm} test`].filter(Boolean);
    if (interactive) p.outro(`Next: ${next.join(" && ")}`);
    else process.stdout.write(`Next: ${next.join(" && ")}\n`);
    return 0;
  } catch (e) {
    if (e instanceof Cancelled) {
      if (interactive) p.cancel("Cancelled; nothing was written.");
      else process.stderr.write("create-clickos-element: cancelled; nothing was written\n");
      return 130;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`create-clickos-element: error: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
