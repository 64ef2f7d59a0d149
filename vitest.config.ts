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
          exclude: [...shared.exclude, "**/*.serial.test.ts", "**/*.proof.test.ts"],
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
      {
        // The proof that every gate can fail (test/support/gate-proof.ts), in shards run side by
        // side after everything else, one per core: each shard's runs keep one core to themselves,
        // and its load defects add seconds, far beyond what the neighbouring shard can add.
        test: {
          ...shared,
          name: "proof",
          include: ["**/*.proof.test.ts"],
          maxWorkers: 2,
          // V8 without its background threads (GC, compilers): each shard then takes one core, not
          // more. Measured: two shards side by side with V8's threads put a clean run's p99 at
          // 270–360 ms (of an 800 ms gate); single-threaded, 50–75 ms — one shard alone, 19 ms.
          execArgv: ["--single-threaded"],
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
