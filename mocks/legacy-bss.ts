/**
 * The legacy BSS peer: the system subscribers migrate away from. During parallel run every
 * provisioning event is dual-written to it and to the destination; reconciliation reads its state.
 * It also exports the base, and hands out its LI target list only behind its own LI credential.
 */
import { HttpResponse, http, type RequestHandler } from "msw";
import {
  describeIssue,
  keyBucket,
  type ProvisioningEvent,
  ProvisioningEventSchema,
  type ReconciliationRow,
  rangeProblem,
  rowHash,
  segmentChecksums,
} from "../domain/index.ts";
import type { LegacySubscriber, MockWorld } from "./mock-world.ts";
import { jsonBody, peerError } from "./peer.ts";

export interface LegacyBssOptions {
  /** Bearer token of the legacy LI administration (default "legacy-li-token"). */
  readonly liToken?: string;
}

const ALLOWED: Partial<Record<ProvisioningEvent["type"], readonly string[]>> = {
  plan_change: ["active"],
  top_up: ["active", "suspended"],
  suspension: ["active"],
  resumption: ["suspended"],
  termination: ["active", "inactive", "suspended", "barred"],
  sim_swap: ["active", "suspended"],
  port_in: ["active"],
  port_out: ["active", "suspended"],
  addon_purchase: ["active"],
  kyc_update: ["active", "inactive", "suspended", "barred"],
};

/** Applies one event to the legacy state; returns an error response when it cannot. */
function applyLegacy(world: MockWorld, event: ProvisioningEvent): Response | undefined {
  if (event.type === "activation") {
    const p = event.payload;
    if (world.legacy.has(event.subscriberId))
      return peerError(409, "exists", `subscriber ${event.subscriberId} exists.`);
    world.legacy.set(event.subscriberId, {
      id: event.subscriberId,
      msisdn: p.msisdn,
      imsi: p.imsi,
      iccid: p.iccid,
      planId: p.planId,
      paymentType: p.paymentType,
      status: "active",
      balanceMinor: p.initialBalanceMinor,
      currency: p.currency,
      anchorDay: p.anchorDay,
      timezone: p.timezone,
      addOns: [],
    });
    return undefined;
  }
  const s = world.legacy.get(event.subscriberId);
  if (!s) return peerError(404, "subscriber_not_found", `no legacy subscriber ${event.subscriberId}.`);
  if (!ALLOWED[event.type]?.includes(s.status)) {
    return peerError(409, "invalid_transition", `cannot apply ${event.type}: status is ${s.status}.`);
  }
  const next: LegacySubscriber = { ...s };
  switch (event.type) {
    case "plan_change":
      next.planId = event.payload.planId;
      break;
    case "top_up":
      next.balanceMinor += event.payload.amountMinor;
      break;
    case "suspension":
      next.status = "suspended";
      break;
    case "resumption":
      next.status = "active";
      break;
    case "termination":
    case "port_out":
      next.status = "terminated";
      break;
    case "sim_swap":
      next.iccid = event.payload.iccid;
      next.imsi = event.payload.imsi;
      break;
    case "port_in":
      next.msisdn = event.payload.msisdn;
      break;
    case "addon_purchase":
      next.addOns = [...next.addOns, event.payload.addonId];
      break;
    case "kyc_update":
      break;
  }
  world.legacy.set(s.id, next);
  return undefined;
}

