import { encodeSharedEntry } from "./shared-entry.codec";
import type { SharedEntry, SharedReadStore } from "./shared-read-store";

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
 *
 * With a {@link SharedReadStore} (Redis, several instances; issue 19) this cache is the first
 * level: a miss asks the store before upstream, and every upstream answer the rules above keep
 * is written to the store too, so what one instance read the others serve. An entry taken from
 * the store is served from memory for `sharedL1TtlMs` only and then checked against the store
 * again in the background (a newer read by another instance replaces it); the caller never
 * waits for that. A store that cannot answer is a store miss: the read goes upstream.
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
  /** The second level shared with other gateway instances (Redis); none = this process only. */
  shared?: SharedReadStore;
  /** How long an entry taken from `shared` is served from memory before the store is asked again (default 5 s). */
  sharedL1TtlMs?: number;
  /**
   * Told when a key is kept with a value (or failure) other than the one it had, or that it had
   * none: what was derived from it is out of date (the response cache drops its entries).
   */
  onChange?: (key: string) => void;
}

interface Entry {
  value: unknown;
  /** When it was read (or failed), by this instance or the one that wrote it to the shared store. */
  readAt: number;
  /** Set when the entry is a kept permanent failure (rethrown to callers). */
  failed?: boolean;
  /** Served from memory without a second look until then (freshUntil, or sooner for a shared entry). */
  serveUntil: number;
  freshUntil: number;
  staleUntil: number;
}

/** Hit/miss totals per resource, since start. */
export interface CacheStats {
  [resource: string]: Record<CacheOutcome, number>;
}

/** Where a refresh found its answer: the shared store (another instance read it), upstream, or a read already running. */
export type RefreshSource = "shared" | "upstream" | "joined";

interface Read {
  value: unknown;
  source: "shared" | "upstream";
}

/** What one load may do: look in the shared store first (adopting entries read at or after `adoptReadAfter`), then go upstream. */
interface LoadPlan {
  shared: boolean;
  adoptReadAfter?: number;
  upstream: boolean;
}

const DEFAULT_MAX_ENTRIES = 10_000;
const DEFAULT_SHARED_L1_TTL_MS = 5_000;

/** The cache key of `resource` for one tenant (tenant ids compare case-insensitively). */
export const cacheKey = (resource: string, tenantId: string): string => `${resource}|${tenantId.toLowerCase()}`;

