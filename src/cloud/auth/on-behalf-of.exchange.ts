import { createHash } from "node:crypto";
import { OnBehalfOfCredential } from "@azure/identity";
import type { AccessToken } from "@azure/identity";
import { toIdentityAppError } from "./identity-error.mapper";
import { createIdentityTransport, type IdentityConnection, type IdentityTransport } from "./identity-transport";
import { TokenCache } from "./token-cache";
import { assertOneSecret } from "./token-credential.factory";

/**
 * Trades a signed-in agent's access token (the assertion) for an App+User token to an API: the
 * OAuth 2.0 on-behalf-of flow. Partner Center's service request calls accept nothing else.
 */
export interface UserTokenExchange {
  getToken(assertion: string, scope: string): Promise<string>;
  close(): Promise<void>;
}

/** Who exchanges, and where: Entra ID in microsoft mode, the emulator's identity endpoints in sandbox mode. */
export interface OnBehalfOfSettings {
  partnerTenantId: string;
  clientId: string;
  clientSecret?: string | undefined;
  certificatePath?: string | undefined;
  connection: IdentityConnection;
  /**
   * Exchanged tokens kept at most (default 1,000): one per agent sign-in and scope, so the cache
   * is bounded and drops expired and least recently used tokens first.
   */
  maxCachedTokens?: number;
}

export const DEFAULT_MAX_ON_BEHALF_OF_TOKENS = 1_000;

const cacheKey = (assertion: string, scope: string): string => `${createHash("sha256").update(assertion).digest("hex")}|${scope}`;

/**
 * @azure/identity's OnBehalfOfCredential, one per assertion (the credential binds the assertion
 * at construction), all sharing one transport; the exchanged tokens are cached per assertion and
 * scope until two minutes before expiry, in a bounded cache. An assertion Entra ID refuses as
 * expired (AADSTS500133) becomes the typed ASSERTION_EXPIRED refusal the outbox worker acts on.
 */
export class OnBehalfOfExchange implements UserTokenExchange {
  private readonly cache: TokenCache;
  private readonly transport: IdentityTransport;

  constructor(private readonly settings: OnBehalfOfSettings) {
    assertOneSecret({ clientSecret: settings.clientSecret, certificatePath: settings.certificatePath });
    this.cache = new TokenCache(undefined, undefined, settings.maxCachedTokens ?? DEFAULT_MAX_ON_BEHALF_OF_TOKENS);
    this.transport = createIdentityTransport(settings.connection);
  }

  /** Tokens currently cached (for tests of the bound). */
  get cachedTokens(): number {
    return this.cache.size;
  }

  async getToken(assertion: string, scope: string): Promise<string> {
    return (await this.cache.get(cacheKey(assertion, scope), () => this.request(assertion, scope))).token;
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  private async request(assertion: string, scope: string): Promise<AccessToken> {
    const { partnerTenantId, clientId, clientSecret, certificatePath } = this.settings;
    const common = { ...this.transport.credentialOptions, tenantId: partnerTenantId, clientId, userAssertionToken: assertion };
    const credential = clientSecret
      ? new OnBehalfOfCredential({ ...common, clientSecret })
      : new OnBehalfOfCredential({ ...common, certificatePath: certificatePath as string });
    try {
      const token = await credential.getToken(scope);
      if (!token) throw new Error("No access token was issued");
      return token;
    } catch (error) {
      throw toIdentityAppError(error, "exchanging the agent's token on their behalf");
    }
  }
}
