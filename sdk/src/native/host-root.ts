// Where the native host's C sources are: copied into the SDK package at build
// time (sdk/dist/minios-host, scripts/copy-host.mjs), so `clickos build
// --target ...` works from an installed package; in a repository checkout
// running from sources, the repository's minios-host/.

import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const CANDIDATES = [
  join(here, "minios-host"),                 // sdk/dist/cli.js, sdk/dist/index.js
  resolve(here, "../../../minios-host"),     // sdk/src/native/*.ts in the repository
];

/** The minios-host directory this SDK uses; a clear error when none is there. */
export function hostRoot(): string {
  for (const c of CANDIDATES) if (existsSync(join(c, "host", "clickos_host.c"))) return c;
  throw new Error(`the native host's C sources are missing (looked in ${CANDIDATES.join(", ")}); reinstall @clickos/sdk`);
}
