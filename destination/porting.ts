/**
 * Number portability (MNP). A *port-in* brings a number from a donor operator to this platform; a
 * *port-out* sends one of ours to a recipient operator. Both are brokered by the MNP clearinghouse,
 * which schedules the *porting window* — the instant the number's routing switches. The port
 * completes when the test clock passes that instant: the subscriber takes the ported number
 * (port-in) or leaves (port-out). Without a configured clearinghouse the window is scheduled
 * locally, two hours after the request.
 */
import { z } from "zod";
import { InstantSchema } from "../domain/index.ts";
import type { DestinationContext } from "./context.ts";
import {
  ClearinghouseConfigRequestSchema,
  PortInRequestSchema,
  PortOutRequestSchema,
} from "./contract/porting-contract.ts";
import { ApiError, parseBody, type Reply, type Route } from "./http-router.ts";
import { refuseStaleStatusChange } from "./subscriber-checks.ts";
import {
  isoFromMs,
  liveSubscriberByMsisdn,
  msFromIso,
  recordEvent,
  requireSubscriber,
  type SubscriberRow,
  subscriberState,
  updateSubscriber,
} from "./subscriber-store.ts";

/** What the MNP clearinghouse peer answers a port request with (its API, not the contract's). */
const ClearinghouseAnswer = z.object({ id: z.string().min(1), scheduledAt: InstantSchema });

const LOCAL_WINDOW_MS = 2 * 3600 * 1000;
const SLOW_PORT_EXTRA_MS = 24 * 3600 * 1000;

interface PortRow {
  id: string;
  type: string;
  subscriber_id: string;
  msisdn: string;
  counterparty: string;
  status: string;
  requested_ms: number;
  scheduled_ms: number;
  completes_ms: number;
  completed_ms: number | null;
  clearinghouse_ref: string;
}

function portBody(row: PortRow) {
  return {
    id: row.id,
    type: row.type,
    subscriberId: row.subscriber_id,
    msisdn: row.msisdn,
    counterparty: row.counterparty,
    status: row.status,
    requestedAt: isoFromMs(row.requested_ms),
    scheduledAt: isoFromMs(row.scheduled_ms),
    completesAt: isoFromMs(row.completes_ms),
    completedAt: row.completed_ms === null ? null : isoFromMs(row.completed_ms),
    clearinghouseRef: row.clearinghouse_ref,
  };
}

/** Completes every pending port whose completion instant the clock has reached; returns how many. */
export function completeDuePorts(ctx: DestinationContext): number {
  const nowMs = ctx.clock.now().epochMilliseconds;
  const due = ctx.store
    .sql(
      "SELECT * FROM port_requests WHERE status = 'pending' AND completes_ms <= ? ORDER BY completes_ms, id",
    )
    .all(nowMs) as unknown as PortRow[];
  for (const port of due) {
    const row = requireSubscriber(ctx, port.subscriber_id);
    if (port.type === "port_in") {
      const updated = updateSubscriber(ctx, row, {
        msisdn: port.msisdn,
        ported_in: 1,
        donor: port.counterparty,
        ported_ms: port.completes_ms,
      });
      recordEvent(ctx, updated, "port_in", port.completes_ms, { donor: port.counterparty });
    } else {
      const updated = updateSubscriber(ctx, row, {
        status: "terminated",
        terminated_ms: port.completes_ms,
        status_changed_ms: Math.max(row.status_changed_ms, port.completes_ms),
      });
      recordEvent(ctx, updated, "port_out", port.completes_ms, { recipient: port.counterparty });
    }
    ctx.store
      .sql("UPDATE port_requests SET status = 'completed', completed_ms = ? WHERE id = ?")
      .run(nowMs, port.id);
  }
  return due.length;
}

