/**
 * The MNP clearinghouse peer: brokers number ports between operators. It accepts port requests,
 * schedules each into a *porting window* (the instant routing switches — here `windowMinutes`
 * after the request, two hours by default), and answers routing lookups: which network serves a
 * number now. Time is the mock world's clock, moved with `POST <base>/_tranche/clock`.
 */
import { HttpResponse, http, type RequestHandler } from "msw";
import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import { type MockWorld, settlePorts } from "./mock-world.ts";
import { jsonBody, peerError } from "./peer.ts";

const PortRequestBody = z.object({
  type: z.enum(["port_in", "port_out"]),
  msisdn: z.string().regex(/^\+[1-9]\d{6,14}$/),
  counterparty: z.string().min(1),
  requestedAt: z.iso.datetime({ offset: true }),
});

export interface ClearinghouseOptions {
  /** Minutes from request to porting window (default 120). */
  readonly windowMinutes?: number;
  /**
   * Schedules the porting window of a request instead of `windowMinutes` (e.g. the next working
   * day's porting slot under the number's national calendar).
   */
  readonly windowFor?: (request: {
    readonly type: "port_in" | "port_out";
    readonly msisdn: string;
    readonly requestedAt: Temporal.Instant;
  }) => Temporal.Instant;
}

/** The clearinghouse handlers under `base`. */
export function mnpClearinghouseHandlers(
  base: string,
  world: MockWorld,
  options: ClearinghouseOptions = {},
): RequestHandler[] {
  const windowMinutes = options.windowMinutes ?? 120;
  const view = (id: string) => {
    const port = world.ports.get(id);
    if (!port) return undefined;
    const done = Temporal.Instant.compare(world.now(), Temporal.Instant.from(port.scheduledAt)) >= 0;
    return { ...port, status: done ? "completed" : "scheduled" };
  };
  return [
    http.post(`${base}/_tranche/clock`, async ({ request }) => {
      const body = (await jsonBody(request)) as { set?: string } | undefined;
      try {
        world.setNow(Temporal.Instant.from(String(body?.set)));
      } catch {
        return peerError(400, "invalid_clock", 'give {"set": "<ISO instant>"}.');
      }
      settlePorts(world);
      return HttpResponse.json({ now: world.now().toString() });
    }),
    http.post(`${base}/v1/port-requests`, async ({ request }) => {
      const parsed = PortRequestBody.safeParse(await jsonBody(request));
      if (!parsed.success)
        return peerError(400, "invalid_port_request", parsed.error.issues[0]?.message ?? "invalid");
      const pending = [...world.ports.values()].find(
        (p) => p.msisdn === parsed.data.msisdn && view(p.id)?.status === "scheduled",
      );
      if (pending) return peerError(409, "port_pending", "a port of this number is already scheduled.");
      const id = `CH${String(world.ports.size + 1).padStart(6, "0")}`;
      const requestedAt = Temporal.Instant.from(parsed.data.requestedAt);
      const scheduledAt = (
        options.windowFor
          ? options.windowFor({ type: parsed.data.type, msisdn: parsed.data.msisdn, requestedAt })
          : requestedAt.add({ minutes: windowMinutes })
      ).toString();
      world.ports.set(id, { id, ...parsed.data, scheduledAt });
      return HttpResponse.json(view(id), { status: 201 });
    }),
    http.get(`${base}/v1/port-requests/:id`, ({ params }) => {
      const port = view(String(params.id));
      return port ? HttpResponse.json(port) : peerError(404, "port_not_found", "no such port request.");
    }),
    http.get(`${base}/v1/routing/:msisdn`, ({ params }) => {
      settlePorts(world);
      const msisdn = String(params.msisdn);
      return HttpResponse.json({ msisdn, network: world.routing.get(msisdn) ?? "HOME" });
    }),
  ];
}
