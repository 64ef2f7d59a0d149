/**
 * The parts of the destination contract every operation shares: the business instant `at` that
 * every write carries, the error body, and the health answer. The contract's schemas are zod
 * schemas: the routes parse requests with them, the harness validates responses with them, and
 * the OpenAPI document's components are generated from them (openapi/component-schemas.ts).
 */
import { z } from "zod";
import { InstantSchema } from "../../domain/index.ts";

/** The business instant of a write: when the event happened, not when it arrived. */
export const AtSchema = InstantSchema.describe("Business instant of the event (ISO 8601 with offset).");

/** Every non-2xx answer: `{"error": {"code", "message"}}`. */
export const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** GET /health: liveness, contract version and the active defect profiles. */
export const HealthSchema = z.object({
  status: z.enum(["ok"]),
  version: z.string(),
  defects: z.array(z.string()),
  now: InstantSchema.optional(),
});

/** A list answer: `{"items": [...]}`. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}
