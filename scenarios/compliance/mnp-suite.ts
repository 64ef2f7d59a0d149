/**
 * `compliance.mnp`: number portability against each country's rule. The destination is pointed at
 * the MNP clearinghouse mock, which books every switch four hours before the rule's deadline (one
 * working day on the country's holiday calendar, in the line's time zone). Port-ins and port-outs
 * of imported lines are requested; UK lines ask for a PAC and a STAC by SMS first; and a second
 * cohort arrives with ports legacy requested before its cutover still in flight. The test clock
 * then walks through every porting window and deadline. Checked: a port-in completes when the
 * clearinghouse switches routing (no time without service); every port completes within the
 * country's deadline; PAC/STAC answered within a minute and valid 30 days; ports in flight at the
 * cutover carried over and completed; the destination serves exactly the numbers the
 * clearinghouse routes to it.
 */
import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import {
  addWorkingDays,
  countryOfMsisdn,
  type PortingRule,
  type Subscriber,
  TrancheError,
} from "../../domain/index.ts";
import {
  type DestinationSubscriberState,
  defineSuite,
  MeasurementSet,
  type PendingPort,
  type ServedMocks,
  type SuiteContext,
  type SuiteOutcome,
  serveMocks,
} from "../../harness/index.ts";
import {
  atCutover,
  checklistItem,
  checklistSection,
  complianceLines,
  countryOf,
  LINE_BLOCKS,
  notChecked,
  readSettled,
  regulationOf,
  retryingTarget,
  stateOf,
  worldCountries,
} from "./compliance-lines.ts";

const options = z
  .object({
    /** Port-ins, port-outs and ports in flight at the cutover, each, per country. */
    portsPerCountry: z.number().int().min(1).max(50).default(2),
    /** How long before the deadline the clearinghouse mock books the switch (hours). */
    slotBeforeDeadlineHours: z.number().int().min(1).max(23).default(4),
    /** How long a read that disagrees may take to converge (a lagging replica) before it counts (ms). */
    settleMs: z.number().int().min(0).max(60_000).default(2000),
  })
  .strict();
type Options = z.infer<typeof options>;
const REQUIRES = ["porting", "cohort-import", "state-read", "test-clock"] as const;
type Context = SuiteContext<Options, (typeof REQUIRES)[number]>;

const PAC = /^[A-Z]{3}\d{6}$/;
const STAC = /^\d{6}[A-Z]{3}$/;
const DAY_MS = 86_400_000;

interface Port {
  readonly kind: "port_in" | "port_out";
  readonly country: string;
  /** The number that moves. */
  readonly msisdn: string;
  readonly destinationId: string;
  /** The legacy id of the line that ports. */
  readonly externalId: string;
  readonly inFlight: boolean;
  readonly requestedAt: Temporal.Instant;
  /** The clearinghouse's porting window. */
  readonly window: Temporal.Instant;
  readonly deadline: Temporal.Instant;
  /** The destination's port request id (absent for a carried-over port: not known to the harness). */
  readonly portId?: string;
}

function ruleOf(context: Context, country: string): PortingRule {
  return regulationOf(context.world, country).porting;
}

export const complianceMnpSuite = defineSuite({
  id: "compliance.mnp",
  title: "Number portability",
  description:
    "Port-ins, port-outs and ports in flight at the cutover through the MNP clearinghouse mock on the test clock: completion at the porting window and within the country's working-day deadline, UK PAC/STAC answer time and validity, carried-over ports completed, routing in agreement with the clearinghouse.",
  options,
  requires: REQUIRES,
  proofOptions: { portsPerCountry: 1 },
  plan({ options, world }) {
    const countries = worldCountries(world);
    return {
      summary: `${options.portsPerCountry} port-ins, port-outs and in-flight ports per country (${countries.join(", ")}) through the clearinghouse mock, the test clock walked through every window and deadline`,
      checks: [
        "a port-in completes when the clearinghouse switches routing (no time without service)",
        `every port completes within the country's deadline (${countries.map((c) => `${c} ${regulationOf(world, c).porting.completionWorkingDays} working day`).join(", ")})`,
        "UK PAC/STAC answered by SMS within a minute, valid 30 days",
        "ports in flight at the cutover carried over and completed",
        "the destination serves exactly the numbers the clearinghouse routes to it",
      ],
    };
  },
  run: (context) => runMnp({ ...context, target: retryingTarget(context.target) } as unknown as Context),
});

