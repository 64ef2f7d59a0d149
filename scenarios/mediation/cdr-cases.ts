/**
 * The mediation case matrix, as data: for one subscriber each, the usage records delivered (in
 * delivery order, with what the contract requires of each: accepted, or rejected with a reason)
 * and the sessions that must be charged, in the first period or the second. Offsets are minutes
 * from the subscriber's activation; `B` marks offsets from the period boundary instead.
 */
import type { CdrService } from "../../domain/index.ts";

/** What the contract requires of one delivery. */
export type Expectation =
  | "accepted"
  | "malformed"
  | "missing_quantity"
  | "duplicate_record"
  | "duplicate_partial"
  | "before_activation"
  | "after_termination"
  | "unknown_subscriber";

export interface CaseRecord {
  /** Session key inside the case (one charging ID each). */
  readonly session: string;
  readonly service: CdrService;
  /** Minutes from activation, or from the period boundary when `fromBoundary`. */
  readonly atMin: number;
  readonly fromBoundary?: boolean;
  readonly durationSec: number;
  readonly bytes: number;
  readonly sequence: number;
  readonly final: boolean;
  /** A retransmission: a new record id, same charging ID and sequence. */
  readonly retransmission?: boolean;
  /** The same record delivered again (same record id). */
  readonly duplicate?: boolean;
  /** A required field left out, or the holder's MSISDN replaced by a number nobody holds. */
  readonly omit?:
    | "recordId"
    | "chargingId"
    | "msisdn"
    | "imsi"
    | "service"
    | "start"
    | "durationSec"
    | "volumeBytes";
  readonly unknownNumber?: boolean;
  readonly expect: Expectation;
}

export type CaseCategory = "plain" | "duplicate" | "partial" | "malformed" | "lifecycle" | "boundary";

export interface CdrCase {
  readonly id: string;
  readonly covers: string;
  readonly category: CaseCategory;
  readonly records: readonly CaseRecord[];
  /** Sessions that must be charged, with the period they belong to (1 or 2). */
  readonly charged: readonly {
    readonly service: CdrService;
    readonly quantity: number;
    readonly period: 1 | 2;
  }[];
  /** Sessions with a sequence gap the destination must report. */
  readonly gaps: readonly string[];
  /** Minutes from activation at which the line is terminated. */
  readonly terminateAtMin?: number;
}

const voice = (
  session: string,
  atMin: number,
  durationSec: number,
  extra: Partial<CaseRecord> = {},
): CaseRecord => ({
  session,
  service: "voice",
  atMin,
  durationSec,
  bytes: 0,
  sequence: 1,
  final: true,
  expect: "accepted",
  ...extra,
});
const data = (
  session: string,
  atMin: number,
  bytes: number,
  sequence: number,
  final: boolean,
  extra: Partial<CaseRecord> = {},
): CaseRecord => ({
  session,
  service: "data",
  atMin,
  durationSec: 3600,
  bytes,
  sequence,
  final,
  expect: "accepted",
  ...extra,
});

const MIB = 1_048_576;

