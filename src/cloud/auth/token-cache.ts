import type { AccessToken } from "@azure/identity";

/** Refresh this long before expiry so a token never expires mid-request (about what MSAL does). */
export const DEFAULT_REFRESH_MARGIN_MS = 2 * 60 * 1000;

/** The cache key of a token: one per tenant and scope set (order-insensitive). */
export const tokenCacheKey = (tenantId: string, scopes: readonly string[]): string =>
  `${tenantId.toLowerCase()}|${[...scopes].sort().join(" ")}`;

/** Tokens kept at most by default: more than the tenants of a large CSP, each with a few scopes. */
export const DEFAULT_MAX_TOKENS = 10_000;

/**
 * Access tokens per key until shortly before they expire, with concurrent requests for the same
 * key sharing one fetch (a burst of resolvers for one tenant costs one token request).
 * Failures are not cached. At most `maxEntries` tokens are kept: when a new one would exceed
 * that, tokens past their refresh time go first, then the least recently used (on-behalf-of keys
 * grow with every agent sign-in, so an unbounded map would only ever grow).
 */
export class TokenCache {
  /** Map order = recency of use (a hit moves its key to the end). */
  private readonly tokens = new Map<string, AccessToken>();
  private readonly inFlight = new Map<string, Promise<AccessToken>>();

  constructor(
    private readonly refreshMarginMs: number = DEFAULT_REFRESH_MARGIN_MS,
    private readonly now: () => number = Date.now,
    private readonly maxEntries: number = DEFAULT_MAX_TOKENS,
  ) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError("maxEntries must be a whole number >= 1");
  }

  /** Tokens held right now (fresh or not yet evicted). */
  get size(): number {
    return this.tokens.size;
  }

  /** The cached token for `key`, or the result of `fetchToken` (shared with concurrent callers). */
  async get(key: string, fetchToken: () => Promise<AccessToken>): Promise<AccessToken> {
    const cached = this.tokens.get(key);
    if (cached && this.isFresh(cached)) {
      this.tokens.delete(key);
      this.tokens.set(key, cached);
      return cached;
    }
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const request = fetchToken()
      .then((token) => {
        this.store(key, token);
        return token;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, request);
    return request;
  }

  private store(key: string, token: AccessToken): void {
    this.tokens.delete(key);
    this.tokens.set(key, token);
    if (this.tokens.size <= this.maxEntries) return;
    for (const [staleKey, staleToken] of this.tokens) {
      if (!this.isFresh(staleToken)) this.tokens.delete(staleKey);
    }
    for (const oldestKey of this.tokens.keys()) {
      if (this.tokens.size <= this.maxEntries) break;
      this.tokens.delete(oldestKey);
    }
  }

  private isFresh(token: AccessToken): boolean {
    const refreshAt = token.refreshAfterTimestamp ?? token.expiresOnTimestamp - this.refreshMarginMs;
    return this.now() < Math.min(refreshAt, token.expiresOnTimestamp - this.refreshMarginMs);
  }
}
