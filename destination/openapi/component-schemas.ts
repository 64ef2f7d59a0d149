/**
 * The OpenAPI document's `components.schemas`, generated from the contract's zod schemas
 * (destination/contract/) with zod's JSON Schema conversion, so the published document, the routes'
 * parsing and the harness's response checks are one description. Generated for the *input* side of
 * each schema: what a client may send (defaults make a field optional) and what a destination may
 * answer; objects stay open (no `additionalProperties: false`), since answers may carry more fields.
 */
import { z } from "zod";
import { PlanSchema } from "../../domain/index.ts";
import {
  BillingRunResultSchema,
  DestinationInvoiceSchema,
  InvoiceListSchema,
} from "../contract/billing-contract.ts";
import { CatalogSchema } from "../contract/catalog-contract.ts";
import { ClockMoveResultSchema, ClockRequestSchema, ClockStateSchema } from "../contract/clock-contract.ts";
import {
  CohortImportRequestSchema,
  CohortImportResultSchema,
  ImportedSubscriberSchema,
  PendingPortSchema,
} from "../contract/cohort-contract.ts";
import { ErrorSchema, HealthSchema } from "../contract/common-contract.ts";
import {
  IriRecordSchema,
  LiDeactivationRequestSchema,
  LiDeliveryConfigRequestSchema,
  LiDeliveryConfigSchema,
  LiDeliveryListSchema,
  LiDeliverySchema,
  LiTaskListSchema,
  LiTaskRequestSchema,
  LiTaskSchema,
} from "../contract/li-contract.ts";
import {
  CdrBatchRequestSchema,
  CdrBatchResultSchema,
  CdrControlTotalsSchema,
  CdrGapListSchema,
  CdrRecordSchema,
} from "../contract/mediation-contract.ts";
import {
  NetworkChangeRequestSchema,
  NetworkChangeResultSchema,
  NetworkRouteSchema,
} from "../contract/network-contract.ts";
import {
  ClearinghouseConfigRequestSchema,
  ClearinghouseConfigSchema,
  PortInRequestSchema,
  PortingStateSchema,
  PortOutRequestSchema,
  PortRequestSchema,
  SwitchingCodeRequestSchema,
  SwitchingCodeSchema,
} from "../contract/porting-contract.ts";
import {
  RangeChecksumListSchema,
  RangeChecksumSchema,
  ReconciliationRowSchema,
} from "../contract/reconciliation-contract.ts";
import {
  PurgeResultSchema,
  RetentionPurgeRequestSchema,
  RetentionRecordsSchema,
} from "../contract/retention-contract.ts";
import {
  ActivationRequestSchema,
  AddOnRequestSchema,
  AtRequestSchema,
  DestinationSubscriberStateSchema,
  KycRequestSchema,
  PlanChangeRequestSchema,
  ReasonRequestSchema,
  SimSwapRequestSchema,
  SubscriberListSchema,
  TopUpRequestSchema,
} from "../contract/subscriber-contract.ts";

/** Every named schema of the contract, by the component name the document refers to. */
export const CONTRACT_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  Error: ErrorSchema,
  Health: HealthSchema,
  SubscriberState: DestinationSubscriberStateSchema,
  SubscriberList: SubscriberListSchema,
  Plan: PlanSchema,
  Catalog: CatalogSchema,
  ActivationRequest: ActivationRequestSchema,
  PlanChangeRequest: PlanChangeRequestSchema,
  TopUpRequest: TopUpRequestSchema,
  ReasonRequest: ReasonRequestSchema,
  AtRequest: AtRequestSchema,
  SimSwapRequest: SimSwapRequestSchema,
  AddOnRequest: AddOnRequestSchema,
  KycRequest: KycRequestSchema,
  PortInRequest: PortInRequestSchema,
  PortOutRequest: PortOutRequestSchema,
  PortRequest: PortRequestSchema,
  PortingState: PortingStateSchema,
  ClearinghouseConfigRequest: ClearinghouseConfigRequestSchema,
  ClearinghouseConfig: ClearinghouseConfigSchema,
  SwitchingCodeRequest: SwitchingCodeRequestSchema,
  SwitchingCode: SwitchingCodeSchema,
  PendingPort: PendingPortSchema,
  ImportedSubscriber: ImportedSubscriberSchema,
  CohortImportRequest: CohortImportRequestSchema,
  CohortImportResult: CohortImportResultSchema,
  Cdr: CdrRecordSchema,
  CdrBatchRequest: CdrBatchRequestSchema,
  CdrBatchResult: CdrBatchResultSchema,
  CdrControlTotals: CdrControlTotalsSchema,
  CdrGapList: CdrGapListSchema,
  Invoice: DestinationInvoiceSchema,
  InvoiceList: InvoiceListSchema,
  BillingRunResult: BillingRunResultSchema,
  ClockState: ClockStateSchema,
  ClockMoveResult: ClockMoveResultSchema,
  ClockRequest: ClockRequestSchema,
  RetentionRecords: RetentionRecordsSchema,
  RetentionPurgeRequest: RetentionPurgeRequestSchema,
  PurgeResult: PurgeResultSchema,
  LiTaskRequest: LiTaskRequestSchema,
  LiTask: LiTaskSchema,
  LiTaskList: LiTaskListSchema,
  LiDeactivationRequest: LiDeactivationRequestSchema,
  IriRecord: IriRecordSchema,
  LiDelivery: LiDeliverySchema,
  LiDeliveryList: LiDeliveryListSchema,
  LiDeliveryConfigRequest: LiDeliveryConfigRequestSchema,
  LiDeliveryConfig: LiDeliveryConfigSchema,
  ReconciliationRow: ReconciliationRowSchema,
  RangeChecksum: RangeChecksumSchema,
  RangeChecksumList: RangeChecksumListSchema,
  NetworkChangeRequest: NetworkChangeRequestSchema,
  NetworkChangeResult: NetworkChangeResultSchema,
  NetworkRoute: NetworkRouteSchema,
};

type JsonSchema = Record<string, unknown>;

/** Drops the ±2^53 bounds zod gives every integer: JSON integers are unbounded, and they are noise. */
function withoutSafeIntegerBounds({ jsonSchema }: { jsonSchema: JsonSchema }): void {
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
}

/** The JSON Schemas (draft 2020-12, OpenAPI 3.1's dialect) of every named schema, referring to each other by $ref. */
export function componentSchemas(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(CONTRACT_SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    io: "input",
    uri: (id) => `#/components/schemas/${id}`,
    override: withoutSafeIntegerBounds,
  });
  // OpenAPI 3.1 sets the dialect for the whole document; a component's own $schema/$id would
  // make it a separate resource (and an $id with a fragment is not allowed in 2020-12).
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _dialect, $id: _id, ...schema }]) => [id, schema]),
  );
}
