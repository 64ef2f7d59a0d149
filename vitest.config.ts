import { defineConfig } from "vitest/config";

const shared = {
  exclude: ["**/node_modules/**", ".tools/**", "tranche-report/**"],
  setupFiles: ["test/setup-fast-check.ts"],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: "parallel",
          sequence: { groupOrder: 0 },
          include: ["**/*.test.ts"],
          exclude: [...shared.exclude, "**/*.serial.test.ts"],
          // Tests that start servers and child processes share two cores: keep parallelism modest.
          maxWorkers: 2,
        },
      },
      {
        // Runs that measure latency against a latency gate (*.serial.test.ts) run alone, after the
        // rest: two cores shared with other test files would measure the machine, not the destination.
        test: {
          ...shared,
          name: "serial",
          include: ["**/*.serial.test.ts"],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
