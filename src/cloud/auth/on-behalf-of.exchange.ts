import { createHash } from "node:crypto";
import { OnBehalfOfCredential } from "@azure/identity";
import type { AccessToken } from "@azure/identity";
import type { Agent } from "undici";
import { AppError, ErrorCode } from "../../errors";
import { getCloudEndpoints, type CloudName } from "../cloud-endpoints";
import { createCaDispatcher, dispatcherInit, upstreamFetch } from "../http-dispatcher";
import { isTimeoutError } from "../is-transient-error";
import { parseRetryAfterSeconds } from "../retry-after.parser";
import { toAppError } from "../upstream-error.mapper";
import { TokenCache } from "./token-cache";

/**
 * Trades a signed-in agent's access token (the assertion) for an App+User token to an API: the
 * OAuth 2.0 on-behalf-of flow. Partner Center's service request calls accept nothing else.
 */
export interface UserTokenExchange {
  getToken(assertion: string, scope: string): Promise<string>;
  close(): Promise<void>;
}

/** Entra ID answers AADSTS500133 when the assertion is outside its exp/nbf window. */
const EXPIRED_ASSERTION = /AADSTS500133|not within its valid time range|expired/i;

/** The agent's sign-in expired: the filing needs a fresh sign-in, never a silent retry loop. */
export function assertionExpired(): AppError {
  return new AppError(
    ErrorCode.FORBIDDEN,
    "The escalating agent's sign-in expired before Microsoft could be called on their behalf; sign in again and retry the escalation",
    { reason: "ASSERTION_EXPIRED" },
  );
}

export const isAssertionExpired = (error: unknown): boolean =>
  error instanceof AppError && (error.details as { reason?: unknown } | undefined)?.reason === "ASSERTION_EXPIRED";

const cacheKey = (assertion: string, scope: string): string =>
  `${createHash("sha256").update(assertion).digest("hex")}|${scope}`;

/** Sandbox: the same grant against the emulator's token endpoint over HTTPS. */
export class SandboxOnBehalfOfExchange implements UserTokenExchange {
  private readonly cache = new TokenCache();
  private readonly dispatcher: Agent | undefined;

  constructor(
    private readonly options: { authorityUrl: string; partnerTenantId: string; clientId: string; clientSecret: string; caCertPem?: string; timeoutMs?: number },
  ) {
    this.dispatcher = options.caCertPem === undefined ? undefined : createCaDispatcher(options.caCertPem);
  }

  async getToken(assertion: string, scope: string): Promise<string> {
    return (await this.cache.get(cacheKey(assertion, scope), () => this.request(assertion, scope))).token;
  }

  async close(): Promise<void> {
    await this.dispatcher?.close();
  }

  private async request(assertion: string, scope: string): Promise<AccessToken> {
    const operation = { upstream: "Microsoft identity platform", operation: "exchanging the agent's token on their behalf" } as const;
    const url = `${this.options.authorityUrl.replace(/\/+$/, "")}/${encodeURIComponent(this.options.partnerTenantId)}/oauth2/v2.0/token`;
    const startedAt = Date.now();
    let response: Response;
    try {
      response = await upstreamFetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
        body: new URLSearchParams({
          grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
          requested_token_use: "on_behalf_of",
          client_id: this.options.clientId,
          client_secret: this.options.clientSecret,
          assertion,
          scope,
        }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        ...dispatcherInit(this.dispatcher),
      });
    } catch (error) {
      throw toAppError(operation, { kind: isTimeoutError(error) ? "timeout" : "network" }, error);
    }
    const json = (await response.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; error_description?: unknown };
    if (!response.ok) {
      if (response.status === 400 && EXPIRED_ASSERTION.test(String(json.error_description ?? ""))) throw assertionExpired();
      throw toAppError(operation, {
        kind: "status",
        status: response.status === 400 ? 401 : response.status,
        retryAfterSeconds: parseRetryAfterSeconds(response.headers.get("retry-after")),
      });
    }
    if (typeof json.access_token !== "string") throw toAppError(operation, { kind: "status", status: 502 });
    const expiresIn = Number(json.expires_in);
    return { token: json.access_token, expiresOnTimestamp: startedAt + (expiresIn > 0 ? expiresIn : 3600) * 1000, tokenType: "Bearer" };
  }
}

/** Microsoft mode: @azure/identity's OnBehalfOfCredential, one per assertion (cached with its tokens). */
export class EntraOnBehalfOfExchange implements UserTokenExchange {
  private readonly cache = new TokenCache();

  constructor(
    private readonly options: { cloud: CloudName; partnerTenantId: string; clientId: string; clientSecret?: string; certificatePath?: string },
  ) {}

  async getToken(assertion: string, scope: string): Promise<string> {
    return (await this.cache.get(cacheKey(assertion, scope), () => this.request(assertion, scope))).token;
  }

  async close(): Promise<void> {}

  private async request(assertion: string, scope: string): Promise<AccessToken> {
    const { partnerTenantId, clientId, clientSecret, certificatePath } = this.options;
    const common = { tenantId: partnerTenantId, clientId, userAssertionToken: assertion, authorityHost: getCloudEndpoints(this.options.cloud).authorityHost };
    const credential = clientSecret
      ? new OnBehalfOfCredential({ ...common, clientSecret })
      : new OnBehalfOfCredential({ ...common, certificatePath: certificatePath ?? "" });
    try {
      const token = await credential.getToken(scope);
      if (!token) throw new Error("No access token was issued");
      return token;
    } catch (error) {
      if (EXPIRED_ASSERTION.test(error instanceof Error ? error.message : String(error))) throw assertionExpired();
      const status = (error as { statusCode?: unknown }).statusCode;
      throw toAppError(
        { upstream: "Microsoft identity platform", operation: "exchanging the agent's token on their behalf" },
        typeof status === "number" && status > 0 ? { kind: "status", status: status === 400 ? 401 : status } : { kind: isTimeoutError(error) ? "timeout" : "network" },
        error,
      );
    }
  }
}
