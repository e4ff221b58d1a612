import { GraphClientError } from "@microsoft/microsoft-graph-client";
import type { AuthenticationProvider } from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials";
import type { TokenCredential } from "@azure/identity";

/**
 * TokenCredentialAuthenticationProvider for one tenant, which keeps the credential's error: the
 * Graph client would otherwise flatten it into a GraphError without status, and "no token for
 * that tenant" (FORBIDDEN) would look like a network failure. A GraphClientError is rethrown as is.
 */
export class TenantTokenAuthProvider implements AuthenticationProvider {
  private readonly inner: TokenCredentialAuthenticationProvider;

  constructor(credential: TokenCredential, scope: string, tenantId: string) {
    this.inner = new TokenCredentialAuthenticationProvider(credential, {
      scopes: [scope],
      getTokenOptions: { tenantId },
    });
  }

  async getAccessToken(): Promise<string> {
    try {
      return await this.inner.getAccessToken();
    } catch (error) {
      if (error instanceof GraphClientError) throw error;
      const wrapped = new GraphClientError("Could not get a Graph access token");
      wrapped.customError = error;
      throw wrapped;
    }
  }
}
