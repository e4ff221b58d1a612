import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/identity";
import { toIdentityAppError } from "./identity-error.mapper";
import { TokenCache, tokenCacheKey } from "./token-cache";

/**
 * Wraps any TokenCredential with a per-(tenant, scope) cache and request coalescing, and turns
 * its failures into typed AppErrors (FORBIDDEN for a refused tenant or secret, UPSTREAM_UNAVAILABLE
 * for an unreachable authority). @azure/identity caches inside MSAL, but concurrent first calls
 * would each hit the authority.
 */
export class CachingTokenCredential implements TokenCredential {
  constructor(
    private readonly inner: TokenCredential,
    private readonly defaultTenantId: string,
    private readonly cache: TokenCache = new TokenCache(),
    private readonly release: () => Promise<void> = async () => undefined,
  ) {}

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    const scopeList = Array.isArray(scopes) ? scopes : [scopes];
    const tenantId = options?.tenantId ?? this.defaultTenantId;
    return this.cache.get(tokenCacheKey(tenantId, scopeList), async () => {
      let token: AccessToken | null;
      try {
        token = await this.inner.getToken(scopeList, { ...options, tenantId });
      } catch (error) {
        throw toIdentityAppError(error, `requesting a token for tenant ${tenantId}`);
      }
      if (!token) throw toIdentityAppError(new Error("No access token was issued"), `requesting a token for tenant ${tenantId}`);
      return token;
    });
  }

  /** Releases the connections of the credential's transport. */
  async close(): Promise<void> {
    await this.release();
  }
}
