/**
 * The split-period edge-case matrix, as data. Each case is one legacy line (or a business account
 * of several) cut over mid-cycle with a legacy billing state, and what happens to it after the
 * cutover. Cutovers lie in a past window (2024–2025) whose calendar holds every edge the matrix
 * needs — a leap and a common February, daylight-saving changes both ways in both hemispheres, a
 * local midnight that does not exist and one that repeats — so the matrix is the same data in
 * every run; the contract allows a backdated cutover (the destination bills from `at`).
 */
import type { PolicyRounding } from "../../oracle/index.ts";

/** Something that happens after (or, for usage, around) the cutover, minutes from it. */
export type CaseEvent =
  | { readonly type: "plan_change"; readonly afterMin: number; readonly planId: string }
  | { readonly type: "suspension" | "resumption" | "termination"; readonly afterMin: number }
  | { readonly type: "top_up"; readonly afterMin: number; readonly amountMinor: number }
  | {
      readonly type: "addon";
      readonly afterMin: number;
      readonly addonId: string;
      readonly priceMinor: number;
    }
  /** A call; a negative `afterMin` starts it before the cutover (in progress at it). */
  | { readonly type: "voice"; readonly afterMin: number; readonly durationSec: number }
  /** A data session cut into `parts` partial records an hour apart (1: one record). */
  | { readonly type: "data"; readonly afterMin: number; readonly bytes: number; readonly parts: number }
  | { readonly type: "sms"; readonly afterMin: number };

export interface SplitCase {
  readonly id: string;
  /** The edge the case covers, in the words. */
  readonly covers: string;
  readonly cutover: string;
  readonly planId: string;
  readonly anchorDay: number;
  readonly timeZone: string;
  readonly legacyRounding: PolicyRounding;
  readonly usageToDate: { readonly voiceSec: number; readonly smsCount: number; readonly dataBytes: number };
  readonly balanceMinor: number;
  readonly creditMinor: number;
  /** Add-ons bought in the legacy part (imported with the line; legacy billed them). */
  readonly addOns: readonly string[];
  readonly events: readonly CaseEvent[];
  /** Further lines of the same business account, each with its own anchor day. */
  readonly extraLines: readonly { readonly anchorDay: number; readonly planId: string }[];
  /** The same cohort is imported a second time (every line must be refused `already_imported`). */
  readonly importTwice: boolean;
}

const NO_USAGE = { voiceSec: 0, smsCount: 0, dataBytes: 0 };
const GIB = 1024 ** 3;
const DAY = 24 * 60;

function c(id: string, covers: string, cutover: string, overrides: Partial<SplitCase> = {}): SplitCase {
  return {
    id,
    covers,
    cutover,
    planId: "POSTPAID-S",
    anchorDay: 1,
    timeZone: "Europe/London",
    legacyRounding: "half-up",
    usageToDate: NO_USAGE,
    balanceMinor: 0,
    creditMinor: 0,
    addOns: [],
    events: [],
    extraLines: [],
    importTwice: false,
    ...overrides,
  };
}

