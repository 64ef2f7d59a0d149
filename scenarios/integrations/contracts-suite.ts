/**
 * `integrations.contracts`: every external API dependency of the destination — payment gateway,
 * reseller portal, self-care, BI export — checked on its own against the destination, from its
 * consumer contract (contracts/*.json: the calls it makes and the answers it relies on), and
 * reported per integration so each integration's cutover can be sequenced on its own.
 */
import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import {
  activationPayloadOf,
  billingPeriodAt,
  type ChecklistSection,
  type ProvisioningEvent,
  type Subscriber,
  TrancheError,
} from "../../domain/index.ts";
import {
  type ApplyOutcome,
  type CapabilitiesOf,
  defineSuite,
  MeasurementSet,
  type SuiteOutcome,
} from "../../harness/index.ts";
import { retry5xx } from "../shared/retry.ts";
import { suitePopulation } from "../shared/suite-population.ts";
import {
  type ConsumerContract,
  type Interaction,
  mismatches,
  parseConsumerContract,
  substitute,
} from "./consumer-contract.ts";
import biExport from "./contracts/bi-export.json" with { type: "json" };
import paymentGateway from "./contracts/payment-gateway.json" with { type: "json" };
import resellerPortal from "./contracts/reseller-portal.json" with { type: "json" };
import selfCare from "./contracts/self-care.json" with { type: "json" };

/** The built-in consumer contracts, validated when the suite loads. */
export const CONSUMER_CONTRACTS: readonly ConsumerContract[] = [
  parseConsumerContract("scenarios/integrations/contracts/payment-gateway.json", paymentGateway),
  parseConsumerContract("scenarios/integrations/contracts/reseller-portal.json", resellerPortal),
  parseConsumerContract("scenarios/integrations/contracts/self-care.json", selfCare),
  parseConsumerContract("scenarios/integrations/contracts/bi-export.json", biExport),
];

const PREFIX = "ic-";
const ATTEMPTS = 10;
const OTHER_CURRENCY: Readonly<Record<string, string>> = { GBP: "EUR", EUR: "USD", USD: "GBP" };

const options = z
  .object({
    /** Integrations to check (all when absent), by consumer name. */
    integrations: z.array(z.string()).optional(),
  })
  .strict();

type Target = CapabilitiesOf<"provisioning" | "cohort-import" | "http">;

interface Checked {
  readonly consumer: string;
  readonly interaction: Interaction;
  readonly problems: readonly string[];
}

function selected(names: readonly string[] | undefined): ConsumerContract[] {
  if (!names) return [...CONSUMER_CONTRACTS];
  const unknown = names.filter((n) => !CONSUMER_CONTRACTS.some((c) => c.consumer === n));
  if (unknown.length > 0) {
    throw new TrancheError(
      "E_CONFIG",
      `"suites.integrations.contracts.integrations": unknown integration ${unknown.map((n) => `"${n}"`).join(", ")}.`,
      `Known: ${CONSUMER_CONTRACTS.map((c) => c.consumer).join(", ")}.`,
    );
  }
  return CONSUMER_CONTRACTS.filter((c) => names.includes(c.consumer));
}