export const CDR_CASES: readonly CdrCase[] = [
  {
    id: "plain-usage",
    covers: "a call, an SMS and a data session, each charged once in the contract's increments",
    category: "plain",
    records: [
      voice("call", 60, 61),
      { ...voice("sms", 70, 0), service: "sms" },
      data("web", 80, 5 * MIB + 1, 1, true),
    ],
    charged: [
      { service: "voice", quantity: 61, period: 1 },
      { service: "sms", quantity: 1, period: 1 },
      { service: "data", quantity: 5 * MIB + 1, period: 1 },
    ],
    gaps: [],
  },
  {
    id: "exact-duplicate",
    covers: "an exact duplicate (same record delivered twice)",
    category: "duplicate",
    records: [
      voice("call", 60, 100),
      voice("call", 60, 100, { duplicate: true, expect: "duplicate_record" }),
    ],
    charged: [{ service: "voice", quantity: 100, period: 1 }],
    gaps: [],
  },
  {
    id: "retransmission",
    covers: "a retransmission (same charging ID and record number, new record id)",
    category: "duplicate",
    records: [
      data("s", 60, 2 * MIB, 1, false),
      data("s", 120, 2 * MIB, 2, false),
      data("s", 120, 2 * MIB, 2, false, { retransmission: true, expect: "duplicate_partial" }),
      data("s", 180, MIB + 5, 3, true),
    ],
    charged: [{ service: "data", quantity: 5 * MIB + 5, period: 1 }],
    gaps: [],
  },
  {
    id: "partials-in-order",
    covers: "partial records of a long call, in order: rounded once at the end",
    category: "partial",
    records: [
      voice("long", 60, 3600, { sequence: 1, final: false }),
      voice("long", 120, 3600, { sequence: 2, final: false }),
      voice("long", 180, 1234, { sequence: 3, final: true }),
    ],
    charged: [{ service: "voice", quantity: 8434, period: 1 }],
    gaps: [],
  },
  {
    id: "partials-out-of-order",
    covers: "partial records out of order",
    category: "partial",
    records: [
      data("s", 120, 3 * MIB, 2, false),
      data("s", 60, 3 * MIB, 1, false),
      data("s", 180, 7777, 3, true),
    ],
    charged: [{ service: "data", quantity: 6 * MIB + 7777, period: 1 }],
    gaps: [],
  },
  {
    id: "sequence-gap",
    covers: "a sequence gap (record 3 of 4 never arrives): charged what arrived, gap reported",
    category: "partial",
    records: [data("s", 60, MIB, 1, false), data("s", 120, MIB, 2, false), data("s", 240, 999, 4, true)],
    charged: [{ service: "data", quantity: 2 * MIB + 999, period: 1 }],
    gaps: ["s"],
  },
  {
    id: "earlier-partial-after-final",
    covers: "an earlier partial arriving after the final one (still part of the session)",
    category: "partial",
    records: [
      voice("call", 60, 3600, { sequence: 1, final: false }),
      voice("call", 180, 45, { sequence: 3, final: true }),
      voice("call", 120, 3600, { sequence: 2, final: false }),
    ],
    charged: [{ service: "voice", quantity: 7245, period: 1 }],
    gaps: [],
  },
  {
    id: "no-final-record",
    covers: "a session without a final record, closed by the destination's policy (its period's invoice)",
    category: "partial",
    records: [data("s", 60, 4 * MIB + 3, 1, false), data("s", 120, 3 * MIB + 1, 2, false)],
    charged: [{ service: "data", quantity: 7 * MIB + 4, period: 1 }],
    gaps: [],
  },
  {
    id: "zero-duration",
    covers: "a zero-duration call: accepted, nothing charged, no connect fee",
    category: "plain",
    records: [voice("call", 60, 0)],
    charged: [{ service: "voice", quantity: 0, period: 1 }],
    gaps: [],
  },
  {
    id: "malformed",
    covers: "malformed records, each required field missing in turn (and the quantity of voice and data)",
    category: "malformed",
    records: [
      voice("ok", 60, 30),
      voice("m1", 61, 30, { omit: "recordId", expect: "malformed" }),
      voice("m2", 62, 30, { omit: "chargingId", expect: "malformed" }),
      voice("m3", 63, 30, { omit: "msisdn", expect: "malformed" }),
      voice("m4", 64, 30, { omit: "imsi", expect: "malformed" }),
      voice("m5", 65, 30, { omit: "service", expect: "malformed" }),
      voice("m6", 66, 30, { omit: "start", expect: "malformed" }),
      voice("m7", 67, 30, { omit: "durationSec", expect: "missing_quantity" }),
      data("m8", 68, 5000, 1, true, { omit: "volumeBytes", expect: "missing_quantity" }),
    ],
    charged: [{ service: "voice", quantity: 30, period: 1 }],
    gaps: [],
  },
  {
    id: "before-activation",
    covers: "a record that starts before the line's activation",
    category: "lifecycle",
    records: [voice("early", -90, 40, { expect: "before_activation" }), voice("call", 60, 40)],
    charged: [{ service: "voice", quantity: 40, period: 1 }],
    gaps: [],
  },
  {
    id: "after-termination",
    covers: "a record that starts after the line's termination",
    category: "lifecycle",
    records: [voice("call", 60, 40), voice("late", 600, 40, { expect: "after_termination" })],
    charged: [{ service: "voice", quantity: 40, period: 1 }],
    gaps: [],
    terminateAtMin: 300,
  },
  {
    id: "unknown-subscriber",
    covers: "a record of a number nobody holds",
    category: "lifecycle",
    records: [voice("stray", 60, 40, { unknownNumber: true, expect: "unknown_subscriber" })],
    charged: [],
    gaps: [],
  },
  {
    id: "period-boundary",
    covers: "a session across a period boundary: one connect fee, rated once, in the period it started",
    category: "boundary",
    records: [
      voice("call", -30, 1800, { fromBoundary: true, sequence: 1, final: false }),
      voice("call", 0, 610, { fromBoundary: true, sequence: 2, final: true }),
    ],
    charged: [{ service: "voice", quantity: 2410, period: 1 }],
    gaps: [],
  },
];