async function runMnp(context: Context): Promise<SuiteOutcome> {
  const { target, signal, options: o, world } = context;
  const now = Temporal.Instant.from(await target["test-clock"].clockNow(signal));
  const countries = worldCountries(world);
  const all = complianceLines(world, LINE_BLOCKS.mnp, 600).filter((l) => l.status !== "terminated");
  const tzOf = new Map<string, string>();
  for (const l of all) tzOf.set(l.msisdn, l.billing.timezone);
  const deadlineOf = (msisdn: string, at: Temporal.Instant) => {
    const country = countryOfMsisdn(msisdn) ?? "GB";
    const rule = ruleOf(context, country);
    const timeZone = tzOf.get(msisdn) ?? "UTC";
    return addWorkingDays(at, rule.completionWorkingDays, timeZone, rule.holidays);
  };
  const mocks = await serveMocks({
    seed: context.seed,
    world: { start: now },
    clearinghouse: {
      windowFor: ({ msisdn, requestedAt }) =>
        deadlineOf(msisdn, requestedAt).subtract({ hours: o.slotBeforeDeadlineHours }),
    },
  });
  try {
    return await rehearse(context, mocks, now, countries, all, deadlineOf);
  } finally {
    await mocks.close();
  }
}

async function rehearse(
  context: Context,
  mocks: ServedMocks,
  now: Temporal.Instant,
  countries: readonly string[],
  all: readonly Subscriber[],
  deadlineOf: (msisdn: string, at: Temporal.Instant) => Temporal.Instant,
): Promise<SuiteOutcome> {
  const { target, signal, options: o } = context;
  const porting = target.porting;
  const m = new MeasurementSet();
  await porting.setClearinghouse(mocks.urls["mnp-clearinghouse"], signal);
  const n = o.portsPerCountry;
  // Per country: n port-in lines, n port-out lines, n in-flight lines, and 2n numbers to port in.
  const groups = countries.map((country) => {
    const own = all.filter((l) => countryOf(l) === country);
    return {
      country,
      portIn: own.slice(0, n),
      portOut: own.slice(n, 2 * n),
      inFlight: own.slice(2 * n, 3 * n),
      numbers: own.slice(3 * n, 5 * n).map((l) => l.msisdn),
    };
  });
  const cohort = groups.flatMap((g) => [...g.portIn, ...g.portOut]).map((l) => atCutover(l, now));
  if (cohort.length === 0)
    throw new TrancheError("E_INPUT", "compliance.mnp found no lines in the world's base.");
  const first = await target["cohort-import"].importCohort(
    {
      cohortId: `mnp-${context.seed}-a-${now.epochMilliseconds}`,
      cutoverAt: now.toString(),
      subscribers: cohort,
    },
    undefined,
    signal,
  );
  const idOf = new Map<string, string>();
  for (const r of first.results) if (r.id) idOf.set(cohort[r.index]?.id ?? "", r.id);
  if (idOf.size !== cohort.length)
    return incomplete(m, `${cohort.length - idOf.size} lines of the porting cohort were not imported`);

  // UK switching codes: every port-out line asks for a PAC, the first also for a STAC.
  let codeViolations = 0;
  let codes = 0;
  const codeFaults = new Set<string>();
  for (const g of groups) {
    const rule = ruleOf(context, g.country).switchingCodes;
    if (!rule) continue;
    for (const [i, line] of g.portOut.entries()) {
      for (const type of i === 0 ? (["PAC", "STAC"] as const) : (["PAC"] as const)) {
        const answer = await porting.requestSwitchingCode(
          idOf.get(line.id) as string,
          { type, at: now.toString() },
          signal,
        );
        codes += 1;
        const sentMs = Temporal.Instant.from(answer.sentAt).epochMilliseconds;
        const late = sentMs - now.epochMilliseconds > rule.answerWithinSec * 1000;
        const short =
          Temporal.Instant.from(answer.validUntil).epochMilliseconds - sentMs < rule.validDays * DAY_MS;
        const shape = !(type === "PAC" ? PAC : STAC).test(answer.code) || answer.type !== type;
        if (late) codeFaults.add(`answered after ${Math.round((sentMs - now.epochMilliseconds) / 1000)} s`);
        if (short) codeFaults.add(`valid less than ${rule.validDays} days`);
        if (shape) codeFaults.add(`${type} not in the ${type === "PAC" ? "ABC123456" : "123456ABC"} form`);
        if (late || short || shape) codeViolations += 1;
      }
    }
  }

  // Port-ins and port-outs requested now.
  const ports: Port[] = [];
  for (const g of groups) {
    for (const [i, line] of g.portIn.entries()) {
      const msisdn = g.numbers[i] as string;
      const answer = await porting.portIn(
        idOf.get(line.id) as string,
        { msisdn, donor: "DONOR-MNO", at: now.toString() },
        signal,
      );
      ports.push(
        portOf(
          "port_in",
          g.country,
          msisdn,
          answer.id,
          line.id,
          now,
          booked(mocks, "port_in", msisdn, answer.porting),
          deadlineOf,
        ),
      );
    }
    for (const line of g.portOut) {
      const answer = await porting.portOut(
        idOf.get(line.id) as string,
        { recipient: "RECIPIENT-MNO", at: now.toString() },
        signal,
      );
      ports.push(
        portOf(
          "port_out",
          g.country,
          line.msisdn,
          answer.id,
          line.id,
          now,
          booked(mocks, "port_out", line.msisdn, answer.porting),
          deadlineOf,
        ),
      );
    }
  }

  // Ports legacy requested an hour before the second cohort's cutover, carried over in the import.
  const requestedAt = now.subtract({ hours: 1 });
  const pendingPorts: Record<string, PendingPort> = {};
  const carried: Array<{ line: Subscriber; port: PendingPort }> = [];
  for (const g of groups) {
    for (const [i, line] of g.inFlight.entries()) {
      const type = i % 2 === 0 ? "port_in" : "port_out";
      const msisdn = type === "port_in" ? (g.numbers[n + i] as string) : line.msisdn;
      const response = await fetch(`${mocks.urls["mnp-clearinghouse"]}/v1/port-requests`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          type,
          msisdn,
          counterparty: type === "port_in" ? "DONOR-MNO" : "RECIPIENT-MNO",
          requestedAt: requestedAt.toString(),
        }),
        signal,
      });
      const booked = (await response.json()) as { id: string; scheduledAt: string };
      const port: PendingPort = {
        type,
        msisdn,
        counterparty: type === "port_in" ? "DONOR-MNO" : "RECIPIENT-MNO",
        requestedAt: requestedAt.toString(),
        scheduledAt: booked.scheduledAt,
        clearinghouseRef: booked.id,
      };
      pendingPorts[line.id] = port;
      carried.push({ line, port });
    }
  }
  const second = carried.map((c) => atCutover(c.line, now));
  if (second.length > 0) {
    const result = await target["cohort-import"].importCohort(
      {
        cohortId: `mnp-${context.seed}-b-${now.epochMilliseconds}`,
        cutoverAt: now.toString(),
        subscribers: second,
        pendingPorts,
      },
      undefined,
      signal,
    );
    for (const r of result.results) if (r.id) idOf.set(second[r.index]?.id ?? "", r.id);
    if (result.rejected > 0)
      return incomplete(m, `${result.rejected} lines of the in-flight cohort were not imported`);
    for (const { line, port } of carried) {
      ports.push({
        kind: port.type,
        country: countryOf(line),
        msisdn: port.msisdn,
        destinationId: idOf.get(line.id) as string,
        externalId: line.id,
        inFlight: true,
        requestedAt,
        window: Temporal.Instant.from(port.scheduledAt),
        deadline: deadlineOf(port.msisdn, requestedAt),
      });
    }
  }

  // Walk the test clock (and the peers' clock) through every window and deadline, in order.
  const checkpoints = [
    ...new Set(ports.flatMap((p) => [p.window.epochMilliseconds, p.deadline.epochMilliseconds])),
  ].sort((a, b) => a - b);
  let lateAtWindow = 0;
  let outsideDeadline = 0;
  for (const ms of checkpoints) {
    const at = Temporal.Instant.fromEpochMilliseconds(ms);
    if (Temporal.Instant.compare(at, now) > 0)
      await target["test-clock"].moveClock({ set: at.toString() }, signal);
    mocks.world.setNow(at);
    for (const p of ports.filter((x) => !x.inFlight && x.portId)) {
      const atWindow = p.window.epochMilliseconds === ms && p.kind === "port_in";
      const atDeadline = p.deadline.epochMilliseconds === ms;
      if (!atWindow && !atDeadline) continue;
      const request = await porting.readPortRequest(p.portId as string, signal);
      const done = request?.status === "completed";
      if (atWindow && !done) lateAtWindow += 1;
      if (atDeadline && !done) outsideDeadline += 1;
    }
  }
  // Then two days on, so every carried-over port has had its chance.
  const settled = Temporal.Instant.fromEpochMilliseconds(
    Math.max(now.epochMilliseconds, ...checkpoints) + 2 * DAY_MS,
  );
  await target["test-clock"].moveClock({ set: settled.toString() }, signal);
  mocks.world.setNow(settled);
  const byNumber = new Map<string, Port>(ports.map((p) => [p.msisdn, p]));
  let carriedLost = 0;
  let disagreements = 0;
  const routes = await Promise.all(
    ports.map(async (p) => {
      const url = `${mocks.urls["mnp-clearinghouse"]}/v1/routing/${encodeURIComponent(p.msisdn)}`;
      return ((await (await fetch(url, { signal })).json()) as { network: string }).network;
    }),
  );
  const servedHere = (p: Port, state: DestinationSubscriberState | undefined) =>
    state !== undefined && state.msisdn === p.msisdn && state.status !== "terminated";
  const completed = (p: Port, state: DestinationSubscriberState | undefined) =>
    p.kind === "port_in" ? state?.msisdn === p.msisdn && state.portedIn : state?.status === "terminated";
  const read = stateOf(target["state-read"], signal);
  const states = await readSettled(
    (i) => read((ports[i] as Port).destinationId, (ports[i] as Port).externalId),
    ports.length,
    (state, i) => {
      const p = ports[i] as Port;
      return (!p.inFlight || completed(p, state)) && (routes[i] === "DESTINATION") === servedHere(p, state);
    },
    o.settleMs,
  );
  ports.forEach((p, i) => {
    if (p.inFlight && !completed(p, states[i])) carriedLost += 1;
    if ((routes[i] === "DESTINATION") !== servedHere(p, states[i])) disagreements += 1;
  });
  const fresh = ports.filter((p) => !p.inFlight);
  const portIns = fresh.filter((p) => p.kind === "port_in").length;
  m.set("port_in_late", lateAtWindow, "count", {
    summary:
      lateAtWindow === 0
        ? `all ${portIns} port-ins completed when the clearinghouse switched their routing`
        : `${lateAtWindow} of ${portIns} port-ins not completed at the clearinghouse's porting window: the number routes here but is not served`,
  });
  m.set("ports_outside_window", outsideDeadline, "count", {
    summary:
      outsideDeadline === 0
        ? `all ${fresh.length} ports completed within their country's working-day deadline`
        : `${outsideDeadline} of ${fresh.length} ports not completed by their country's working-day deadline`,
  });
  m.set("switching_code_violations", codeViolations, "count", {
    summary:
      codes === 0
        ? "no line of a country with switching codes (GB) in this run"
        : codeViolations === 0
          ? `all ${codes} PAC/STAC requests answered within a minute with a well-formed code valid 30 days`
          : `${codeViolations} of ${codes} PAC/STAC answers broke the rule: ${[...codeFaults].join(", ")}`,
  });
  m.set("in_flight_ports_lost", carriedLost, "count", {
    summary:
      carriedLost === 0
        ? `all ${carried.length} ports in flight at the cutover carried over and completed`
        : `${carriedLost} of ${carried.length} ports in flight at the cutover never completed on the destination`,
  });
  m.set("routing_disagreements", disagreements, "count", {
    summary:
      disagreements === 0
        ? `the destination serves exactly the ${byNumber.size} ported numbers the clearinghouse routes to it`
        : `${disagreements} of ${byNumber.size} ported numbers: the destination and the clearinghouse disagree on who serves them`,
  });
  m.set("ports", ports.length, "count");

  const items = [
    ...countries.map((c) => {
      const rule = ruleOf(context, c);
      const own = fresh.filter((p) => p.country === c).length;
      return own === 0
        ? notChecked(
            `${c}: ports complete within ${rule.completionWorkingDays} working day`,
            rule.source,
            `no ${c} lines`,
          )
        : checklistItem(
            `${c}: ports complete within ${rule.completionWorkingDays} working day, at most ${rule.maxServiceLossWorkingDays} without service (${rule.holidays.id} calendar)`,
            rule.source,
            outsideDeadline + lateAtWindow,
            `${own} ports; all countries: ${outsideDeadline} past the deadline, ${lateAtWindow} port-ins unserved at the window`,
          );
    }),
    ...countries.flatMap((c) => {
      const rule = ruleOf(context, c).switchingCodes;
      if (!rule) return [];
      return [
        checklistItem(
          `${c}: PAC (SMS to ${rule.pacShortCode}) and STAC (SMS to ${rule.stacShortCode}) answered within ${rule.answerWithinSec} s, valid ${rule.validDays} days`,
          rule.source,
          codeViolations,
          `${codes} codes, ${codeViolations} violations`,
        ),
      ];
    }),
    checklistItem(
      "Ports in flight at the cutover carried over and completed",
      "Playbook: number-portability cutover is the irreversible step",
      carriedLost,
      `${carried.length - carriedLost}/${carried.length} completed`,
    ),
    checklistItem(
      "Destination routing agrees with the clearinghouse for every ported number",
      "MNP clearinghouse routing (central reference database)",
      disagreements,
      `${byNumber.size} numbers`,
    ),
  ];
  return {
    complete: true,
    measurements: m.list(),
    notes: [`the test clock moved from ${now.toString()} to ${settled.toString()}`],
    sections: [checklistSection("mnp-checklist", "Number portability checklist", items)],
  };
}

