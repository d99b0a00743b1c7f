// clickos demo [EXAMPLE...]: runs the example middleboxes in examples/ (every
// examples/<name>/<name>.click, from its directory, on its bundled captures) and
// prints what happened: packets in and out, the handler values the example
// names in expected-handlers.json (else every element's counters), the captures
// written to examples/<name>/out/, and whether they match the expected ones in
// examples/<name>/expected/. Ends with a one-line-per-example summary; the exit
// status is 1 if an example failed to run or its output differs.
import { readdirSync, existsSync, readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve, relative, basename } from "node:path";
import { runClick, readCapture, type RunResult } from "@clickos/runtime";
import { diffPackets } from "../testing/packet-diff.ts";

const INTERNAL = new Set(["class", "name", "config", "ports", "handlers", "module_traps", "trap_policy", "last_trap", "filename"]);

export function findExamplesDir(): string {
  for (const base of [process.cwd(), new URL("../../..", import.meta.url).pathname, new URL("../..", import.meta.url).pathname]) {
    const d = resolve(base, "examples");
    if (existsSync(d)) return d;
  }
  throw new Error("examples/ not found (run the demo from the repository)");
}

interface Outcome { name: string; ok: boolean; line: string }

export function demoCommand(argv: string[]): number {
  const dir = findExamplesDir();
  const all = readdirSync(dir).filter((n) => existsSync(join(dir, n, `${n}.click`))).sort();
  const names = argv.length ? argv : all;
  if (!names.length) throw new Error(`no examples in ${dir}`);
  for (const n of names) if (!all.includes(n)) throw new Error(`${n}: no example ${join(dir, n, `${n}.click`)} (examples: ${all.join(", ")})`);
  const outcomes = names.map((n) => runOne(dir, n));
  console.log(`\n${outcomes.length} example${outcomes.length === 1 ? "" : "s"}:`);
  const width = Math.max(...outcomes.map((o) => o.name.length));
  for (const o of outcomes) console.log(`  ${o.ok ? "ok  " : "FAIL"} ${o.name.padEnd(width)}  ${o.line}`);
  return outcomes.every((o) => o.ok) ? 0 : 1;
}

function runOne(dir: string, name: string): Outcome {
  const exdir = join(dir, name);
  const cwd = process.cwd();
  const readme = join(exdir, "README.md");
  const title = existsSync(readme) ? readFileSync(readme, "utf8").split("\n")[0].replace(/^#\s*/, "") : name;
  console.log(`\n== ${name}: ${title}`);
  process.chdir(exdir);
  let r: RunResult;
  try {
    // Outputs stay in memory and are written under out/ by base name, so
    // ToNetFront(1)'s netfront1.out.pcap lands in out/ like ToDump(out/x.pcap).
    r = runClick(readFileSync(`${name}.click`, "utf8"), {
      files: {}, writeToDisk: false, configFile: relative(cwd, join(exdir, `${name}.click`)),
      log: (m) => console.log(`   log: ${m}`),
    });
  } catch (e) {
    console.log(`   error: ${(e as Error).message}`);
    return { name, ok: false, line: "did not run" };
  } finally {
    process.chdir(cwd);
  }
  const s = r.stats;
  console.log(`   ${trafficSummary(s)}, ${s.elapsedMs.toFixed(1)} ms`);
  printHandlers(exdir, r);

  mkdirSync(join(exdir, "out"), { recursive: true });
  let ok = true;
  let outputs = 0;
  for (const [f, bytes] of Object.entries(r.files)) {
    const file = basename(f);
    writeFileSync(join(exdir, "out", file), bytes);
    outputs++;
    const got = readCapture(bytes, file).records.map((x) => x.data);
    const exp = join(exdir, "expected", file);
    let verdict = "";
    if (existsSync(exp)) {
      const want = readCapture(new Uint8Array(readFileSync(exp)), exp);
      const d = diffPackets(want.records.map((x) => x.data), got, { linkType: want.linkType });
      verdict = d ? `, DIFFERS from expected/${file}:\n      ${d.split("\n").join("\n      ")}` : `, as expected`;
      if (d) ok = false;
    }
    console.log(`   wrote ${relative(cwd, join(exdir, "out", file))} (${got.length} packets)${verdict}`);
  }
  return { name, ok, line: `${s.packetsIn} in, ${s.packetsOut} out, ${s.dropped} dropped; ${outputs} capture${outputs === 1 ? "" : "s"} in ${relative(cwd, join(exdir, "out"))}/${ok ? "" : " (output differs from expected/)"}` };
}

/** The handlers named in expected-handlers.json, or every element's counters. */
function printHandlers(exdir: string, r: RunResult): void {
  const listed = join(exdir, "expected-handlers.json");
  const show = (label: string, v: string) => {
    const lines = v.trim().split("\n");
    if (lines.length === 1) console.log(`   ${label} = ${lines[0]}`);
    else console.log(`   ${label}:\n${lines.map((l) => `      ${l}`).join("\n")}`);
  };
  if (existsSync(listed)) {
    for (const path of Object.keys(JSON.parse(readFileSync(listed, "utf8")) as Record<string, string>)) {
      try { show(path, r.read(path)); } catch (e) { console.log(`   ${path}: ${(e as Error).message}`); }
    }
    return;
  }
  for (const e of r.router.elements) {
    const vals = r.router.handlersOf(e).filter((h) => h.read && !INTERNAL.has(h.name)).map((h) => {
      const v = h.read!();
      return v.includes("\n") ? `${h.name}: (${v.split("\n").length} lines)` : `${h.name} ${v}`;
    }).filter((x) => !/^traps 0$/.test(x));
    if (vals.length) console.log(`   ${e.name} :: ${e.className}: ${vals.join(", ")}`);
  }
}

/** "15 packets in, 10 out; 7 created by elements (replies), 12 ended inside (answered, filtered or
 *  dropped: see the handlers)": a middlebox that answers or filters is not losing packets. */
export function trafficSummary(s: { packetsIn: number; packetsOut: number; dropped: number; trapDrops: number }): string {
  const created = Math.max(0, s.packetsOut + s.dropped + s.trapDrops - s.packetsIn);
  const parts = [`${s.packetsIn} packets in, ${s.packetsOut} out`];
  if (created) parts.push(`${created} created by elements (replies, copies)`);
  if (s.dropped) parts.push(`${s.dropped} ended inside (answered, filtered or dropped: see the handlers)`);
  if (s.trapDrops) parts.push(`${s.trapDrops} lost to traps`);
  return parts.join("; ");
}
