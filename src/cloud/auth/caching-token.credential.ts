import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/identity";
import { TokenCache, tokenCacheKey } from "./token-cache";

/**
 * Wraps any TokenCredential with a per-(tenant, scope) cache and request coalescing.
 * @azure/identity caches inside MSAL, but concurrent first calls would each hit the authority.
 */
export class CachingTokenCredential implements TokenCredential {
  constructor(
    private readonly inner: TokenCredential,
    private readonly defaultTenantId: string,
    private readonly cache: TokenCache = new TokenCache(),
  ) {}

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    const scopeList = Array.isArray(scopes) ? scopes : [scopes];
    const tenantId = options?.tenantId ?? this.defaultTenantId;
    return this.cache.get(tokenCacheKey(tenantId, scopeList), async () => {
      const token = await this.inner.getToken(scopeList, { ...options, tenantId });
      if (!token) throw new Error(`No access token was issued for tenant ${tenantId}`);
      return token;
    });
  }
}
