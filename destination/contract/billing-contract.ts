/**
 * Invoices and billing runs of the destination contract: the domain invoice (domain/invoice.ts)
 * with the destination's invoice id and whether it is closed (`final`) or a preview of the open
 * period.
 */
import { z } from "zod";
import { InstantSchema, InvoiceSchema } from "../../domain/index.ts";
import { listOf } from "./common-contract.ts";

/** An invoice as the destination answers it. */
export const DestinationInvoiceSchema = InvoiceSchema.extend({
  id: z.string(),
  status: z.enum(["final", "preview"]),
});

/** GET /v1/subscribers/{id}/invoices: closed invoices, oldest period first. */
export const InvoiceListSchema = listOf(DestinationInvoiceSchema);

/** POST /v1/billing-runs: how many ended periods were closed. */
export const BillingRunResultSchema = z.object({ runAt: InstantSchema, invoicesCreated: z.number().int() });

export type DestinationInvoice = z.output<typeof DestinationInvoiceSchema>;
export type BillingRunResult = z.output<typeof BillingRunResultSchema>;
