/**
 * Built-in profiles, as data: suites with their options, the world they share, and gates over the
 * suites' measurements. Thresholds follow the playbook's readiness language: state drift is a
 * blocker (zero tolerance), latency SLOs are majors. Every gate names the defect profile of the
 * reference destination that proves it can fail (`provenBy`); test/support/gate-proof.ts
 * runs each one.
 */
import type { GateSpec, Profile, ProfileSuite } from "../harness/index.ts";
import { SUITES } from "./registry.ts";

const REPLAY = "provisioning.replay";

/** A zero-tolerance gate over a count the replay records. */
function countGate(
  id: string,
  description: string,
  severity: GateSpec["severity"],
  provenBy: readonly string[],
  weight = 1,
): GateSpec {
  return {
    id,
    description,
    measurement: `${REPLAY}.${id}`,
    comparator: "==",
    threshold: 0,
    unit: "count",
    severity,
    weight,
    provenBy,
  };
}

const STATE_GATE = countGate(
  "state_mismatches",
  "Every subscriber's plan, status, balance, number, SIM, add-ons and KYC match the shadow model once reads settle",
  "blocker",
  [
    "silent-plan-change",
    "reorder-drift",
    "truncates-odd-amounts",
    "idempotency-ignored",
    "kyc-accepts-incomplete",
  ],
  3,
);

const ERROR_GATE: GateSpec = {
  id: "error_rate",
  description: "Deliveries failing without an answer the contract allows (5xx, timeouts, resets, refused)",
  measurement: `${REPLAY}.error_rate_pct`,
  comparator: "<",
  threshold: 1,
  unit: "%",
  severity: "blocker",
  weight: 2,
  provenBy: ["leaks-5xx-under-load"],
};

/** The contract's rules, answer by answer: each gate has a narrow defect that fails it alone. */
const ANSWER_GATES: readonly GateSpec[] = [
  countGate(
    "wrongly_accepted",
    "Requests the contract requires to be refused (wrong currency, stale status change, …) are refused",
    "blocker",
    ["accepts-currency-mismatch", "kyc-accepts-incomplete"],
  ),
  countGate("wrongly_refused", "Requests the contract requires to be accepted are accepted", "blocker", [
    "resumption-refused",
  ]),
  countGate(
    "idempotency_violations",
    "A repeated Idempotency-Key gets the stored answer; a key reused for another request is refused",
    "blocker",
    ["idempotency-body-unchecked", "idempotency-ignored"],
  ),
  countGate(
    "contract_violations",
    "Every answer matches the contract's schemas (types, enums, required fields)",
    "blocker",
    ["schema-violating-read"],
  ),
  countGate(
    "consequential_failures",
    "No write is left undeliverable by an earlier failed activation",
    "major",
    ["drops-some-activations", "leaks-5xx-under-load"],
  ),
  countGate(
    "stale_reads",
    "Reads show a write at once (no lagging replica); a lag that converges is a finding, not drift",
    "major",
    ["stale-reads"],
  ),
];

/** p99 from intended send time (includes queueing the destination caused). */
function latencyGate(id: string, measurement: string, thresholdMs: number, description: string): GateSpec {
  return {
    id,
    description,
    measurement: `${REPLAY}.${measurement}`,
    comparator: "<",
    threshold: thresholdMs,
    unit: "ms",
    severity: "major",
    provenBy: ["slow-under-load"],
  };
}

/** A zero-tolerance gate over a count or sum of another suite. */
function suiteGate(
  suite: string,
  id: string,
  description: string,
  unit: string,
  severity: GateSpec["severity"],
  provenBy: readonly string[],
): GateSpec {
  return {
    id,
    description,
    measurement: `${suite}.${id}`,
    comparator: "==",
    threshold: 0,
    unit,
    severity,
    provenBy,
  };
}

const SPLIT = "billing.split-period";

