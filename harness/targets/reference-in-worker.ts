/** Starts the embedded reference destination in its own worker thread (see reference-worker.ts). */
import { Worker } from "node:worker_threads";
import { type ErrorCode, type Plan, TrancheError } from "../../domain/index.ts";

export interface ReferenceInWorker {
  readonly url: string;
  /** Closes the server and its database, then ends the thread. */
  close(): Promise<void>;
}

type WorkerMessage =
  | { url: string }
  | { closed: true }
  | { error: { trancheCode: ErrorCode | null; message: string; hint: string | null } };

/** Tuning of the embedded reference destination's load defects (the proof runs lower the threshold). */
export interface ReferenceTuning {
  readonly loadThresholdRps?: number;
  readonly overloadDelayMsPerRps?: number;
}

/** Starts the reference destination with these defects on a free loopback port, in a worker. */
export function startReferenceInWorker(
  defects: readonly string[],
  tuning: ReferenceTuning = {},
  catalog?: readonly Plan[],
): Promise<ReferenceInWorker> {
  const worker = new Worker(new URL("./reference-worker.ts", import.meta.url), {
    workerData: {
      port: 0,
      host: "127.0.0.1",
      defects: [...defects],
      ...tuning,
      ...(catalog ? { catalog } : {}),
    },
  });
  return new Promise((resolve, reject) => {
    worker.once("error", reject);
    worker.once("message", (message: WorkerMessage) => {
      if ("error" in message) {
        const { trancheCode, message: text, hint } = message.error;
        reject(trancheCode ? new TrancheError(trancheCode, text, hint ?? undefined) : new Error(text));
        return;
      }
      if (!("url" in message)) return;
      resolve({
        url: message.url,
        close: () =>
          new Promise<void>((done) => {
            worker.once("exit", () => done());
            worker.once("message", () => void worker.terminate());
            worker.postMessage("close");
          }),
      });
    });
  });
}
