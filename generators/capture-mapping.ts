/**
 * The capture mapping file: which requests (method + path pattern) make which canonical event, and
 * where each field comes from; plus, for CSV base exports, which column holds which subscriber
 * field. docs/capture-mapping.md documents it with examples.
 */
import { z } from "zod";
import { EVENT_TYPES, inputError, validate } from "../domain/index.ts";

/** Where a value comes from: a dotted path into the request, or a constant, with a conversion. */
const FieldSpec = z.union([
  z.string().min(1),
  z.object({
    path: z.string().min(1).optional(),
    const: z.unknown().optional(),
    as: z.enum(["string", "int", "number", "minor", "boolean"]).optional(),
    /** Minor units per major unit as a power of ten, for `as: "minor"` (default 2). */
    exponent: z.number().int().min(0).max(4).optional(),
    map: z.record(z.string(), z.unknown()).optional(),
  }),
]);
export type FieldSpec = z.infer<typeof FieldSpec>;

export const CaptureMappingSchema = z.object({
  version: z.literal(1),
  /** Country for numbers written without a country code. */
  defaultCountry: z.string().length(2).optional(),
  /** `source` of the imported events. */
  source: z.string().min(1).default("capture"),
  events: z
    .array(
      z.object({
        match: z.object({ method: z.string().min(1), path: z.string().startsWith("/") }),
        type: z.enum(EVENT_TYPES),
        subscriberId: FieldSpec,
        idempotencyKey: FieldSpec.optional(),
        at: FieldSpec.optional(),
        payload: z.record(z.string(), FieldSpec),
      }),
    )
    .default([]),
  base: z
    .object({
      /** Subscriber field (dotted, e.g. kyc.name) → CSV column name. */
      columns: z.record(z.string(), z.string()),
      /** Values for fields the export lacks, e.g. {"billing.timezone": "Europe/London"}. */
      defaults: z.record(z.string(), z.unknown()).default({}),
    })
    .optional(),
});
export type CaptureMapping = z.infer<typeof CaptureMappingSchema>;
export type EventRule = CaptureMapping["events"][number];

/** Validates a parsed mapping file; errors name the file and field. */
export function parseCaptureMapping(value: unknown, file: string): CaptureMapping {
  return validate(CaptureMappingSchema, value, file);
}

/** One captured request, normalized from HAR, NDJSON logs or another source. */
export interface CapturedRequest {
  readonly file: string;
  readonly line: number;
  readonly time: string;
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** The rule matching a request and its path parameters (`:id` segments), or null. */
export function matchRule(
  mapping: CaptureMapping,
  request: CapturedRequest,
): { rule: EventRule; params: Record<string, string> } | null {
  const segments = request.path.split("/").filter(Boolean);
  for (const rule of mapping.events) {
    if (rule.match.method.toUpperCase() !== request.method.toUpperCase()) continue;
    const pattern = rule.match.path.split("/").filter(Boolean);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((p, i) => {
      const seg = decodePathSegment(segments[i] as string, request);
      if (p.startsWith(":")) {
        params[p.slice(1)] = seg;
        return true;
      }
      return p === seg;
    });
    if (ok) return { rule, params };
  }
  return null;
}

/** A percent-decoded path segment; a malformed escape is E_INPUT naming the request's file and line. */
function decodePathSegment(segment: string, request: CapturedRequest): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw inputError(
      request.file,
      request.line,
      "the request path has a malformed percent escape (a % not followed by two hex digits).",
      "Fix the captured URL or leave that request out.",
    );
  }
}

/** Reads a dotted path (`body.sim.iccid`, `headers.idempotency-key`) from a context object. */
export function readPath(context: unknown, path: string): unknown {
  let value: unknown = context;
  for (const part of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Resolves a field spec against a context; undefined when the path is absent. */
export function resolveField(spec: FieldSpec, context: unknown): unknown {
  if (typeof spec === "string") return readPath(context, spec);
  let value = spec.path !== undefined ? readPath(context, spec.path) : spec.const;
  if (value === undefined || value === null) return value;
  if (spec.map) value = spec.map[String(value)] ?? value;
  switch (spec.as) {
    case "string":
      return String(value);
    case "int":
      return Number.isInteger(Number(value)) ? Number(value) : value;
    case "number":
      return Number(value);
    case "boolean":
      return value === true || value === "true" || value === "1" || value === 1;
    case "minor":
      return toMinor(value, spec.exponent ?? 2);
    default:
      return value;
  }
}

/** "12.5" → 1250 (exponent 2) without floating-point error; non-numbers are returned unchanged. */
function toMinor(value: unknown, exponent: number): unknown {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(value).trim());
  if (!m) return value;
  const [, sign, whole = "0", frac = ""] = m;
  if (frac.length > exponent) return value;
  return Number(`${sign}${whole}${frac.padEnd(exponent, "0")}`);
}
