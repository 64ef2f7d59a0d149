/**
 * Acceptance: `tranche run --target container:<image>` against the locally built image of the
 * reference destination (docker/build-image.sh, FROM scratch). Needs a Docker engine: CI starts one
 * with scripts/docker-up.sh. Never skipped: without Docker it fails and says how to start one.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../domain/index.ts";
import { openTarget, replayEvents } from "../harness/index.ts";
import { cli } from "./support/cli.ts";
import { syntheticEvents } from "./support/synthetic-events.ts";
import { expectCleanVerdict } from "./support/verdict.ts";

const IMAGE = "tranche-destination:test";

const running = () =>
  execFileSync("docker", ["ps", "-q", "--filter", `ancestor=${IMAGE}`], { encoding: "utf8" }).trim();

beforeAll(() => {
  try {
    execFileSync("docker", ["info"], { stdio: "ignore" });
  } catch {
    throw new Error(
      "[tranche] Docker does not answer → the container test needs it → run scripts/docker-up.sh first.",
    );
  }
  // Always rebuild so the image holds this checkout's files.
  execFileSync("bash", ["docker/build-image.sh", IMAGE], { stdio: ["ignore", "ignore", "inherit"] });
}, 300_000);

describe("container target", () => {
  it("runs the smoke profile against the reference destination image and removes the container", async () => {
    const out = mkdtempSync(join(tmpdir(), "tranche-container-"));
    const run = await cli(["run", "--target", `container:${IMAGE}`, "--out", out, "--json"]);
    expect(run.stderr).toBe("");
    const result = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as RunResult;
    expect(result.target.kind).toBe("container");
    expect(run.code).toBe(expectCleanVerdict(result));
    expect(running()).toBe("");
  }, 120_000);

  it("starts the image with another command (configurable entrypoint) and a custom environment", async () => {
    const target = await openTarget(`container:${IMAGE}`, {
      defects: [],
      tokenEnv: "T",
      env: {},
      connections: 8,
      container: { command: ["docker/stand-in-destination.mjs"], env: { PORT: "8080" } },
    });
    try {
      expect((await target.target.health()).version).toBe("stand-in");
      const result = await replayEvents(syntheticEvents(200, 50), target.target.capabilities.provisioning, {
        ratePerSec: 400,
        concurrency: 8,
      });
      expect(result.completed).toBe(200);
      expect(result.identities.get("sub-3")).toBe("d-sub-3");
    } finally {
      await target.close();
    }
    expect(running()).toBe("");
  }, 120_000);
});
