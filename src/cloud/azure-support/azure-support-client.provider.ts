import type { TokenCredential } from "@azure/identity";
import { MicrosoftSupport } from "@azure/arm-support";
import type { Agent } from "undici";
import type { CloudLogger } from "../cloud-logger";
import { dispatcherInit, upstreamFetch } from "../http-dispatcher";
import { isTransientError, isTransientStatus } from "../is-transient-error";
import { parseRetryAfterSeconds } from "../retry-after.parser";
import { retryUpstream, type AttemptOutcome, type RetryPolicy } from "../retry-policy";
import { attemptSignal } from "../upstream-deadline";
import { nextSubscriptionsPageUrl, parseSubscriptionPage, type ArmSubscription } from "./arm-subscriptions.page";
import { toAzureSupportError } from "./azure-support-error.mapper";
import { TenantBoundCredential } from "./tenant-bound.credential";

/** Where and how the Azure Support clients connect. */
export interface AzureSupportConnection {
  /** ARM root: the cloud's `armBaseUrl`, or the emulator's URL in sandbox mode. */
  endpoint: string;
  /** Token scope, e.g. https://management.azure.com/.default (the emulator's audience is the public ARM one). */
  scope: string;
  /** The partner's app credential; tokens are requested per customer tenant. */
  credential: TokenCredential;
  /** PEM of a CA trusted for these calls only (the emulator's certificate). */
  caCertPem?: string;
  /** The same CA as an undici dispatcher, for the plain ARM reads made with fetch. */
  dispatcher?: Agent;
  timeoutMs: number;
  /** Retries inside the SDK pipeline (0 for writes: the outbox worker owns retries). */
  maxRetries: number;
  /** The subscriptions listing's retries (a GET, retried for reads and writes alike); default maxRetries with 500 ms backoff. */
  listingRetry?: RetryPolicy;
  logger?: CloudLogger;
}

const SUBSCRIPTIONS_API_VERSION = "2022-12-01";
const MAX_PAGES = 20;
const DEFAULT_LISTING_BASE_DELAY_MS = 500;
const DEFAULT_LISTING_MAX_DELAY_MS = 30_000;
/** Subscription id placeholder of the client used for tenant-wide calls (services, classifications). */
const NO_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

/**
 * Builds (and keeps) one `MicrosoftSupport` client per customer tenant and subscription, each
 * with a tenant-bound credential, the ARM scope, the configured endpoint and, in sandbox mode,
 * the emulator's CA through the pipeline's `tlsOptions` (TLS checks stay on; nothing changes
 * process-wide).
 */
export class AzureSupportClientProvider {
  private readonly clients = new Map<string, MicrosoftSupport>();

  constructor(private readonly connection: AzureSupportConnection) {}

  /** A client for `subscriptionId` of `tenantId`; without a subscription, one for tenant-wide calls. */
  client(tenantId: string, subscriptionId: string = NO_SUBSCRIPTION): MicrosoftSupport {
    const key = `${tenantId.toLowerCase()}|${subscriptionId.toLowerCase()}`;
    let client = this.clients.get(key);
    if (!client) {
      const { endpoint, scope, credential, caCertPem, maxRetries } = this.connection;
      client = new MicrosoftSupport(new TenantBoundCredential(credential, tenantId), subscriptionId, {
        endpoint: endpoint.replace(/\/+$/, ""),
        credentialScopes: [scope],
        retryOptions: { maxRetries },
        userAgentOptions: { userAgentPrefix: "partner-support-gateway" },
        ...(caCertPem === undefined ? {} : { tlsOptions: { ca: caCertPem } }),
      });
      this.clients.set(key, client);
    }
    return client;
  }

  /** A fresh per-call abort signal for the configured timeout. */
  signal(): AbortSignal {
    return AbortSignal.timeout(this.connection.timeoutMs);
  }

  /**
   * The customer's Azure subscriptions visible to the partner (`GET /subscriptions`). Read with
   * fetch: the subscriptions API is not part of @azure/arm-support, and following `nextLink`
   * ourselves keeps the customer-tenant token on the ARM origin. Each page goes through the
   * shared upstream retry loop (the statuses, Retry-After and request budget Graph and Partner
   * Center use), whatever the SDK retries of this provider are.
   */
  async listSubscriptions(tenantId: string): Promise<ArmSubscription[]> {
    const { endpoint, scope, credential } = this.connection;
    const operation = `listing the Azure subscriptions of customer ${tenantId}`;
    const token = await new TenantBoundCredential(credential, tenantId).getToken(scope).catch((error: unknown) => {
      throw toAzureSupportError(error, operation);
    });
    if (!token) throw toAzureSupportError(new Error("No access token was issued"), operation);
    const out: ArmSubscription[] = [];
    let url: string | undefined = `${endpoint.replace(/\/+$/, "")}/subscriptions?api-version=${SUBSCRIPTIONS_API_VERSION}`;
    for (let page = 0; url !== undefined && page < MAX_PAGES; page++) {
      const pageUrl: string = url;
      const outcome = await retryUpstream(this.listingRetry, () => this.fetchPage(pageUrl, token.token), {
        onRetry: (attempt, delayMs) =>
          this.connection.logger?.warn({ upstream: "azure", path: "/subscriptions", attempt, delayMs }, "Azure subscriptions listing failed; retrying"),
      });
      if (!outcome.ok) throw toAzureSupportError(outcome.failure, operation);
      const parsed = parseSubscriptionPage(outcome.value);
      out.push(...parsed.subscriptions);
      // The customer-tenant token only ever goes back to the configured ARM origin.
      url = parsed.nextLink === undefined ? undefined : nextSubscriptionsPageUrl(parsed.nextLink, endpoint);
    }
    return out;
  }

  private get listingRetry(): RetryPolicy {
    return this.connection.listingRetry ?? { maxRetries: this.connection.maxRetries, baseDelayMs: DEFAULT_LISTING_BASE_DELAY_MS, maxDelayMs: DEFAULT_LISTING_MAX_DELAY_MS };
  }

  /** One attempt at one page: its JSON body, or the failure as a RestError-shaped error (for toAzureSupportError). */
  private async fetchPage(url: string, token: string): Promise<AttemptOutcome<unknown, unknown>> {
    let response: Response;
    try {
      response = await upstreamFetch(url, {
        headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
        signal: attemptSignal(this.connection.timeoutMs),
        ...dispatcherInit(this.connection.dispatcher),
      });
    } catch (error) {
      return { ok: false, failure: error, retryable: isTransientError(error) };
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      const retryAfterSeconds = parseRetryAfterSeconds(response.headers.get("retry-after"));
      const failure = Object.assign(new Error(`HTTP ${response.status}`), {
        name: "RestError",
        statusCode: response.status,
        response: { headers: { get: (name: string) => response.headers.get(name) ?? undefined } },
      });
      return { ok: false, failure, retryable: isTransientStatus(response.status), ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
    }
    return { ok: true, value: await response.json().catch(() => ({})) };
  }
}

/** The items of an SDK list (its pages followed), at most `max`. */
export async function collect<T>(items: AsyncIterable<T>, max: number): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
    if (out.length >= max) break;
  }
  return out;
}
