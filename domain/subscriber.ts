/**
 * The subscriber record (canonical NDJSON format of DESIGN.md). MSISDN is the phone number in
 * E.164, IMSI identifies the SIM on the network (MCC+MNC+MSIN, 15 digits), ICCID is the SIM card's
 * serial (19–20 digits, Luhn check digit), IMEI the handset (15 digits, Luhn). Lawful-intercept
 * targets are deliberately *not* a field here: they live in a separate, access-controlled list.
 */
import { z } from "zod";
import { CURRENCY_CODES } from "./money.ts";

export const SUBSCRIBER_STATUSES = ["active", "inactive", "suspended", "barred", "terminated"] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

export const PAYMENT_TYPES = ["prepaid", "postpaid"] as const;
export type PaymentType = (typeof PAYMENT_TYPES)[number];

const isoInstant = z.iso.datetime({ offset: true });
const currency = z.enum(CURRENCY_CODES as [string, ...string[]]);

export const SubscriberSchema = z.object({
  id: z.string().min(1),
  accountId: z.string().min(1),
  msisdn: z.string().regex(/^\+[1-9]\d{6,14}$/, "expected an E.164 number such as +447700900123"),
  imsi: z.string().regex(/^\d{15}$/, "expected 15 digits"),
  iccid: z.string().regex(/^89\d{16,18}$/, "expected 18–20 digits starting 89"),
  imei: z.string().regex(/^\d{15}$/, "expected 15 digits"),
  paymentType: z.enum(PAYMENT_TYPES),
  planId: z.string().min(1),
  addOns: z.array(z.string()),
  status: z.enum(SUBSCRIBER_STATUSES),
  activatedAt: isoInstant,
  lastActivityAt: isoInstant,
  segment: z.string(),
  billing: z.object({
    anchorDay: z.number().int().min(1).max(31),
    timezone: z.string().min(1),
    currency,
    balanceMinor: z.number().int(),
    periodStart: isoInstant,
    usageToDate: z.object({
      voiceSec: z.number().int().nonnegative(),
      smsCount: z.number().int().nonnegative(),
      dataBytes: z.number().int().nonnegative(),
    }),
  }),
  arpuMinor: z.number().int().nonnegative(),
  kyc: z.object({
    name: z.string().nullable(),
    dateOfBirth: z.string().nullable(),
    address: z.string().nullable(),
    idDocument: z.string().nullable(),
    verifiedAt: isoInstant.nullable(),
  }),
  porting: z.object({
    portedIn: z.boolean(),
    donor: z.string().nullable(),
    portedAt: isoInstant.nullable(),
  }),
  /** ISO 3166-1 alpha-2 country of the line's numbering plan (optional: older bases lack it). */
  country: z.string().length(2).optional(),
});

export type Subscriber = z.infer<typeof SubscriberSchema>;

/**
 * The part of a subscriber's state that the shadow model predicts and compares with the
 * destination after a replay: a 200 OK that left any of these wrong is a failure.
 */
export const SubscriberStateSchema = z.object({
  id: z.string().min(1),
  msisdn: z.string(),
  planId: z.string(),
  status: z.enum(SUBSCRIBER_STATUSES),
  balanceMinor: z.number().int(),
  currency,
});

export type SubscriberState = z.infer<typeof SubscriberStateSchema>;

/** The fields of SubscriberState compared by the shadow model, in report order. */
export const COMPARED_FIELDS = ["msisdn", "planId", "status", "balanceMinor", "currency"] as const;
