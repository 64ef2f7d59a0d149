/**
 * `compliance.kyc`: subscriber registration (KYC, know your customer) against each country's rule.
 * A cohort of prepaid and postpaid lines of every country is imported, some with an incomplete
 * identity record on purpose; fresh lines are activated without one; partial updates and updates
 * that would clear a field are sent; then every incomplete record is corrected through the KYC
 * update operation. Checked: an incomplete record is never marked verified and a field is never
 * cleared; a line is barred exactly when its country's rule bars it (DE prepaid: TKG §172, identity
 * before service) and in service otherwise; a correction verifies the record and lifts the bar.
 */
import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import {
  activationPayloadOf,
  type KycRegulation,
  kycRuleOf,
  type ProvisioningEvent,
  type Subscriber,
  TrancheError,
} from "../../domain/index.ts";
import {
  type DestinationSubscriberState,
  defineSuite,
  MeasurementSet,
  type SuiteContext,
  type SuiteOutcome,
} from "../../harness/index.ts";
import {
  atCutover,
  checklistItem,
  checklistSection,
  complianceLines,
  countryOf,
  each,
  LINE_BLOCKS,
  readSettled,
  regulationOf,
  retryingTarget,
  stateOf,
  worldCountries,
} from "./compliance-lines.ts";

const options = z
  .object({
    /** Imported lines per country and payment type (every other one with an incomplete record). */
    importedPerKind: z.number().int().min(2).max(100).default(4),
    /** Lines activated without an identity record per country (prepaid). */
    activatedPerCountry: z.number().int().min(1).max(100).default(2),
    /** How long a read that disagrees may take to converge (a lagging replica) before it counts (ms). */
    settleMs: z.number().int().min(0).max(60_000).default(2000),
  })
  .strict();
type Options = z.infer<typeof options>;
const REQUIRES = ["cohort-import", "provisioning", "state-read", "test-clock"] as const;
type Context = SuiteContext<Options, (typeof REQUIRES)[number]>;

const FIELDS = ["name", "dateOfBirth", "address", "idDocument"] as const;

/** A line the suite follows: where it came from and whether its identity record is complete. */
interface Followed {
  readonly line: Subscriber;
  readonly country: string;
  readonly rule: KycRegulation;
  readonly how: "imported" | "activated";
  complete: boolean;
  destinationId?: string;
}

/** Whether the rule wants this line barred now. */
function barExpected(f: Followed): boolean {
  return f.rule.onIncomplete === "bar" && !f.complete;
}

export const complianceKycSuite = defineSuite({
  id: "compliance.kyc",
  title: "Subscriber registration (KYC)",
  description:
    "Imports and activates prepaid and postpaid lines of every country with complete and incomplete identity records: incomplete records never verified, lines barred exactly as their country's rule says, corrections through the KYC update verifying the record and lifting the bar.",
  options,
  requires: REQUIRES,
  proofOptions: { importedPerKind: 2, activatedPerCountry: 1 },
  plan({ options, world }) {
    const countries = worldCountries(world);
    const rules = countries.map((c) => {
      const p = regulationOf(world, c).kyc.prepaid;
      return `${c} prepaid ${p.mandatory ? `${p.requiredFields.length} fields, ${p.onIncomplete === "bar" ? "barred until complete" : "flagged"}` : "not mandatory"}`;
    });
    return {
      summary: `${options.importedPerKind} imported lines per country and payment type (half incomplete), ${options.activatedPerCountry} activated per country without a record; ${rules.join("; ")}`,
      checks: [
        "an incomplete identity record is never marked verified; a field is never cleared",
        "lines barred exactly as their country's rule says (imported and activated)",
        "a correction through the KYC update verifies the record and lifts the bar",
      ],
    };
  },
  run: (context) => runKyc({ ...context, target: retryingTarget(context.target) } as unknown as Context),
});

