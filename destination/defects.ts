/**
 * Defect profiles: realistic bugs that can be switched on in the reference destination, each one
 * documented with the gate family that must catch it. A gate that no defect can make fail is
 * itself a defect (DESIGN.md, "every gate proven to fail").
 */
import { TrancheError } from "../domain/index.ts";

export interface DefectProfile {
  readonly name: string;
  /** What the destination does wrong, in one or two sentences. */
  readonly behaviour: string;
  /** The gate family (scenario area + measurement) that must fail when this defect is on. */
  readonly gateFamily: string;
}

export const DEFECT_PROFILES: readonly DefectProfile[] = [
  {
    name: "silent-plan-change",
    behaviour:
      "A plan change answers 200 with the requested planId in the body but is not persisted: a later read shows the old plan.",
    gateFamily: "parallel-run reconciliation: state_mismatches == 0 (shadow model)",
  },
  {
    name: "proration-30-day",
    behaviour:
      "Recurring fees of partial periods are prorated over a 30-day month instead of the actual days of the billing period.",
    gateFamily: "billing / split-period: split_period_mismatch_minor == 0 (billing oracle)",
  },
  {
    name: "rounding-half-even",
    behaviour:
      "Proration and usage rating round exact halves to even (banker's rounding) instead of the contract's half-up.",
    gateFamily: "billing: invoice_mismatch_minor == 0 (billing oracle)",
  },
  {
    name: "double-recurring-on-import",
    behaviour:
      "A subscriber imported mid-period is charged the full recurring fee for that period although legacy already billed the part before migration.",
    gateFamily: "billing / split-period: double_recurring_fees == 0",
  },
  {
    name: "cdr-dedup-off",
    behaviour:
      "Mediation does not de-duplicate: a CDR with an already-seen charging ID + record ID is accepted and rated again.",
    gateFamily: "mediation: duplicate_usage_rated == 0",
  },
  {
    name: "partial-cdr-double-count",
    behaviour:
      "When the final partial record of a session arrives, the correlated session total is rated again on top of the partials already counted.",
    gateFamily: "mediation: usage_volume_mismatch == 0",
  },
  {
    name: "li-task-lost-on-import",
    behaviour:
      "Cohort import deactivates the lawful-intercept tasks whose targets match an imported subscriber, so their events stop being delivered over X2.",
    gateFamily: "compliance / LI continuity: li_gap_events == 0",
  },
  {
    name: "li-visible-to-bss-token",
    behaviour: "LI task administration and delivery logs answer the regular BSS token instead of 403.",
    gateFamily: "compliance / LI access control: li_exposed_to_bss == 0",
  },
  {
    name: "retention-purges-early",
    behaviour:
      "The retention purge counts a month as 30 days, so a 12-month window purges records that are 360–365 days old.",
    gateFamily: "compliance / data retention: retention_early_purges == 0",
  },
  {
    name: "port-in-slow",
    behaviour:
      "Port-ins complete 24 hours after the clearinghouse's scheduled porting window instead of at it.",
    gateFamily: "cutover / porting: port_in_late == 0 (porting timer)",
  },
  {
    name: "reorder-drift",
    behaviour:
      "Events of one subscriber are applied in arrival order without the event-time rules (`at`): a late older plan change overwrites the newer plan, and a late older status change is accepted instead of refused with 409 stale_event.",
    gateFamily: "provisioning: state_mismatches, wrongly_accepted under out-of-order delivery",
  },
  {
    name: "kyc-accepts-incomplete",
    behaviour:
      "Incomplete KYC records are marked verified (after a partial update or an import), and updates that clear name, date of birth, address or ID document are accepted instead of refused with 422.",
    gateFamily: "compliance / KYC: kyc_incomplete_accepted == 0",
  },
  {
    name: "slow-under-load",
    behaviour:
      "Above the load threshold (requests in the last second), every request is delayed by 2 ms per request/s of excess, capped at 2 s.",
    gateFamily: "load: p99(latency) < threshold at the target rate",
  },
  {
    name: "slows-over-time",
    behaviour:
      "Every authenticated request waits 50 ms per second since the destination's first request, capped at 3 s: a leak that makes latency climb through a long run.",
    gateFamily: "soak: drift(50%, p(99)) < 25% (latency must not climb over the run)",
  },
  {
    name: "leaks-5xx-under-load",
    behaviour:
      "Above the load threshold, every fourth request fails with 503 (nothing applied) instead of being served.",
    gateFamily: "load: error_rate_5xx == 0 at the target rate",
  },
  {
    name: "truncates-odd-amounts",
    behaviour:
      "A top-up whose amount is not a whole major unit is applied truncated to the whole unit (1007 → 1000), while answering 200 with the truncated balance.",
    gateFamily: "provisioning: state_mismatches == 0",
  },
  {
    name: "idempotency-ignored",
    behaviour:
      "The Idempotency-Key header is ignored: every delivery, duplicates and retries included, is applied as new.",
    gateFamily: "provisioning: state_mismatches, idempotency_violations",
  },
  {
    name: "idempotency-body-unchecked",
    behaviour:
      "The same Idempotency-Key on a different request returns the stored answer of the first (and applies nothing) instead of 409 idempotency_key_reused.",
    gateFamily: "provisioning: idempotency_violations == 0",
  },
  {
    name: "resumption-refused",
    behaviour: "A valid resumption (of a suspended line) is refused with 409 invalid_transition.",
    gateFamily: "provisioning: wrongly_refused == 0",
  },
  {
    name: "accepts-currency-mismatch",
    behaviour:
      "A top-up in another currency than the subscriber's is accepted and its amount added to the balance as is, instead of refused with 422 currency_mismatch.",
    gateFamily: "provisioning: wrongly_accepted == 0",
  },
  {
    name: "drops-some-activations",
    behaviour:
      "Every 50th activation since start answers 503 unavailable and applies nothing, so the later writes of that subscriber cannot be addressed.",
    gateFamily: "provisioning: consequential_failures == 0",
  },
  {
    name: "stale-reads",
    behaviour:
      "GET /v1/subscribers/{id} is served by a replica lagging 1.5 s of wall time: a subscriber that changed within the last 1.5 s is answered as it was 1.5 s earlier; writes answer their own fresh state.",
    gateFamily: "provisioning: stale_reads == 0 (reads converge; not drift)",
  },
  {
    name: "schema-violating-read",
    behaviour:
      'GET /v1/subscribers/{id} answers balanceMinor as a decimal string ("1500" instead of 1500); writes are unaffected.',
    gateFamily: "provisioning: contract_violations == 0",
  },
  {
    name: "silent-drift",
    behaviour:
      "Every top-up is posted to the account ledger (the system of record that reconciliation's checksums and state export read) one minor unit short, while the subscriber API keeps answering the full balance: no single request shows it, the difference grows with every top-up.",
    gateFamily: "parallel-run reconciliation: unexplained_drift == 0",
  },
  {
    name: "slow-reconciliation",
    behaviour:
      "Range checksums are computed by scanning the subscribers row by row (50 ms per row of the requested range) instead of from an index: one reconciliation of the base takes longer than the 4-hour cadence.",
    gateFamily:
      "parallel-run reconciliation: reconciliation_duration_cadences < 1, detection_time_cadences <= 1",
  },
  {
    name: "cutover-leaves-unroutable",
    behaviour:
      "The number-portability cutover answers every 10th number of a request `routed` without registering it: inbound calls and SMS to those numbers find no subscriber, outbound and data have no network.",
    gateFamily: "cutover / MNP: unroutable_numbers == 0, rollback_decision == 0",
  },
  {
    name: "rollback-keeps-routes",
    behaviour:
      "A cutover rollback answers every number `released` but keeps serving every 4th: those SIMs stay attached to the destination, so their outbound calls, SMS and data stay on the new route.",
    gateFamily: "cutover / MNP: rollback_left_on_new_route == 0",
  },
  {
    name: "bi-field-renamed",
    behaviour:
      "Subscriber reads answer the optional `migratedAt` of an imported subscriber as `migrationDate` (a rename in a minor release): the schema still validates, the BI export's migration report loses the field.",
    gateFamily: "integrations: contract_failures.bi-export == 0",
  },
];