/** The legacy BSS handlers under `base`. */
export function legacyBssHandlers(
  base: string,
  world: MockWorld,
  options: LegacyBssOptions = {},
): RequestHandler[] {
  const liAuth = `Bearer ${options.liToken ?? "legacy-li-token"}`;
  return [
    http.get(`${base}/v1/subscribers/:id`, ({ params }) => {
      const s = world.legacy.get(String(params.id));
      return s
        ? HttpResponse.json(s)
        : peerError(404, "subscriber_not_found", `no legacy subscriber ${params.id}.`);
    }),
    http.post(`${base}/v1/events`, async ({ request }) => {
      const parsed = ProvisioningEventSchema.safeParse(await jsonBody(request));
      if (!parsed.success) return peerError(400, "invalid_event", describeIssue(parsed.error));
      const event = parsed.data;
      const seen = world.appliedEvents.get(event.idempotencyKey);
      if (seen !== undefined)
        return HttpResponse.json({ accepted: true, eventId: seen, duplicate: true }, { status: 202 });
      const failure = applyLegacy(world, event);
      if (failure) return failure;
      world.appliedEvents.set(event.idempotencyKey, event.id);
      return HttpResponse.json({ accepted: true, eventId: event.id, duplicate: false }, { status: 202 });
    }),
    http.get(`${base}/v1/export`, () => {
      const text = world.legacyBase.map((s) => JSON.stringify(s)).join("\n");
      return new HttpResponse(text.length > 0 ? `${text}\n` : "", {
        headers: { "content-type": "application/x-ndjson" },
      });
    }),
    // Reconciliation (the same operations as the destination contract's): range checksums and the
    // NDJSON state export of a bucket range, optionally only the subscribers in parallel operation.
    http.get(`${base}/v1/reconciliation/checksums`, ({ request }) => {
      const scoped = reconciliationScope(world, new URL(request.url).searchParams);
      if ("error" in scoped) return scoped.error;
      const segments = Number(new URL(request.url).searchParams.get("segments") ?? "1");
      if (!Number.isInteger(segments) || segments < 1 || segments > 1024)
        return peerError(400, "invalid_request", '"segments": expected an integer from 1 to 1024.');
      const rows = scoped.rows.map((r) => ({ bucket: r.bucket, hash: rowHash(r.row) }));
      return HttpResponse.json({ items: segmentChecksums(rows, scoped.range, segments) });
    }),
    http.get(`${base}/v1/reconciliation/rows`, ({ request }) => {
      const scoped = reconciliationScope(world, new URL(request.url).searchParams);
      if ("error" in scoped) return scoped.error;
      const text = scoped.rows
        .sort((a, b) => a.bucket - b.bucket || (a.row.key < b.row.key ? -1 : 1))
        .map((r) => JSON.stringify(r.row))
        .join("\n");
      return new HttpResponse(text.length > 0 ? `${text}\n` : "", {
        headers: { "content-type": "application/x-ndjson" },
      });
    }),
    http.get(`${base}/v1/li-targets`, ({ request }) => {
      const header = request.headers.get("authorization");
      if (!header)
        return peerError(401, "unauthorized", "the LI target list needs the legacy LI credential.");
      if (header !== liAuth) return peerError(403, "forbidden", "this credential may not read LI targets.");
      return HttpResponse.json({ items: world.liTargets });
    }),
  ];
}

const buckets = new Map<string, number>();

/** The legacy subscriber as a canonical reconciliation row (domain/reconciliation-row.ts). */
export function legacyReconciliationRow(s: LegacySubscriber): ReconciliationRow {
  return {
    key: s.id,
    msisdn: s.msisdn,
    imsi: s.imsi,
    iccid: s.iccid,
    planId: s.planId,
    paymentType: s.paymentType,
    status: s.status,
    balanceMinor: s.balanceMinor,
    currency: s.currency,
    anchorDay: s.anchorDay,
    timezone: s.timezone,
    addOns: s.addOns,
  };
}

function reconciliationScope(
  world: MockWorld,
  query: URLSearchParams,
):
  | { range: { from: number; to: number }; rows: Array<{ row: ReconciliationRow; bucket: number }> }
  | { error: Response } {
  const from = Number(query.get("from") ?? "0");
  const to = Number(query.get("to") ?? String(2 ** 32));
  const problem = rangeProblem(from, to);
  if (problem) return { error: peerError(400, "invalid_request", `"from"/"to": ${problem}.`) };
  const prefix = query.get("prefix") ?? "";
  const migratingOnly = query.get("scope") === "migrating";
  const rows: Array<{ row: ReconciliationRow; bucket: number }> = [];
  for (const s of world.legacy.values()) {
    if (!s.id.startsWith(prefix) || (migratingOnly && !world.migrating.has(s.id))) continue;
    let bucket = buckets.get(s.id);
    if (bucket === undefined) {
      bucket = keyBucket(s.id);
      buckets.set(s.id, bucket);
    }
    if (bucket >= from && bucket < to) rows.push({ row: legacyReconciliationRow(s), bucket });
  }
  return { range: { from, to }, rows };
}
