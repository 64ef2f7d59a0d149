/**
 * Error attribution: what the shadow model's judgements of every delivery add up to. A refusal the
 * contract requires is not an error; an acceptance where a refusal was owed, or a refusal where an
 * acceptance was owed, is its own finding; a failure that only follows from an earlier failure of
 * the same subscriber is consequential, counted apart from the primary one; an answer that breaks
 * the contract's schema is a contract violation. Each becomes a measurement a gate can read, with
 * examples, and a table per operation for the report.
 */
import type { TableSection } from "../../domain/index.ts";
import type { JudgedDelivery, Judgement } from "../shadow/shadow-model.ts";
import type { MeasurementSet } from "../suite/suite.ts";

/** Judgements in report order. */
export const JUDGEMENTS: readonly Judgement[] = [
  "ok",
  "expected_rejection",
  "wrongly_accepted",
  "wrongly_refused",
  "failed",
  "unknown",
  "consequential",
  "unparseable",
  "not_delivered",
];

/** How many examples each finding keeps. */
const EXAMPLES = 5;

export interface Attribution {
  readonly totals: Readonly<Record<Judgement, number>>;
  readonly byOperation: ReadonlyMap<string, Readonly<Record<Judgement, number>>>;
  /** Deliveries whose key was already answered but whose answer was not the stored one. */
  readonly idempotencyViolations: number;
  readonly examples: Readonly<Record<string, readonly JudgedDelivery[]>>;
  /** Deliveries that reached the destination (or failed trying). */
  readonly delivered: number;
}

const zero = (): Record<Judgement, number> =>
  Object.fromEntries(JUDGEMENTS.map((j) => [j, 0])) as Record<Judgement, number>;

/** Adds up judgements; a replayed key's wrong answer counts as an idempotency violation only. */
export function attribute(judged: readonly JudgedDelivery[]): Attribution {
  const totals = zero();
  const byOperation = new Map<string, Record<Judgement, number>>();
  const examples: Record<string, JudgedDelivery[]> = {};
  let idempotencyViolations = 0;
  const keep = (name: string, j: JudgedDelivery) => {
    const list = examples[name] ?? [];
    examples[name] = list;
    if (list.length < EXAMPLES) list.push(j);
  };
  for (const j of judged) {
    const wrong = j.judgement === "wrongly_accepted" || j.judgement === "wrongly_refused";
    if (j.replayOfKey && wrong) {
      idempotencyViolations++;
      keep("idempotency_violations", j);
      continue;
    }
    totals[j.judgement]++;
    const op = byOperation.get(j.operation) ?? zero();
    byOperation.set(j.operation, op);
    op[j.judgement]++;
    if (j.judgement !== "ok" && j.judgement !== "not_delivered") keep(j.judgement, j);
  }
  const delivered = judged.length - totals.not_delivered;
  return { totals, byOperation, idempotencyViolations, examples, delivered };
}

/** Records the attribution's measurements (error rate, rule findings, consequences, violations). */
export function recordAttribution(
  out: MeasurementSet,
  a: Attribution,
  readViolations: readonly string[],
): void {
  const t = a.totals;
  const primary = t.failed + t.unknown;
  const line = (name: string) =>
    (a.examples[name] ?? []).map(
      (j) =>
        `${j.eventId} (${j.operation}, HTTP ${j.status}${j.refusal ? `, owed ${j.refusal.status} ${j.refusal.code}` : ""})`,
    );
  const summary = (count: number, what: string, name: string) =>
    count === 0 ? `no ${what}` : `${count} ${what}: ${line(name).join("; ")}${count > EXAMPLES ? "; …" : ""}`;
  out.set(
    "error_rate_pct",
    a.delivered === 0 ? 0 : Math.round((primary / a.delivered) * 100_000) / 1000,
    "%",
    {
      summary: `${primary} of ${a.delivered} deliveries failed without an answer the contract allows (${t.failed} 5xx or refused, ${t.unknown} timed out or reset); refusals the contract requires are not errors`,
    },
  );
  out.set("expected_rejections", t.expected_rejection, "count", {
    summary: `${t.expected_rejection} refusals the contract requires, given as required`,
  });
  out.set("wrongly_accepted", t.wrongly_accepted, "count", {
    summary: summary(
      t.wrongly_accepted,
      "accepted although the contract requires a refusal",
      "wrongly_accepted",
    ),
    items: [...(a.examples.wrongly_accepted ?? [])],
  });
  out.set("wrongly_refused", t.wrongly_refused, "count", {
    summary: summary(
      t.wrongly_refused,
      "refused although the contract requires acceptance",
      "wrongly_refused",
    ),
    items: [...(a.examples.wrongly_refused ?? [])],
  });
  out.set("idempotency_violations", a.idempotencyViolations, "count", {
    summary: summary(
      a.idempotencyViolations,
      "deliveries with an already answered Idempotency-Key that did not get the stored answer (or a reused key not refused)",
      "idempotency_violations",
    ),
    items: [...(a.examples.idempotency_violations ?? [])],
  });
  out.set("consequential_failures", t.consequential, "count", {
    summary: summary(
      t.consequential,
      "writes not sent because the subscriber's activation failed",
      "consequential",
    ),
    items: [...(a.examples.consequential ?? [])],
  });
  const violations = t.unparseable + readViolations.length;
  out.set("contract_violations", violations, "count", {
    summary:
      violations === 0
        ? "every answer matched the contract's schemas"
        : `${violations} answers broke the contract's schemas (${t.unparseable} write answers, ${readViolations.length} reads): ${[
            ...line("unparseable"),
            ...readViolations.slice(0, EXAMPLES),
          ].join("; ")}`,
  });
}

/** The judgements per operation as a report table. */
export function attributionSection(a: Attribution): TableSection {
  const rows = [...a.byOperation.entries()]
    .sort(([x], [y]) => (x < y ? -1 : 1))
    .map(([operation, counts]) => ({ operation, ...counts }));
  return {
    kind: "table",
    id: "answers",
    title: "Answers judged against the contract, per operation",
    description:
      "ok and expected rejections are right; wrongly accepted / refused are rule findings; failed and unknown are errors; consequential writes could not be sent because an earlier activation failed; unparseable answers broke the schema.",
    columns: [
      { key: "operation", label: "operation" },
      ...JUDGEMENTS.map((j) => ({ key: j, label: j.replace(/_/g, " ") })),
    ],
    rows,
    totalRows: rows.length,
  };
}
