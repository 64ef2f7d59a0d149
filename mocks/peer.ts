/**
 * What every mocked peer shares: a base URL, msw handlers over the shared world, and a fault
 * injector placed in front of them. A control endpoint (`POST <base>/_tranche/faults`) changes the
 * peer's faults at runtime, so a harness can degrade a peer in the middle of a run.
 */
import { delay, HttpResponse, http, type RequestHandler } from "msw";
import type { FaultInjector, FaultProfile } from "./faults.ts";

/** The JSON error body the mocked peers answer, shaped like the destination contract's. */
export function peerError(status: number, code: string, message: string): Response {
  return HttpResponse.json({ error: { code, message } }, { status });
}

/** Reads a JSON body, or undefined when it is missing or not JSON. */
export async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    return undefined;
  }
}

/**
 * Puts the control endpoint and the fault handler in front of a peer's handlers. The fault handler
 * falls through (returns nothing) when the request passes, after its drawn latency.
 */
export function withFaults(
  base: string,
  faults: FaultInjector,
  handlers: RequestHandler[],
): RequestHandler[] {
  return [
    http.post(`${base}/_tranche/faults`, async ({ request }) => {
      try {
        faults.set(((await jsonBody(request)) ?? {}) as FaultProfile);
      } catch (error) {
        return peerError(400, "invalid_faults", (error as Error).message);
      }
      return HttpResponse.json({ faults: faults.profile() });
    }),
    http.get(`${base}/_tranche/faults`, () => HttpResponse.json({ faults: faults.profile() })),
    http.all(`${base}/*`, async () => {
      const decision = faults.next();
      if (decision.latencyMs > 0) await delay(decision.latencyMs);
      if (decision.kind === "reset") return HttpResponse.error();
      if (decision.kind === "error")
        return peerError(503, "peer_unavailable", "injected fault: the peer is unavailable.");
      if (decision.kind === "timeout")
        return peerError(504, "peer_timeout", "injected fault: the peer did not answer in time.");
      return undefined;
    }),
    ...handlers,
  ];
}