async function runKyc(context: Context): Promise<SuiteOutcome> {
  const { target, signal, options: o, world } = context;
  const now = Temporal.Instant.from(await target["test-clock"].clockNow(signal));
  const m = new MeasurementSet();
  const countries = worldCountries(world);
  const pool = complianceLines(world, LINE_BLOCKS.kyc, 800).filter(
    (l) => l.status !== "terminated" && l.kyc.name !== null,
  );
  const followed: Followed[] = [];
  let used = new Set<string>();
  const take = (country: string, paymentType: string, count: number) => {
    const out = pool
      .filter((l) => !used.has(l.id) && countryOf(l) === country && l.paymentType === paymentType)
      .slice(0, count);
    used = new Set([...used, ...out.map((l) => l.id)]);
    return out;
  };
  for (const country of countries) {
    const kyc = regulationOf(world, country).kyc;
    for (const paymentType of ["prepaid", "postpaid"] as const) {
      for (const [i, line] of take(country, paymentType, o.importedPerKind).entries()) {
        // Every other line lacks one field its rule requires (the ID document when none is required).
        const field =
          kyc[paymentType].requiredFields[i % Math.max(1, kyc[paymentType].requiredFields.length)] ??
          "idDocument";
        const incomplete = i % 2 === 1;
        const record = incomplete ? { ...line, kyc: { ...line.kyc, [field]: null } } : line;
        followed.push({
          line: atCutover(record, now),
          country,
          rule: kycRuleOf(regulationOf(world, country), paymentType),
          how: "imported",
          complete: !incomplete,
        });
      }
    }
  }
  const imported = followed.filter((f) => f.how === "imported");
  if (imported.length === 0)
    throw new TrancheError("E_INPUT", "compliance.kyc found no lines in the world's base.");
  const result = await target["cohort-import"].importCohort(
    {
      cohortId: `kyc-${context.seed}-${now.epochMilliseconds}`,
      cutoverAt: now.toString(),
      subscribers: imported.map((f) => f.line),
    },
    undefined,
    signal,
  );
  for (const r of result.results) {
    const f = imported[r.index];
    if (f && r.id) f.destinationId = r.id;
  }
  if (result.rejected > 0)
    return incomplete(m, `${result.rejected} lines of the KYC cohort were not imported`);
  for (const country of countries) {
    for (const line of take(country, "prepaid", o.activatedPerCountry)) {
      const event: ProvisioningEvent = {
        id: `kyc-${line.id}-act`,
        type: "activation",
        at: now.toString(),
        subscriberId: line.id,
        idempotencyKey: `kyc-${line.id}-act`,
        source: "compliance.kyc",
        payload: activationPayloadOf(line, 0),
      };
      const answer = await target.provisioning.apply(event, undefined, signal);
      if (!answer.destinationId)
        return incomplete(m, `activation of a KYC line failed (HTTP ${answer.status})`);
      followed.push({
        line,
        country,
        rule: kycRuleOf(regulationOf(world, country), "prepaid"),
        how: "activated",
        complete: false,
        destinationId: answer.destinationId,
      });
    }
  }
  let key = 0;
  const update = (f: Followed, payload: Record<string, string | null>) =>
    target.provisioning.apply(
      {
        id: `kyc-${f.line.id}-u${key}`,
        type: "kyc_update",
        at: now.toString(),
        subscriberId: f.line.id,
        idempotencyKey: `kyc-${f.line.id}-u${key++}`,
        source: "compliance.kyc",
        payload,
      },
      f.destinationId,
      signal,
    );
  // Right after the import and the activations: verification status and barring of every line.
  let wronglyVerified = 0;
  let clearedAccepted = 0;
  let barringViolations = 0;
  const barringNotes = new Set<string>();
  const expectedStatus = (f: Followed) =>
    f.how === "imported" ? (f.complete ? "verified" : "incomplete") : "unverified";
  const barred = (state: DestinationSubscriberState | undefined) => state?.barring?.reason === "kyc_required";
  const read = stateOf(target["state-read"], signal);
  const readLine = (f: Followed) => read(f.destinationId as string, f.line.id);
  const states = await readSettled(
    (i) => readLine(followed[i] as Followed),
    followed.length,
    (state, i) => {
      const f = followed[i] as Followed;
      return state?.kycStatus === expectedStatus(f) && barred(state) === barExpected(f);
    },
    o.settleMs,
  );
  followed.forEach((f, i) => {
    const state = states[i];
    if (!state) return;
    const expectedStatus = f.how === "imported" ? (f.complete ? "verified" : "incomplete") : "unverified";
    if (state.kycStatus === "verified" && expectedStatus !== "verified") wronglyVerified += 1;
    const barred = state.barring?.reason === "kyc_required";
    if (barred !== barExpected(f)) {
      barringViolations += 1;
      barringNotes.add(
        `${f.country} ${f.line.paymentType} ${f.how} ${barred ? "barred without cause" : "in service while incomplete"}`,
      );
    }
  });
  // A partial update (one field) of an incomplete record leaves it incomplete.
  for (const f of followed.filter((x) => !x.complete && x.how === "imported")) {
    const present = FIELDS.find((field) => f.line.kyc[field] !== null) as (typeof FIELDS)[number];
    await update(f, { [present]: f.line.kyc[present] });
    const [state] = await readSettled(
      () => readLine(f),
      1,
      (s) => s?.kycStatus === "incomplete",
      o.settleMs,
    );
    if (state?.kycStatus === "verified") wronglyVerified += 1;
  }
  // Clearing a field of a complete record must be refused (422 kyc_incomplete).
  for (const f of followed.filter((x) => x.complete).slice(0, Math.max(1, countries.length))) {
    const answer = await update(f, { address: null });
    if (answer.status < 400) {
      clearedAccepted += 1;
      f.complete = false;
    }
  }
  const incompleteAccepted = wronglyVerified + clearedAccepted;
  m.set("kyc_incomplete_accepted", incompleteAccepted, "count", {
    summary:
      incompleteAccepted === 0
        ? `no incomplete identity record marked verified (${followed.length} lines), every update clearing a field refused`
        : `${wronglyVerified} incomplete records marked verified, ${clearedAccepted} updates clearing a field accepted`,
  });
  m.set("kyc_barring_violations", barringViolations, "count", {
    summary:
      barringViolations === 0
        ? `all ${followed.length} lines barred exactly as their country's rule says`
        : `${barringViolations} lines not barred as their rule says: ${[...barringNotes].join("; ")}`,
  });
  // Corrections: every incomplete or unverified record completed through the KYC update.
  const toCorrect = followed.filter((f) => !f.complete);
  const answers = await each(toCorrect, (f) =>
    update(f, Object.fromEntries(FIELDS.map((field) => [field, f.line.kyc[field] ?? `corrected ${field}`]))),
  );
  const corrected = await readSettled(
    (i) => readLine(toCorrect[i] as Followed),
    toCorrect.length,
    (state) => state?.kycStatus === "verified" && !state.barring,
    o.settleMs,
  );
  const correctionsFailed = toCorrect.filter((_, i) => {
    const state = corrected[i];
    return answers[i]?.failure !== undefined || state?.kycStatus !== "verified" || Boolean(state.barring);
  }).length;
  m.set("kyc_corrections_failed", correctionsFailed, "count", {
    summary:
      correctionsFailed === 0
        ? `all ${toCorrect.length} corrections verified the record and left the line in service`
        : `${correctionsFailed} of ${toCorrect.length} corrections left the record unverified or the line barred`,
  });
  const kinds = countries.flatMap((c) =>
    (["prepaid", "postpaid"] as const).map((paymentType) => {
      const own = imported.filter((f) => f.country === c && f.line.paymentType === paymentType);
      return {
        c,
        paymentType,
        own,
        incomplete: own.filter(
          (f) => !f.line.kyc.idDocument || !f.line.kyc.name || !f.line.kyc.address || !f.line.kyc.dateOfBirth,
        ).length,
      };
    }),
  );
  m.set("kyc_imported", imported.length, "count");
  const items = [
    ...kinds.map(({ c, paymentType, own, incomplete }) => {
      const rule = regulationOf(world, c).kyc[paymentType];
      const says = rule.mandatory
        ? `${rule.requiredFields.join(", ")} required${rule.onIncomplete === "bar" ? ", line barred until complete" : ""}`
        : "no mandatory registration";
      return checklistItem(
        `${c} ${paymentType}: ${says}`,
        rule.source,
        rule.onIncomplete === "bar" ? barringViolations : 0,
        `imported ${own.length}, ${incomplete} incomplete`,
      );
    }),
    checklistItem(
      "An incomplete identity record is never verified; identity data is never cleared",
      "TKG §172 / the contract's KYC rule",
      incompleteAccepted,
      `${wronglyVerified} wrongly verified, ${clearedAccepted} clearings accepted`,
    ),
    checklistItem(
      "Corrections through the KYC update verify the record and lift the bar",
      "TKG §172(2) (service once verified)",
      correctionsFailed,
      `${toCorrect.length} corrections`,
    ),
  ];
  return {
    complete: true,
    measurements: m.list(),
    notes: [],
    sections: [checklistSection("kyc-checklist", "Subscriber registration (KYC) checklist", items)],
  };
}

function incomplete(m: MeasurementSet, reason: string): SuiteOutcome {
  return { complete: false, reason, measurements: m.list(), notes: [reason], sections: [] };
}
