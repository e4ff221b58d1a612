/**
 * A read-through cache for upstream reads, keyed per resource and tenant, with request
 * coalescing and stale-while-revalidate. Knows nothing of Microsoft: the cloud decorator
 * (cached-cloud.ts) decides keys and TTLs.
 *
 * Rules that keep tenants apart:
 * - a key always names the tenant it was read for (see {@link cacheKey}); nothing is shared
 *   between keys, not even an in-flight request;
 * - transient failures (503, 429, timeouts) are never stored: they reach only the callers that
 *   were already waiting for that same key, and the next call asks upstream again;
 * - a failure the options call permanent (the cloud decorator: FORBIDDEN and NOT_FOUND, e.g. a
 *   tenant whose GDAP relationship lacks a health role) is kept for `errorTtlMs` only, under that
 *   tenant's key, so a dashboard repeat does not re-ask Graph for a 403 it just got.
 */

/** What one entry kind is kept for. */
export interface CachePolicy {
  /** Fresh for this long after it was read: served without asking upstream. */
  ttlMs: number;
  /**
   * After the TTL, served for this much longer while one background read refreshes it
   * (stale-while-revalidate). 0 turns that off: an expired entry is a miss.
   */
  staleMs: number;
  /** How long a permanent failure (see ReadCacheOptions.isPermanentError) is kept; 0 = never. */
  errorTtlMs?: number;
}

/** Why {@link ReadCache.get} answered as it did, for the hit/miss counters. */
export type CacheOutcome = "hit" | "stale" | "miss" | "coalesced";

/** Receives every lookup (resource = the first part of the key, e.g. "health"). */
export type CacheObserver = (resource: string, outcome: CacheOutcome) => void;

export interface ReadCacheOptions {
  /** Entries kept at most; the oldest read is dropped first (default 10,000). */
  maxEntries?: number;
  now?: () => number;
  observer?: CacheObserver;
  /** Failures that may be kept for `errorTtlMs` (default: none, every failure is retried). */
  isPermanentError?: (error: unknown) => boolean;
  /** Called when a background refresh fails (the stale value stays until its window ends). */
  onRefreshError?: (key: string, error: unknown) => void;
}

interface Entry {
  value: unknown;
  /** When it was read (or failed). */
  readAt: number;
  /** Set when the entry is a kept permanent failure (rethrown to callers). */
  failed?: boolean;
  freshUntil: number;
  staleUntil: number;
}

/** Hit/miss totals per resource, since start. */
export interface CacheStats {
  [resource: string]: Record<CacheOutcome, number>;
}

const DEFAULT_MAX_ENTRIES = 10_000;

/** The cache key of `resource` for one tenant (tenant ids compare case-insensitively). */
export const cacheKey = (resource: string, tenantId: string): string => `${resource}|${tenantId.toLowerCase()}`;

/** A per-key TTL cache with coalescing and stale-while-revalidate. */
export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly counts: CacheStats = {};
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly options: ReadCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.now = options.now ?? Date.now;
  }

  /**
   * The value for `key`: fresh from the cache, stale while one refresh runs in the background,
   * or from `load` (shared with every concurrent caller of the same key). A failed load is
   * thrown to its callers and not remembered.
   */
  async get<T>(key: string, policy: CachePolicy, load: () => Promise<T>): Promise<T> {
    const bar = key.indexOf("|");
    const resource = bar === -1 ? key : key.slice(0, bar);
    const now = this.now();
    const entry = this.entries.get(key);
    if (entry && now < entry.freshUntil) {
      this.count(resource, "hit");
      if (entry.failed) throw entry.value;
      return entry.value as T;
    }
    if (entry && !entry.failed && now < entry.staleUntil) {
      this.count(resource, "stale");
      if (!this.inFlight.has(key)) {
        this.start(key, policy, load).catch((error: unknown) => this.options.onRefreshError?.(key, error));
      }
      return entry.value as T;
    }
    const pending = this.inFlight.get(key);
    if (pending) {
      this.count(resource, "coalesced");
      return pending as Promise<T>;
    }
    this.count(resource, "miss");
    return this.start(key, policy, load);
  }

  /**
   * Reads `key` from `load` now, whatever its entry's age, and keeps the answer under the same
   * rules as `get` (the background refresher: it keeps entries fresh so that `get` never waits).
   * Joins a load already in flight for the key. Rejects as the load does.
   */
  async refresh<T>(key: string, policy: CachePolicy, load: () => Promise<T>): Promise<void> {
    const pending = this.inFlight.get(key);
    if (pending) {
      await pending;
      return;
    }
    await this.start(key, policy, load);
  }

  /** When `key`'s entry was read and until when it is fresh, or undefined when there is none. */
  freshness(key: string): { readAt: number; freshUntil: number; failed: boolean } | undefined {
    const entry = this.entries.get(key);
    return entry ? { readAt: entry.readAt, freshUntil: entry.freshUntil, failed: entry.failed === true } : undefined;
  }

  /** Drops one key, or every key of a resource prefix (e.g. after a write that changes it). */
  invalidate(keyOrPrefix: string): void {
    for (const key of [...this.entries.keys()]) {
      if (key === keyOrPrefix || key.startsWith(`${keyOrPrefix}|`)) this.entries.delete(key);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Lookups per resource and outcome since start. */
  stats(): CacheStats {
    return structuredClone(this.counts);
  }

  private start<T>(key: string, policy: CachePolicy, load: () => Promise<T>): Promise<T> {
    const request = load()
      .then((value) => {
        const readAt = this.now();
        if (policy.ttlMs > 0) {
          this.entries.delete(key); // re-insert so Map order is read order (oldest first)
          this.entries.set(key, { value, readAt, freshUntil: readAt + policy.ttlMs, staleUntil: readAt + policy.ttlMs + policy.staleMs });
          this.evict();
        }
        return value;
      })
      .catch((error: unknown) => {
        const errorTtlMs = policy.errorTtlMs ?? 0;
        if (errorTtlMs > 0 && this.options.isPermanentError?.(error)) {
          const failedAt = this.now();
          this.entries.delete(key);
          this.entries.set(key, { value: error, failed: true, readAt: failedAt, freshUntil: failedAt + errorTtlMs, staleUntil: failedAt + errorTtlMs });
          this.evict();
        }
        throw error;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, request);
    return request;
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) return;
      this.entries.delete(key);
    }
  }

  private count(resource: string, outcome: CacheOutcome): void {
    const perResource = (this.counts[resource] ??= { hit: 0, stale: 0, miss: 0, coalesced: 0 });
    perResource[outcome] += 1;
    this.options.observer?.(resource, outcome);
  }
}
