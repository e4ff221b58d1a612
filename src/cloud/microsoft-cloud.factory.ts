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
import { PartnerCenterUserClient } from "./partner-center/partner-center-user.client";
import type { UserTokenExchange } from "./auth/on-behalf-of.exchange";
import { withSupportTopicsFallback } from "./partner-center/support-topics.fallback";
import type { SupportTopic } from "./cloud-types";
import { createAzureSupport, type AzureSupportHandle } from "./azure-support/azure-support.factory";
import type { AzureSupportContact } from "./azure-support/azure-support.mapper";
import { combineSupportTopics } from "./azure-support/combined-support-topics";
import { ReadCache, type CacheObserver } from "./cache";
import type { SharedReadStore } from "./shared-read-store";
import { isPermanentUpstreamError, withConcurrencyLimit, withReadCache, type CloudCachePolicies } from "./cached-cloud";
import { DEFAULT_CIRCUIT_BREAKER, TenantCircuitBreakers, withCircuitBreaker, type CircuitBreakerSettings, type CircuitEvent } from "./circuit-breaker";
import { ConcurrencyLimiter } from "./concurrency-limiter";
import { withTokenPrefetch } from "./token-prefetch";
import type { MicrosoftCloud, ServiceRequestDesk } from "./ports";
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
  /** Cross-request read cache per tenant and resource; omitted = no cache (every read goes upstream). */
  readCache?: {
    policies: CloudCachePolicies;
    maxEntries?: number;
    observer?: CacheObserver;
    /** The level shared with other instances (Redis, issue 19), and how long its entries are served from memory. */
    shared?: SharedReadStore;
    sharedL1TtlMs?: number;
    /** Told when a kept read differs from the one before (ReadCacheOptions.onChange). */
    onChange?: (key: string) => void;
  };
  /** Upstream reads in flight at most (default 32). */
  maxConcurrentReads?: number;
  /** Upstream reads in flight at most for one customer tenant, under maxConcurrentReads (default 4). */
  maxConcurrentReadsPerTenant?: number;
  /** Per-tenant circuit breaker for subscriptions and health reads (default DEFAULT_CIRCUIT_BREAKER). */
  circuitBreaker?: CircuitBreakerSettings;
  /** Told when a circuit opens, half-opens or closes (GatewayMetrics.countCircuitEvent). */
  onCircuitEvent?: (event: CircuitEvent) => void;
  /** Overrides the cloud's Azure Resource Manager root (the emulator's URL in sandbox mode). */
  armBaseUrl?: string;
  /**
   * Azure Support (issue 8): when given, `azureSupportDesk` is built and Azure problem
   * classifications join the support topics (replacing Partner Center's AZURE topics when
   * `azureTicketsViaAzureSupport`).
   */
  azureSupport?: { contact: AzureSupportContact; allowHighestCriticalImpact: boolean; azureTicketsViaAzureSupport: boolean; auxiliaryToken?: boolean };
  /** Topics answered when Partner Center's topics endpoint is refused as retired (SUPPORT_TOPICS_FILE, issue 4). */
  fallbackSupportTopics?: readonly SupportTopic[];
  /**
   * The on-behalf-of exchange for Partner Center's App+User topics call (the agent's sign-in, as
   * service request filing uses). Without it, support topics come from `fallbackSupportTopics`.
   */
  partnerCenterUserTokens?: UserTokenExchange;
}

/** The MicrosoftCloud ports plus a way to release the HTTPS connections they keep. */
export interface MicrosoftCloudHandle extends MicrosoftCloud {
  /** The read cache in front of the ports, when one is configured (stats, invalidation). */
  readCache?: ReadCache;
  /** Its policies (the background refresher writes the same keys with the same TTLs). */
  readCachePolicies?: CloudCachePolicies;
  /** The ports below the read cache (circuit breaker, tokens, concurrency cap): for the refresher only. */
  uncached: MicrosoftCloud;
  /** Azure Support as a ServiceRequestDesk, when `azureSupport` settings were given. */
  azureSupportDesk?: ServiceRequestDesk;
  close(): Promise<void>;
}

