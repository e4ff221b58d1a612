import type { AccessToken } from "@azure/identity";

/** Refresh this long before expiry so a token never expires mid-request (about what MSAL does). */
export const DEFAULT_REFRESH_MARGIN_MS = 2 * 60 * 1000;

/** The cache key of a token: one per tenant and scope set (order-insensitive). */
export const tokenCacheKey = (tenantId: string, scopes: readonly string[]): string =>
  `${tenantId.toLowerCase()}|${[...scopes].sort().join(" ")}`;

/**
 * Access tokens per key until shortly before they expire, with concurrent requests for the same
 * key sharing one fetch (a burst of resolvers for one tenant costs one token request).
 * Failures are not cached.
 */
export class TokenCache {
  private readonly tokens = new Map<string, AccessToken>();
  private readonly inFlight = new Map<string, Promise<AccessToken>>();

  constructor(
    private readonly refreshMarginMs: number = DEFAULT_REFRESH_MARGIN_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached token for `key`, or the result of `fetchToken` (shared with concurrent callers). */
  async get(key: string, fetchToken: () => Promise<AccessToken>): Promise<AccessToken> {
    const cached = this.tokens.get(key);
    if (cached && this.isFresh(cached)) return cached;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const request = fetchToken()
      .then((token) => {
        this.tokens.set(key, token);
        return token;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, request);
    return request;
  }

  /** Forget every token (e.g. after a 401 that says a token was revoked). */
  clear(): void {
    this.tokens.clear();
  }

  private isFresh(token: AccessToken): boolean {
    const refreshAt = token.refreshAfterTimestamp ?? token.expiresOnTimestamp - this.refreshMarginMs;
    return this.now() < Math.min(refreshAt, token.expiresOnTimestamp - this.refreshMarginMs);
  }
}
