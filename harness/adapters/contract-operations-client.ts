/**
 * The contract operations (contract-operations.ts) over HTTP, sharing the contract adapter's
 * connection pool. Requests are mapped from domain records (contract-mapping.ts); non-2xx answers
 * and bodies that do not match the contract's response schemas (destination/contract/) become
 * E_TARGET errors naming the operation; LI calls carry the LI credential and nothing else does.
 */
import type { z } from "zod";
import {
  BillingRunResultSchema,
  CatalogSchema,
  CdrBatchResultSchema,
  CdrControlTotalsSchema,
  CdrGapListSchema,
  ClockMoveResultSchema,
  ClockStateSchema,
  CohortImportResultSchema,
  DestinationInvoiceSchema,
  InvoiceListSchema,
  LiDeliveryConfigSchema,
  LiDeliveryListSchema,
  LiTaskListSchema,
  LiTaskSchema,
  PortRequestSchema,
  PurgeResultSchema,
  RetentionRecordsSchema,
  SubscriberListSchema,
} from "../../destination/index.ts";
import { describeIssue, TrancheError } from "../../domain/index.ts";
import { cdrRecordOf, cohortImportRequestOf } from "./contract-mapping.ts";
import type { ContractOperations, LiAdministration } from "./contract-operations.ts";

export interface ContractRequest {
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly body?: unknown;
  readonly idempotencyKey?: string;
  /** Overrides the adapter's regular credential (the LI calls use this). */
  readonly authorization?: string;
}

/** Sends one request of the contract and returns status and parsed JSON body. */
export type ContractCall = (
  req: ContractRequest,
  signal?: AbortSignal,
) => Promise<{ status: number; body: unknown }>;

