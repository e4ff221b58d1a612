import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/identity";
import type { Agent } from "undici";
import { createCaDispatcher, dispatcherInit, upstreamFetch } from "../http-dispatcher";
import { isTimeoutError } from "../is-transient-error";
import { parseRetryAfterSeconds } from "../retry-after.parser";
import { toAppError } from "../upstream-error.mapper";
import { TokenCache, tokenCacheKey } from "./token-cache";

/** Where and as whom the sandbox credential asks the emulator's identity provider for tokens. */
export interface SandboxTokenCredentialOptions {
  /** The emulator's root URL, e.g. https://localhost:8443; tokens come from {authorityUrl}/{tenant}/oauth2/v2.0/token. */
  authorityUrl: string;
  partnerTenantId: string;
  clientId: string;
  clientSecret: string;
  /** PEM of the CA that signed the emulator's certificate, trusted for these calls only. */
  caCertPem?: string;
  timeoutMs?: number;
  /** For tests: the clock the cache judges expiry by. */
  now?: () => number;
}

interface TokenResponse {
  access_token?: unknown;
  expires_in?: unknown;
  token_type?: unknown;
}

/**
 * A TokenCredential for sandbox mode: the OAuth 2.0 client credentials grant against the
 * emulator's token endpoint, per requested tenant (`getToken(scopes, { tenantId })`, default the
 * partner tenant), over real HTTPS. Tokens are cached per (tenant, scope) until two minutes
 * before expiry; concurrent requests for one key share one HTTP call.
 */
export class SandboxTokenCredential implements TokenCredential {
  private readonly cache: TokenCache;
  private readonly dispatcher: Agent | undefined;

  constructor(private readonly options: SandboxTokenCredentialOptions) {
    this.cache = new TokenCache(undefined, options.now);
    this.dispatcher = options.caCertPem === undefined ? undefined : createCaDispatcher(options.caCertPem);
  }

  async getToken(scopes: string | string[], getTokenOptions?: GetTokenOptions): Promise<AccessToken> {
    const scopeList = Array.isArray(scopes) ? scopes : [scopes];
    const tenantId = getTokenOptions?.tenantId ?? this.options.partnerTenantId;
    return this.cache.get(tokenCacheKey(tenantId, scopeList), () => this.requestToken(tenantId, scopeList));
  }

  /** Closes the connections of this credential's dispatcher. */
  async close(): Promise<void> {
    await this.dispatcher?.close();
  }

  private async requestToken(tenantId: string, scopes: readonly string[]): Promise<AccessToken> {
    const operation = { upstream: "Microsoft identity platform", operation: `requesting a token for tenant ${tenantId}` } as const;
    const url = `${this.options.authorityUrl.replace(/\/+$/, "")}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
    const body = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
      scope: scopes.join(" "),
    });
    const startedAt = (this.options.now ?? Date.now)();
    let response: Response;
    try {
      response = await upstreamFetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        ...dispatcherInit(this.dispatcher),
      });
    } catch (error) {
      throw toAppError(operation, { kind: isTimeoutError(error) ? "timeout" : "network" }, error);
    }
    if (!response.ok) {
      await response.body?.cancel();
      // The token endpoint answers 400 (AADSTS codes) for unknown tenants and bad secrets: both
      // mean "no access to that tenant", so treat them like 401/403.
      const status = response.status === 400 ? 401 : response.status;
      throw toAppError(operation, {
        kind: "status",
        status,
        retryAfterSeconds: parseRetryAfterSeconds(response.headers.get("retry-after")),
      });
    }
    const json = (await response.json().catch(() => ({}))) as TokenResponse;
    if (typeof json.access_token !== "string" || json.access_token === "") {
      throw toAppError(operation, { kind: "status", status: 502 });
    }
    const expiresIn = Number(json.expires_in);
    return {
      token: json.access_token,
      expiresOnTimestamp: startedAt + (Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600) * 1000,
      tokenType: "Bearer",
    };
  }
}

