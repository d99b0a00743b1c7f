import { defineConfig } from "vitest/config";

// One vitest run covers every package. Packages export their TypeScript sources
// under the "source" condition so tests never depend on a stale dist/.
export default defineConfig({
  resolve: { conditions: ["source"] },
  test: {
    include: ["{sdk,runtime,elements,minios-host,test,create-clickos-element,examples}/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**", "**/templates/**", "**/template-*/**"],
    globalSetup: ["./test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
  },
});