/** Split-period billing, judged by the billing oracle: each finding class its own gate. */
const BILLING_GATES: readonly GateSpec[] = [
  suiteGate(
    SPLIT,
    "invoice_mismatch_minor",
    "Recurring lines outside split periods, one-off and credit lines and the set of invoices match the billing oracle",
    "minor",
    "blocker",
    ["credit-remainder-lost"],
  ),
  suiteGate(
    SPLIT,
    "split_period_mismatch_minor",
    "Legacy's part (by legacy's rounding) + the destination's recurring fee = the full price in every split period",
    "minor",
    "blocker",
    ["split-rounds-own-share", "proration-30-day", "rounding-half-even"],
  ),
  suiteGate(
    SPLIT,
    "double_recurring_fees",
    "No split period bills the days legacy already billed; a cohort imported twice is refused",
    "count",
    "blocker",
    ["double-recurring-on-import"],
  ),
  suiteGate(
    SPLIT,
    "lost_usage",
    "Every usage record through the cutover is accepted for rating (a session in progress at the cutover too)",
    "count",
    "blocker",
    ["usage-before-cutover-rejected"],
  ),
  suiteGate(
    SPLIT,
    "lost_top_ups",
    "Every top-up after the cutover (at its instant too) is in the balance",
    "count",
    "blocker",
    ["top-up-at-cutover-lost", "truncates-odd-amounts"],
  ),
  suiteGate(
    SPLIT,
    "allowance_errors",
    "Usage lines match the oracle: allowances with legacy usage to date counted first, overage rounded by the declared rule",
    "count",
    "blocker",
    ["allowance-ignores-legacy-usage", "rounding-half-even", "partial-cdr-double-count"],
  ),
];

const CDR = "mediation.cdr";

/** Mediation: every record answered, nothing rated twice or lost, totals reconciled with the legacy export. */
const MEDIATION_GATES: readonly GateSpec[] = [
  suiteGate(
    CDR,
    "input_unaccounted",
    "Every record sent is answered: input = accepted + rejected",
    "count",
    "blocker",
    ["cdr-result-missing"],
  ),
  suiteGate(CDR, "rejections_without_reason", "Every rejected record carries a reason", "count", "major", [
    "cdr-reject-without-reason",
  ]),
  suiteGate(
    CDR,
    "duplicates_rated",
    "Exact duplicates and retransmissions (same charging ID and record number) are not rated",
    "count",
    "blocker",
    ["cdr-dedup-off"],
  ),
  suiteGate(
    CDR,
    "malformed_accepted",
    "Malformed records (a required field or the quantity missing) are rejected",
    "count",
    "blocker",
    ["accepts-cdr-without-quantity"],
  ),
  suiteGate(
    CDR,
    "partials_double_counted",
    "Partial records of a session — in order, out of order, with a gap, late after the final, without a final — are counted once",
    "count",
    "blocker",
    ["partial-cdr-double-count"],
  ),
  suiteGate(CDR, "gaps_unreported", "Sessions with a sequence gap are reported", "count", "major", [
    "cdr-gaps-unreported",
  ]),
  suiteGate(
    CDR,
    "sessions_mischarged",
    "Each session is charged exactly once, in the contract's increments, in the period it started (one connect fee)",
    "count",
    "blocker",
    ["session-split-at-period", "partial-cdr-double-count"],
  ),
  suiteGate(
    CDR,
    "control_totals_mismatch",
    "Daily control totals (records, seconds, bytes) of the feed equal the legacy export's",
    "count",
    "blocker",
    ["cdr-dedup-off", "accepts-cdr-without-quantity"],
  ),
];

/** A zero-tolerance blocker over a compliance suite's count. */
function complianceGate(
  suite: string,
  id: string,
  description: string,
  provenBy: readonly string[],
): GateSpec {
  return suiteGate(suite, id, description, "count", "blocker", provenBy);
}

const LI = "compliance.li";
const RETENTION = "compliance.retention";
const MNP = "compliance.mnp";
const KYC = "compliance.kyc";

/** The compliance suites of the readiness profile (defaults: docs/suites.md). */
const COMPLIANCE_SUITES: readonly ProfileSuite[] = [
  { suite: LI },
  { suite: RETENTION },
  { suite: MNP },
  { suite: KYC },
];

