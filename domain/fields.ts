/**
 * Field schemas shared by the canonical records and the destination contract: one definition of
 * what an MSISDN, IMSI, ICCID, IMEI, instant, currency, payment type or anchor day looks like, so
 * that a base file, a replayed event and a destination request are checked by the same rule and
 * answered with the same message. MSISDN is the line's phone number in E.164; IMSI identifies the
 * SIM on the network (MCC + MNC + MSIN, 15 digits); ICCID is the SIM card's serial; IMEI the handset.
 */
import { z } from "zod";
import { CURRENCY_CODES } from "./money.ts";

/** How a line pays: the payment types of plans and subscribers. */
export const PAYMENT_TYPES = ["prepaid", "postpaid"] as const;
export type PaymentType = (typeof PAYMENT_TYPES)[number];

/** An E.164 number: "+", a country code not starting 0, 7–15 digits in all. */
export const MsisdnSchema = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, "expected an E.164 number such as +447700900123")
  .describe("E.164 number");

/** An IMSI: 15 digits (MCC, MNC, MSIN). */
export const ImsiSchema = z.string().regex(/^\d{15}$/, "expected 15 digits");

/** An ICCID: 18–20 digits starting with the telecom industry prefix 89 (the last is a Luhn digit). */
export const IccidSchema = z.string().regex(/^89\d{16,18}$/, "expected 18–20 digits starting 89");

/** An IMEI: 15 digits (the last is a Luhn digit). */
export const ImeiSchema = z.string().regex(/^\d{15}$/, "expected 15 digits");

/** An instant as ISO 8601 with `Z` or a numeric offset, e.g. 2026-03-01T10:00:00Z. */
export const InstantSchema = z.iso.datetime({ offset: true });

/** An ISO 4217 code of a currency Tranche knows (money.ts). */
export const CurrencySchema = z.enum(CURRENCY_CODES as [string, ...string[]]);

/** Prepaid (pays before use, from a balance) or postpaid (invoiced after the period). */
export const PaymentTypeSchema = z.enum(PAYMENT_TYPES);

/**
 * The anchor day: the day of the month a subscriber's billing period starts (1–31; months shorter
 * than the anchor clamp it to their last day, see billing-period.ts).
 */
export const AnchorDaySchema = z.number().int().min(1).max(31);

/** An IANA time-zone identifier, e.g. Europe/London (whether it is known is checked where it is used). */
export const TimeZoneSchema = z.string().min(1);
