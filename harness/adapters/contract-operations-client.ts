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
  ClearinghouseConfigSchema,
  ClockMoveResultSchema,
  ClockStateSchema,
  CohortImportResultSchema,
  DestinationInvoiceSchema,
  InvoiceListSchema,
  LiDeliveryConfigSchema,
  LiDeliveryListSchema,
  LiTaskListSchema,
  LiTaskSchema,
  PortingStateSchema,
  PortRequestSchema,
  PurgeResultSchema,
  RetentionRecordsSchema,
  SubscriberListSchema,
  SwitchingCodeSchema,
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
) => Promise<{ status: number; body: unknown; raw?: string }>;

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
    purgeRetention: (request, signal) =>
      expect(
        "retention purge",
        PurgeResultSchema,
        { method: "POST", path: "/v1/retention/purge", body: request ?? {} },
        signal,
      ),
    async liVisibleToRegularCredential(signal) {
      const { status } = await call({ method: "GET", path: "/v1/li/tasks" }, signal);
      return status >= 200 && status < 300;
    },
    async probeRegularCredential(t, signal) {
      const range = new URLSearchParams({ msisdn: t.msisdn, from: t.from, to: t.to });
      const probes: Array<{ operation: string; li: boolean; req: ContractRequest }> = [
        { operation: "LI task list", li: true, req: { method: "GET", path: "/v1/li/tasks" } },
        { operation: "LI task read", li: true, req: { method: "GET", path: `/v1/li/tasks/${id(t.xid)}` } },
        {
          operation: "LI task read (unknown XID)",
          li: true,
          req: { method: "GET", path: `/v1/li/tasks/${id(`${t.xid}-unknown`)}` },
        },
        { operation: "LI delivery log", li: true, req: { method: "GET", path: "/v1/li/deliveries" } },
        {
          operation: "LI delivery log of the task",
          li: true,
          req: { method: "GET", path: `/v1/li/deliveries?xid=${id(t.xid)}` },
        },
        { operation: "X2 endpoint read", li: true, req: { method: "GET", path: "/v1/li/delivery-config" } },
        {
          operation: "LI task activation",
          li: true,
          req: {
            method: "POST",
            path: "/v1/li/tasks",
            body: { xid: `${t.xid}-probe`, targets: [{ type: "msisdn", value: t.msisdn }] },
          },
        },
        {
          operation: "target's state",
          li: false,
          req: { method: "GET", path: `/v1/subscribers/${id(t.destinationId)}` },
        },
        {
          operation: "target's lookup by legacy id",
          li: false,
          req: { method: "GET", path: `/v1/subscribers?externalId=${id(t.externalId)}` },
        },
        {
          operation: "target's retained records",
          li: false,
          req: { method: "GET", path: `/v1/retention/records?${range}` },
        },
        {
          operation: "target's invoice preview",
          li: false,
          req: { method: "GET", path: `/v1/subscribers/${id(t.destinationId)}/invoices/current` },
        },
        {
          operation: "error answer about the target",
          li: false,
          req: {
            method: "POST",
            path: `/v1/subscribers/${id(t.destinationId)}/plan-change`,
            body: { planId: "NO-SUCH-PLAN", at: t.to },
          },
        },
      ];
      const out = [];
      for (const probe of probes) {
        const answer = await call(probe.req, signal);
        out.push({
          operation: probe.operation,
          li: probe.li,
          status: answer.status,
          raw: answer.raw ?? JSON.stringify(answer.body ?? null),
        });
      }
      return out;
    },
    portIn: (destinationId, request, signal) =>
      expect(
        "port-in",
        PortingStateSchema,
        { method: "POST", path: `/v1/subscribers/${id(destinationId)}/port-in`, body: request },
        signal,
        [202],
      ),
    portOut: (destinationId, request, signal) =>
      expect(
        "port-out",
        PortingStateSchema,
        { method: "POST", path: `/v1/subscribers/${id(destinationId)}/port-out`, body: request },
        signal,
        [202],
      ),
    async setClearinghouse(url, signal) {
      const { status } = await call(
        { method: "POST", path: "/v1/porting/clearinghouse", body: { url } },
        signal,
      );
      if (status !== 200)
        throw new TrancheError(
          "E_TARGET",
          `setting the MNP clearinghouse failed with HTTP ${status}.`,
          "The destination must implement POST /v1/porting/clearinghouse (contract 2.1).",
        );
    },
    clearinghouse: async (signal) =>
      (
        await expect(
          "clearinghouse read",
          ClearinghouseConfigSchema,
          { method: "GET", path: "/v1/porting/clearinghouse" },
          signal,
        )
      ).url,
    requestSwitchingCode: (destinationId, request, signal) =>
      expect(
        "switching-code request",
        SwitchingCodeSchema,
        { method: "POST", path: `/v1/subscribers/${id(destinationId)}/switching-codes`, body: request },
        signal,
        [201],
      ),
  };
}
