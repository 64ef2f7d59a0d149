/**
 * Invoices: what a billing system charges a subscriber for one billing period, as lines in integer
 * minor units. A split-period subscriber gets two partial invoices (legacy part and destination
 * part) that must add up to what one system would have billed.
 */
import { z } from "zod";
import { CURRENCY_CODES } from "./money.ts";

export const INVOICE_LINE_KINDS = ["recurring", "usage", "one-off", "credit"] as const;

export const InvoiceLineSchema = z.object({
  kind: z.enum(INVOICE_LINE_KINDS),
  description: z.string(),
  amountMinor: z.number().int(),
});

export const InvoiceSchema = z.object({
  subscriberId: z.string().min(1),
  period: z.object({ start: z.iso.datetime({ offset: true }), end: z.iso.datetime({ offset: true }) }),
  currency: z.enum(CURRENCY_CODES as [string, ...string[]]),
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