/** Builds the contract operations on top of an HTTP call function. */
export function createContractOperations(
  call: ContractCall,
  liToken: string | undefined,
): ContractOperations {
  async function expect<S extends z.ZodType>(
    operation: string,
    schema: S,
    req: ContractRequest,
    signal: AbortSignal | undefined,
    okStatuses: readonly number[] = [200],
  ): Promise<z.output<S>> {
    const { status, body } = await call(req, signal);
    if (!okStatuses.includes(status)) {
      const code = (body as { error?: { code?: string } } | undefined)?.error?.code;
      throw new TrancheError(
        "E_TARGET",
        `${operation} failed: the destination answered HTTP ${status}${code ? ` ${code}` : ""}.`,
        "Check the destination's log and that it implements the Tranche contract (GET /openapi.json).",
      );
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new TrancheError(
        "E_CONTRACT",
        `${operation}: the destination's answer does not match the contract: ${describeIssue(parsed.error)}.`,
      );
    }
    return parsed.data;
  }
  const id = (value: string) => encodeURIComponent(value);

  const li: LiAdministration | undefined = liToken
    ? (() => {
        const authorization = `Bearer ${liToken}`;
        return {
          activateTask: (task, signal) =>
            expect(
              "LI task activation",
              LiTaskSchema,
              { method: "POST", path: "/v1/li/tasks", body: task, authorization },
              signal,
              [201],
            ),
          listTasks: async (signal) =>
            (
              await expect(
                "LI task list",
                LiTaskListSchema,
                { method: "GET", path: "/v1/li/tasks", authorization },
                signal,
              )
            ).items,
          async readTask(xid, signal) {
            const { status } = await call(
              { method: "GET", path: `/v1/li/tasks/${id(xid)}`, authorization },
              signal,
            );
            if (status === 404) return undefined;
            return expect(
              "LI task read",
              LiTaskSchema,
              { method: "GET", path: `/v1/li/tasks/${id(xid)}`, authorization },
              signal,
            );
          },
          deactivateTask: (xid, reason, signal) =>
            expect(
              "LI task deactivation",
              LiTaskSchema,
              {
                method: "POST",
                path: `/v1/li/tasks/${id(xid)}/deactivation`,
                body: reason ? { reason } : {},
                authorization,
              },
              signal,
            ),
          deliveries: async (xid, signal) =>
            (
              await expect(
                "LI delivery log",
                LiDeliveryListSchema,
                {
                  method: "GET",
                  path: xid ? `/v1/li/deliveries?xid=${id(xid)}` : "/v1/li/deliveries",
                  authorization,
                },
                signal,
              )
            ).items,
          async setDeliveryEndpoint(url, signal) {
            const { status } = await call(
              { method: "POST", path: "/v1/li/delivery-config", body: { url }, authorization },
              signal,
            );
            if (status !== 200)
              throw new TrancheError(
                "E_TARGET",
                `setting the X2 delivery endpoint failed with HTTP ${status}.`,
              );
          },
          deliveryEndpoint: async (signal) =>
            (
              await expect(
                "X2 delivery endpoint read",
                LiDeliveryConfigSchema,
                { method: "GET", path: "/v1/li/delivery-config", authorization },
                signal,
              )
            ).url,
        } satisfies LiAdministration;
      })()
    : undefined;

  return {
    li,
    findByExternalId: async (externalId, signal) =>
      (
        await expect(
          "subscriber lookup",
          SubscriberListSchema,
          { method: "GET", path: `/v1/subscribers?externalId=${id(externalId)}` },
          signal,
        )
      ).items,
    readCatalog: async (signal) =>
      (await expect("catalog read", CatalogSchema, { method: "GET", path: "/v1/catalog" }, signal)).items,
    importCohort: (cohort, idempotencyKey, signal) =>
      expect(
        "cohort import",
        CohortImportResultSchema,
        {
          method: "POST",
          path: "/v1/cohort-imports",
          body: cohortImportRequestOf(cohort),
          ...(idempotencyKey ? { idempotencyKey } : {}),
        },
        signal,
      ),
    controlTotals: (source, signal) =>
      expect(
        "CDR control totals",
        CdrControlTotalsSchema,
        { method: "GET", path: `/v1/cdr-control-totals?source=${id(source)}` },
        signal,
      ),
    sessionGaps: (signal) =>
      expect("CDR session gaps", CdrGapListSchema, { method: "GET", path: "/v1/cdr-sessions/gaps" }, signal),
    ingestCdrs: (records, idempotencyKey, signal, source) =>
      expect(
        "CDR ingest",
        CdrBatchResultSchema,
        {
          method: "POST",
          path: "/v1/cdr-batches",
          body: { records: records.map(cdrRecordOf), ...(source ? { source } : {}) },
          ...(idempotencyKey ? { idempotencyKey } : {}),
        },
        signal,
      ),
    listInvoices: async (destinationId, signal) =>
      (
        await expect(
          "invoice list",
          InvoiceListSchema,
          { method: "GET", path: `/v1/subscribers/${id(destinationId)}/invoices` },
          signal,
        )
      ).items,
    previewInvoice: (destinationId, signal) =>
      expect(
        "invoice preview",
        DestinationInvoiceSchema,
        { method: "GET", path: `/v1/subscribers/${id(destinationId)}/invoices/current` },
        signal,
      ),
    runBilling: (signal) =>
      expect(
        "billing run",
        BillingRunResultSchema,
        { method: "POST", path: "/v1/billing-runs", body: {} },
        signal,
      ),
    async readPortRequest(portId, signal) {
      const path = `/v1/porting/requests/${id(portId)}`;
      const { status } = await call({ method: "GET", path }, signal);
      if (status === 404) return undefined;
      return expect("port request read", PortRequestSchema, { method: "GET", path }, signal);
    },
    clockNow: async (signal) =>
      (await expect("clock read", ClockStateSchema, { method: "GET", path: "/v1/test/clock" }, signal)).now,
    moveClock: async (move, signal) =>
      (
        await expect(
          "clock move",
          ClockMoveResultSchema,
          { method: "POST", path: "/v1/test/clock", body: move },
          signal,
        )
      ).now,
    retentionRecords(query, signal) {
      const params = new URLSearchParams(query as Record<string, string>);
      return expect(
        "retention query",
        RetentionRecordsSchema,
        { method: "GET", path: `/v1/retention/records?${params}` },
        signal,
      );
    },
    purgeRetention: (signal) =>
      expect(
        "retention purge",
        PurgeResultSchema,
        { method: "POST", path: "/v1/retention/purge", body: {} },
        signal,
      ),
    async liVisibleToRegularCredential(signal) {
      const { status } = await call({ method: "GET", path: "/v1/li/tasks" }, signal);
      return status >= 200 && status < 300;
    },
  };
}