/** Compliance holds from the first live event: every gate is a blocker with zero tolerance. */
const COMPLIANCE_GATES: readonly GateSpec[] = [
  complianceGate(
    LI,
    "li_task_mismatches",
    "Every legacy X1 task is on the destination after cohort import with its XID, targets and delivery type",
    ["li-task-lost-on-import"],
  ),
  complianceGate(
    LI,
    "li_gap_events",
    "Every event and usage record of a target across the cutover yields an IRI record",
    ["li-task-lost-on-import"],
  ),
  complianceGate(
    LI,
    "li_sequence_faults",
    "X2 sequence numbers per XID continue legacy's with no hole and no repeat",
    ["x2-sequence-reset-on-import"],
  ),
  complianceGate(
    LI,
    "li_undelivered",
    "Every IRI record reaches the X2 collector after an outage (retried until acknowledged)",
    ["x2-no-retry"],
  ),
  complianceGate(
    LI,
    "li_exposed_to_bss",
    "The BSS token sees no LI data: LI operations refused, no XID in BSS answers or errors",
    ["li-visible-to-bss-token"],
  ),
  complianceGate(
    LI,
    "li_detectable_differences",
    "Targets are indistinguishable from their control twins: answers, invoices, latency",
    ["li-target-cdr-delay"],
  ),
  complianceGate(
    RETENTION,
    "retention_missing_categories",
    "Every retained record carries each category of the completeness list",
    ["retention-drops-location"],
  ),
  complianceGate(
    RETENTION,
    "retention_query_mismatches",
    "Retention queries by MSISDN and IMSI over [from, to) answer exactly the expected records",
    ["retention-range-inclusive"],
  ),
  complianceGate(
    RETENTION,
    "retention_early_purges",
    "The purge keeps every record younger than its country's window",
    ["retention-purges-early"],
  ),
  complianceGate(
    RETENTION,
    "retention_overdue_records",
    "The purge removes every record older than its country's window",
    ["retention-purge-by-receipt"],
  ),
  complianceGate(
    RETENTION,
    "retention_continuity_faults",
    "Legacy + destination records across the cutover: no gap, no duplicate",
    ["retention-gap-at-cutover"],
  ),
  complianceGate(
    MNP,
    "port_in_late",
    "A port-in completes when the clearinghouse switches the number's routing",
    ["port-in-slow"],
  ),
  complianceGate(
    MNP,
    "ports_outside_window",
    "Every port completes within its country's working-day deadline",
    ["port-in-slow"],
  ),
  complianceGate(
    MNP,
    "switching_code_violations",
    "UK PAC/STAC answered within a minute, well-formed, valid 30 days",
    ["pac-answer-slow"],
  ),
  complianceGate(
    MNP,
    "in_flight_ports_lost",
    "Ports in flight at the cutover are carried over and complete",
    ["in-flight-port-dropped"],
  ),
  complianceGate(
    MNP,
    "routing_disagreements",
    "The destination serves exactly the numbers the clearinghouse routes to it",
    ["in-flight-port-dropped"],
  ),
  complianceGate(
    KYC,
    "kyc_incomplete_accepted",
    "An incomplete identity record is never verified and a field is never cleared",
    ["kyc-accepts-incomplete"],
  ),
  complianceGate(KYC, "kyc_barring_violations", "Lines are barred exactly as their country's KYC rule says", [
    "kyc-bar-not-applied-on-import",
  ]),
  complianceGate(KYC, "kyc_corrections_failed", "A KYC correction verifies the record and lifts the bar", [
    "kyc-bar-not-lifted",
  ]),
];

/** The readiness profile's arrival rate, taken as production peak; the soak runs at a multiple of it. */
const PEAK_RATE_PER_SEC = 1000;
/** Soak load as a multiple of peak: enough headroom to show leaks and drift, not a stress test. */
const SOAK_PEAK_MULTIPLE = 1.5;

/** The gates every provisioning profile starts from. */
const PROVISIONING_GATES: readonly GateSpec[] = [
  STATE_GATE,
  ERROR_GATE,
  ...ANSWER_GATES,
  latencyGate("p99_latency", "latency_p99_ms", 800, "p99 provisioning latency over all operations"),
];

