/**
 * Lawful intercept, X1-like administration. An *X1 task* is a warrant's technical order: intercept
 * the communications of these target identifiers (MSISDN or IMSI) and deliver them; it is named by
 * an *XID* (a UUID the law-enforcement side chooses). *IRI* (intercept-related information) are the
 * records describing what a target did (events, usage), delivered over *X2* to the agency's
 * collection endpoint. Everything here sits behind the separate LI credential and never appears
 * in regular API responses or in logs.
 */
import type { DestinationContext, EventObserver } from "./context.ts";
import {
  LiDeactivationRequestSchema,
  LiDeliveryConfigRequestSchema,
  LiTaskRequestSchema,
} from "./contract/li-contract.ts";
import { ApiError, parseBody, type Route } from "./http-router.ts";
import { isoFromMs } from "./subscriber-store.ts";

interface TaskRow {
  xid: string;
  targets: string;
  delivery_type: string;
  status: string;
  created_ms: number;
  deactivated_ms: number | null;
  deactivation_reason: string | null;
}

interface DeliveryRow {
  seq: number;
  xid: string;
  record: string;
  status: string;
  attempts: number;
  created_ms: number;
  delivered_ms: number | null;
}

/** Meta key of the configured X2 delivery endpoint. */
export const X2_URL_META = "li.deliveryUrl";

function taskBody(row: TaskRow) {
  return {
    xid: row.xid,
    targets: JSON.parse(row.targets) as unknown[],
    deliveryType: row.delivery_type,
    status: row.status,
    createdAt: isoFromMs(row.created_ms),
    deactivatedAt: row.deactivated_ms === null ? null : isoFromMs(row.deactivated_ms),
  };
}

function requireTask(ctx: DestinationContext, xid: string): TaskRow {
  const row = ctx.store.sql("SELECT * FROM li_tasks WHERE xid = ?").get(xid) as TaskRow | undefined;
  if (!row) throw new ApiError(404, "task_not_found", "no LI task with this XID.");
  return row;
}

/**
 * The observer that turns a targeted subscriber's events into queued IRI records; `kick` wakes the
 * X2 delivery worker after the transaction commits.
 */
export function createLiObserver(ctx: () => DestinationContext, kick: () => void): EventObserver {
  // Most events have no target: remember whether any task is active to skip the lookup.
  let anyActive: boolean | undefined;
  return {
    tasksChanged() {
      anyActive = undefined;
    },
    onSubscriberEvent(event) {
      const c = ctx();
      anyActive ??= c.store.sql("SELECT 1 FROM li_tasks WHERE status = 'active' LIMIT 1").get() !== undefined;
      if (!anyActive) return;
      const tasks = c.store
        .sql(
          `SELECT DISTINCT t.xid FROM li_targets g JOIN li_tasks t ON t.xid = g.xid
           WHERE t.status = 'active' AND ((g.type = 'msisdn' AND g.value = ?) OR (g.type = 'imsi' AND g.value = ?))`,
        )
        .all(event.msisdn, event.imsi) as { xid: string }[];
      if (tasks.length === 0) return;
      const observedMs = c.clock.now().epochMilliseconds;
      for (const { xid } of tasks) {
        const { next_sequence: sequence } = c.store
          .sql("SELECT next_sequence FROM li_tasks WHERE xid = ?")
          .get(xid) as { next_sequence: number };
        c.store.sql("UPDATE li_tasks SET next_sequence = ? WHERE xid = ?").run(sequence + 1, xid);
        const record = {
          xid,
          sequence,
          recordType: "IRI-REPORT",
          eventType: event.type,
          at: isoFromMs(event.atMs),
          observedAt: isoFromMs(observedMs),
          identifiers: { msisdn: event.msisdn, imsi: event.imsi },
          detail: event.detail,
        };
        c.store
          .sql(
            "INSERT INTO li_deliveries (xid, sequence, record, status, created_ms) VALUES (?, ?, ?, 'pending', ?)",
          )
          .run(xid, sequence, JSON.stringify(record), observedMs);
      }
      kick();
    },
  };
}

/** Drops the LI tasks targeting these identifiers: the `li-task-lost-on-import` defect. */
export function loseTasksFor(ctx: DestinationContext, msisdn: string, imsi: string): void {
  const xids = ctx.store
    .sql("SELECT DISTINCT xid FROM li_targets WHERE value = ? OR value = ?")
    .all(msisdn, imsi) as { xid: string }[];
  for (const { xid } of xids) {
    ctx.store.sql("DELETE FROM li_targets WHERE xid = ?").run(xid);
    ctx.store.sql("DELETE FROM li_tasks WHERE xid = ?").run(xid);
  }
  if (xids.length > 0) ctx.observer.tasksChanged();
}

