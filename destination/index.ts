/** Public API of the reference destination and its contract. */
export type { ClockSource, TestClock } from "./clock.ts";
export { createTestClock, DEFAULT_CLOCK_START, frozenSource } from "./clock.ts";
export type { ActiveDefects, DefectProfile } from "./defects.ts";
export { DEFECT_PROFILES, parseDefects, renderDefectList } from "./defects.ts";
export { RATING } from "./invoice-calculator.ts";
export { CONTRACT_VERSION, openApiDocument } from "./openapi/openapi-document.ts";
export type { ReferenceDestinationOptions, RunningDestination } from "./reference-destination.ts";
export { DEFAULT_BSS_TOKEN, DEFAULT_LI_TOKEN, startReferenceDestination } from "./reference-destination.ts";