/** Asks the clearinghouse for a porting window, or schedules one locally when none is configured. */
async function scheduleWindow(
  ctx: DestinationContext,
  request: { type: string; msisdn: string; counterparty: string; requestedMs: number },
): Promise<{ ref: string; scheduledMs: number }> {
  const mnpUrl = ctx.store.getMeta(MNP_URL_META) ?? ctx.mnpUrl;
  if (!mnpUrl) {
    return { ref: "local", scheduledMs: request.requestedMs + LOCAL_WINDOW_MS };
  }
  let answer: unknown;
  try {
    const response = await fetch(new URL("/v1/port-requests", mnpUrl), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        type: request.type,
        msisdn: request.msisdn,
        counterparty: request.counterparty,
        requestedAt: isoFromMs(request.requestedMs),
      }),
      signal: AbortSignal.timeout(5000),
    });
    answer = await response.json();
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    throw new ApiError(
      502,
      "peer_unavailable",
      `the MNP clearinghouse did not accept the port request: ${(error as Error).message}.`,
    );
  }
  const parsed = ClearinghouseAnswer.safeParse(answer);
  if (!parsed.success) {
    throw new ApiError(
      502,
      "peer_unavailable",
      "the MNP clearinghouse answered without an id and scheduledAt.",
    );
  }
  return { ref: parsed.data.id, scheduledMs: msFromIso(parsed.data.scheduledAt) };
}

/** Meta key of the MNP clearinghouse the destination schedules ports with (POST /v1/porting/clearinghouse). */
export const MNP_URL_META = "mnp.clearinghouseUrl";

/** Inserts a pending port request and returns its id (the destination's, P0000001, …). */
function insertPortRow(
  ctx: DestinationContext,
  subscriberId: string,
  type: "port_in" | "port_out",
  msisdn: string,
  counterparty: string,
  requestedMs: number,
  window: { ref: string; scheduledMs: number },
): string {
  // The completion timer is shared by new and carried-over ports: `port-in-slow` slows both.
  const completesMs =
    type === "port_in" && ctx.defects.has("port-in-slow")
      ? window.scheduledMs + SLOW_PORT_EXTRA_MS
      : window.scheduledMs;
  const count = (ctx.store.sql("SELECT COUNT(*) AS n FROM port_requests").get() as { n: number }).n;
  const id = `P${String(count + 1).padStart(7, "0")}`;
  ctx.store
    .sql(
      `INSERT INTO port_requests (id, type, subscriber_id, msisdn, counterparty, status, requested_ms, scheduled_ms,
        completes_ms, clearinghouse_ref) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)`,
    )
    .run(
      id,
      type,
      subscriberId,
      msisdn,
      counterparty,
      requestedMs,
      window.scheduledMs,
      completesMs,
      window.ref,
    );
  return id;
}

/**
 * Carries a port legacy had in flight at the cutover over to an imported subscriber: it stays
 * pending under the clearinghouse's reference and window, and completes like any other port.
 */
export function carryOverPort(
  ctx: DestinationContext,
  row: SubscriberRow,
  pending: {
    type: "port_in" | "port_out";
    msisdn: string;
    counterparty: string;
    requestedAt: string;
    scheduledAt: string;
    clearinghouseRef: string;
  },
): void {
  insertPortRow(
    ctx,
    row.id,
    pending.type,
    pending.msisdn,
    pending.counterparty,
    msFromIso(pending.requestedAt),
    {
      ref: pending.clearinghouseRef,
      scheduledMs: msFromIso(pending.scheduledAt),
    },
  );
}

function insertPort(
  ctx: DestinationContext,
  row: SubscriberRow,
  type: "port_in" | "port_out",
  msisdn: string,
  counterparty: string,
  requestedMs: number,
  window: { ref: string; scheduledMs: number },
): Reply {
  const id = insertPortRow(ctx, row.id, type, msisdn, counterparty, requestedMs, window);
  completeDuePorts(ctx);
  const port = ctx.store.sql("SELECT * FROM port_requests WHERE id = ?").get(id) as unknown as PortRow;
  return {
    status: 202,
    body: { ...subscriberState(requireSubscriber(ctx, row.id)), porting: portBody(port) },
  };
}

