import type { TokenCredential } from "@azure/identity";
import { MicrosoftSupport } from "@azure/arm-support";
import type { Agent } from "undici";
import { dispatcherInit, upstreamFetch } from "../http-dispatcher";
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
}

export type { ArmSubscription } from "./arm-subscriptions.page";

const SUBSCRIPTIONS_API_VERSION = "2022-12-01";
const MAX_PAGES = 20;
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

  get timeoutMs(): number {
    return this.connection.timeoutMs;
  }

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
   * fetch: the subscriptions API is not part of @azure/arm-support.
   */
  async listSubscriptions(tenantId: string): Promise<ArmSubscription[]> {
    const { endpoint, scope, credential, dispatcher } = this.connection;
    const operation = `listing the Azure subscriptions of customer ${tenantId}`;
    const token = await new TenantBoundCredential(credential, tenantId).getToken(scope).catch((error: unknown) => {
      throw toAzureSupportError(error, operation);
    });
    if (!token) throw toAzureSupportError(new Error("No access token was issued"), operation);
    const out: ArmSubscription[] = [];
    let url: string | undefined = `${endpoint.replace(/\/+$/, "")}/subscriptions?api-version=${SUBSCRIPTIONS_API_VERSION}`;
    for (let page = 0; url !== undefined && page < MAX_PAGES; page++) {
      let response: Response;
      try {
        response = await upstreamFetch(url, {
          headers: { Authorization: `Bearer ${token.token}`, Accept: "application/json" },
          signal: this.signal(),
          ...dispatcherInit(dispatcher),
        });
      } catch (error) {
        throw toAzureSupportError(error, operation);
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw toAzureSupportError(
          Object.assign(new Error(`HTTP ${response.status}`), {
            name: "RestError",
            statusCode: response.status,
            response: { headers: { get: (name: string) => response.headers.get(name) ?? undefined } },
          }),
          operation,
        );
      }
      const parsed = parseSubscriptionPage(await response.json().catch(() => ({})));
      out.push(...parsed.subscriptions);
      // The customer-tenant token only ever goes back to the configured ARM origin.
      url = parsed.nextLink === undefined ? undefined : nextSubscriptionsPageUrl(parsed.nextLink, endpoint);
    }
    return out;
  }
}
