export { startEmulator, type EmulatorOptions, type RunningEmulator } from "./emulator.server";
export { generateSeed } from "./seed.generator";
export { GDAP_ROLE } from "./gdap-roles";
export type { RequestCountsSnapshot } from "./request-counters";
export type { SeedTenant } from "./emulator-seed.types";
export { createThrottle, MICROSOFT_THROTTLE_LIMITS } from "./throttle-limits";
