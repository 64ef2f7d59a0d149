/**
 * Saturation probe with autocannon: a short closed-loop burst of one idempotent write, as fast as
 * the destination answers. Idempotent replays are cheaper for a destination than new work, so the
 * figure is an upper bound; capacity search uses it only to place its rate steps.
 */
import autocannon from "autocannon";
import type { ProvisioningEvent } from "../../domain/index.ts";
import { requestFor } from "../adapters/index.ts";

export interface SaturationProbe {
  readonly requestsPerSec: number;
  readonly p99Ms: number;
  readonly non2xx: number;
}

/** Sends `event` (same idempotency key every time) for `durationSec` with `connections`. */
export async function probeSaturation(
  baseUrl: string,
  token: string,
  event: ProvisioningEvent,
  options: { durationSec: number; connections: number },
): Promise<SaturationProbe> {
  const request = requestFor(event, undefined);
  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`,
    "content-type": "application/json",
    ...(request.idempotencyKey ? { "idempotency-key": request.idempotencyKey } : {}),
  };
  const result = await autocannon({
    url: `${baseUrl.replace(/\/$/, "")}${request.path}`,
    method: request.method,
    headers,
    body: JSON.stringify(request.body ?? {}),
    connections: options.connections,
    duration: options.durationSec,
  });
  return {
    requestsPerSec: result.duration > 0 ? Math.round((result.requests.total / result.duration) * 10) / 10 : 0,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
  };
}

/** Rate steps around a saturation figure: 10 % … 120 %, rounded, distinct, ascending. */
export function stepsAround(saturationPerSec: number): number[] {
  const fractions = [0.1, 0.25, 0.5, 0.75, 0.9, 1, 1.2];
  return [...new Set(fractions.map((f) => Math.max(1, Math.round(saturationPerSec * f))))].sort(
    (a, b) => a - b,
  );
}
