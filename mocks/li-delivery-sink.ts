/**
 * The LI delivery sink peer: stands in for a law-enforcement agency's collection function and
 * collects the X2 records (IRI, intercept-related information) the destination delivers, so a
 * compliance scenario can check that no targeted event went undelivered.
 */
import { HttpResponse, http, type RequestHandler } from "msw";
import type { MockWorld } from "./mock-world.ts";
import { jsonBody, peerError } from "./peer.ts";

/** The LI delivery sink handlers under `base`: POST /x2 collects, GET /x2/records lists. */
export function liDeliverySinkHandlers(base: string, world: MockWorld): RequestHandler[] {
  return [
    http.post(`${base}/x2`, async ({ request }) => {
      const body = (await jsonBody(request)) as { records?: unknown } | undefined;
      if (!body || !Array.isArray(body.records))
        return peerError(400, "invalid_delivery", 'expected {"records": [...]}.');
      world.x2Records.push(...body.records);
      return new HttpResponse(null, { status: 204 });
    }),
    http.get(`${base}/x2/records`, () => HttpResponse.json({ items: world.x2Records })),
  ];
}
