/**
 * Status changes of the subscriber lifecycle: suspension (active → suspended), resumption
 * (suspended → active) and termination (any live status → terminated, which frees the MSISDN and
 * IMSI for another subscriber). A status change older than the subscriber's last one is refused
 * with 409 `stale_event` before the transition itself is checked.
 */
import type { DestinationContext } from "./context.ts";
import { AtRequestSchema, ReasonRequestSchema } from "./contract/subscriber-contract.ts";
import { parseBody, type Route } from "./http-router.ts";
import {
  invalidTransition,
  LIVE_STATUSES,
  refuseStaleStatusChange,
  requireStatus,
} from "./subscriber-checks.ts";
import {
  msFromIso,
  recordEvent,
  requireSubscriber,
  type SubscriberRow,
  subscriberState,
  updateSubscriber,
} from "./subscriber-store.ts";

interface StatusChange {
  readonly name: "suspension" | "resumption" | "termination";
  readonly schema: typeof ReasonRequestSchema | typeof AtRequestSchema;
  readonly from: readonly string[];
  readonly to: string;
  readonly action: string;
}

const STATUS_CHANGES: readonly StatusChange[] = [
  { name: "suspension", schema: ReasonRequestSchema, from: ["active"], to: "suspended", action: "suspend" },
  { name: "resumption", schema: AtRequestSchema, from: ["suspended"], to: "active", action: "resume" },
  {
    name: "termination",
    schema: ReasonRequestSchema,
    from: LIVE_STATUSES,
    to: "terminated",
    action: "terminate",
  },
];

function changeStatus(
  ctx: DestinationContext,
  row: SubscriberRow,
  change: StatusChange,
  atMs: number,
  detail: Record<string, unknown>,
) {
  refuseStaleStatusChange(ctx, row, atMs, change.action);
  requireStatus(row, change.from, change.action);
  if (change.name === "resumption" && ctx.defects.has("resumption-refused")) {
    throw invalidTransition(row, change.action);
  }
  const updated = updateSubscriber(ctx, row, {
    status: change.to,
    // Under reorder-drift an older change is applied too; the newest instant stays the mark.
    status_changed_ms: Math.max(atMs, row.status_changed_ms),
    ...(change.to === "terminated" ? { terminated_ms: atMs } : {}),
  });
  recordEvent(ctx, updated, change.name, atMs, detail);
  return { status: 200, body: subscriberState(updated) };
}

/** POST …/suspension, …/resumption and …/termination. */
export function statusRoutes(ctx: DestinationContext): Route[] {
  return STATUS_CHANGES.map(
    (change): Route => ({
      method: "POST",
      pattern: `/v1/subscribers/:id/${change.name}`,
      access: "bss",
      handle({ params, body }) {
        const b = parseBody(change.schema, body) as { at: string; reason?: string };
        const atMs = msFromIso(b.at);
        return ctx.store.transaction(() => {
          const row = requireSubscriber(ctx, params.id as string);
          return changeStatus(ctx, row, change, atMs, b.reason ? { reason: b.reason } : {});
        });
      },
    }),
  );
}
