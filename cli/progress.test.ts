import { describe, expect, it } from "vitest";
import type { CliIo } from "./command.ts";
import { createProgress } from "./progress.ts";

function io(interactive: boolean): CliIo & { err: string[] } {
  const err: string[] = [];
  return {
    err,
    stdout: () => {},
    stderr: (t) => {
      err.push(t);
    },
    interactive,
    env: {},
    cwd: "/",
    signal: new AbortController().signal,
  };
}

describe("createProgress", () => {
  it("draws a bar with rate and ETA on a terminal, at most every 100 ms", () => {
    const terminal = io(true);
    let t = 0;
    const progress = createProgress(terminal, () => t);
    t = 1000;
    progress.update("replay", 50, 100);
    t = 1050;
    progress.update("replay", 60, 100);
    t = 2000;
    progress.update("replay", 100, 100);
    progress.finish();
    expect(terminal.err).toHaveLength(3);
    expect(terminal.err[0]).toMatch(/replay\s+\[#{15}-{15}\] 50\/100 50\/s ETA 1s/);
    expect(terminal.err.at(-1)).toBe("\n");
  });

  it("stays silent when not a terminal (CI logs)", () => {
    const ci = io(false);
    const progress = createProgress(ci);
    progress.update("replay", 1, 2);
    progress.finish();
    expect(ci.err).toEqual([]);
  });
});
