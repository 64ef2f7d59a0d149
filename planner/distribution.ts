/**
 * Uncertainty as typed data: a planner writes `3` for a known value or `{ "dist": "pert", "min": 1,
 * "mode": 3, "max": 14 }` for a three-point estimate, and the simulation draws from it with a
 * seeded `Random`. PERT is the project planner's habit (a beta distribution fitted to min / most
 * likely / max); log-normal suits durations with a long tail; beta suits probabilities.
 */
import { z } from "zod";
import type { Random } from "../domain/index.ts";

const finite = z.number().finite();

const uniform = z.object({ dist: z.literal("uniform"), min: finite, max: finite }).strict();
const triangular = z
  .object({ dist: z.literal("triangular"), min: finite, mode: finite, max: finite })
  .strict();
const pert = z.object({ dist: z.literal("pert"), min: finite, mode: finite, max: finite }).strict();
const logNormal = z
  .object({ dist: z.literal("lognormal"), median: z.number().positive(), sigma: z.number().min(0) })
  .strict();
const beta = z
  .object({ dist: z.literal("beta"), alpha: z.number().positive(), beta: z.number().positive() })
  .strict();

const KINDS = `"uniform", "triangular", "pert", "lognormal" or "beta"`;

const anyDistribution = z.union(
  [
    finite,
    z.discriminatedUnion("dist", [uniform, triangular, pert, logNormal, beta], {
      error: (issue) =>
        issue.code === "invalid_union"
          ? `expected ${KINDS}, got ${JSON.stringify((issue.input as { dist?: unknown })?.dist ?? null)}`
          : undefined,
    }),
  ],
  {
    // An object failed as a distribution: say what was wrong with it, not just "invalid input".
    error: (issue) => {
      const inner = issue.code === "invalid_union" ? issue.errors[1]?.[0] : undefined;
      if (inner && typeof issue.input === "object" && issue.input !== null) {
        const key = inner.path.length > 0 ? `field "${inner.path.join(".")}": ` : "";
        return `${key}${inner.message.replace(/^Invalid input: /, "")}`;
      }
      return `expected a number or a distribution such as { "dist": "pert", "min": 1, "mode": 2, "max": 5 }`;
    },
  },
);

export type Distribution = z.infer<typeof anyDistribution>;

/** The smallest and largest value a distribution can draw (log-normal is unbounded above). */
export function supportOf(d: Distribution): readonly [number, number] {
  if (typeof d === "number") return [d, d];
  switch (d.dist) {
    case "uniform":
    case "triangular":
    case "pert":
      return [d.min, d.max];
    case "lognormal":
      return [0, Number.POSITIVE_INFINITY];
    case "beta":
      return [0, 1];
  }
}

/**
 * A distribution schema whose draws stay within [min, max]: a probability is `distribution(0, 1)`,
 * a duration `distribution(0)`. Errors say which bound or ordering was broken.
 */
export function distributionSchema(min: number, max = Number.POSITIVE_INFINITY) {
  const range = max === Number.POSITIVE_INFINITY ? `>= ${min}` : `from ${min} to ${max}`;
  return anyDistribution.superRefine((d, ctx) => {
    if (typeof d !== "number" && "mode" in d && !(d.min <= d.mode && d.mode <= d.max)) {
      ctx.addIssue({
        code: "custom",
        message: `expected min <= mode <= max, got ${d.min}, ${d.mode}, ${d.max}`,
      });
      return;
    }
    if (typeof d !== "number" && d.dist === "uniform" && d.min > d.max) {
      ctx.addIssue({ code: "custom", message: `expected min <= max, got ${d.min}, ${d.max}` });
      return;
    }
    const [lo, hi] = supportOf(d);
    if (lo < min || hi > max) {
      ctx.addIssue({
        code: "custom",
        message: `expected values ${range}${typeof d === "number" ? `, got ${d}` : `; this ${d.dist} distribution can draw ${lo} to ${hi}`}`,
      });
    }
  });
}

/** One draw of `d` from `random`. */
export function sample(d: Distribution, random: Random): number {
  if (typeof d === "number") return d;
  switch (d.dist) {
    case "uniform":
      return d.min + random.next() * (d.max - d.min);
    case "triangular":
      return triangularInverse(d.min, d.mode, d.max, random.next());
    case "pert": {
      const width = d.max - d.min;
      if (width === 0) return d.min;
      // The classic PERT weights: the mode counts four times as much as either end.
      const a = 1 + (4 * (d.mode - d.min)) / width;
      const b = 1 + (4 * (d.max - d.mode)) / width;
      return d.min + sampleBeta(a, b, random) * width;
    }
    case "lognormal":
      return random.logNormal(d.median, d.sigma);
    case "beta":
      return sampleBeta(d.alpha, d.beta, random);
  }
}

/** The mean of `d` (for docs and summaries; the simulation only draws). */
export function meanOf(d: Distribution): number {
  if (typeof d === "number") return d;
  switch (d.dist) {
    case "uniform":
      return (d.min + d.max) / 2;
    case "triangular":
      return (d.min + d.mode + d.max) / 3;
    case "pert":
      return (d.min + 4 * d.mode + d.max) / 6;
    case "lognormal":
      return d.median * Math.exp((d.sigma * d.sigma) / 2);
    case "beta":
      return d.alpha / (d.alpha + d.beta);
  }
}

function triangularInverse(min: number, mode: number, max: number, u: number): number {
  const width = max - min;
  if (width === 0) return min;
  const split = (mode - min) / width;
  return u < split
    ? min + Math.sqrt(u * width * (mode - min))
    : max - Math.sqrt((1 - u) * width * (max - mode));
}

/** Beta(a, b) as a ratio of two gamma draws. */
function sampleBeta(a: number, b: number, random: Random): number {
  const x = sampleGamma(a, random);
  const y = sampleGamma(b, random);
  return x + y === 0 ? 0.5 : x / (x + y);
}

/** Gamma(shape, 1) by Marsaglia and Tsang's squeeze method (shape < 1 boosted by U^(1/shape)). */
function sampleGamma(shape: number, random: Random): number {
  if (shape < 1) {
    let u = random.next();
    while (u === 0) u = random.next();
    return sampleGamma(shape + 1, random) * u ** (1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = random.normal();
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = random.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}
