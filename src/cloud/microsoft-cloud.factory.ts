import type { TokenCredential } from "@azure/identity";
import { CLOUD_ENDPOINTS, defaultScope, PARTNER_CENTER_SCOPE } from "./cloud-endpoints";
import type { CloudEndpoints, CloudName } from "./cloud-endpoints";
import type { CloudLogger } from "./cloud-logger";
import { GraphDelegatedAdminAdapter } from "./graph/delegated-admin.adapter";
import { GraphClientProvider } from "./graph/graph-client.provider";
import { GraphServiceHealthAdapter } from "./graph/service-health.adapter";
import { createCaDispatcher } from "./http-dispatcher";
import { PartnerCenterCustomersAdapter } from "./partner-center/customers.adapter";
import { PartnerCenterClient } from "./partner-center/partner-center.client";
import { PartnerCenterSubscriptionsAdapter } from "./partner-center/subscriptions.adapter";
import { PartnerCenterSupportTopicsAdapter } from "./partner-center/support-topics.adapter";
import type { MicrosoftCloud } from "./ports";
import type { RetryPolicy } from "./retry-policy";

/** Everything the Microsoft adapters need; the lead maps the app config onto this. */
export interface MicrosoftCloudSettings {
  /** Which cloud's hosts and scopes to use (default "public"). */
  cloud?: CloudName | CloudEndpoints;
  /** Overrides the cloud's Graph root (the emulator's URL in sandbox mode). */
  graphBaseUrl?: string;
  /** Overrides the cloud's Partner Center root (with or without /v1). */
  partnerCenterBaseUrl?: string;
  /** Overrides the token scopes (default: the cloud's Graph `.default` and Partner Center's). */
  graphScope?: string;
  partnerCenterScope?: string;
  partnerTenantId: string;
  /** See createTokenCredential; tokens are requested per tenant with `{ tenantId }`. */
  credential: TokenCredential;
  /** PEM of a CA to trust for these HTTPS calls only (the emulator's certificate). */
  caCertPem?: string;
  /** Timeout of each attempt. */
  timeoutMs: number;
  /** Retries after the first attempt on 429 / 5xx / timeouts (Graph: 429/503/504). */
  maxRetries: number;
  /** First backoff delay; doubles per retry, jittered. Retry-After wins when sent. */
  retryBaseDelayMs: number;
  /** Longest wait accepted between attempts (default 30 s); a longer Retry-After is reported instead. */
  maxRetryDelayMs?: number;
  /** Partner Center customers page size (default 100). */
  customersPageSize?: number;
  /** Graph delegatedAdminRelationships page size (`$top`, max 300; default: Graph's). */
  relationshipsPageSize?: number;
  logger?: CloudLogger;
}

/** The MicrosoftCloud ports plus a way to release the HTTPS connections they keep. */
export interface MicrosoftCloudHandle extends MicrosoftCloud {
  close(): Promise<void>;
}

const DEFAULT_MAX_RETRY_DELAY_MS = 30_000;

/**
 * Wires the Graph and Partner Center adapters into the MicrosoftCloud ports. Knows nothing of
 * GraphQL or the config module.
 */
export function createMicrosoftCloud(settings: MicrosoftCloudSettings): MicrosoftCloudHandle {
  const endpoints = typeof settings.cloud === "object" ? settings.cloud : CLOUD_ENDPOINTS[settings.cloud ?? "public"];
  const dispatcher = settings.caCertPem === undefined ? undefined : createCaDispatcher(settings.caCertPem);
  const retry: RetryPolicy = {
    maxRetries: settings.maxRetries,
    baseDelayMs: settings.retryBaseDelayMs,
    maxDelayMs: settings.maxRetryDelayMs ?? DEFAULT_MAX_RETRY_DELAY_MS,
  };
  const graph = new GraphClientProvider({
    baseUrl: settings.graphBaseUrl ?? endpoints.graphBaseUrl,
    credential: settings.credential,
    scope: settings.graphScope ?? defaultScope(endpoints.graphBaseUrl),
    dispatcher,
    timeoutMs: settings.timeoutMs,
    retry,
    logger: settings.logger,
  });
  const partnerCenter = new PartnerCenterClient({
    baseUrl: settings.partnerCenterBaseUrl ?? endpoints.partnerCenterBaseUrl,
    credential: settings.credential,
    partnerTenantId: settings.partnerTenantId,
    scope: settings.partnerCenterScope ?? PARTNER_CENTER_SCOPE,
    dispatcher,
    timeoutMs: settings.timeoutMs,
    retry,
    logger: settings.logger,
  });
  const customers = new PartnerCenterCustomersAdapter(partnerCenter, settings.customersPageSize);
  const delegatedAdmin = new GraphDelegatedAdminAdapter(graph, settings.partnerTenantId, settings.relationshipsPageSize);
  return {
    customers: {
      listCustomers: () => customers.listCustomers(),
      listDelegatedAccess: () => delegatedAdmin.listDelegatedAccess(),
    },
    subscriptions: new PartnerCenterSubscriptionsAdapter(partnerCenter),
    health: new GraphServiceHealthAdapter(graph),
    supportTopics: new PartnerCenterSupportTopicsAdapter(partnerCenter),
    close: async () => {
      await dispatcher?.close();
    },
  };
}