export const integrationsContractsSuite = defineSuite({
  id: "integrations.contracts",
  title: "Integration contracts",
  description:
    "Checks each external API dependency (payment gateway, reseller portal, self-care, BI export) against the destination from its consumer contract: the calls it makes and the answers it relies on, reported per integration.",
  options,
  requires: ["provisioning", "cohort-import", "http"],
  proofOptions: {},
  plan({ options }) {
    const contracts = selected(options.integrations);
    const n = contracts.reduce((k, c) => k + c.interactions.length, 0);
    return {
      summary: `${n} interactions of ${contracts.length} integrations (${contracts.map((c) => c.consumer).join(", ")}), each from its own provider state`,
      checks: contracts.map(
        (c) =>
          `${c.consumer}: ${c.interactions.length} interactions answered as its consumer contract expects`,
      ),
    };
  },
  async run(context): Promise<SuiteOutcome> {
    const contracts = selected(context.options.integrations);
    const total = contracts.reduce((k, c) => k + c.interactions.length, 0);
    const population = suitePopulation(context, PREFIX, total);
    const catalog = context.world.catalog();
    const checked: Checked[] = [];
    let index = 0;
    for (const contract of contracts) {
      for (const interaction of contract.interactions) {
        if (context.signal.aborted) break;
        const subscriber = population[index] as Subscriber;
        const i = index++;
        const problems = await check(
          context.target,
          contract.consumer,
          interaction,
          subscriber,
          i,
          catalog,
          context.refDate.epochMilliseconds,
          context.signal,
        );
        checked.push({ consumer: contract.consumer, interaction, problems });
        context.progress("interactions", checked.length, total);
      }
    }
    const m = new MeasurementSet();
    const failures = checked.filter((c) => c.problems.length > 0);
    m.set("interactions", checked.length, "count");
    m.set("contract_failures", failures.length, "count", { summary: summarize(failures, checked.length) });
    for (const contract of contracts) {
      const mine = checked.filter((c) => c.consumer === contract.consumer);
      const bad = mine.filter((c) => c.problems.length > 0);
      m.set(`contract_failures.${contract.consumer}`, bad.length, "count", {
        summary: summarize(bad, mine.length),
        items: bad.map((b) => ({ interaction: b.interaction.description, problems: b.problems.join("; ") })),
      });
    }
    const section: ChecklistSection = {
      kind: "checklist",
      id: "integration-contracts",
      title: "Integration contracts, per integration",
      description:
        "Each interaction of each consumer contract against the destination, from its own provider state.",
      items: checked.map((c) => ({
        requirement: `${c.consumer}: ${c.interaction.description}`,
        source: `scenarios/integrations/contracts/${c.consumer}.json (${c.interaction.request.method} ${c.interaction.request.path})`,
        result: c.problems.length === 0 ? "pass" : "fail",
        evidence:
          c.problems.length === 0
            ? `answered as expected (${c.interaction.response.status})`
            : c.problems.join("; "),
      })),
    };
    const complete = !context.signal.aborted;
    return {
      complete,
      ...(complete ? {} : { reason: "interrupted" }),
      measurements: m.list(),
      notes: [`${checked.length} interactions of ${contracts.length} integrations`],
      sections: [section],
    };
  },
});

function summarize(bad: readonly Checked[], of: number): string {
  if (bad.length === 0) return `all ${of} interactions answered as their consumer contracts expect`;
  return `${bad.length} of ${of} interactions broke their consumer contract: ${bad
    .slice(0, 5)
    .map((b) => `${b.consumer} "${b.interaction.description}" (${b.problems[0]})`)
    .join("; ")}`;
}

/** Sets the provider state up, sends the interaction's request and matches the answer. */
async function check(
  target: Target,
  consumer: string,
  interaction: Interaction,
  s: Subscriber,
  i: number,
  catalog: readonly { id: string; paymentType: string; currency: string }[],
  refMs: number,
  signal: AbortSignal,
): Promise<string[]> {
  const nowIso = (offsetSec: number) =>
    Temporal.Instant.fromEpochMilliseconds(refMs + 3_600_000 + i * 60_000 + offsetSec * 1000).toString();
  const otherPlan = catalog.find(
    (p) => p.paymentType === s.paymentType && p.currency === s.billing.currency && p.id !== s.planId,
  );
  // The legacy balance as it is (a negative one too): the contracts' requests carry it unclamped.
  const activation = {
    externalId: s.id,
    ...activationPayloadOf(s, s.billing.balanceMinor),
    at: nowIso(0),
  };
  const vars: Record<string, unknown> = {
    now: nowIso(30),
    key: `${PREFIX}${consumer}-${i}`,
    activation,
    "subscriber.externalId": s.id,
    "subscriber.msisdn": s.msisdn,
    "subscriber.currency": s.billing.currency,
    "subscriber.otherCurrency": OTHER_CURRENCY[s.billing.currency] ?? "XXX",
    "subscriber.planId": s.planId,
    "subscriber.otherPlanId": otherPlan?.id ?? s.planId,
    "subscriber.cohortId": `${PREFIX}${consumer}-${i}`,
  };
  try {
    const id = await providerState(
      target,
      interaction.providerState,
      s,
      activation,
      vars,
      otherPlan?.id,
      signal,
    );
    if (id) vars["subscriber.id"] = id;
  } catch (error) {
    if (!(error instanceof TrancheError) || error.code !== "E_INPUT") throw error;
    return [
      `provider state "${interaction.providerState}" could not be set up: ${error.message.replace(/^\[tranche\] /, "")}`,
    ];
  }
  const req = substitute(interaction.request, vars) as Interaction["request"];
  let answer: Awaited<ReturnType<Target["http"]["request"]>> | undefined;
  for (let attempt = 0; attempt < ATTEMPTS && !signal.aborted; attempt++) {
    answer = await target.http.request(req, signal);
    if (answer.status < 500) break;
  }
  if (!answer) return ["no answer"];
  const expected = substitute(interaction.response, vars) as Interaction["response"];
  const problems: string[] = [];
  if (answer.status !== expected.status)
    problems.push(`status: expected ${expected.status}, got ${answer.status}`);
  if (expected.body !== undefined) {
    const body = expected.ndjson
      ? answer.raw
          .split("\n")
          .filter((l) => l.trim().length > 0)
          .map((l) => JSON.parse(l) as unknown)
      : answer.body;
    problems.push(...mismatches(expected.body, body));
  }
  return problems;
}

