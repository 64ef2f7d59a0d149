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
    gateFamily:
      "billing / split-period: allowance_errors == 0 (an overage tie), split_period_mismatch_minor == 0 (billing oracle)",
  },
  {
    name: "double-recurring-on-import",
    behaviour:
      "A subscriber imported mid-period is charged the full recurring fee for that period although legacy already billed the part before migration.",
    gateFamily: "billing / split-period: double_recurring_fees == 0",
  },
  {
    name: "split-rounds-own-share",
    behaviour:
      "In a split period the destination rounds its own share of the recurring fee (fee × days from the cutover / period days) instead of billing the remainder of legacy's part, so at a tie legacy + destination is one minor unit over the price.",
    gateFamily:
      "billing / split-period: split_period_mismatch_minor == 0 (legacy + destination = full price)",
  },
  {
    name: "usage-before-cutover-rejected",
    behaviour:
      "Usage records of an imported subscriber that start before the cutover — a call or data session in progress at it — are rejected as before_activation, so neither legacy nor the destination rates them.",
    gateFamily: "billing / split-period: lost_usage == 0",
  },
  {
    name: "top-up-at-cutover-lost",
    behaviour:
      "A top-up whose instant is exactly an imported subscriber's cutover is taken as legacy's: answered 200 with the balance unchanged.",
    gateFamily: "billing / split-period: lost_top_ups == 0",
  },
  {
    name: "allowance-ignores-legacy-usage",
    behaviour:
      "The split period's allowance ignores the legacy usage to date of the import, so the subscriber gets the allowance again and overage is under-billed.",
    gateFamily: "billing / split-period: allowance_errors == 0",
  },
  {
    name: "credit-remainder-lost",
    behaviour:
      "Imported legacy credit larger than the first destination invoice is used up to that invoice's charges and the rest is dropped instead of carried to the next invoice.",
    gateFamily: "billing / split-period: invoice_mismatch_minor == 0 (billing oracle)",
  },
  {
    name: "cdr-dedup-off",
    behaviour:
      "Mediation does not de-duplicate: a CDR with an already-seen charging ID + record ID is accepted and rated again.",
    gateFamily: "mediation: duplicates_rated == 0, control_totals_mismatch == 0",
  },
  {
    name: "partial-cdr-double-count",
    behaviour:
      "When the final partial record of a session arrives, the correlated session total is rated again on top of the partials already counted.",
    gateFamily: "mediation: partials_double_counted == 0, sessions_mischarged == 0",
  },
  {
    name: "accepts-cdr-without-quantity",
    behaviour:
      "A voice record without durationSec or a data record without volumeBytes is accepted as a zero-quantity record instead of rejected missing_quantity.",
    gateFamily: "mediation: malformed_accepted == 0",
  },
  {
    name: "cdr-result-missing",
    behaviour:
      "Records of unknown subscribers are dropped from the batch answer: no result, neither accepted nor rejected.",
    gateFamily: "mediation: input_unaccounted == 0 (input = accepted + rejected)",
  },
  {
    name: "cdr-reject-without-reason",
    behaviour: "Rejected records are answered without a reason.",
    gateFamily: "mediation: rejections_without_reason == 0",
  },
  {
    name: "cdr-gaps-unreported",
    behaviour:
      "Sessions whose final record arrived with partial sequence numbers missing are not listed by GET /v1/cdr-sessions/gaps.",
    gateFamily: "mediation: gaps_unreported == 0",
  },
  {
    name: "session-split-at-period",
    behaviour:
      "Each usage record counts in the period of its own start: a session across a period boundary is rated in both periods and pays its connect fee twice.",
    gateFamily: "mediation: sessions_mischarged == 0",
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
    name: "x2-sequence-reset-on-import",
    behaviour:
      "Cohort import opens a new X2 delivery context for the LI tasks of imported lines: their IRI sequence numbers restart at 1 instead of continuing from the task's sequenceStart, repeating numbers the collector already has.",
    gateFamily: "compliance / LI continuity: li_sequence_faults == 0",
  },
  {
    name: "x2-no-retry",
    behaviour:
      "X2 delivery is fire-and-forget: a batch of IRI records the collection endpoint refused (5xx, timeout) is marked delivered and never sent again.",
    gateFamily: "compliance / LI delivery: li_undelivered == 0",
  },
  {
    name: "li-target-cdr-delay",
    behaviour:
      "A CDR batch that holds a record of an LI target waits 400 ms for a synchronous X2 push before it is answered, so a target's usage handling is slower than anyone else's.",
    gateFamily: "compliance / LI non-detectability: li_detectable_differences == 0",
  },
  {
    name: "retention-drops-location",
    behaviour:
      "Retention queries answer usage records without their serving cell (cell: null): the location category of the retained data is missing.",
    gateFamily: "compliance / data retention: retention_missing_categories == 0",
  },
  {
    name: "retention-range-inclusive",
    behaviour:
      "Retention queries treat the end of the time range as inclusive ([from, to] instead of [from, to)): a record exactly at `to` is answered.",
    gateFamily: "compliance / data retention: retention_query_mismatches == 0",
  },
  {
    name: "retention-purge-by-receipt",
    behaviour:
      "The purge selects usage records by when they were received rather than when they happened: old records ingested late survive the purge.",
    gateFamily: "compliance / data retention: retention_overdue_records == 0",
  },
  {
    name: "retention-gap-at-cutover",
    behaviour:
      "The migration day's retention partition is left to legacy: usage of an imported line between its cutover instant and the next midnight (UTC) is accepted and rated but retained by neither side.",
    gateFamily: "compliance / data retention: retention_continuity_faults == 0",
  },
  {
    name: "pac-answer-slow",
    behaviour:
      "PAC and STAC requests are answered by a batch job: the code's SMS is sent two hours after the request instead of within a minute.",
    gateFamily: "compliance / MNP: switching_code_violations == 0",
  },
  {
    name: "in-flight-port-dropped",
    behaviour:
      "Cohort import ignores a subscriber's pendingPort: a port legacy requested before the cutover never completes on the destination, although the clearinghouse switched the number's routing.",
    gateFamily: "compliance / MNP: in_flight_ports_lost == 0, routing_disagreements == 0",
  },
  {
    name: "kyc-bar-not-applied-on-import",
    behaviour:
      "Imported lines are never barred for KYC: a DE prepaid line imported with an incomplete identity record is in service (the bar is only set on activation).",
    gateFamily: "compliance / KYC: kyc_unbarred_incomplete == 0",
  },
  {
    name: "kyc-bar-not-lifted",
    behaviour:
      "A KYC update that completes the identity record marks it verified but leaves the line barred (kyc_required).",
    gateFamily: "compliance / KYC: kyc_corrections_failed == 0",
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
    gateFamily: "provisioning: state_mismatches == 0; billing / split-period: lost_top_ups == 0",
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
  {
    name: "catalog-prices-net-of-vat",
    behaviour:
      "GET /v1/catalog publishes the recurring fee of EUR plans net of 19 % VAT (999 → 839): the catalog export maps the offer's tax-exclusive price into the tax-inclusive fee, while activation, rating and invoicing keep the gross tariff.",
    gateFamily: "provisioning / catalog: catalog_plans_mismatched == 0 (tariff mapping)",
  },
  {
    name: "catalog-omits-payg",
    behaviour:
      "GET /v1/catalog leaves out the pay-as-you-go plans (no recurring fee): the export lists priced offers only, although activation, plan change, cohort import and rating still accept them.",
    gateFamily: "provisioning / catalog: catalog_plans_missing == 0 (tariff mapping)",
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
