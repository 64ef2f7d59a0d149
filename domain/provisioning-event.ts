/**
 * Provisioning events: the writes a BSS receives (activation, plan change, top-up, …). Each carries
 * an idempotency key: a retried or duplicated delivery has the same key and must take effect once.
 */
import { z } from "zod";
import {
  AnchorDaySchema,
  CurrencySchema,
  IccidSchema,
  ImsiSchema,
  InstantSchema,
  MsisdnSchema,
  PaymentTypeSchema,
  TimeZoneSchema,
} from "./fields.ts";
import type { Subscriber } from "./subscriber.ts";

export const EVENT_TYPES = [
  "activation",
  "plan_change",
  "top_up",
  "suspension",
  "resumption",
  "termination",
  "sim_swap",
  "port_in",
  "port_out",
  "addon_purchase",
  "kyc_update",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Activation: a new line with its SIM, plan, opening balance and billing anchor. */
export const ActivationPayloadSchema = z.object({
  msisdn: MsisdnSchema,
  imsi: ImsiSchema,
  iccid: IccidSchema,
  planId: z.string().min(1),
  paymentType: PaymentTypeSchema,
  currency: CurrencySchema,
  initialBalanceMinor: z.number().int().nonnegative(),
  anchorDay: AnchorDaySchema,
  timezone: TimeZoneSchema,
});
export const PlanChangePayloadSchema = z.object({ planId: z.string().min(1) });
export const TopUpPayloadSchema = z.object({
  amountMinor: z.number().int().positive(),
  currency: CurrencySchema,
});
export const SuspensionPayloadSchema = z.object({ reason: z.string().min(1) });
export const ResumptionPayloadSchema = z.object({});
export const TerminationPayloadSchema = z.object({ reason: z.string().min(1) });
/** SIM swap: the subscriber keeps the number and moves to a new SIM (new ICCID and IMSI). */
export const SimSwapPayloadSchema = z.object({ iccid: IccidSchema, imsi: ImsiSchema });
/** Port-in: the number arrives from a donor operator; port-out: it leaves to a recipient. */
export const PortInPayloadSchema = z.object({ msisdn: MsisdnSchema, donor: z.string().min(1) });
export const PortOutPayloadSchema = z.object({ recipient: z.string().min(1) });
export const AddonPurchasePayloadSchema = z.object({
  addonId: z.string().min(1),
  priceMinor: z.number().int().nonnegative(),
  currency: CurrencySchema,
});
/** KYC update: identity fields to add or correct; absent fields are left as they are. */
export const KycUpdatePayloadSchema = z.object({
  name: z.string().nullable().optional(),
  dateOfBirth: z.string().nullable().optional(),
  address: z.string().nullable().optional(),
  idDocument: z.string().nullable().optional(),
});

export type ActivationPayload = z.infer<typeof ActivationPayloadSchema>;

/**
 * The activation of a legacy line as the destination receives it: its SIM, plan, currency and
 * billing anchor, and an opening balance (by default its legacy balance, never below zero).
 */
export function activationPayloadOf(
  s: Subscriber,
  initialBalanceMinor = Math.max(0, s.billing.balanceMinor),
): ActivationPayload {
  return {
    msisdn: s.msisdn,
    imsi: s.imsi,
    iccid: s.iccid,
    planId: s.planId,
    paymentType: s.paymentType,
    currency: s.billing.currency,
    initialBalanceMinor,
    anchorDay: s.billing.anchorDay,
    timezone: s.billing.timezone,
  };
}
export type PlanChangePayload = z.infer<typeof PlanChangePayloadSchema>;
export type TopUpPayload = z.infer<typeof TopUpPayloadSchema>;
export type SuspensionPayload = z.infer<typeof SuspensionPayloadSchema>;
export type TerminationPayload = z.infer<typeof TerminationPayloadSchema>;
export type SimSwapPayload = z.infer<typeof SimSwapPayloadSchema>;
export type PortInPayload = z.infer<typeof PortInPayloadSchema>;
export type PortOutPayload = z.infer<typeof PortOutPayloadSchema>;
export type AddonPurchasePayload = z.infer<typeof AddonPurchasePayloadSchema>;
export type KycUpdatePayload = z.infer<typeof KycUpdatePayloadSchema>;

const base = {
  id: z.string().min(1),
  at: InstantSchema,
  subscriberId: z.string().min(1),
  idempotencyKey: z.string().min(1),
  source: z.string().min(1),
  /**
   * When the source stamped the event by its own clock, if that differs from `at` (the delivery
   * instant): set only on late, out-of-order, retried, duplicated or clock-skewed deliveries.
   */
  occurredAt: InstantSchema.optional(),
};

/** Every provisioning event type with its payload schema. */
export const ProvisioningEventSchema = z.discriminatedUnion("type", [
  z.object({ ...base, type: z.literal("activation"), payload: ActivationPayloadSchema }),
  z.object({ ...base, type: z.literal("plan_change"), payload: PlanChangePayloadSchema }),
  z.object({ ...base, type: z.literal("top_up"), payload: TopUpPayloadSchema }),
  z.object({ ...base, type: z.literal("suspension"), payload: SuspensionPayloadSchema }),
  z.object({ ...base, type: z.literal("resumption"), payload: ResumptionPayloadSchema }),
  z.object({ ...base, type: z.literal("termination"), payload: TerminationPayloadSchema }),
  z.object({ ...base, type: z.literal("sim_swap"), payload: SimSwapPayloadSchema }),
  z.object({ ...base, type: z.literal("port_in"), payload: PortInPayloadSchema }),
  z.object({ ...base, type: z.literal("port_out"), payload: PortOutPayloadSchema }),
  z.object({ ...base, type: z.literal("addon_purchase"), payload: AddonPurchasePayloadSchema }),
  z.object({ ...base, type: z.literal("kyc_update"), payload: KycUpdatePayloadSchema }),
]);

export type ProvisioningEvent = z.infer<typeof ProvisioningEventSchema>;
