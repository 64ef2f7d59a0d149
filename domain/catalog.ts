/**
 * The plan catalog: what a subscriber can be on. A plan has a recurring fee per billing period and
 * allowances; add-ons are bought on top. This is the default catalog the generators and the
 * reference destination share; a real operator's catalog is loaded from a file with the same schema.
 */
import { z } from "zod";
import { inputError } from "./errors.ts";
import { CurrencySchema, PaymentTypeSchema } from "./fields.ts";

export const PlanSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  paymentType: PaymentTypeSchema,
  currency: CurrencySchema,
  recurringFeeMinor: z.number().int().nonnegative(),
  allowances: z.object({
    voiceSec: z.number().int().nonnegative(),
    smsCount: z.number().int().nonnegative(),
    dataBytes: z.number().int().nonnegative(),
  }),
  /** Overage rates beyond the allowance, minor units per unit (minute, SMS, MiB). */
  overage: z.object({
    perMinuteMinor: z.number().int().nonnegative(),
    perSmsMinor: z.number().int().nonnegative(),
    perMibMinor: z.number().int().nonnegative(),
  }),
});

export type Plan = z.infer<typeof PlanSchema>;

const GIB = 1024 * 1024 * 1024;

/**
 * Default GB catalog. Fees and allowances are set to resemble UK MVNO price points in 2025/26
 * (SIM-only plans from roughly £6 to £20 a month); they are illustrative, not any operator's.
 */
export const DEFAULT_CATALOG: readonly Plan[] = [
  plan("PAYG-BASIC", "Pay as you go", "prepaid", 0, 0, 0, 0, 10, 8, 10),
  plan("PREPAID-S", "Prepaid bundle 5GB", "prepaid", 600, 3000 * 60, 3000, 5 * GIB, 10, 8, 10),
  plan("PREPAID-M", "Prepaid bundle 30GB", "prepaid", 1000, 5000 * 60, 5000, 30 * GIB, 10, 8, 10),
  plan("POSTPAID-S", "SIM-only 10GB", "postpaid", 800, 100000 * 60, 100000, 10 * GIB, 0, 0, 5),
  plan("POSTPAID-L", "SIM-only 100GB", "postpaid", 1500, 100000 * 60, 100000, 100 * GIB, 0, 0, 5),
  plan("POSTPAID-UNL", "SIM-only unlimited", "postpaid", 2000, 100000 * 60, 100000, 1000 * GIB, 0, 0, 0),
];

function plan(
  id: string,
  name: string,
  paymentType: "prepaid" | "postpaid",
  recurringFeeMinor: number,
  voiceSec: number,
  smsCount: number,
  dataBytes: number,
  perMinuteMinor: number,
  perSmsMinor: number,
  perMibMinor: number,
): Plan {
  return {
    id,
    name,
    paymentType,
    currency: "GBP",
    recurringFeeMinor,
    allowances: { voiceSec, smsCount, dataBytes },
    overage: { perMinuteMinor, perSmsMinor, perMibMinor },
  };
}

/** Looks a plan up by id in a catalog. */
export function findPlan(catalog: readonly Plan[], planId: string): Plan | undefined {
  return catalog.find((p) => p.id === planId);
}

const CATALOG_HINT =
  'A catalog file is {"plans": [...]} or an array of plans (id, name, paymentType, currency, recurringFeeMinor, allowances, overage).';

/**
 * Reads an operator's catalog document — `{ "plans": [...] }` or a bare array of plans — into
 * validated plans; throws E_INPUT naming `file` and the first bad field, an empty catalog or two
 * plans sharing an id (a plan id must name one plan).
 */
export function parseCatalog(value: unknown, file: string): Plan[] {
  const wrapped = !Array.isArray(value);
  const plans = wrapped ? (value as { plans?: unknown } | null)?.plans : value;
  if (!Array.isArray(plans)) {
    throw inputError(
      file,
      undefined,
      wrapped ? '"plans": expected an array of plans.' : "expected plans.",
      CATALOG_HINT,
    );
  }
  if (plans.length === 0) throw inputError(file, undefined, "the catalog has no plans.", CATALOG_HINT);
  const result = z.array(PlanSchema).safeParse(plans);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = [...(wrapped ? ["plans"] : []), ...(issue?.path ?? [])].join(".");
    throw inputError(file, undefined, `"${path}": ${issue?.message ?? "invalid value"}.`, CATALOG_HINT);
  }
  const seen = new Set<string>();
  result.data.forEach((plan, i) => {
    if (seen.has(plan.id)) {
      const path = [...(wrapped ? ["plans"] : []), i, "id"].join(".");
      throw inputError(
        file,
        undefined,
        `"${path}": plan id "${plan.id}" is used twice.`,
        "Give every plan its own id.",
      );
    }
    seen.add(plan.id);
  });
  return result.data;
}
