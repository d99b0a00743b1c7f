#!/usr/bin/env node
// Bundles one TypeScript entry of a workspace package into dist/ with esbuild.
// Workspace packages (@clickos/*) are bundled in from their sources so a published
// package does not depend on a sibling's build; registry dependencies stay external.
// Usage (from a package directory): node ../scripts/bundle.mjs src/cli.ts dist/cli.js
import { build } from "esbuild";
import { readFileSync } from "node:fs";

const [entry, outfile] = process.argv.slice(2);
const pkg = JSON.parse(readFileSync("package.json", "utf8"));
const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})].filter((d) => !d.startsWith("@clickos/"));
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  conditions: ["source"],
  external: [...external, "assemblyscript", "assemblyscript/*", "ts-morph", "fast-check", "vitest", "@clack/prompts"],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: "warning",
  sourcemap: false,
});
