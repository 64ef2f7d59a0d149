/**
 * Invoices: what a billing system charges a subscriber for one billing period, as lines in integer
 * minor units. A split-period subscriber gets two partial invoices (legacy part and destination
 * part) that must add up to what one system would have billed.
 */
import { z } from "zod";
import { CurrencySchema, InstantSchema } from "./fields.ts";

export const INVOICE_LINE_KINDS = ["recurring", "usage", "one-off", "credit"] as const;

/** One invoice line: its kind, what it is for, and the amount in minor units (credits negative). */
export const InvoiceLineSchema = z.object({
  kind: z.enum(INVOICE_LINE_KINDS),
  description: z.string(),
  amountMinor: z.number().int(),
});

/** One subscriber's invoice for one billing period. */
export const InvoiceSchema = z.object({
  subscriberId: z.string().min(1),
  period: z.object({ start: InstantSchema, end: InstantSchema }),
  currency: CurrencySchema,
  lines: z.array(InvoiceLineSchema),
  totalMinor: z.number().int(),
});

export type InvoiceLine = z.infer<typeof InvoiceLineSchema>;
export type Invoice = z.infer<typeof InvoiceSchema>;

/** Sums the lines of an invoice; a valid invoice's total equals this. */
export function invoiceLinesTotal(lines: readonly InvoiceLine[]): number {
  let total = 0;
  for (const line of lines) total += line.amountMinor;
  return total;
}