export type DefectName = (typeof DEFECT_PROFILES)[number]["name"];

/** The set of defects that are switched on, with a cheap membership test. */
export interface ActiveDefects {
  readonly names: readonly string[];
  has(name: string): boolean;
}

/** Validates defect names and returns the active set; unknown names are a configuration error. */
export function parseDefects(names: readonly string[] | undefined): ActiveDefects {
  const wanted = [...new Set((names ?? []).map((n) => n.trim()).filter((n) => n.length > 0))];
  const known = new Set(DEFECT_PROFILES.map((d) => d.name));
  const unknown = wanted.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new TrancheError(
      "E_CONFIG",
      `unknown defect profile ${unknown.map((n) => `"${n}"`).join(", ")}: the reference destination has no such defect.`,
      `Known defects: ${[...known].join(", ")}.`,
    );
  }
  const set = new Set(wanted);
  return { names: wanted, has: (name) => set.has(name) };
}

/** Renders the defect list for `--list-defects`: name, gate family, behaviour. */
export function renderDefectList(): string {
  const width = Math.max(...DEFECT_PROFILES.map((d) => d.name.length));
  return `${DEFECT_PROFILES.map((d) => `${d.name.padEnd(width)}  ${d.gateFamily}\n${" ".repeat(width + 2)}${d.behaviour}`).join("\n")}\n`;
}
