export { startEmulator, type EmulatorOptions, type RunningEmulator } from "./emulator.server";
export { generateSeed, DEFAULT_SEED_AS_OF } from "./seed.generator";
export { GDAP_ROLE, HEALTH_READER_ROLES, type GdapRoleId } from "./gdap-roles";
export { RESOURCE, type Resource } from "./token-issuer";
export type { RequestCountsSnapshot } from "./request-counters";
export type {
  EmulatorSeed,
  SeedIssue,
  SeedIssuePost,
  SeedPartner,
  SeedRelationship,
  SeedService,
  SeedSubscription,
  SeedSupportTopic,
  SeedTenant,
} from "./emulator-seed.types";
export { createThrottle, MICROSOFT_THROTTLE_LIMITS, type RateLimitRule, type Throttle, type ThrottleSettings } from "./throttle-limits";
