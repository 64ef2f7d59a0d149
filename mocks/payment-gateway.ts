/**
 * The payment gateway peer: authorizes and captures card payments for top-ups. Declines are
 * deterministic so tests can ask for them: the token `tok_declined` is declined
 * (`card_declined`), `tok_insufficient` is declined (`insufficient_funds`), and any amount above
 * `limitMinor` is declined (`limit_exceeded`). Authorizations honour `Idempotency-Key`. Timeouts
 * and resets come from the peer's fault profile.
 */
import { HttpResponse, http, type RequestHandler } from "msw";
import { z } from "zod";
import type { MockWorld } from "./mock-world.ts";
import { jsonBody, peerError } from "./peer.ts";

const AuthorizationBody = z.object({
  amountMinor: z.number().int().positive(),
  currency: z.string().length(3),
  paymentToken: z.string().min(1),
  reference: z.string().optional(),
});

export interface PaymentGatewayOptions {
  /** Largest amount authorized, in minor units (default 100000). */
  readonly limitMinor?: number;
}

/** The payment gateway handlers under `base`. */
export function paymentGatewayHandlers(
  base: string,
  world: MockWorld,
  options: PaymentGatewayOptions = {},
): RequestHandler[] {
  const limit = options.limitMinor ?? 100_000;
  return [
    http.post(`${base}/v1/authorizations`, async ({ request }) => {
      const key = request.headers.get("idempotency-key");
      const known = key ? world.paymentKeys.get(key) : undefined;
      if (known) return HttpResponse.json(world.payments.get(known), { status: 201 });
      const parsed = AuthorizationBody.safeParse(await jsonBody(request));
      if (!parsed.success)
        return peerError(400, "invalid_authorization", parsed.error.issues[0]?.message ?? "invalid");
      const b = parsed.data;
      const declineCode =
        b.paymentToken === "tok_declined"
          ? "card_declined"
          : b.paymentToken === "tok_insufficient"
            ? "insufficient_funds"
            : b.amountMinor > limit
              ? "limit_exceeded"
              : undefined;
      const id = `AUTH${String(world.payments.size + 1).padStart(7, "0")}`;
      const payment = declineCode
        ? { id, status: "declined", amountMinor: b.amountMinor, currency: b.currency, declineCode }
        : { id, status: "approved", amountMinor: b.amountMinor, currency: b.currency };
      world.payments.set(id, payment);
      if (key) world.paymentKeys.set(key, id);
      return HttpResponse.json(payment, { status: 201 });
    }),
    http.post(`${base}/v1/authorizations/:id/capture`, ({ params }) => {
      const payment = world.payments.get(String(params.id));
      if (!payment) return peerError(404, "authorization_not_found", "no such authorization.");
      if (payment.status !== "approved")
        return peerError(409, "not_capturable", `the authorization is ${payment.status}.`);
      payment.status = "captured";
      return HttpResponse.json(payment);
    }),
  ];
}
