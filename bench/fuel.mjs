#!/usr/bin/env node
// `node bench/fuel.mjs [--quick] [--element DecIPTTL] [--chain]`: the cost of fuel
// metering (sdk/src/build/fuel.ts). Builds the standard elements once without
// fuel, adds the fuel pass to a copy, and times the same element in the Node
// host with each module, side by side in one process (bench/fuel.ts, under tsx).
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const r = spawnSync(process.execPath, ["--import", "tsx", "--conditions=source", join(here, "fuel.ts"), ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(r.status ?? 1);
