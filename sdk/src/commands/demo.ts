// clickos demo [EXAMPLE...]: runs the example middleboxes in examples/ on their
// bundled captures and prints what happened: packets in and out, each element's
// counters, and where the output captures went.
import { readdirSync, existsSync, readFileSync, mkdirSync } from "node:fs";
import { join, resolve, relative } from "node:path";
import { runClick, readCapture } from "@clickos/runtime";

const INTERNAL = new Set(["class", "name", "config", "ports", "handlers", "module_traps", "trap_policy", "last_trap", "filename"]);

export function findExamplesDir(): string {
  for (const base of [process.cwd(), new URL("../../..", import.meta.url).pathname, new URL("../..", import.meta.url).pathname]) {
    const d = resolve(base, "examples");
    if (existsSync(d)) return d;
  }
  throw new Error("examples/ not found (run the demo from the repository)");
}

export function demoCommand(argv: string[]): number {
  const dir = findExamplesDir();
  const names = argv.length ? argv : readdirSync(dir).filter((n) => existsSync(join(dir, n, `${n}.click`))).sort();
  if (!names.length) throw new Error(`no examples in ${dir}`);
  for (const name of names) {
    const exdir = join(dir, name);
    const cfg = join(exdir, `${name}.click`);
    if (!existsSync(cfg)) throw new Error(`${name}: no ${name}.click in ${exdir}`);
    const cwd = process.cwd();
    process.chdir(exdir);
    try {
      mkdirSync("out", { recursive: true });
      const r = runClick(readFileSync(cfg, "utf8"), { configFile: relative(cwd, cfg), writeToDisk: true, log: (m) => console.log(`    log: ${m}`) });
      const title = readFileSync(join(exdir, "README.md"), "utf8").split("\n")[0].replace(/^#\s*/, "");
      console.log(`\n== ${name}: ${title}`);
      console.log(`   ${r.stats.packetsIn} packets in, ${r.stats.packetsOut} out, ${r.stats.dropped} dropped, ${r.stats.elapsedMs.toFixed(1)} ms`);
      for (const e of r.router.elements) {
        const vals = r.router.handlersOf(e).filter((h) => h.read && !INTERNAL.has(h.name)).map((h) => {
          const v = h.read!();
          return v.includes("\n") ? `${h.name}: (${v.split("\n").length} lines)` : `${h.name} ${v}`;
        }).filter((x) => !/^traps 0$/.test(x));
        if (vals.length) console.log(`   ${e.name} :: ${e.className}: ${vals.join(", ")}`);
      }
      for (const [f, bytes] of Object.entries(r.files)) {
        console.log(`   wrote ${relative(cwd, join(exdir, f))} (${readCapture(bytes).records.length} packets)`);
      }
    } finally {
      process.chdir(cwd);
    }
  }
  return 0;
}
