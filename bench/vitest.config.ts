// The benchmark's own tests (report generator and regression checker on fixture
// data; nothing is timed): npx vitest run --config bench/vitest.config.ts
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { include: ["bench/test/**/*.test.ts"], root: new URL("..", import.meta.url).pathname },
});
