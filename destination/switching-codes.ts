/**
 * UK switching codes (Ofcom General Conditions C7, "text-to-switch" since July 2019): a subscriber
 * texts PAC to 65075 or STAC to 75075 and the losing provider answers by SMS with a *PAC* (Porting
 * Authorisation Code: take the number to another provider) or a *STAC* (Service Termination
 * Authorisation Code: leave without the number), valid 30 days. The reference destination sends
 * the code at once; under `pac-answer-slow` codes wait in a batch queue for two hours.
 */
import { hashString } from "../domain/index.ts";
import type { DestinationContext } from "./context.ts";
import { SwitchingCodeRequestSchema } from "./contract/porting-contract.ts";
import { parseBody, type Route } from "./http-router.ts";
import { requireStatus } from "./subscriber-checks.ts";
import { isoFromMs, msFromIso, requireSubscriber } from "./subscriber-store.ts";

const DAY_MS = 86_400_000;
const VALID_DAYS = 30;
const BATCH_DELAY_MS = 2 * 3600 * 1000;
const LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

/** A code of the contract's shape, derived from a hash (deterministic: no clock, no randomness). */
function codeFor(type: "PAC" | "STAC", seed: string): string {
  let h = hashString(seed);
  const letters = [0, 1, 2].map(() => {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    return LETTERS[h % LETTERS.length];
  });
  const digits = String(hashString(`${seed}:digits`) % 1_000_000).padStart(6, "0");
  return type === "PAC" ? `${letters.join("")}${digits}` : `${digits}${letters.join("")}`;
}

/** POST /v1/subscribers/{id}/switching-codes. */
export function switchingCodeRoutes(ctx: DestinationContext): Route[] {
  return [
    {
      method: "POST",
      pattern: "/v1/subscribers/:id/switching-codes",
      access: "bss",
      handle({ params, body }) {
        const b = parseBody(SwitchingCodeRequestSchema, body);
        const requestedMs = msFromIso(b.at);
        return ctx.store.transaction(() => {
          const row = requireSubscriber(ctx, params.id as string);
          requireStatus(row, ["active", "suspended"], "issue a switching code for");
          const nowMs = Math.max(ctx.clock.now().epochMilliseconds, requestedMs);
          const sentMs = ctx.defects.has("pac-answer-slow") ? nowMs + BATCH_DELAY_MS : nowMs;
          const count = (ctx.store.sql("SELECT COUNT(*) AS n FROM switching_codes").get() as { n: number }).n;
          const code = codeFor(b.type, `${row.id}:${b.type}:${count}`);
          const validUntilMs = sentMs + VALID_DAYS * DAY_MS;
          ctx.store
            .sql(
              "INSERT INTO switching_codes (code, type, subscriber_id, msisdn, requested_ms, sent_ms, valid_until_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
            )
            .run(code, b.type, row.id, row.msisdn, requestedMs, sentMs, validUntilMs);
          return {
            status: 201,
            body: {
              code,
              type: b.type,
              subscriberId: row.id,
              msisdn: row.msisdn,
              requestedAt: isoFromMs(requestedMs),
              sentAt: isoFromMs(sentMs),
              validUntil: isoFromMs(validUntilMs),
            },
          };
        });
      },
    },
  ];
}
