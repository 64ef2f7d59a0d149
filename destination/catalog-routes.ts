/**
 * GET /v1/catalog: the plans this destination sells (by default every country profile's plans —
 * GB in GBP, DE in EUR, US in USD — or the operator's own catalog file). Activation, plan change,
 * cohort import and invoicing all read the same catalog, so what is published is what is accepted.
 * Two defect profiles break that promise in the published document only (the catalog export):
 * what is sold and billed stays the catalog's.
 */
import { divideRounded, type Plan } from "../domain/index.ts";
import type { DestinationContext } from "./context.ts";
import type { ActiveDefects } from "./defects.ts";
import type { Route } from "./http-router.ts";

/** The German standard VAT rate in basis points (19 %): EUR plan prices are quoted gross of it. */
const VAT_BASIS_POINTS = 1900;

/** The catalog as the export publishes it, with the catalog defects applied. */
function publishedCatalog(catalog: readonly Plan[], defects: ActiveDefects): readonly Plan[] {
  let plans = catalog;
  // Pay-as-you-go plans are a rating tariff without a recurring price: an export that lists
  // priced offers only leaves them out.
  if (defects.has("catalog-omits-payg")) plans = plans.filter((p) => p.recurringFeeMinor > 0);
  // The export maps the offer's tax-exclusive price into the (tax-inclusive) recurring fee.
  if (defects.has("catalog-prices-net-of-vat")) {
    plans = plans.map((p) =>
      p.currency === "EUR"
        ? {
            ...p,
            recurringFeeMinor: divideRounded(
              p.recurringFeeMinor * 10_000,
              10_000 + VAT_BASIS_POINTS,
              "half-up",
            ),
          }
        : p,
    );
  }
  return plans;
}

/** The catalog route (BSS credential). */
export function catalogRoutes(ctx: DestinationContext): Route[] {
  const body = { items: publishedCatalog(ctx.catalog, ctx.defects) };
  return [{ method: "GET", pattern: "/v1/catalog", access: "bss", handle: () => ({ status: 200, body }) }];
}
