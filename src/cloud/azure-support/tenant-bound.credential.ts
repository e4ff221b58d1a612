import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/identity";

/**
 * A view of the partner's credential that always asks for tokens issued by one customer tenant:
 * Azure Resource Manager only accepts tokens from the tenant that owns the subscription, and the
 * Azure SDK's bearer policy does not pass a tenant of its own.
 */
export class TenantBoundCredential implements TokenCredential {
  constructor(
    private readonly inner: TokenCredential,
    readonly tenantId: string,
  ) {}

  getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    return this.inner.getToken(scopes, { ...options, tenantId: this.tenantId });
  }
}
