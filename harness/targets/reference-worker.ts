/**
 * Worker thread that hosts the embedded reference destination. The destination's synchronous
 * SQLite work must not share an event loop with the replay scheduler: in one thread, every
 * database write would delay the next intended send and show up as the harness's own lag.
 */
import { parentPort, workerData } from "node:worker_threads";
import { startReferenceDestination } from "../../destination/index.ts";
import { type Plan, TrancheError } from "../../domain/index.ts";

const port = parentPort;
if (!port) throw new Error("reference-worker must run as a worker thread");

try {
  const server = await startReferenceDestination(
    workerData as {
      port: number;
      host: string;
      defects: string[];
      loadThresholdRps?: number;
      catalog?: Plan[];
    },
  );
  port.postMessage({ url: server.url });
  port.on("message", async (message: unknown) => {
    if (message !== "close") return;
    await server.close();
    port.postMessage({ closed: true });
    port.close();
  });
} catch (error) {
  const e = error as Error & { code?: string; hint?: string };
  port.postMessage({
    error: {
      trancheCode: error instanceof TrancheError ? e.code : null,
      message: e.message,
      hint: e.hint ?? null,
    },
  });
  port.close();
}
