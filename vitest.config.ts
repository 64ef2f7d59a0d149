import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**", ".tools/**", "tranche-report/**"],
    setupFiles: ["test/setup-fast-check.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests that start servers and child processes share two cores: keep parallelism modest.
    maxWorkers: 2,
  },
});
