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
});

/** The MNO routing handlers under `base`. */
export function mnoRoutingHandlers(base: string, world: MockWorld): RequestHandler[] {
  return [
    http.post(`${base}/v1/route-checks`, async ({ request }) => {
      const parsed = RouteCheckBody.safeParse(await jsonBody(request));
      if (!parsed.success)
        return peerError(400, "invalid_route_check", parsed.error.issues[0]?.message ?? "invalid");
      const { msisdn, service } = parsed.data;
      settlePorts(world);
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
  ];
}
