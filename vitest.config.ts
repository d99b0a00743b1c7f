import { defineConfig } from "vitest/config";

const src = (p: string) => new URL(p, import.meta.url).pathname;

// One vitest run covers every package. Workspace packages resolve to their
// TypeScript sources so tests never depend on a stale dist/.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@clickos\/runtime$/, replacement: src("./runtime/src/index.ts") },
      { find: /^@clickos\/runtime\/cli$/, replacement: src("./runtime/src/cli/index.ts") },
      { find: /^@clickos\/sdk\/testing$/, replacement: src("./sdk/src/testing/index.ts") },
      { find: /^@clickos\/sdk$/, replacement: src("./sdk/src/index.ts") },
    ],
  },
  test: {
    include: ["{sdk,runtime,elements,minios-host,test,create-clickos-element,examples,bench}/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**", "**/templates/**", "**/template-*/**"],
    globalSetup: ["./test/global-setup.ts"],
    // Bounds for a hang, not speed checks: CI shares two cores with other load,
    // where a test that takes 10 s here took over 60 s (tests must not depend on
    // machine speed; performance is measured by `npm run bench`).
    testTimeout: 600_000,
    hookTimeout: 900_000,
    pool: "forks",
  },
});
