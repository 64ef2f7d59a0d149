/**
 * The `process` target: starts any command as the destination, waits for its health URL, and
 * stops it afterwards (SIGTERM to its process group, SIGKILL after a grace period). The command
 * gets a free loopback port as `{port}` in its text and as the PORT environment variable.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { TrancheError } from "../../domain/index.ts";
import { waitForHealth } from "./wait-for-health.ts";

export interface ProcessTargetOptions {
  /** Shell command line; `{port}` is replaced by the chosen port. */
  readonly command: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Health path (default /health). */
  readonly healthPath?: string;
  readonly startTimeoutMs?: number;
  /** Working directory of the command. */
  readonly cwd?: string;
}

export interface StartedProcess {
  readonly baseUrl: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (bound, read, released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("could not read the bound port");
  return address.port;
}

/** Starts the command and resolves once its health URL answers 200. */
export async function startProcessTarget(options: ProcessTargetOptions): Promise<StartedProcess> {
  const port = await freePort();
  const command = options.command.replaceAll("{port}", String(port));
  const child: ChildProcess = spawn(command, {
    shell: true,
    detached: true,
    cwd: options.cwd,
    env: { ...process.env, ...options.env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderrTail = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-500);
  });
  let exit: string | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exit = `exit ${code ?? signal}${stderrTail ? ` — ${stderrTail.trim().split("\n").pop()}` : ""}`;
      resolve();
    });
  });
  child.once("error", (error) => {
    exit = error.message;
  });
  const pid = child.pid;
  if (pid === undefined) {
    throw new TrancheError("E_TARGET", `could not start "${command}".`, "Check the command line.");
  }
  const stop = async () => {
    if (exit !== null) return;
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      return;
    }
    const killed = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5000).unref()),
    ]);
    if (!killed) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // Already gone between the check and the kill.
      }
      await exited;
    }
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(`${baseUrl}${options.healthPath ?? "/health"}`, {
      timeoutMs: options.startTimeoutMs ?? 30_000,
      exited: () => exit,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, pid, stop };
}
