import { defineConfig } from "vitest/config";

// `npm test` runs `clickos build` first, so the tests load the real build/elements.wasm.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    benchmark: { include: ["test/**/*.bench.ts"] },
    testTimeout: 30_000,
  },
});
