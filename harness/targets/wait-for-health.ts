/**
 * Waiting for a started destination to answer its health URL: polls with a short timeout per
 * attempt until HTTP 200 or the deadline, and gives up early when the process already exited.
 */
import { request } from "undici";
import { TrancheError } from "../../domain/index.ts";

/** Polls `url` until it answers 200; throws E_TARGET naming the URL and the last failure. */
export async function waitForHealth(
  url: string,
  options: { timeoutMs: number; intervalMs?: number; exited?: () => string | null; now?: () => number },
): Promise<void> {
  const now = options.now ?? (() => performance.now());
  const deadline = now() + options.timeoutMs;
  let last = "no answer yet";
  while (now() < deadline) {
    const exited = options.exited?.();
    if (exited) {
      throw new TrancheError("E_TARGET", `the destination process exited before ${url} answered: ${exited}.`);
    }
    try {
      const response = await request(url, { headersTimeout: 1000, bodyTimeout: 1000 });
      await response.body.dump();
      if (response.statusCode === 200) return;
      last = `HTTP ${response.statusCode}`;
    } catch (error) {
      last = (error as { code?: string }).code ?? (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
  throw new TrancheError(
    "E_TARGET",
    `${url} did not answer HTTP 200 within ${Math.round(options.timeoutMs / 1000)} s (last: ${last}).`,
    "Check the command or image, its port, and that it serves GET /health.",
  );
}
