/**
 * The container target against a locally built image (docker/build-image.sh, FROM scratch). Needs
 * a Docker engine: CI starts one with scripts/docker-up.sh. Never skipped: without Docker it fails
 * and says how to start one.
 */
import { execFileSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { replayEvents } from "../harness/replay/open-model-replay.ts";
import { openTarget } from "../harness/targets/open-target.ts";
import { syntheticEvents } from "./support/synthetic-events.ts";

const IMAGE = "tranche-destination:test";

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
  it("starts the image with testcontainers, waits for /health, replays events, and removes it", async () => {
    const target = await openTarget(`container:${IMAGE}`, {
      defects: [],
      tokenEnv: "T",
      env: {},
      connections: 8,
      // The reference destination is not in the image yet: run the stand-in through the same entrypoint.
      container: { command: ["docker/stand-in-destination.mjs"], env: { PORT: "8080" } },
    });
    try {
      expect(target.info.kind).toBe("container");
      expect((await target.adapter.health()).status).toBe("ok");
      const events = syntheticEvents(200, 50);
      const result = await replayEvents(events, target.adapter, { ratePerSec: 400, concurrency: 8 });
      expect(result.completed).toBe(200);
      expect(Object.values(result.operations).every((op) => op.ok === op.sent)).toBe(true);
      expect(result.identities.get("sub-3")).toBe("d-sub-3");
    } finally {
      await target.close();
    }
    const running = execFileSync("docker", ["ps", "-q", "--filter", `ancestor=${IMAGE}`], {
      encoding: "utf8",
    });
    expect(running.trim()).toBe("");
  }, 120_000);
});
