/**
 * The request the benchmarks' other load tools repeat (autocannon, k6's constant-arrival-rate): the
 * method, path, headers and body of Tranche's first synthetic event, so every tool sends the same.
 */
import type { ProvisioningEvent } from "../domain/index.ts";
import { requestFor } from "../harness/adapters/index.ts";
import { syntheticEvents } from "../test/support/synthetic-events.ts";

export const SAMPLE = (() => {
  const [event] = syntheticEvents(1, 1);
  const request = requestFor(event as ProvisioningEvent, undefined);
  return {
    path: request.path,
    method: request.method,
    headers: {
      authorization: "Bearer t",
      accept: "application/json",
      "content-type": "application/json",
      "idempotency-key": request.idempotencyKey ?? "k",
    },
    body: JSON.stringify(request.body),
  };
})();
