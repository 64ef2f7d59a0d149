/**
 * Consumer contracts, Pact-like: each external integration's calls to the destination, with the
 * answers it relies on, as data (contracts/*.json). A response body is matched as a *subset* (the
 * contract allows answers to carry more fields): literals must be equal (after `{{variable}}`
 * substitution), and a few matchers say what kind of value is expected —
 * `{"$type": "string|integer|number|boolean|array|object"}`, `{"$regex": "…"}`,
 * `{"$instant": true}` (ISO 8601 with offset), `{"$eachLike": {…}}` (a non-empty array whose every
 * item matches). An interaction names the provider state it needs (integrations-suite.ts sets it up).
 */
import { z } from "zod";
import { TrancheError } from "../../domain/index.ts";

export const PROVIDER_STATES = [
  "no subscriber",
  "a new line",
  "an active subscriber",
  "a subscriber whose plan was changed",
  "a subscriber who bought an add-on",
  "a suspended subscriber",
  "an imported subscriber",
] as const;
export type ProviderState = (typeof PROVIDER_STATES)[number];

const InteractionSchema = z
  .object({
    description: z.string().min(1),
    providerState: z.enum(PROVIDER_STATES),
    request: z
      .object({
        method: z.enum(["GET", "POST"]),
        path: z.string().startsWith("/"),
        body: z.unknown().optional(),
        idempotencyKey: z.string().optional(),
      })
      .strict(),
    response: z
      .object({ status: z.number().int(), body: z.unknown().optional(), ndjson: z.boolean().optional() })
      .strict(),
  })
  .strict();

export const ConsumerContractSchema = z
  .object({
    consumer: z.string().regex(/^[a-z][a-z0-9-]*$/),
    description: z.string(),
    interactions: z.array(InteractionSchema).min(1),
  })
  .strict();

export type ConsumerContract = z.infer<typeof ConsumerContractSchema>;
export type Interaction = z.infer<typeof InteractionSchema>;

/** Validates a contract file's content; the error names the file and the field. */
export function parseConsumerContract(file: string, value: unknown): ConsumerContract {
  const parsed = ConsumerContractSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new TrancheError(
    "E_INPUT",
    `consumer contract ${file}: "${issue?.path.join(".") ?? ""}": ${issue?.message ?? "invalid"}.`,
    "See docs/suites.md (integrations.contracts) for the contract format.",
  );
}

/** Replaces `{{name}}` in every string of `value`; a string that is exactly one variable takes its value as is. */
export function substitute(value: unknown, vars: Readonly<Record<string, unknown>>): unknown {
  if (typeof value === "string") {
    const whole = /^\{\{([\w.]+)\}\}$/.exec(value);
    if (whole) return lookup(vars, whole[1] as string);
    return value.replace(/\{\{([\w.]+)\}\}/g, (_, name: string) => String(lookup(vars, name)));
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)]));
  }
  return value;
}

function lookup(vars: Readonly<Record<string, unknown>>, name: string): unknown {
  if (!(name in vars)) throw new Error(`consumer contract variable {{${name}}} is not known`);
  return vars[name];
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Where `actual` breaks `expected` (a subset match with matchers), as `path: problem` lines. */
export function mismatches(expected: unknown, actual: unknown, path = "body"): string[] {
  if (expected && typeof expected === "object" && !Array.isArray(expected)) {
    const e = expected as Record<string, unknown>;
    if ("$type" in e) {
      const kind = Array.isArray(actual)
        ? "array"
        : actual === null
          ? "null"
          : Number.isInteger(actual)
            ? "integer"
            : typeof actual;
      const ok = e.$type === kind || (e.$type === "number" && kind === "integer");
      return ok ? [] : [`${path}: expected ${e.$type}, got ${describe(actual)}`];
    }
    if ("$regex" in e) {
      return typeof actual === "string" && new RegExp(String(e.$regex)).test(actual)
        ? []
        : [`${path}: expected a string matching ${e.$regex}, got ${describe(actual)}`];
    }
    if ("$instant" in e) {
      return typeof actual === "string" && INSTANT.test(actual)
        ? []
        : [`${path}: expected an ISO 8601 instant, got ${describe(actual)}`];
    }
    if ("$eachLike" in e) {
      if (!Array.isArray(actual) || actual.length === 0)
        return [`${path}: expected a non-empty array, got ${describe(actual)}`];
      return actual.flatMap((item, i) => mismatches(e.$eachLike, item, `${path}[${i}]`));
    }
    if (!actual || typeof actual !== "object" || Array.isArray(actual))
      return [`${path}: expected an object, got ${describe(actual)}`];
    return Object.entries(e).flatMap(([k, v]) =>
      k in (actual as object)
        ? mismatches(v, (actual as Record<string, unknown>)[k], `${path}.${k}`)
        : [`${path}.${k}: missing`],
    );
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      return [`${path}: expected ${describe(expected)}, got ${describe(actual)}`];
    return expected.flatMap((v, i) => mismatches(v, actual[i], `${path}[${i}]`));
  }
  return Object.is(expected, actual)
    ? []
    : [`${path}: expected ${describe(expected)}, got ${describe(actual)}`];
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? "nothing" : text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