const DEFAULT_MAX_RETRY_DELAY_MS = 30_000;
const DEFAULT_MAX_CONCURRENT_READS = 32;
const DEFAULT_MAX_CONCURRENT_READS_PER_TENANT = 4;

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
  const graphScope = settings.graphScope ?? defaultScope(endpoints.graphBaseUrl);
  const partnerCenterScope = settings.partnerCenterScope ?? PARTNER_CENTER_SCOPE;
  const graph = new GraphClientProvider({
    baseUrl: settings.graphBaseUrl ?? endpoints.graphBaseUrl,
    credential: settings.credential,
    scope: graphScope,
    dispatcher,
    timeoutMs: settings.timeoutMs,
    retry,
    logger: settings.logger,
  });
  const partnerCenter = new PartnerCenterClient({
    baseUrl: settings.partnerCenterBaseUrl ?? endpoints.partnerCenterBaseUrl,
    credential: settings.credential,
    partnerTenantId: settings.partnerTenantId,
    scope: partnerCenterScope,
    dispatcher,
    timeoutMs: settings.timeoutMs,
    retry,
    logger: settings.logger,
  });
  const customers = new PartnerCenterCustomersAdapter(partnerCenter, settings.customersPageSize);
  const topicsClient = settings.partnerCenterUserTokens
    ? new PartnerCenterUserClient({
        baseUrl: settings.partnerCenterBaseUrl ?? endpoints.partnerCenterBaseUrl,
        scope: partnerCenterScope,
        userTokens: settings.partnerCenterUserTokens,
        dispatcher,
        timeoutMs: settings.timeoutMs,
      })
    : undefined;
  const delegatedAdmin = new GraphDelegatedAdminAdapter(graph, settings.partnerTenantId, settings.relationshipsPageSize);
  const ports: MicrosoftCloud = {
    customers: {
      listCustomers: () => customers.listCustomers(),
      listDelegatedAccess: () => delegatedAdmin.listDelegatedAccess(),
    },
    subscriptions: new PartnerCenterSubscriptionsAdapter(partnerCenter),
    health: new GraphServiceHealthAdapter(graph),
    supportTopics: settings.fallbackSupportTopics
      ? withSupportTopicsFallback(new PartnerCenterSupportTopicsAdapter(topicsClient), settings.fallbackSupportTopics, settings.logger)
      : new PartnerCenterSupportTopicsAdapter(topicsClient),
  };
  let azureSupport: AzureSupportHandle | undefined;
  if (settings.azureSupport) {
    azureSupport = createAzureSupport({
      armBaseUrl: settings.armBaseUrl ?? endpoints.armBaseUrl,
      scope: defaultScope(endpoints.armBaseUrl),
      partnerTenantId: settings.partnerTenantId,
      credential: settings.credential,
      ...(settings.caCertPem === undefined ? {} : { caCertPem: settings.caCertPem }),
      timeoutMs: settings.timeoutMs,
      maxRetries: settings.maxRetries,
      retry,
      contact: settings.azureSupport.contact,
      allowHighestCriticalImpact: settings.azureSupport.allowHighestCriticalImpact,
      ...(settings.azureSupport.auxiliaryToken ? { auxiliaryToken: true } : {}),
      customerTenantIds: async () => (await customers.listCustomers()).map((customer) => customer.id),
      ...(settings.logger ? { logger: settings.logger } : {}),
    });
    ports.supportTopics = combineSupportTopics(ports.supportTopics, azureSupport.topics, {
      azureTicketsViaAzureSupport: settings.azureSupport.azureTicketsViaAzureSupport,
      ...(settings.logger ? { logger: settings.logger } : {}),
    });
  }
  // Decorators, innermost first: the concurrency cap sits next to the adapters so cache hits
  // never wait for a slot; tokens are fetched before a read queues for a slot; the cache
  // coalesces concurrent misses before they queue.
  const maxConcurrentReads = settings.maxConcurrentReads ?? DEFAULT_MAX_CONCURRENT_READS;
  const perTenant = Math.min(maxConcurrentReads, settings.maxConcurrentReadsPerTenant ?? DEFAULT_MAX_CONCURRENT_READS_PER_TENANT);
  const limited = withConcurrencyLimit(ports, new ConcurrencyLimiter(maxConcurrentReads, perTenant));
  const { credential, partnerTenantId } = settings;
  const withTokens = withTokenPrefetch(
    limited,
    {
      graph: (tenantId) => credential.getToken([graphScope], { tenantId }),
      partnerCenter: () => credential.getToken([partnerCenterScope], { tenantId: partnerTenantId }),
    },
    partnerTenantId,
  );
  const readCache = settings.readCache
    ? new ReadCache({
        maxEntries: settings.readCache.maxEntries,
        observer: settings.readCache.observer,
        ...(settings.readCache.shared ? { shared: settings.readCache.shared, sharedL1TtlMs: settings.readCache.sharedL1TtlMs } : {}),
        ...(settings.readCache.onChange ? { onChange: settings.readCache.onChange } : {}),
        isPermanentError: isPermanentUpstreamError,
        onRefreshError: (key, error) => settings.logger?.warn({ key, err: error }, "background refresh of a cached upstream read failed"),
      })
    : undefined;
  // Per-tenant circuit breakers sit outside the concurrency cap, so an open circuit takes no slot.
  const guarded = withCircuitBreaker(withTokens, new TenantCircuitBreakers(settings.circuitBreaker ?? DEFAULT_CIRCUIT_BREAKER, settings.onCircuitEvent));
  const cached = readCache && settings.readCache ? withReadCache(guarded, readCache, settings.readCache.policies) : guarded;
  return {
    ...cached,
    readCache,
    ...(settings.readCache ? { readCachePolicies: settings.readCache.policies } : {}),
    uncached: guarded,
    ...(azureSupport ? { azureSupportDesk: azureSupport.desk } : {}),
    close: async () => {
      await azureSupport?.close();
      await dispatcher?.close();
    },
  };
}