/**
 * Restarts at 1 the X2 sequence of the tasks targeting these identifiers: the
 * `x2-sequence-reset-on-import` defect (a new delivery context per imported line).
 */
export function restartSequencesFor(ctx: DestinationContext, msisdn: string, imsi: string): void {
  ctx.store
    .sql(
      "UPDATE li_tasks SET next_sequence = 1 WHERE xid IN (SELECT xid FROM li_targets WHERE value = ? OR value = ?)",
    )
    .run(msisdn, imsi);
}

/** X1-like task administration and the X2 delivery log, all under the LI credential. */
export function liRoutes(ctx: DestinationContext, kick: () => void): Route[] {
  return [
    {
      method: "POST",
      pattern: "/v1/li/tasks",
      access: "li",
      handle({ body }) {
        const b = parseBody(LiTaskRequestSchema, body);
        return ctx.store.transaction(() => {
          if (ctx.store.sql("SELECT 1 FROM li_tasks WHERE xid = ?").get(b.xid)) {
            throw new ApiError(409, "task_exists", "an LI task with this XID already exists.");
          }
          const nowMs = ctx.clock.now().epochMilliseconds;
          ctx.store
            .sql(
              "INSERT INTO li_tasks (xid, targets, delivery_type, status, created_ms, next_sequence) VALUES (?, ?, ?, 'active', ?, ?)",
            )
            .run(b.xid, JSON.stringify(b.targets), b.deliveryType, nowMs, b.sequenceStart);
          ctx.observer.tasksChanged();
          for (const t of b.targets) {
            ctx.store
              .sql("INSERT INTO li_targets (xid, type, value) VALUES (?, ?, ?)")
              .run(b.xid, t.type, t.value);
          }
          return { status: 201, body: taskBody(requireTask(ctx, b.xid)) };
        });
      },
    },
    {
      method: "GET",
      pattern: "/v1/li/tasks",
      access: "li",
      handle: () => ({
        status: 200,
        body: {
          items: (
            ctx.store.sql("SELECT * FROM li_tasks ORDER BY created_ms, xid").all() as unknown as TaskRow[]
          ).map(taskBody),
        },
      }),
    },
    {
      method: "GET",
      pattern: "/v1/li/tasks/:xid",
      access: "li",
      handle: ({ params }) => ({ status: 200, body: taskBody(requireTask(ctx, params.xid as string)) }),
    },
    {
      method: "POST",
      pattern: "/v1/li/tasks/:xid/deactivation",
      access: "li",
      handle({ params, body }) {
        const b = parseBody(LiDeactivationRequestSchema, body ?? {});
        return ctx.store.transaction(() => {
          const row = requireTask(ctx, params.xid as string);
          if (row.status !== "active")
            throw new ApiError(409, "task_inactive", "this LI task is already deactivated.");
          ctx.store
            .sql(
              "UPDATE li_tasks SET status = 'inactive', deactivated_ms = ?, deactivation_reason = ? WHERE xid = ?",
            )
            .run(ctx.clock.now().epochMilliseconds, b.reason ?? "deactivated", row.xid);
          ctx.observer.tasksChanged();
          return { status: 200, body: taskBody(requireTask(ctx, row.xid)) };
        });
      },
    },
    {
      method: "GET",
      pattern: "/v1/li/deliveries",
      access: "li",
      handle({ query }) {
        const xid = query.get("xid");
        const rows = (xid
          ? ctx.store.sql("SELECT * FROM li_deliveries WHERE xid = ? ORDER BY seq").all(xid)
          : ctx.store.sql("SELECT * FROM li_deliveries ORDER BY seq").all()) as unknown as DeliveryRow[];
        return {
          status: 200,
          body: {
            items: rows.map((r) => ({
              seq: r.seq,
              xid: r.xid,
              status: r.status,
              attempts: r.attempts,
              createdAt: isoFromMs(r.created_ms),
              deliveredAt: r.delivered_ms === null ? null : isoFromMs(r.delivered_ms),
              record: JSON.parse(r.record) as unknown,
            })),
          },
        };
      },
    },
    {
      method: "GET",
      pattern: "/v1/li/delivery-config",
      access: "li",
      handle: () => ({ status: 200, body: { url: ctx.store.getMeta(X2_URL_META) ?? null } }),
    },
    {
      method: "POST",
      pattern: "/v1/li/delivery-config",
      access: "li",
      handle({ body }) {
        const b = parseBody(LiDeliveryConfigRequestSchema, body);
        ctx.store.transaction(() => ctx.store.setMeta(X2_URL_META, b.url));
        kick();
        return { status: 200, body: { url: b.url } };
      },
    },
  ];
}
