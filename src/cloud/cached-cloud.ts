import { cacheKey, type CachePolicy, type ReadCache } from "./cache";
import type { ConcurrencyLimiter } from "./concurrency-limiter";
import { decoratePorts, type PortPolicyTable } from "./port-decorator";
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

/** Where a read is kept: its cache key and how long. */
interface CachedRead {
  key: string;
  policy: CachePolicy;
}

/** The cache entry of every port read. */
const cachedReads = (policies: CloudCachePolicies): PortPolicyTable<MicrosoftCloud, CachedRead> => ({
  customers: {
    listCustomers: () => ({ key: cacheKey("customers", PARTNER), policy: policies.directory }),
    listDelegatedAccess: () => ({ key: cacheKey("delegatedAccess", PARTNER), policy: policies.directory }),
  },
  subscriptions: { listSubscriptions: (tenantId) => ({ key: cacheKey("subscriptions", tenantId), policy: policies.subscriptions }) },
  health: { getTenantHealth: (tenantId) => ({ key: cacheKey("health", tenantId), policy: policies.health }) },
  // Topics are the same for every agent; answers read with a sign-in and without one (the
  // configured file) are kept apart so a file answer never hides the live list.
  supportTopics: {
    listSupportTopics: (user) => ({ key: cacheKey("supportTopics", user ? "partner-app-user" : PARTNER), policy: policies.supportTopics }),
  },
});

/**
 * Decorates the MicrosoftCloud ports with the per-tenant read cache: every read goes through
 * `cache.get` under a key naming its resource and tenant. Values are shared between requests
 * and must be treated as read-only by callers.
 */
export function withReadCache<T extends MicrosoftCloud>(cloud: T, cache: ReadCache, policies: CloudCachePolicies): T {
  return decoratePorts(cloud, cachedReads(policies), ({ key, policy }, read) => cache.get(key, policy, read));
}

/** Whose concurrency slot each read takes: a customer tenant's, or none (partner-wide reads: the global cap only). */
const SLOT_KEYS: PortPolicyTable<MicrosoftCloud, string | undefined> = {
  customers: { listCustomers: () => undefined, listDelegatedAccess: () => undefined },
  subscriptions: { listSubscriptions: (tenantId) => tenantId.toLowerCase() },
  health: { getTenantHealth: (tenantId) => tenantId.toLowerCase() },
  supportTopics: { listSupportTopics: () => undefined },
};

/**
 * Decorates the ports so that at most `limiter.limit` upstream reads run at once, and at most
 * `limiter.perKeyLimit` per customer tenant (partner-wide reads count against the global cap only).
 * A read stops waiting for a slot when its request's upstream budget is spent.
 */
export function withConcurrencyLimit<T extends MicrosoftCloud>(cloud: T, limiter: ConcurrencyLimiter): T {
  return decoratePorts(cloud, SLOT_KEYS, (key, read) => limiter.run(read, { key, signal: currentUpstreamDeadline()?.signal }));
}

/**
 * Failures worth keeping briefly per tenant: FORBIDDEN (e.g. a GDAP relationship without a health
 * role) and NOT_FOUND do not heal within seconds. UPSTREAM_UNAVAILABLE and RATE_LIMITED do, and
 * are never cached.
 */
export function isPermanentUpstreamError(error: unknown): boolean {
  return isAppError(error) && (error.code === ErrorCode.FORBIDDEN || error.code === ErrorCode.NOT_FOUND);
}
