/**
 * Subscriber lifecycle of the destination contract. Each write's body is the provisioning event's
 * payload (domain/provisioning-event.ts) plus its business instant `at`, which is exactly what the
 * harness sends for a replayed event; activation adds the legacy id, `externalId`.
 */
import { z } from "zod";
import {
  ActivationPayloadSchema,
  AddonPurchasePayloadSchema,
  AnchorDaySchema,
  CurrencySchema,
  IccidSchema,
  ImsiSchema,
  InstantSchema,
  KycUpdatePayloadSchema,
  MsisdnSchema,
  PaymentTypeSchema,
  PlanChangePayloadSchema,
  ResumptionPayloadSchema,
  SimSwapPayloadSchema,
  SUBSCRIBER_STATUSES,
  SuspensionPayloadSchema,
  TimeZoneSchema,
  TopUpPayloadSchema,
} from "../../domain/index.ts";
import { AtSchema, listOf } from "./common-contract.ts";

/** POST /v1/subscribers: activate a line under the legacy id `externalId`. */
export const ActivationRequestSchema = z.object({
  externalId: z.string().min(1),
  ...ActivationPayloadSchema.shape,
  at: AtSchema,
});
/** POST …/plan-change. */
export const PlanChangeRequestSchema = PlanChangePayloadSchema.extend({ at: AtSchema });
/** POST …/top-ups. */
export const TopUpRequestSchema = TopUpPayloadSchema.extend({ at: AtSchema });
/** POST …/suspension and …/termination: a status change with its reason. */
export const ReasonRequestSchema = SuspensionPayloadSchema.extend({ at: AtSchema });
/** POST …/resumption: a status change that needs nothing but its instant. */
export const AtRequestSchema = ResumptionPayloadSchema.extend({ at: AtSchema });
/** POST …/sim-swap. */
export const SimSwapRequestSchema = SimSwapPayloadSchema.extend({ at: AtSchema });
/** POST …/add-ons. */
export const AddOnRequestSchema = AddonPurchasePayloadSchema.extend({ at: AtSchema });
/** POST …/kyc. */
export const KycRequestSchema = KycUpdatePayloadSchema.extend({ at: AtSchema });

/** KYC state of a subscriber: verified only when the identity record is complete. */
export const KYC_STATUSES = ["unverified", "verified", "incomplete"] as const;

/** Why a line is barred from service. */
export const BARRING_REASONS = ["kyc_required"] as const;

/** The subscriber state every subscriber endpoint answers. */
export const DestinationSubscriberStateSchema = z.object({
  id: z.string().describe("Assigned by the destination."),
  externalId: z.string().describe("The legacy (source) id."),
  msisdn: MsisdnSchema,
  imsi: ImsiSchema,
  iccid: IccidSchema,
  planId: z.string(),
  paymentType: PaymentTypeSchema,
  status: z.enum(SUBSCRIBER_STATUSES),
  balanceMinor: z.number().int().describe("Balance in minor units of `currency`."),
  currency: CurrencySchema,
  anchorDay: AnchorDaySchema,
  timezone: TimeZoneSchema,
  activatedAt: InstantSchema,
  addOns: z.array(z.string()),
  kycStatus: z
    .enum(KYC_STATUSES)
    .describe("unverified until the first KYC update; then verified or incomplete."),
  portedIn: z.boolean().describe("True once a port-in has completed."),
  cohortId: z.string().nullable().optional(),
  migratedAt: InstantSchema.nullable().optional(),
  barring: z
    .object({ reason: z.enum(BARRING_REASONS), since: InstantSchema })
    .nullable()
    .optional()
    .describe(
      "Set while the line is barred from service; `kyc_required`: its country's rule needs a complete identity record first (contract 2.1).",
    ),
});

/** GET /v1/subscribers?externalId=…. */
export const SubscriberListSchema = listOf(DestinationSubscriberStateSchema);

export type ActivationRequest = z.input<typeof ActivationRequestSchema>;
export type DestinationSubscriberState = z.output<typeof DestinationSubscriberStateSchema>;