/**
 * The porting window as the clearinghouse booked it (its own record, not the destination's copy);
 * the destination's answer when it never asked the clearinghouse.
 */
function booked(
  mocks: ServedMocks,
  kind: "port_in" | "port_out",
  msisdn: string,
  answer: { id: string; scheduledAt: string },
): { id: string; scheduledAt: string } {
  const record = [...mocks.world.ports.values()].filter((p) => p.msisdn === msisdn && p.type === kind).at(-1);
  return { id: answer.id, scheduledAt: record?.scheduledAt ?? answer.scheduledAt };
}

function portOf(
  kind: "port_in" | "port_out",
  country: string,
  msisdn: string,
  destinationId: string,
  externalId: string,
  requestedAt: Temporal.Instant,
  porting: { id: string; scheduledAt: string },
  deadlineOf: (msisdn: string, at: Temporal.Instant) => Temporal.Instant,
): Port {
  return {
    kind,
    country,
    msisdn,
    destinationId,
    externalId,
    inFlight: false,
    requestedAt,
    window: Temporal.Instant.from(porting.scheduledAt),
    deadline: deadlineOf(msisdn, requestedAt),
    portId: porting.id,
  };
}

function incomplete(m: MeasurementSet, reason: string): SuiteOutcome {
  return { complete: false, reason, measurements: m.list(), notes: [reason], sections: [] };
}