/**
 * Feed irregularities of the readiness traffic, at the order of magnitude of replay captures:
 * duplicates and client retries (same key), deliveries that overtake the same subscriber's next
 * event anywhere in the window, late arrivals, and per-source clock skew.
 */
const READINESS_IRREGULARITIES = {
  duplicateRate: 0.005,
  retryRate: 0.005,
  outOfOrderRate: 0.05,
  outOfOrderWindowSec: 4 * 3600,
  lateRate: 0.002,
  lateDelaySec: [60, 1800] as [number, number],
  maxClockSkewMs: 2000,
};
/** Smoke keeps a share of each irregularity, large enough to appear in ~600 events. */
const SMOKE_IRREGULARITIES = {
  ...READINESS_IRREGULARITIES,
  duplicateRate: 0.02,
  retryRate: 0.02,
  lateRate: 0.01,
};

const PARALLEL = "parallel-run.reconciliation";
const INTEGRATIONS = "integrations.contracts";
const CUTOVER = "cutover.mnp";

/** A gate over any measurement of `suite`, with its own comparator and threshold. */
function fieldGate(
  suite: string,
  id: string,
  measurement: string,
  comparator: GateSpec["comparator"],
  threshold: number,
  unit: string,
  severity: GateSpec["severity"],
  description: string,
  provenBy: readonly string[],
): GateSpec {
  return {
    id,
    description,
    measurement: `${suite}.${measurement}`,
    comparator,
    threshold,
    unit,
    severity,
    provenBy,
  };
}

/**
 * The parallel run's gates (the playbook: drift zero or explained, reconcile every 4 hours, and an
 * infrastructure that cannot keep that cadence is not ready).
 */
const PARALLEL_RUN_GATES: readonly GateSpec[] = [
  fieldGate(
    PARALLEL,
    "unexplained_drift",
    "unexplained_drift",
    "==",
    0,
    "count",
    "blocker",
    "Every difference between legacy and the destination during the parallel run is explained by the sync layer and the contract",
    [
      "silent-drift",
      "reorder-drift",
      "silent-plan-change",
      "truncates-odd-amounts",
      "idempotency-ignored",
      "resumption-refused",
    ],
  ),
  fieldGate(
    PARALLEL,
    "drift_detection_time",
    "detection_time_cadences",
    "<=",
    1,
    "cadences",
    "major",
    "A drift planted on the destination is reported within one reconciliation cadence",
    ["slow-reconciliation"],
  ),
  fieldGate(
    PARALLEL,
    "reconciliation_duration",
    "reconciliation_duration_cadences",
    "<",
    1,
    "cadences",
    "blocker",
    "One reconciliation of the whole base takes less than the cadence (4 simulated hours by default)",
    ["slow-reconciliation"],
  ),
];

/** Each integration's consumer contract, gated on its own so its cutover can be sequenced on its own. */
const INTEGRATION_GATES: readonly GateSpec[] = [
  [
    "payment-gateway",
    "integration_payment_gateway",
    "The payment gateway's calls are answered as its consumer contract expects",
    ["accepts-currency-mismatch"],
  ],
  [
    "reseller-portal",
    "integration_reseller_portal",
    "The reseller portal's calls are answered as its consumer contract expects",
    ["silent-plan-change", "stale-reads"],
  ],
  [
    "self-care",
    "integration_self_care",
    "The self-care app's calls are answered as its consumer contract expects",
    ["resumption-refused", "schema-violating-read", "stale-reads"],
  ],
  [
    "bi-export",
    "integration_bi_export",
    "The BI export's calls are answered as its consumer contract expects",
    ["bi-field-renamed"],
  ],
].map(([consumer, id, description, provenBy]) =>
  fieldGate(
    INTEGRATIONS,
    id as string,
    `contract_failures.${consumer}`,
    "==",
    0,
    "count",
    "major",
    description as string,
    provenBy as string[],
  ),
);

