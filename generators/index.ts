/** Public API of the generators: seeded synthetic data. */
export type { BaseOptions } from "./base-generator.ts";
export { generateBase, generateSubscriber } from "./base-generator.ts";
export { createPermutation, isLuhnValid, luhnCheckDigit } from "./identifiers.ts";
export { toNdjson } from "./ndjson.ts";
export type { TrafficOptions } from "./traffic-generator.ts";
export { generateSubscriberTraffic, generateTraffic, sortEvents } from "./traffic-generator.ts";