function checkPortIn(ctx: DestinationContext, id: string, msisdn: string): SubscriberRow {
  const row = requireSubscriber(ctx, id);
  if (row.status !== "active") {
    throw new ApiError(
      409,
      "invalid_transition",
      `cannot port a number in to subscriber ${row.id}: status is ${row.status}.`,
    );
  }
  const holder = liveSubscriberByMsisdn(ctx, msisdn);
  if (holder)
    throw new ApiError(409, "msisdn_in_use", `MSISDN ${msisdn} already belongs to subscriber ${holder.id}.`);
  const pending = ctx.store
    .sql("SELECT id FROM port_requests WHERE msisdn = ? AND status = 'pending'")
    .get(msisdn);
  if (pending) throw new ApiError(409, "port_pending", `a port of ${msisdn} is already pending.`);
  return row;
}

function checkPortOut(ctx: DestinationContext, id: string, requestedMs: number): SubscriberRow {
  const row = requireSubscriber(ctx, id);
  // A port-out ends in a status change (termination), so an older one than the last is stale.
  refuseStaleStatusChange(ctx, row, requestedMs, "port out");
  if (row.status !== "active" && row.status !== "suspended") {
    throw new ApiError(
      409,
      "invalid_transition",
      `cannot port subscriber ${row.id} out: status is ${row.status}.`,
    );
  }
  const pending = ctx.store
    .sql("SELECT id FROM port_requests WHERE subscriber_id = ? AND status = 'pending'")
    .get(row.id);
  if (pending) throw new ApiError(409, "port_pending", `a port of subscriber ${row.id} is already pending.`);
  return row;
}

/** Port-in, port-out and port request reads. */
export function portingRoutes(ctx: DestinationContext): Route[] {
  return [
    {
      method: "POST",
      pattern: "/v1/subscribers/:id/port-in",
      access: "bss",
      handle({ params, body }) {
        const b = parseBody(PortInRequestSchema, body);
        const requestedMs = msFromIso(b.at);
        checkPortIn(ctx, params.id as string, b.msisdn);
        return scheduleWindow(ctx, {
          type: "port_in",
          msisdn: b.msisdn,
          counterparty: b.donor,
          requestedMs,
        }).then((window) =>
          ctx.store.transaction(() => {
            const row = checkPortIn(ctx, params.id as string, b.msisdn);
            return insertPort(ctx, row, "port_in", b.msisdn, b.donor, requestedMs, window);
          }),
        );
      },
    },
    {
      method: "POST",
      pattern: "/v1/subscribers/:id/port-out",
      access: "bss",
      handle({ params, body }) {
        const b = parseBody(PortOutRequestSchema, body);
        const requestedMs = msFromIso(b.at);
        const first = checkPortOut(ctx, params.id as string, requestedMs);
        return scheduleWindow(ctx, {
          type: "port_out",
          msisdn: first.msisdn,
          counterparty: b.recipient,
          requestedMs,
        }).then((window) =>
          ctx.store.transaction(() => {
            const row = checkPortOut(ctx, params.id as string, requestedMs);
            return insertPort(ctx, row, "port_out", row.msisdn, b.recipient, requestedMs, window);
          }),
        );
      },
    },
    {
      method: "GET",
      pattern: "/v1/porting/requests/:id",
      access: "bss",
      handle({ params }) {
        const row = ctx.store.sql("SELECT * FROM port_requests WHERE id = ?").get(params.id as string) as
          | PortRow
          | undefined;
        if (!row) throw new ApiError(404, "port_not_found", `no port request "${params.id}".`);
        return { status: 200, body: portBody(row) };
      },
    },
    {
      method: "GET",
      pattern: "/v1/porting/clearinghouse",
      access: "bss",
      handle: () => ({
        status: 200,
        body: { url: ctx.store.getMeta(MNP_URL_META) ?? ctx.mnpUrl ?? null },
      }),
    },
    {
      method: "POST",
      pattern: "/v1/porting/clearinghouse",
      access: "bss",
      handle({ body }) {
        const b = parseBody(ClearinghouseConfigRequestSchema, body);
        ctx.store.transaction(() => ctx.store.setMeta(MNP_URL_META, b.url));
        return { status: 200, body: { url: b.url } };
      },
    },
  ];
}
