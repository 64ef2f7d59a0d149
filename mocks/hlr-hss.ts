/**
 * The HLR/HSS peer: the network's subscriber register (HLR for 2G/3G, HSS for 4G/5G) that a BSS
 * provisions so that a SIM (IMSI) is allowed on the network with its number and services.
 */
import { HttpResponse, http, type RequestHandler } from "msw";
import { z } from "zod";
import type { MockWorld } from "./mock-world.ts";
import { jsonBody, peerError } from "./peer.ts";

const SubscriptionBody = z.object({
  msisdn: z.string().regex(/^\+[1-9]\d{6,14}$/),
  barred: z.boolean().default(false),
  services: z.array(z.enum(["voice", "sms", "data"])).default(["voice", "sms", "data"]),
});

/** The HLR/HSS handlers under `base`. */
export function hlrHssHandlers(base: string, world: MockWorld): RequestHandler[] {
  return [
    http.put(`${base}/v1/subscriptions/:imsi`, async ({ params, request }) => {
      const imsi = String(params.imsi);
      if (!/^\d{15}$/.test(imsi)) return peerError(400, "invalid_imsi", "an IMSI has 15 digits.");
      const parsed = SubscriptionBody.safeParse(await jsonBody(request));
      if (!parsed.success)
        return peerError(400, "invalid_subscription", parsed.error.issues[0]?.message ?? "invalid");
      const record = { imsi, ...parsed.data, updatedAt: world.now().toString() };
      world.hlr.set(imsi, record);
      return HttpResponse.json(record);
    }),
    http.get(`${base}/v1/subscriptions/:imsi`, ({ params }) => {
      const record = world.hlr.get(String(params.imsi));
      return record
        ? HttpResponse.json(record)
        : peerError(404, "not_provisioned", "this IMSI is not provisioned.");
    }),
    http.delete(`${base}/v1/subscriptions/:imsi`, ({ params }) => {
      if (!world.hlr.delete(String(params.imsi)))
        return peerError(404, "not_provisioned", "this IMSI is not provisioned.");
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}
