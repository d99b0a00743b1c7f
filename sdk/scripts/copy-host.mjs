#!/usr/bin/env node
// Copies the native host's C sources (minios-host/) into dist/minios-host, so the
// published SDK package carries them and `clickos build --target minios|
// click-userlevel|linux` works from an installed package (sdk/src/native/host-root.ts).
import { cpSync, rmSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const sdk = join(dirname(fileURLToPath(import.meta.url)), "..");
const from = join(sdk, "..", "minios-host");
const to = join(sdk, "dist", "minios-host");
rmSync(to, { recursive: true, force: true });
mkdirSync(to, { recursive: true });
for (const dir of ["include", "host", "runtime", "harness", "click", "clickos-image"]) {
  cpSync(join(from, dir), join(to, dir), { recursive: true, filter: (p) => !/\.(o|a)$/.test(p) });
}
