/**
 * Where a real k6 binary is: `TRANCHE_K6`, else `../shared/tools/k6/k6` beside the repository, else
 * `k6` on PATH; undefined when none exists. The tests that need it skip with that said, except in
 * CI (`CI=true`), where a missing binary fails them.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";

const REPO = resolve(import.meta.dirname, "../..");

/** The k6 binary to run, or undefined. */
export function locateK6(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  const candidates = [
    env.TRANCHE_K6,
    resolve(REPO, "../shared/tools/k6/k6"),
    ...(env.PATH ?? "")
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, "k6")),
  ];
  for (const candidate of candidates) {
    if (!candidate || !existsSync(candidate)) continue;
    const version = spawnSync(candidate, ["version"], { encoding: "utf8" });
    if (version.status === 0) return candidate;
  }
  return undefined;
}

export interface K6Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `k6 run` in `cwd` with `args` (its REST API on a free loopback port), without a shell. */
export function runK6(
  k6: string,
  args: readonly string[],
  options: { readonly cwd: string; readonly env: Readonly<Record<string, string>> },
): Promise<K6Run> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(k6, ["run", "--quiet", "--no-color", "--address", "127.0.0.1:0", ...args], {
      cwd: options.cwd,
      // Only what the script needs: no token leaks in from the caller's environment.
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolveRun({ code: code ?? -1, stdout, stderr }));
  });
}
