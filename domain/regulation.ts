/**
 * Regulatory parameters of a country — data retention, number portability (MNP) and KYC
 * registration — as types, and the config's overrides of them. Every block carries the source of
 * its numbers; an override must bring its own (`source`), so a report never shows a number nobody
 * answers for. A *PAC* (Porting Authorisation Code) and a *STAC* (Service Termination Authorisation
 * Code) are the UK's switching codes: the subscriber texts the losing provider and gets the code by
 * SMS, then gives it to the gaining provider.
 */
import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import { profileForMsisdn } from "./countries.ts";
import { REGULATORY_PROFILES } from "./regulation-data.ts";
import type { HolidayCalendar } from "./working-days.ts";

/** Fields of the identity record a KYC rule may require. */
export const KYC_FIELD_NAMES = ["name", "dateOfBirth", "address", "idDocument"] as const;
export type KycField = (typeof KYC_FIELD_NAMES)[number];

/** Record kinds a retention record can be: a usage record by service, or a provisioning event. */
export type RetentionRecordKind = "voice" | "sms" | "data" | "event";

/** One category of retained data and the record fields that carry it, per record kind. */
export interface RetentionCategory {
  readonly id: string;
  readonly article: string;
  readonly description: string;
  readonly fields: Partial<Record<RetentionRecordKind, readonly string[]>>;
}

export interface RetentionRule {
  /** `suspended`: on the statute book but not enforced; recorded, not checked. */
  readonly status: "in-force" | "suspended";
  /** How long records are kept, an ISO 8601 period (P12M, P18M, P10W), in calendar arithmetic (UTC). */
  readonly window: string;
  /** A shorter window for location data (DE), recorded only. */
  readonly locationWindow?: string;
  /** Whether the window is a maximum (purge after it) or a minimum (keep at least as long). */
  readonly bound: "at-most" | "at-least";
  readonly source: string;
}

export interface SwitchingCodeRule {
  readonly pacShortCode: string;
  readonly stacShortCode: string;
  /** The code must be sent within this many seconds of the request SMS. */
  readonly answerWithinSec: number;
  /** The code stays valid this many days. */
  readonly validDays: number;
  readonly source: string;
}

export interface PortingRule {
  /** A port completes within this many working days of its request. */
  readonly completionWorkingDays: number;
  /** A number is without service at most this many working days. */
  readonly maxServiceLossWorkingDays: number;
  readonly source: string;
  /** The UK's PAC/STAC; absent where the country has none. */
  readonly switchingCodes?: SwitchingCodeRule;
  readonly holidays: HolidayCalendar;
}

export interface KycRegulation {
  /** True when the law requires the identity record for this payment type. */
  readonly mandatory: boolean;
  readonly requiredFields: readonly KycField[];
  /** What happens to a line whose record lacks a required field: barred from service, or nothing. */
  readonly onIncomplete: "bar" | "none";
  readonly source: string;
}

export interface RegulatoryProfile {
  /** ISO 3166-1 alpha-2, the country profile's code. */
  readonly country: string;
  /** Data version; `+config` when the config overrode a block. */
  readonly version: string;
  readonly retention: RetentionRule;
  readonly porting: PortingRule;
  readonly kyc: { readonly prepaid: KycRegulation; readonly postpaid: KycRegulation };
}