/** The number-portability cutover rehearsal's gates. */
const CUTOVER_GATES: readonly GateSpec[] = [
  fieldGate(
    CUTOVER,
    "mnp_unroutable_numbers",
    "unroutable_numbers",
    "==",
    0,
    "count",
    "blocker",
    "Every migrated number routes to the destination for inbound and outbound voice, SMS (every carrier), data and IVR throughout the validation window",
    ["cutover-leaves-unroutable"],
  ),
  fieldGate(
    CUTOVER,
    "mnp_rollback_decision",
    "rollback_decision",
    "==",
    0,
    "flag",
    "blocker",
    "The rollback criteria declared before the cutover do not call for a rollback",
    ["cutover-leaves-unroutable"],
  ),
  fieldGate(
    CUTOVER,
    "mnp_rollback_returns_to_legacy",
    "rollback_left_on_new_route",
    "==",
    0,
    "count",
    "blocker",
    "After a rollback every number routes to legacy again (no number left on the new route)",
    ["rollback-keeps-routes"],
  ),
];

const CATALOG = "provisioning.catalog";

/**
 * Tariff mapping: every legacy plan published by the destination with the operator's terms, or
 * migrated subscribers land on a plan that does not exist or are billed by other terms. Plans the
 * destination publishes beyond the operator's (`plans_extra`) are listed, not gated: they bill no
 * migrated subscriber.
 */
const CATALOG_GATES: readonly GateSpec[] = [
  fieldGate(
    CATALOG,
    "catalog_plans_missing",
    "plans_missing",
    "==",
    0,
    "count",
    "blocker",
    "Every plan of the operator's catalog is published by the destination (GET /v1/catalog)",
    ["catalog-omits-payg"],
  ),
  fieldGate(
    CATALOG,
    "catalog_plans_mismatched",
    "plans_mismatched",
    "==",
    0,
    "count",
    "blocker",
    "Every published operator plan has the operator's terms: payment type, currency, recurring fee, allowances, overage rates, name",
    ["catalog-prices-net-of-vat"],
  ),
];

/** The countries of the default worlds: every country profile, with its own catalog and currency. */
const COUNTRIES = "GB:0.6,DE:0.3,US:0.1";

/** The gates of `profiles`, each id once (the first profile's version of a gate wins). */
function unionOfGates(...profiles: readonly Profile[]): GateSpec[] {
  const byId = new Map<string, GateSpec>();
  for (const profile of profiles)
    for (const gate of profile.gates) if (!byId.has(gate.id)) byId.set(gate.id, gate);
  return [...byId.values()];
}

/**
 * The seed certification pins: a vendor's run and the operator's rerun draw the same base, traffic
 * and plans. Every suite's random streams derive from it and the suite's id.
 */
export const CERTIFICATION_SEED = 20260301;