/** A per-key TTL cache with coalescing and stale-while-revalidate, optionally in front of a shared store. */
export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<Read>>();
  private readonly counts: CacheStats = {};
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly shared: SharedReadStore | undefined;
  private readonly sharedL1TtlMs: number;
  private readonly invalidations = new Set<Promise<void>>();

  constructor(private readonly options: ReadCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.now = options.now ?? Date.now;
    this.shared = options.shared;
    this.sharedL1TtlMs = options.sharedL1TtlMs ?? DEFAULT_SHARED_L1_TTL_MS;
  }

  /** The shared store behind this cache, if any (its status goes to /metrics). */
  get sharedStore(): SharedReadStore | undefined {
    return this.shared;
  }

  /**
   * The value for `key`: fresh from the cache, stale while one refresh runs in the background,
   * or from the shared store or `load` (shared with every concurrent caller of the same key). A
   * failed load is thrown to its callers and not remembered unless it is permanent.
   */
  async get<T>(key: string, policy: CachePolicy, load: () => Promise<T>): Promise<T> {
    const bar = key.indexOf("|");
    const resource = bar === -1 ? key : key.slice(0, bar);
    const now = this.now();
    const entry = this.entries.get(key);
    if (entry && now < entry.serveUntil) {
      this.count(resource, "hit");
      if (entry.failed) throw entry.value;
      return entry.value as T;
    }
    if (entry && !entry.failed && now < entry.staleUntil) {
      const fresh = now < entry.freshUntil;
      this.count(resource, fresh ? "hit" : "stale");
      if (!this.inFlight.has(key)) {
        // Still within its TTL (a shared entry past its memory time): only the store is asked again.
        const plan: LoadPlan = fresh ? { shared: true, upstream: false } : { shared: true, upstream: true };
        this.start(key, policy, load, plan).catch((error: unknown) => this.options.onRefreshError?.(key, error));
      }
      return entry.value as T;
    }
    const pending = this.inFlight.get(key);
    if (pending) {
      this.count(resource, "coalesced");
      return (await pending).value as T;
    }
    this.count(resource, "miss");
    return (await this.start(key, policy, load, { shared: true, upstream: true })).value as T;
  }

  /**
   * Reads `key` from `load` now, whatever its entry's age, and keeps the answer under the same
   * rules as `get` (the background refresher: it keeps entries fresh so that `get` never waits).
   * With `adoptSharedReadAfter`, an entry in the shared store read at or after that time (by
   * another instance) is taken instead of reading upstream. Joins a load already in flight for
   * the key. Rejects as the load does.
   */
  async refresh<T>(key: string, policy: CachePolicy, load: () => Promise<T>, options: { adoptSharedReadAfter?: number } = {}): Promise<RefreshSource> {
    const pending = this.inFlight.get(key);
    if (pending) {
      await pending;
      return "joined";
    }
    const plan: LoadPlan =
      options.adoptSharedReadAfter === undefined ? { shared: false, upstream: true } : { shared: true, adoptReadAfter: options.adoptSharedReadAfter, upstream: true };
    return (await this.start(key, policy, load, plan)).source;
  }

  /** When `key`'s entry was read and until when it is fresh, or undefined when there is none. */
  freshness(key: string): { readAt: number; freshUntil: number; failed: boolean } | undefined {
    const entry = this.entries.get(key);
    return entry ? { readAt: entry.readAt, freshUntil: entry.freshUntil, failed: entry.failed === true } : undefined;
  }

  /** Drops one key, or every key of a resource prefix (e.g. after a write that changes it), here and in the shared store. */
  invalidate(keyOrPrefix: string): void {
    for (const key of [...this.entries.keys()]) {
      if (key === keyOrPrefix || key.startsWith(`${keyOrPrefix}|`)) this.entries.delete(key);
    }
    this.options.onChange?.(keyOrPrefix);
    if (!this.shared) return;
    // Reads started meanwhile wait for it: a prefix is dropped by SCAN, after reads already sent.
    const dropping = this.shared.invalidate(keyOrPrefix).finally(() => this.invalidations.delete(dropping));
    this.invalidations.add(dropping);
  }

  /** Empties this process's level (the shared store keeps its entries). */
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

  private start(key: string, policy: CachePolicy, load: () => Promise<unknown>, plan: LoadPlan): Promise<Read> {
    const request = this.read(key, policy, load, plan).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, request);
    return request;
  }

  private async read(key: string, policy: CachePolicy, load: () => Promise<unknown>, plan: LoadPlan): Promise<Read> {
    if (this.shared && plan.shared) {
      if (this.invalidations.size > 0) await Promise.all(this.invalidations);
      const found = await this.shared.get(key);
      const now = this.now();
      const own = this.entries.get(key);
      const usable = found !== undefined && now < found.freshUntil && (plan.adoptReadAfter === undefined || found.readAt >= plan.adoptReadAfter);
      if (usable && (!own || found.readAt >= own.readAt)) {
        this.keep(key, found, Math.min(found.freshUntil, now + this.sharedL1TtlMs));
        if (found.failed) throw found.value;
        return { value: found.value, source: "shared" };
      }
      if (!plan.upstream && own) {
        // Nothing newer in the store: what we have is still within its TTL, serve it from memory until then.
        own.serveUntil = own.freshUntil;
        if (own.failed) throw own.value;
        return { value: own.value, source: "shared" };
      }
    }
    let value: unknown;
    try {
      value = await load();
    } catch (error) {
      const errorTtlMs = policy.errorTtlMs ?? 0;
      if (errorTtlMs > 0 && this.options.isPermanentError?.(error)) {
        const failedAt = this.now();
        const entry: SharedEntry = { value: error, failed: true, readAt: failedAt, freshUntil: failedAt + errorTtlMs, staleUntil: failedAt + errorTtlMs };
        this.keep(key, entry, entry.freshUntil);
        await this.shared?.set(key, entry);
      }
      throw error;
    }
    if (policy.ttlMs > 0) {
      const readAt = this.now();
      const entry: SharedEntry = { value, readAt, freshUntil: readAt + policy.ttlMs, staleUntil: readAt + policy.ttlMs + policy.staleMs };
      this.keep(key, entry, entry.freshUntil);
      // Awaited (a loopback round trip, bounded by the store's timeout): once this instance has
      // answered, every other instance finds the read in the store.
      await this.shared?.set(key, entry);
    }
    return { value, source: "upstream" };
  }

  private keep(key: string, entry: SharedEntry, serveUntil: number): void {
    if (this.options.onChange) {
      const before = this.entries.get(key);
      if (!before || !sameContent(before, entry)) this.options.onChange(key);
    }
    this.entries.delete(key); // re-insert so Map order is read order (oldest first)
    this.entries.set(key, { value: entry.value, readAt: entry.readAt, serveUntil, freshUntil: entry.freshUntil, staleUntil: entry.staleUntil, ...(entry.failed ? { failed: true } : {}) });
    this.evict();
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

/** Same value (or same kept failure) by its wire form: Dates, Maps and errors compare by content. */
function sameContent(a: { value: unknown; failed?: boolean }, b: { value: unknown; failed?: boolean }): boolean {
  if (a.value === b.value) return true;
  if ((a.failed === true) !== (b.failed === true)) return false;
  const wire = (entry: { value: unknown; failed?: boolean }) => encodeSharedEntry({ value: entry.value, ...(entry.failed ? { failed: true } : {}), readAt: 0, freshUntil: 0, staleUntil: 0 });
  return wire(a) === wire(b);
}