/** Sets up a provider state; returns the destination's id of its subscriber, if it has one. */
async function providerState(
  target: Target,
  state: Interaction["providerState"],
  s: Subscriber,
  activation: Record<string, unknown>,
  vars: Record<string, unknown>,
  otherPlanId: string | undefined,
  signal: AbortSignal,
): Promise<string | undefined> {
  if (state === "no subscriber" || state === "a new line") return undefined;
  const key = String(vars.key);
  if (state === "an imported subscriber") {
    const result = await retry5xx(() =>
      target["cohort-import"].importCohort(
        {
          cohortId: String(vars["subscriber.cohortId"]),
          cutoverAt: String(activation.at),
          subscribers: [periodAt(s, String(activation.at))],
        },
        `${key}-import`,
        signal,
      ),
    );
    const id = result.results[0]?.id;
    if (!id)
      throw new TrancheError("E_INPUT", `the import was ${result.results[0]?.reason ?? "not answered"}`);
    return id;
  }
  const base = { subscriberId: s.id, source: "integration-provider-state" };
  const activated = await apply(
    target,
    {
      ...base,
      id: `${key}-a`,
      at: String(activation.at),
      idempotencyKey: `${key}-a`,
      type: "activation",
      payload: { ...activation, at: undefined } as never,
    },
    undefined,
    signal,
  );
  const id = activated.destinationId;
  if (!id) throw new TrancheError("E_INPUT", `the activation answered HTTP ${activated.status}`);
  const at = Temporal.Instant.from(String(activation.at)).add({ seconds: 10 }).toString();
  const follow: ProvisioningEvent | undefined =
    state === "a subscriber whose plan was changed" && otherPlanId
      ? {
          ...base,
          id: `${key}-p`,
          at,
          idempotencyKey: `${key}-p`,
          type: "plan_change",
          payload: { planId: otherPlanId },
        }
      : state === "a subscriber who bought an add-on"
        ? {
            ...base,
            id: `${key}-o`,
            at,
            idempotencyKey: `${key}-o`,
            type: "addon_purchase",
            payload: { addonId: "SELFCARE-DATA-1GB", priceMinor: 0, currency: s.billing.currency },
          }
        : state === "a suspended subscriber"
          ? {
              ...base,
              id: `${key}-s`,
              at,
              idempotencyKey: `${key}-s`,
              type: "suspension",
              payload: { reason: "self-care test" },
            }
          : undefined;
  if (follow) {
    const outcome = await apply(target, follow, id, signal);
    if (outcome.failure)
      throw new TrancheError("E_INPUT", `the ${follow.type} answered HTTP ${outcome.status}`);
  }
  return id;
}

async function apply(
  target: Target,
  event: ProvisioningEvent,
  destinationId: string | undefined,
  signal: AbortSignal,
): Promise<ApplyOutcome> {
  let outcome: ApplyOutcome = { status: 0 };
  for (let attempt = 0; attempt < ATTEMPTS && !signal.aborted; attempt++) {
    outcome = await target.provisioning.apply(event, destinationId, signal);
    if (outcome.failure?.kind !== "http_5xx" && outcome.failure?.kind !== "reset") break;
  }
  return outcome;
}

/** The subscriber with the billing period of the import instant (a cohort import requires it). */
function periodAt(s: Subscriber, at: string): Subscriber {
  return {
    ...s,
    billing: {
      ...s.billing,
      periodStart: periodStartOf(s, at),
      usageToDate: { voiceSec: 0, smsCount: 0, dataBytes: 0 },
    },
  };
}

function periodStartOf(s: Subscriber, at: string): string {
  return billingPeriodAt(Temporal.Instant.from(at), s.billing.anchorDay, s.billing.timezone)
    .start.toInstant()
    .toString();
}
