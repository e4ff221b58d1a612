import type { CachePolicy } from "./cache";
import { cacheKey, type ReadCache } from "./cache";
import type { ConcurrencyLimiter, SlotRequest } from "./concurrency-limiter";
import type { MicrosoftCloud } from "./ports";
import { currentUpstreamDeadline } from "./upstream-deadline";
import { ErrorCode, isAppError } from "../errors";

/** How long each kind of upstream read is kept (see README "Performance"). */
export interface CloudCachePolicies {
  /** A tenant's health overviews and incidents: they change within minutes. */
  health: CachePolicy;
  /** A customer's subscriptions. */
  subscriptions: CachePolicy;
  /** The partner's customer list and its GDAP relationships. */
  directory: CachePolicy;
  /** Partner Center support topics (change a few times a year). */
  supportTopics: CachePolicy;
}

/** The key under which partner-wide reads (customer list, GDAP, topics) are kept. */
const PARTNER = "partner";

/**
 * Decorates the MicrosoftCloud ports with the per-tenant read cache: every read goes through
 * `cache.get` under a key naming its resource and tenant. Values are shared between requests
 * and must be treated as read-only by callers.
 */
export function withReadCache<T extends MicrosoftCloud>(cloud: T, cache: ReadCache, policies: CloudCachePolicies): T {
  return {
    ...cloud, // ports added later pass through undecorated
    customers: {
      listCustomers: () => cache.get(cacheKey("customers", PARTNER), policies.directory, () => cloud.customers.listCustomers()),
      listDelegatedAccess: () =>
        cache.get(cacheKey("delegatedAccess", PARTNER), policies.directory, () => cloud.customers.listDelegatedAccess()),
    },
    subscriptions: {
      listSubscriptions: (tenantId) =>
        cache.get(cacheKey("subscriptions", tenantId), policies.subscriptions, () => cloud.subscriptions.listSubscriptions(tenantId)),
    },
    health: {
      getTenantHealth: (tenantId) =>
        cache.get(cacheKey("health", tenantId), policies.health, () => cloud.health.getTenantHealth(tenantId)),
    },
    supportTopics: {
      // Topics are the same for every agent; answers read with a sign-in and without one (the
      // configured file) are kept apart so a file answer never hides the live list.
      listSupportTopics: (user) =>
        cache.get(cacheKey("supportTopics", user ? "partner-app-user" : PARTNER), policies.supportTopics, () => cloud.supportTopics.listSupportTopics(user)),
    },
  };
}

/**
 * Decorates the ports so that at most `limiter.limit` upstream reads run at once, and at most
 * `limiter.perKeyLimit` per customer tenant (partner-wide reads count against the global cap only).
 * A read stops waiting for a slot when its request's upstream budget is spent.
 */
export function withConcurrencyLimit<T extends MicrosoftCloud>(cloud: T, limiter: ConcurrencyLimiter): T {
  const partnerWide = (): SlotRequest => ({ signal: currentUpstreamDeadline()?.signal });
  const forTenant = (tenantId: string): SlotRequest => ({ key: tenantId.toLowerCase(), signal: currentUpstreamDeadline()?.signal });
  return {
    ...cloud,
    customers: {
      listCustomers: () => limiter.run(() => cloud.customers.listCustomers(), partnerWide()),
      listDelegatedAccess: () => limiter.run(() => cloud.customers.listDelegatedAccess(), partnerWide()),
    },
    subscriptions: { listSubscriptions: (tenantId) => limiter.run(() => cloud.subscriptions.listSubscriptions(tenantId), forTenant(tenantId)) },
    health: { getTenantHealth: (tenantId) => limiter.run(() => cloud.health.getTenantHealth(tenantId), forTenant(tenantId)) },
    supportTopics: { listSupportTopics: (user) => limiter.run(() => cloud.supportTopics.listSupportTopics(user), partnerWide()) },
  };
}

/**
 * Failures worth keeping briefly per tenant: FORBIDDEN (e.g. a GDAP relationship without a health
 * role) and NOT_FOUND do not heal within seconds. UPSTREAM_UNAVAILABLE and RATE_LIMITED do, and
 * are never cached.
 */
export function isPermanentUpstreamError(error: unknown): boolean {
  return isAppError(error) && (error.code === ErrorCode.FORBIDDEN || error.code === ErrorCode.NOT_FOUND);
}
