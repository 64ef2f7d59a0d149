/**
 * The MNO routing peer: the host network's view of where a number's traffic goes. After a cutover,
 * the post-cutover validation window checks voice, SMS, data and IVR routing for migrated numbers
 * here: a number routes when the legacy base, an HLR/HSS record or a completed port knows it.
 */
import { HttpResponse, http, type RequestHandler } from "msw";
import { z } from "zod";
import { type MockWorld, settlePorts } from "./mock-world.ts";
import { jsonBody, peerError } from "./peer.ts";

const RouteCheckBody = z.object({
  msisdn: z.string().regex(/^\+[1-9]\d{6,14}$/),
  service: z.enum(["voice", "sms", "data", "ivr"]),
  /**
   * Given: the post-cutover view. `inbound` (a call or SMS to the number, from `originCarrier`)
   * follows the number-portability routing entry; `outbound` (a call, SMS or data session of the
   * SIM) goes through the network the SIM is attached to — the recipient while it serves the number.
   */
  direction: z.enum(["inbound", "outbound"]).optional(),
  originCarrier: z.string().min(1).optional(),
});

const RouteEntryBody = z.object({ network: z.string().min(1) });

/** The MNO routing handlers under `base`. */
export function mnoRoutingHandlers(base: string, world: MockWorld): RequestHandler[] {
  return [
    http.post(`${base}/v1/route-checks`, async ({ request }) => {
      const parsed = RouteCheckBody.safeParse(await jsonBody(request));
      if (!parsed.success)
        return peerError(400, "invalid_route_check", parsed.error.issues[0]?.message ?? "invalid");
      const { msisdn, service } = parsed.data;
      settlePorts(world);
      if (parsed.data.direction) return HttpResponse.json(await directedCheck(world, parsed.data));
      const ported = world.routing.get(msisdn);
      const legacy = [...world.legacy.values()].find((s) => s.msisdn === msisdn);
      const hlr = [...world.hlr.values()].find((r) => r.msisdn === msisdn);
      if (service === "ivr") return HttpResponse.json({ msisdn, service, routed: true, network: "IVR" });
      const network = ported ?? (legacy || hlr ? "HOME" : undefined);
      if (!network) return HttpResponse.json({ msisdn, service, routed: false, reason: "unknown_number" });
      if (hlr && (hlr.barred || !hlr.services.includes(service))) {
        return HttpResponse.json({
          msisdn,
          service,
          routed: false,
          network,
          reason: hlr.barred ? "barred" : "service_not_provisioned",
        });
      }
      return HttpResponse.json({ msisdn, service, routed: true, network });
    }),
    // The number-portability routing entry of a number (the NPDB): which network inbound traffic goes to.
    http.put(`${base}/v1/number-routes/:msisdn`, async ({ params, request }) => {
      const msisdn = String(params.msisdn);
      if (!/^\+[1-9]\d{6,14}$/.test(msisdn))
        return peerError(400, "invalid_msisdn", "expected an E.164 MSISDN.");
      const parsed = RouteEntryBody.safeParse(await jsonBody(request));
      if (!parsed.success) return peerError(400, "invalid_route", 'give {"network": "<name>"}.');
      if (parsed.data.network === "HOME") world.routing.delete(msisdn);
      else world.routing.set(msisdn, parsed.data.network);
      return HttpResponse.json({ msisdn, network: parsed.data.network });
    }),
  ];
}

type RouteCheck = z.infer<typeof RouteCheckBody>;

/** A route check with a direction: the recipient network, when one serves the number, is asked what it terminates. */
async function directedCheck(world: MockWorld, check: RouteCheck) {
  const { msisdn, service } = check;
  const answer = { msisdn, service, direction: check.direction, originCarrier: check.originCarrier ?? null };
  const legacyKnows =
    [...world.legacy.values()].some((s) => s.msisdn === msisdn && s.status !== "terminated") ||
    [...world.hlr.values()].some((r) => r.msisdn === msisdn);
  const entry = world.routing.get(msisdn);
  const recipient = entry && entry !== "HOME" ? entry : undefined;
  // Outbound traffic leaves through the network the SIM is attached to: any recipient that still
  // serves the number (whatever the routing entry says), else home.
  const serving = world.recipientLookup ? await world.recipientLookup("DESTINATION", msisdn) : undefined;
  if (check.direction === "outbound") {
    if (serving) {
      const ok = service === "ivr" ? serving.ivr : serving.services.includes(service);
      return ok
        ? { ...answer, routed: true, network: "DESTINATION" }
        : { ...answer, routed: false, network: "DESTINATION", reason: "service_not_provisioned" };
    }
    return legacyKnows
      ? { ...answer, routed: true, network: "HOME" }
      : { ...answer, routed: false, reason: "unknown_number" };
  }
  if (recipient) {
    const at =
      recipient === "DESTINATION"
        ? serving
        : world.recipientLookup
          ? await world.recipientLookup(recipient, msisdn)
          : { services: ["voice", "sms", "data"], ivr: true };
    if (!at) return { ...answer, routed: false, network: recipient, reason: "unknown_at_recipient" };
    const ok = service === "ivr" ? at.ivr : at.services.includes(service);
    return ok
      ? { ...answer, routed: true, network: recipient }
      : { ...answer, routed: false, network: recipient, reason: "service_not_provisioned" };
  }
  return legacyKnows
    ? { ...answer, routed: true, network: "HOME" }
    : { ...answer, routed: false, reason: "unknown_number" };
}