const Period = z
  .string()
  .regex(/^P(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?$/, "expected an ISO 8601 period such as P12M, P18M or P10W")
  .refine((s) => s !== "P", "expected an ISO 8601 period such as P12M, P18M or P10W");
const Source = z.string().min(3, "say where the number comes from (a statute, a notice, counsel's advice)");
const IsoDate = z.iso.date();

const KycOverride = z
  .object({
    mandatory: z.boolean().optional(),
    requiredFields: z.array(z.enum(KYC_FIELD_NAMES)).optional(),
    onIncomplete: z.enum(["bar", "none"]).optional(),
    source: Source,
  })
  .strict();

/** One country's overrides; every block names its source. */
export const CountryRegulationOverrideSchema = z
  .object({
    retention: z
      .object({
        status: z.enum(["in-force", "suspended"]).optional(),
        window: Period.optional(),
        locationWindow: Period.optional(),
        bound: z.enum(["at-most", "at-least"]).optional(),
        source: Source,
      })
      .strict()
      .optional(),
    porting: z
      .object({
        completionWorkingDays: z.number().int().min(1).max(30).optional(),
        maxServiceLossWorkingDays: z.number().int().min(1).max(30).optional(),
        switchingCodes: z
          .object({
            answerWithinSec: z.number().int().positive().max(86_400).optional(),
            validDays: z.number().int().positive().max(366).optional(),
            source: Source,
          })
          .strict()
          .optional(),
        holidays: z
          .object({
            years: z.tuple([z.number().int().min(2000), z.number().int().max(2100)]),
            dates: z.array(IsoDate),
            source: Source,
          })
          .strict()
          .optional(),
        source: Source.optional(),
      })
      .strict()
      .optional(),
    kyc: z.object({ prepaid: KycOverride.optional(), postpaid: KycOverride.optional() }).strict().optional(),
  })
  .strict();

/** The config's `regulation` field: overrides by country code (GB, DE, US). */
export const RegulationOverridesSchema = z
  .record(z.string(), CountryRegulationOverrideSchema)
  .superRefine((value, ctx) => {
    for (const code of Object.keys(value)) {
      if (!REGULATORY_PROFILES[code]) {
        ctx.addIssue({
          code: "custom",
          path: [code],
          message: `no regulatory profile for "${code}"; use one of ${Object.keys(REGULATORY_PROFILES).join(", ")}`,
        });
      }
    }
  });

export type CountryRegulationOverride = z.infer<typeof CountryRegulationOverrideSchema>;
export type RegulationOverrides = z.infer<typeof RegulationOverridesSchema>;

/** The regulatory profile of `country` with the config's overrides applied. */
export function regulationFor(country: string, overrides?: RegulationOverrides): RegulatoryProfile {
  const base = REGULATORY_PROFILES[country];
  if (!base) throw new RangeError(`no regulatory profile for "${country}"`);
  const o = overrides?.[country];
  if (!o) return base;
  const porting = o.porting;
  return {
    country,
    version: `${base.version}+config`,
    retention: o.retention ? { ...base.retention, ...o.retention } : base.retention,
    porting: porting
      ? {
          ...base.porting,
          ...(porting.completionWorkingDays !== undefined
            ? { completionWorkingDays: porting.completionWorkingDays }
            : {}),
          ...(porting.maxServiceLossWorkingDays !== undefined
            ? { maxServiceLossWorkingDays: porting.maxServiceLossWorkingDays }
            : {}),
          ...(porting.source ? { source: porting.source } : {}),
          ...(porting.switchingCodes && base.porting.switchingCodes
            ? { switchingCodes: { ...base.porting.switchingCodes, ...porting.switchingCodes } }
            : {}),
          ...(porting.holidays
            ? {
                holidays: {
                  id: `${base.porting.holidays.id}-config`,
                  version: "config",
                  years: porting.holidays.years,
                  dates: porting.holidays.dates,
                  source: porting.holidays.source,
                },
              }
            : {}),
        }
      : base.porting,
    kyc: {
      prepaid: o.kyc?.prepaid ? { ...base.kyc.prepaid, ...o.kyc.prepaid } : base.kyc.prepaid,
      postpaid: o.kyc?.postpaid ? { ...base.kyc.postpaid, ...o.kyc.postpaid } : base.kyc.postpaid,
    },
  };
}

/** The country code of an E.164 MSISDN by its calling code (+1 → US), or undefined. */
export function countryOfMsisdn(msisdn: string): string | undefined {
  return profileForMsisdn(msisdn)?.code;
}

/** The instant before which records are outside `window` (ISO period) at `now`, in UTC calendar arithmetic. */
export function windowStart(now: Temporal.Instant, window: string): Temporal.Instant {
  return now.toZonedDateTimeISO("UTC").subtract(Temporal.Duration.from(window)).toInstant();
}

/** The KYC rule of a line of `country` and payment type. */
export function kycRuleOf(profile: RegulatoryProfile, paymentType: "prepaid" | "postpaid"): KycRegulation {
  return profile.kyc[paymentType];
}
