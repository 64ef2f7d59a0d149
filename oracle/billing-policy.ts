/**
 * The billing policy a destination declares, as data: how it prorates a recurring fee over part of
 * a billing period, how it rounds, and the rating increments of the contract. The oracle computes
 * what *this* policy must produce, so a vendor with another legitimate policy (30-day months,
 * banker's rounding) is judged by its own declared rule, not by the reference destination's.
 */
import { z } from "zod";
import type { RoundingMode } from "../domain/index.ts";

/**
 * Proration bases. `daily`: whole local days over the period's actual days (the contract's
 * default); `seconds`: elapsed seconds over the period's seconds, so a period holding a
 * daylight-saving change is an hour shorter or longer; `30-day`: each day is 1/30 of the fee, a
 * whole period always the fee (the last day of a long month costs nothing, February's last day
 * takes up what is left).
 */
export const PRORATION_BASES = ["daily", "seconds", "30-day"] as const;
export type ProrationBasis = (typeof PRORATION_BASES)[number];

/** Rounding modes a billing policy may declare: ties up, ties to even, or toward zero. */
export const POLICY_ROUNDINGS = ["half-up", "half-even", "down"] as const;
export type PolicyRounding = (typeof POLICY_ROUNDINGS)[number];

export const BillingPolicySchema = z
  .object({
    proration: z.enum(PRORATION_BASES).default("daily"),
    rounding: z.enum(POLICY_ROUNDINGS).default("half-up"),
    /** Voice is rated in increments of this many seconds, per session. */
    voiceIncrementSec: z.number().int().min(1).max(3600).default(60),
    /** Data is rated in increments of this many bytes, per session. */
    dataIncrementBytes: z.number().int().min(1).max(1_048_576).default(1024),
    /** Paid per voice call on a plan without voice allowance, in minor units. */
    voiceConnectFeeMinor: z.number().int().min(0).max(1_000_000).default(5),
  })
  .strict();

export type BillingPolicy = z.output<typeof BillingPolicySchema>;

/** The destination contract's own policy (docs/destination-contract.md, "Rating and invoicing"). */
export const CONTRACT_POLICY: BillingPolicy = Object.freeze(BillingPolicySchema.parse({}));

/** Bytes in a MiB: data overage is priced per MiB. */
export const MIB_BYTES = 1_048_576;

/** The domain rounding mode of a policy rounding (`down` rounds toward zero). */
export function roundingModeOf(rounding: PolicyRounding): RoundingMode {
  return rounding === "down" ? "truncate" : rounding;
}
