/**
 * Cohort import of the destination contract: a *cohort* (tranche) of legacy subscribers moved at
 * one cutover instant, each with its legacy billing state — start of the period containing the
 * cutover, usage to date, balance and credit still owed. Each subscriber is answered on its own.
 */
import { z } from "zod";
import {
  AnchorDaySchema,
  CurrencySchema,
  IccidSchema,
  ImsiSchema,
  InstantSchema,
  KycUpdatePayloadSchema,
  MsisdnSchema,
  PaymentTypeSchema,
  SUBSCRIBER_STATUSES,
  TimeZoneSchema,
  UsageToDateSchema,
} from "../../domain/index.ts";
import { AtSchema } from "./common-contract.ts";

/** Rounding rules legacy may declare for its share of a split period: ties up, ties to even, toward zero. */
export const LEGACY_ROUNDINGS = ["half-up", "half-even", "down"] as const;
export type LegacyRounding = (typeof LEGACY_ROUNDINGS)[number];

/** Subscribers in one import request at most. */
export const MAX_COHORT_IMPORT = 50_000;

/** A port in flight at the cutover: requested on legacy, scheduled by the MNP clearinghouse. */
export const PendingPortSchema = z.object({
  type: z.enum(["port_in", "port_out"]),
  /** The number being ported in (port-in) or out (the subscriber's own number, port-out). */
  msisdn: MsisdnSchema,
  /** Donor (port-in) or recipient (port-out) operator. */
  counterparty: z.string().min(1),
  requestedAt: InstantSchema,
  /** The porting window the clearinghouse scheduled. */
  scheduledAt: InstantSchema,
  clearinghouseRef: z.string().min(1),
});

/** One legacy subscriber of a cohort, with its legacy billing state at the cutover. */
export const ImportedSubscriberSchema = z.object({
  externalId: z.string().min(1),
  msisdn: MsisdnSchema,
  imsi: ImsiSchema,
  iccid: IccidSchema,
  planId: z.string().min(1),
  paymentType: PaymentTypeSchema,
  currency: CurrencySchema,
  // A terminated line is not migrated.
  status: z.enum(SUBSCRIBER_STATUSES).exclude(["terminated"]),
  anchorDay: AnchorDaySchema,
  timezone: TimeZoneSchema,
  activatedAt: InstantSchema,
  addOns: z.array(z.string()).default([]),
  kyc: KycUpdatePayloadSchema.default({}),
  pendingPort: PendingPortSchema.optional().describe(
    "A port legacy requested that the clearinghouse has scheduled but not completed at the cutover: the destination carries it over and completes it at `scheduledAt` (contract 2.1).",
  ),
  billing: z.object({
    periodStart: InstantSchema.describe("Start of the legacy billing period containing the cutover."),
    usageToDate: UsageToDateSchema,
    balanceMinor: z.number().int(),
    creditMinor: z.number().int().nonnegative().default(0),
    legacyRounding: z
      .enum(LEGACY_ROUNDINGS)
      .default("half-up")
      .describe(
        "How legacy rounds its share of the split period (fee × days before the cutover's local date / days in the period); the destination bills the remainder.",
      ),
  }),
});

const cohortOf = <T extends z.ZodType>(subscriber: T) =>
  z.object({
    cohortId: z.string().min(1),
    at: AtSchema.describe("Cutover instant of the cohort."),
    subscribers: z.array(subscriber).min(1).max(MAX_COHORT_IMPORT),
  });

/** POST /v1/cohort-imports. */
export const CohortImportRequestSchema = cohortOf(ImportedSubscriberSchema);
/**
 * The same request with its subscribers unchecked: the route parses this first, then each
 * subscriber, so that one malformed subscriber is rejected on its own rather than the whole cohort.
 */
export const CohortImportEnvelopeSchema = cohortOf(z.unknown());

/** The per-subscriber answer: imported with the destination's id, or rejected with a reason. */
export const CohortImportResultSchema = z.object({
  cohortId: z.string(),
  at: InstantSchema,
  imported: z.number().int(),
  rejected: z.number().int(),
  results: z.array(
    z.object({
      index: z.number().int(),
      externalId: z.string().nullable(),
      status: z.enum(["imported", "rejected"]),
      id: z.string().optional(),
      reason: z.string().optional(),
      message: z.string().optional(),
    }),
  ),
});

export type ImportedSubscriber = z.input<typeof ImportedSubscriberSchema>;
export type PendingPort = z.input<typeof PendingPortSchema>;
export type CohortImportRequest = z.input<typeof CohortImportRequestSchema>;
export type CohortImportResult = z.output<typeof CohortImportResultSchema>;