/** The matrix: every edge the split rule has to survive. */
export const SPLIT_CASES: readonly SplitCase[] = [
  c("cutover-first-day", "cutover on the first day of a period", "2024-05-01T09:00:00Z"),
  c("cutover-last-day", "cutover on the last day of a period", "2024-05-31T12:00:00Z"),
  c("period-28-days", "a 28-day period (February of a common year)", "2025-02-10T10:00:00Z"),
  c("period-29-days", "a 29-day period (February of a leap year)", "2024-02-10T10:00:00Z"),
  c("period-30-days", "a 30-day period", "2024-04-10T10:00:00Z"),
  c("period-31-days", "a 31-day period", "2024-07-10T10:00:00Z", { planId: "POSTPAID-L" }),
  c(
    "anchor-29-leap-february",
    "anchor day 29 in February of a leap year, and the period after",
    "2024-02-20T10:00:00Z",
    { anchorDay: 29 },
  ),
  c(
    "anchor-30-leap-february",
    "anchor day 30 clamped to 29 February, and the period after",
    "2024-02-10T10:00:00Z",
    { anchorDay: 30 },
  ),
  c(
    "anchor-31-leap-february",
    "anchor day 31 clamped to 29 February, and the period after",
    "2024-02-15T10:00:00Z",
    { anchorDay: 31 },
  ),
  c(
    "anchor-29-common-february",
    "anchor day 29 clamped to 28 February of a common year, and the period after",
    "2025-02-27T10:00:00Z",
    { anchorDay: 29 },
  ),
  c(
    "anchor-30-common-february",
    "anchor day 30 clamped to 28 February, and the period after",
    "2025-02-14T10:00:00Z",
    { anchorDay: 30 },
  ),
  c(
    "anchor-31-common-february",
    "anchor day 31 clamped to 28 February, and the 31-day period after",
    "2025-02-01T10:00:00Z",
    { anchorDay: 31 },
  ),
  c(
    "local-date-east-of-utc",
    "the cutover's local date is the day after its UTC date (Tokyo)",
    "2024-06-14T20:00:00Z",
    { timeZone: "Asia/Tokyo", planId: "JP-POSTPAID-M" },
  ),
  c(
    "local-date-west-of-utc",
    "the cutover's local date is the day before its UTC date (Los Angeles)",
    "2024-06-15T03:00:00Z",
    { timeZone: "America/Los_Angeles", planId: "US-POSTPAID-35" },
  ),
  c(
    "dst-start-in-period",
    "daylight saving starts inside the period (Berlin, 31 March)",
    "2024-03-20T10:00:00Z",
    { timeZone: "Europe/Berlin", anchorDay: 15, planId: "DE-POSTPAID-L" },
  ),
  c(
    "dst-end-in-period",
    "daylight saving ends inside the period (New York, 3 November)",
    "2024-11-10T15:00:00Z",
    { timeZone: "America/New_York", planId: "US-POSTPAID-50" },
  ),
  c(
    "dst-end-southern",
    "daylight saving ends inside the period in the southern hemisphere (Sydney, 7 April)",
    "2024-04-12T02:00:00Z",
    { timeZone: "Australia/Sydney", anchorDay: 3, planId: "POSTPAID-L" },
  ),
  c(
    "midnight-missing",
    "the period starts on a day whose local midnight does not exist (Santiago, 8 September)",
    "2024-09-20T15:00:00Z",
    { timeZone: "America/Santiago", anchorDay: 8, planId: "US-POSTPAID-35" },
  ),
  c(
    "midnight-repeats",
    "the period starts on a day whose local midnight repeats (Havana, 3 November)",
    "2024-11-12T15:00:00Z",
    { timeZone: "America/Havana", anchorDay: 3, planId: "US-POSTPAID-35" },
  ),
  c("currency-jpy", "JPY: no minor unit (exponent 0)", "2024-08-20T03:00:00Z", {
    timeZone: "Asia/Tokyo",
    anchorDay: 10,
    planId: "JP-POSTPAID-M",
  }),
  c("currency-kwd", "KWD: three decimals (exponent 3)", "2024-08-21T09:00:00Z", {
    timeZone: "Asia/Kuwait",
    anchorDay: 5,
    planId: "KW-POSTPAID-M",
    legacyRounding: "down",
  }),
  c("currency-bhd", "BHD: three decimals (exponent 3)", "2024-08-22T09:00:00Z", {
    timeZone: "Asia/Bahrain",
    anchorDay: 12,
    planId: "BH-POSTPAID-M",
    legacyRounding: "half-even",
  }),
  // 999 × 5 / 30 = 166.5 and 1499 × 15 / 30 = 749.5: exact ties of legacy's share.
  c("tie-half-up", "a rounding tie of legacy's share under half-up", "2024-04-06T10:00:00Z", {
    planId: "DE-PREPAID-S",
    timeZone: "Europe/Berlin",
  }),
  c(
    "tie-half-even",
    "a rounding tie of legacy's share under half-even (to the even 166)",
    "2024-04-06T10:00:00Z",
    { planId: "DE-PREPAID-S", timeZone: "Europe/Berlin", legacyRounding: "half-even" },
  ),
  c(
    "tie-half-even-up",
    "a rounding tie under half-even that rounds up (749.5 to 750)",
    "2024-04-16T10:00:00Z",
    { planId: "DE-PREPAID-M", timeZone: "Europe/Berlin", legacyRounding: "half-even" },
  ),
  c("tie-down", "a rounding tie of legacy's share rounded down", "2024-04-06T10:00:00Z", {
    planId: "DE-PREPAID-S",
    timeZone: "Europe/Berlin",
    legacyRounding: "down",
  }),
  // The destination's own proration after a plan change in the split period: DE-PREPAID-S from
  // 26 April to 1 May, 999 × 5 / 30 = 166.5 — a tie the contract rounds half-up to 167.
  c(
    "tie-after-plan-change",
    "a rounding tie of the destination's own share after a plan change inside the split period",
    "2024-04-10T10:00:00Z",
    {
      planId: "DE-PREPAID-M",
      timeZone: "Europe/Berlin",
      events: [{ type: "plan_change", afterMin: 16 * DAY, planId: "DE-PREPAID-S" }],
    },
  ),
  c(
    "plan-change-before-cutover",
    "a plan change before the cutover in the same period (legacy's: the import carries the new plan)",
    "2024-10-18T10:00:00Z",
    { planId: "POSTPAID-L" },
  ),
  c(
    "plan-change-after-cutover",
    "a plan change after the cutover in the same period",
    "2024-10-08T10:00:00Z",
    { events: [{ type: "plan_change", afterMin: 9 * DAY, planId: "POSTPAID-UNL" }] },
  ),
  c(
    "suspension-mid-cycle",
    "a suspension and resumption inside the split period (the fee runs on)",
    "2024-10-05T10:00:00Z",
    {
      events: [
        { type: "suspension", afterMin: 3 * DAY },
        { type: "resumption", afterMin: 8 * DAY },
      ],
    },
  ),
  // 10 GiB allowance already used and more: the destination's 512 KiB is all overage, 2.5 → 3 (a tie of the destination's own rounding).
  c("usage-past-allowance", "usage to date already past the allowance", "2024-10-12T10:00:00Z", {
    usageToDate: { voiceSec: 7200, smsCount: 40, dataBytes: 10 * GIB + 12_345 },
    events: [{ type: "data", afterMin: 2 * DAY, bytes: 524_288, parts: 1 }],
  }),
  c(
    "call-straddling-cutover",
    "a call in progress at the cutover (the destination rates it whole)",
    "2024-09-10T10:00:00Z",
    {
      planId: "POSTPAID-L",
      events: [{ type: "voice", afterMin: -10, durationSec: 1_830 }],
    },
  ),
  c(
    "data-straddling-cutover",
    "a data session in progress at the cutover, in partial records on both sides of it",
    "2024-09-11T10:00:00Z",
    {
      planId: "POSTPAID-L",
      events: [{ type: "data", afterMin: -70, bytes: 3 * 1024 ** 2 + 17, parts: 3 }],
    },
  ),
  c("legacy-credit", "legacy credit on the first destination invoice", "2024-09-12T10:00:00Z", {
    creditMinor: 250,
  }),
  c(
    "credit-larger-than-first-invoice",
    "legacy credit larger than the first invoice (carried)",
    "2024-09-20T10:00:00Z",
    { creditMinor: 1_900 },
  ),
  c(
    "negative-prepaid-balance",
    "a negative prepaid balance at the cutover, then a top-up",
    "2024-09-13T10:00:00Z",
    {
      planId: "PREPAID-S",
      balanceMinor: -250,
      events: [{ type: "top_up", afterMin: 2 * DAY, amountMinor: 1_000 }],
    },
  ),
  c("top-up-at-cutover", "a top-up at the cutover instant (the destination's)", "2024-09-14T10:00:00Z", {
    planId: "PREPAID-M",
    balanceMinor: 430,
    events: [{ type: "top_up", afterMin: 0, amountMinor: 1_500 }],
  }),
  c(
    "add-on-in-legacy-part",
    "an add-on bought in the legacy part (legacy billed it)",
    "2024-09-16T10:00:00Z",
    { addOns: ["ROAM-EU"] },
  ),
  c("add-on-after-cutover", "an add-on bought after the cutover (a one-off line)", "2024-09-17T10:00:00Z", {
    events: [{ type: "addon", afterMin: 3 * DAY, addonId: "DATA-5GB", priceMinor: 500 }],
  }),
  c("termination-in-split-period", "termination inside the split period", "2024-09-06T10:00:00Z", {
    planId: "POSTPAID-L",
    events: [
      { type: "voice", afterMin: 2 * DAY, durationSec: 95 },
      { type: "termination", afterMin: 6 * DAY },
    ],
  }),
  c(
    "cohort-imported-twice",
    "the same cohort imported twice (refused: no second subscriber, no second fee)",
    "2024-09-18T10:00:00Z",
    { importTwice: true },
  ),
  c(
    "business-account-anchors",
    "a business account whose lines have different anchor days",
    "2024-09-19T10:00:00Z",
    {
      planId: "POSTPAID-L",
      anchorDay: 1,
      extraLines: [
        { anchorDay: 15, planId: "POSTPAID-S" },
        { anchorDay: 28, planId: "POSTPAID-UNL" },
      ],
    },
  ),
  c(
    "payg-connect-fees",
    "pay as you go without allowance: overage and connect fees from the first call",
    "2024-09-21T10:00:00Z",
    {
      planId: "PAYG-BASIC",
      balanceMinor: 800,
      events: [
        { type: "voice", afterMin: DAY, durationSec: 61 },
        { type: "sms", afterMin: DAY + 5 },
        { type: "data", afterMin: 2 * DAY, bytes: 2_500_000, parts: 2 },
      ],
    },
  ),
];
