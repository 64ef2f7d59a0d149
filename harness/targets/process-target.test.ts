import { describe, expect, it } from "vitest";
import { TrancheError } from "../../domain/index.ts";
import { syntheticEvents } from "../../test/support/synthetic-events.ts";
import { openTarget } from "./open-target.ts";

const options = { defects: [], tokenEnv: "T", env: {}, connections: 4 };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("process target", () => {
  it("starts a command on a free port, waits for /health, serves a replay, and stops it", async () => {
    const target = await openTarget("process:node docker/stand-in-destination.mjs", options);
    expect(target.info.kind).toBe("process");
    const match = /127\.0\.0\.1:(\d+)/.exec(target.info.description);
    expect(match).not.toBeNull();
    expect((await target.target.health()).status).toBe("ok");
    const [activation] = syntheticEvents(1, 1);
    const outcome = await target.target.capabilities.provisioning.apply(activation as never, undefined);
    expect(outcome).toMatchObject({ status: 201, destinationId: "d-sub-0" });
    await target.close();
    // The port is closed once the target is closed.
    await expect(target.target.health()).rejects.toThrow();
  });

  it("runs the reference destination as a child process (`tranche destination serve --port {port}`)", async () => {
    const target = await openTarget("process:node bin/tranche.js destination serve --port {port}", options);
    try {
      expect((await target.target.health()).status).toBe("ok");
    } finally {
      await target.close();
    }
  });

  it("fails with E_TARGET naming the exit when the command dies before it is healthy", async () => {
    const error = await openTarget('process:node -e "process.exit(3)"', options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrancheError);
    expect((error as TrancheError).code).toBe("E_TARGET");
    expect((error as TrancheError).message).toMatch(/exited before .* answered: exit 3/);
  });

  it("leaves no process behind after close", async () => {
    const { startProcessTarget } = await import("./process-target.ts");
    const started = await startProcessTarget({ command: "node docker/stand-in-destination.mjs" });
    expect(alive(started.pid)).toBe(true);
    await started.stop();
    expect(alive(started.pid)).toBe(false);
  });
});
