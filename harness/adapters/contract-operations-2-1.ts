/**
 * The contract operations added in 2.1.0 over HTTP: reconciliation (range checksums, the NDJSON
 * state export) and network routing (cutover, rollback, routing lookups). Reads are idempotent, so
 * a 5xx or a dropped connection is retried a few times before it becomes E_TARGET; every answer is
 * validated against the contract's schemas.
 */
import type { z } from "zod";
import {
  MAX_NETWORK_BATCH,
  type NetworkChangeResult,
  NetworkChangeResultSchema,
  NetworkRouteSchema,
  RangeChecksumListSchema,
  ReconciliationRowSchema,
} from "../../destination/index.ts";
import { describeIssue, type ReconciliationRow, TrancheError } from "../../domain/index.ts";
import type { NetworkCapability, ReconciliationCapability } from "./capabilities.ts";
import type { ContractRequest } from "./contract-operations-client.ts";

type RawCall = (
  req: ContractRequest,
  signal?: AbortSignal,
) => Promise<{ status: number; body: unknown; raw: string }>;

/** Attempts of an idempotent read: a destination shedding a quarter of its load answers one in 10 with p ≈ 0.999999. */
const READ_ATTEMPTS = 10;

async function read(
  call: RawCall,
  operation: string,
  req: ContractRequest,
  signal?: AbortSignal,
  ok = [200],
) {
  let last = "";
  for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
    try {
      const answer = await call(req, signal);
      if (answer.status < 500) {
        if (!ok.includes(answer.status)) {
          const code = (answer.body as { error?: { code?: string } } | undefined)?.error?.code;
          throw new TrancheError(
            "E_TARGET",
            `${operation} failed: the destination answered HTTP ${answer.status}${code ? ` ${code}` : ""}.`,
            "Check that it implements the Tranche contract 2.1 (GET /openapi.json).",
          );
        }
        return answer;
      }
      last = `HTTP ${answer.status}`;
    } catch (error) {
      if (error instanceof TrancheError || signal?.aborted) throw error;
      last = (error as Error).message;
    }
  }
  throw new TrancheError("E_TARGET", `${operation} failed ${READ_ATTEMPTS} times (last: ${last}).`);
}

function parsed<S extends z.ZodType>(operation: string, schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new TrancheError(
      "E_CONTRACT",
      `${operation}: the destination's answer does not match the contract: ${describeIssue(result.error)}.`,
    );
  }
  return result.data;
}

const rangeQuery = (range: { from: number; to: number }, prefix: string | undefined) =>
  `from=${range.from}&to=${range.to}${prefix ? `&prefix=${encodeURIComponent(prefix)}` : ""}`;

/** Range checksums and the state export over the contract. */
export function createReconciliationOperations(call: RawCall): ReconciliationCapability {
  return {
    async rangeChecksums({ range, segments, prefix }, signal) {
      const path = `/v1/reconciliation/checksums?${rangeQuery(range, prefix)}&segments=${segments}`;
      const { body } = await read(call, "range checksums", { method: "GET", path }, signal);
      return parsed("range checksums", RangeChecksumListSchema, body).items;
    },
    async exportRows({ range, prefix }, signal) {
      const path = `/v1/reconciliation/rows?${rangeQuery(range, prefix)}`;
      const { raw } = await read(call, "state export", { method: "GET", path }, signal);
      const rows: ReconciliationRow[] = [];
      for (const [i, line] of raw.split("\n").entries()) {
        if (line.trim().length === 0) continue;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          throw new TrancheError("E_CONTRACT", `state export line ${i + 1} is not JSON.`);
        }
        rows.push(parsed(`state export line ${i + 1}`, ReconciliationRowSchema, value));
      }
      return rows;
    },
  };
}

/** Cutover, rollback and routing lookups over the contract (batches split at MAX_NETWORK_BATCH). */
export function createNetworkOperations(call: RawCall): NetworkCapability {
  async function change(
    kind: "cutover" | "rollback",
    msisdns: readonly string[],
    at: string,
    key?: string,
    signal?: AbortSignal,
  ) {
    const items: NetworkChangeResult["items"] = [];
    for (let i = 0; i < msisdns.length; i += MAX_NETWORK_BATCH) {
      const batch = msisdns.slice(i, i + MAX_NETWORK_BATCH);
      // The same key on a retry: a 5xx is not stored, an answer is, so a retry applies once.
      const req: ContractRequest = {
        method: "POST",
        path: `/v1/network/${kind}`,
        body: { msisdns: batch, at },
        ...(key ? { idempotencyKey: `${key}-${i / MAX_NETWORK_BATCH}` } : {}),
      };
      const { body } = await read(call, `network ${kind}`, req, signal);
      items.push(...parsed(`network ${kind}`, NetworkChangeResultSchema, body).items);
    }
    return { items };
  }
  return {
    cutover: (msisdns, at, key, signal) => change("cutover", msisdns, at, key, signal),
    rollback: (msisdns, at, key, signal) => change("rollback", msisdns, at, key, signal),
    async route(msisdn, signal) {
      const path = `/v1/network/routes/${encodeURIComponent(msisdn)}`;
      const answer = await read(call, "routing lookup", { method: "GET", path }, signal, [200, 404]);
      if (answer.status === 404) return undefined;
      return parsed("routing lookup", NetworkRouteSchema, answer.body);
    },
  };
}
