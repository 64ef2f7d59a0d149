/**
 * The plan catalog of the destination contract: the plans a subscriber can be activated on or
 * changed to, with payment type, currency, recurring fee, allowances and overage rates (the
 * domain's Plan, domain/catalog.ts). Published so that a vendor and the harness agree on plan ids.
 */
import { PlanSchema } from "../../domain/index.ts";
import { listOf } from "./common-contract.ts";

/** GET /v1/catalog: every plan the destination sells, in every currency it bills. */
export const CatalogSchema = listOf(PlanSchema);
