/**
 * The subscriber record (canonical NDJSON format of DESIGN.md), built from the field schemas of
 * fields.ts (MSISDN, IMSI, ICCID, IMEI, …). Lawful-intercept targets are deliberately *not* a field
 * here: they live in a separate, access-controlled list.
 */
import { z } from "zod";
import {
  AnchorDaySchema,
  CurrencySchema,
  IccidSchema,
  ImeiSchema,
  ImsiSchema,
  InstantSchema,
  MsisdnSchema,
  PaymentTypeSchema,
  TimeZoneSchema,
} from "./fields.ts";

export const SUBSCRIBER_STATUSES = ["active", "inactive", "suspended", "barred", "terminated"] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

/** Usage a subscriber consumed in the current billing period (what counts against allowances). */
export const UsageToDateSchema = z.object({
  voiceSec: z.number().int().nonnegative(),
  smsCount: z.number().int().nonnegative(),
  dataBytes: z.number().int().nonnegative(),
});

/** One subscriber of a base: identity, plan, status, legacy billing state, KYC and porting. */
export const SubscriberSchema = z.object({
  id: z.string().min(1),
  accountId: z.string().min(1),
  msisdn: MsisdnSchema,
  imsi: ImsiSchema,
  iccid: IccidSchema,
  imei: ImeiSchema,
  paymentType: PaymentTypeSchema,
  planId: z.string().min(1),
  addOns: z.array(z.string()),
  status: z.enum(SUBSCRIBER_STATUSES),
  activatedAt: InstantSchema,
  lastActivityAt: InstantSchema,
  segment: z.string(),
  billing: z.object({
    anchorDay: AnchorDaySchema,
    timezone: TimeZoneSchema,
    currency: CurrencySchema,
    balanceMinor: z.number().int(),
    periodStart: InstantSchema,
    usageToDate: UsageToDateSchema,
  }),
  arpuMinor: z.number().int().nonnegative(),
  kyc: z.object({
    name: z.string().nullable(),
    dateOfBirth: z.string().nullable(),
    address: z.string().nullable(),
    idDocument: z.string().nullable(),
    verifiedAt: InstantSchema.nullable(),
  }),
  porting: z.object({
    portedIn: z.boolean(),
    donor: z.string().nullable(),
    portedAt: InstantSchema.nullable(),
  }),
  /** ISO 3166-1 alpha-2 country of the line's numbering plan (optional: older bases lack it). */
  country: z.string().length(2).optional(),
});

export type Subscriber = z.infer<typeof SubscriberSchema>;
