// The cost of fuel metering, measured side by side in one process: the standard
// elements built without fuel, the same binary with the fuel pass added (exactly
// what `clickos build` does after asc), and one element (default DecIPTTL, its
// bench/element-configs.ts traffic) timed with each module, alternating
// repetition by repetition against a no-element baseline (bench/lib/node-host.ts).
// Launched by bench/fuel.mjs.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildPackage } from "../sdk/src/build/build.ts";
import { addFuel, DEFAULT_FUEL } from "../sdk/src/build/fuel.ts";
import { ELEMENT_BENCHES } from "./element-configs.ts";
import { prepare, measure, benchConfig } from "./lib/node-host.ts";

const { values } = parseArgs({ options: { quick: { type: "boolean" }, element: { type: "string" }, reps: { type: "string" } } });
const root = new URL("..", import.meta.url).pathname;
const work = join(root, "node_modules/.cache/clickos-bench-fuel");
mkdirSync(work, { recursive: true });

const plain = join(work, "elements-nofuel.wasm"), fueled = join(work, "elements-fuel.wasm");
console.log("building the standard elements without fuel ...");
await buildPackage({ dir: join(root, "elements"), out: plain, fuel: false });
writeFileSync(fueled, await addFuel(new Uint8Array(readFileSync(plain)), fueled));
// The fuel budget reaches the host through clickos.meta; the pass keeps the
// custom sections, so patch the copy's metadata to carry it like a real build.
{
  const { readCustomSection, withCustomSection, META_SECTION } = await import("../runtime/src/index.ts");
  const b = new Uint8Array(readFileSync(fueled));
  const m = JSON.parse(new TextDecoder().decode(readCustomSection(b, META_SECTION)!));
  writeFileSync(fueled, withCustomSection(b, META_SECTION, new TextEncoder().encode(JSON.stringify({ ...m, fuel: DEFAULT_FUEL }))));
}

const ids = (values.element ?? "DecIPTTL").split(",");
const packets = values.quick ? 200_000 : 1_000_000;
const reps = Number(values.reps ?? (values.quick ? 5 : 15));
const burst = 256;
console.log(`${packets} packets x ${reps} repetitions, bursts of ${burst}, fuel budget ${DEFAULT_FUEL}/crossing; ns/packet of processing (median, min)`);
console.log("element".padEnd(16) + "no fuel".padStart(18) + "fuel".padStart(18) + "cost".padStart(12));
for (const id of ids) {
  const b = ELEMENT_BENCHES.find((x) => x.id === id);
  if (!b) { console.error(`no bench entry '${id}' in bench/element-configs.ts`); process.exit(2); }
  const frames = b.traffic();
  const base = (mod: string) => prepare(benchConfig(null), frames, { elements: mod });
  const run = (mod: string) => prepare(benchConfig(`${b.cls}(${b.conf})`, b.inputs, b.outputs), frames, { elements: mod });
  const [off, on] = measure([{ base: base(plain), run: run(plain) }, { base: base(fueled), run: run(fueled) }], { packets, reps, burst });
  const f = (s: { median: number; min: number }) => `${s.median.toFixed(2)} (${s.min.toFixed(2)})`.padStart(18);
  const cost = on.ns.median - off.ns.median;
  console.log(id.padEnd(16) + f(off.ns) + f(on.ns) + `${cost >= 0 ? "+" : ""}${cost.toFixed(2)} ns`.padStart(12)
    + `  (${((on.ns.median / off.ns.median - 1) * 100).toFixed(0)}%, out ${(off.outFraction * 100).toFixed(0)}%/${(on.outFraction * 100).toFixed(0)}%)`);
}