const BUILT_IN: Readonly<Record<string, Profile>> = {
  smoke: {
    name: "smoke",
    description:
      "A quick end-to-end check: 200 subscribers in GB, DE and US, about 600 events at 300 events/s",
    world: { subscribers: 200, windowSec: 3600, countries: COUNTRIES },
    suites: [
      {
        suite: REPLAY,
        options: {
          ratePerSec: 300,
          concurrency: 32,
          inject: SMOKE_IRREGULARITIES,
          requiredRefusalShare: 0.05,
        },
      },
    ],
    gates: PROVISIONING_GATES,
  },
  readiness: {
    name: "readiness",
    description:
      "The readiness gate before a migration phase: 5,000 subscribers in GB, DE and US, every event type with feed irregularities, at 1,000 events/s",
    world: { subscribers: 5000, windowSec: 4 * 3600, countries: COUNTRIES },
    suites: [
      // Tariff mapping first: one read, nothing written.
      { suite: CATALOG },
      {
        suite: REPLAY,
        options: { ratePerSec: PEAK_RATE_PER_SEC, concurrency: 64, inject: READINESS_IRREGULARITIES },
      },
      // Compliance first: LI and retention judge against the reference clock, which the suites below move.
      ...COMPLIANCE_SUITES,
      { suite: PARALLEL, options: { subscribers: 1000 } },
      { suite: INTEGRATIONS },
      // Both move the destination's test clock forward (mediation a period, billing three): they run last.
      { suite: CDR },
      { suite: SPLIT },
    ],
    gates: [
      ...PROVISIONING_GATES,
      ...COMPLIANCE_GATES,
      ...MEDIATION_GATES,
      ...BILLING_GATES,
      latencyGate("p99_activation", "latency_p99_ms.activation", 800, "p99 activation latency"),
      latencyGate("p99_plan_change", "latency_p99_ms.plan_change", 800, "p99 plan-change latency"),
      latencyGate("p99_top_up", "latency_p99_ms.top_up", 500, "p99 top-up latency"),
      ...PARALLEL_RUN_GATES,
      ...INTEGRATION_GATES,
      ...CATALOG_GATES,
    ],
  },
  completion: {
    name: "completion",
    description:
      "Done means done: the parallel period with its cohorts, the number-portability cutover and two billing cycles, end to end, against 5,000 subscribers in GB, DE and US",
    world: { subscribers: 5000, windowSec: 4 * 3600, countries: COUNTRIES },
    suites: [
      { suite: PARALLEL, options: { subscribers: 1000 } },
      { suite: CUTOVER },
      // Then two billing cycles after the last cohort, judged by the billing oracle (moves the test clock: last).
      { suite: SPLIT },
    ],
    gates: [...PARALLEL_RUN_GATES, ...CUTOVER_GATES, ...BILLING_GATES],
  },
  soak: {
    name: "soak",
    description: `A long replay at ${SOAK_PEAK_MULTIPLE}× peak (${SOAK_PEAK_MULTIPLE * PEAK_RATE_PER_SEC} events/s, about 10 minutes): latency must not drift`,
    world: { subscribers: 300_000, windowSec: 24 * 3600, countries: COUNTRIES },
    suites: [
      {
        suite: REPLAY,
        options: {
          ratePerSec: SOAK_PEAK_MULTIPLE * PEAK_RATE_PER_SEC,
          concurrency: 128,
          inject: READINESS_IRREGULARITIES,
        },
      },
    ],
    gates: [
      STATE_GATE,
      {
        id: "soak_error_rate",
        description: "Errors stay below 1 %; the soak stops after a minute if they do not",
        expression: "rate(errors) < 1%",
        suite: REPLAY,
        severity: "blocker",
        abortOnFail: true,
        abortDelayMs: 60_000,
        provenBy: ["leaks-5xx-under-load"],
      },
      {
        id: "soak_p99_drift",
        description:
          "p99 latency of the second half of the soak within 25 % of the first half (no leak, no slow-down); a change under 62 ms is noise",
        expression: "drift(50%, p(99), 250ms) < 25%",
        suite: REPLAY,
        severity: "major",
        // A leak makes p99 climb; so does a destination seconds slow, through each subscriber's backlog.
        provenBy: ["slows-over-time", "slow-under-load"],
      },
      {
        id: "soak_p99_worst_minute",
        description: "p99 latency below 1 s in every 1-minute window",
        expression: "max_over(1m, p(99)) < 1s",
        suite: REPLAY,
        severity: "major",
        provenBy: ["slow-under-load"],
      },
    ],
  },
};

const readiness = BUILT_IN.readiness as Profile;

/**
 * certification (`tranche certify`): every registered suite (a suite added to the registry joins
 * it with no change here), with the readiness profile's options where readiness runs the suite and
 * its defaults otherwise, at the readiness world and a pinned seed, gated by the union of the
 * readiness gates (and smoke's, should one ever be missing from readiness).
 */
const certification: Profile = {
  name: "certification",
  description: `Vendor certification: every suite (${SUITES.length}), readiness world and gates, seed ${CERTIFICATION_SEED}`,
  seed: CERTIFICATION_SEED,
  world: readiness.world,
  suites: SUITES.map(
    (suite): ProfileSuite => readiness.suites.find((s) => s.suite === suite.id) ?? { suite: suite.id },
  ),
  gates: unionOfGates(readiness, BUILT_IN.smoke as Profile),
};

export const PROFILES: Readonly<Record<string, Profile>> = { ...BUILT_IN, certification };

/** Names of the built-in profiles, for --help and errors. */
export const PROFILE_NAMES = Object.keys(PROFILES);
