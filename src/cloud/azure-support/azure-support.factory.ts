import type { TokenCredential } from "@azure/identity";
import type { CloudLogger } from "../cloud-logger";
import { createCaDispatcher } from "../http-dispatcher";
import type { RetryPolicy } from "../retry-policy";
import { AzureSupportClientProvider } from "./azure-support-client.provider";
import { AzureSupportDesk } from "./azure-support.desk";
import type { AzureSupportContact } from "./azure-support.mapper";
import { AzureSupportTopicsAdapter } from "./azure-support-topics.adapter";
import { TenantBoundCredential } from "./tenant-bound.credential";

/** Everything the Azure Support adapters need (the composition root maps config onto this). */
export interface AzureSupportSettings {
  /** ARM root: CLOUD_ENDPOINTS[cloud].armBaseUrl, or the emulator's URL in sandbox mode. */
  armBaseUrl: string;
  /** Token scope; default `https://management.azure.com/.default` (use the cloud's ARM root in national clouds). */
  scope?: string;
  partnerTenantId: string;
  /** The partner's app credential; tokens are requested per customer tenant with `{ tenantId }`. */
  credential: TokenCredential;
  /** PEM of a CA to trust for these calls only (the emulator's certificate). */
  caCertPem?: string;
  timeoutMs: number;
  /** SDK retries for catalog reads (writes are retried by the outbox worker, never by the SDK). */
  maxRetries: number;
  /** The shared upstream retry policy, for the subscriptions listing (default: maxRetries with 500 ms backoff). */
  retry?: RetryPolicy;
  contact: AzureSupportContact;
  allowHighestCriticalImpact: boolean;
  /**
   * AZURE_SUPPORT_AUXILIARY_TOKEN: send a partner-tenant ARM token in `x-ms-authorization-auxiliary`
   * when filing (Azure's documented on-behalf-of filing for CSP customers). Default off.
   */
  auxiliaryToken?: boolean;
  /** Customer tenants to search for a ticket number this process has not seen (after a restart). */
  customerTenantIds?: () => Promise<string[]>;
  logger?: CloudLogger;
}

/** The Azure Support desk and topic catalog, plus a way to release their connections. */
export interface AzureSupportHandle {
  desk: AzureSupportDesk;
  topics: AzureSupportTopicsAdapter;
  close(): Promise<void>;
}

export const ARM_SCOPE = "https://management.azure.com/.default";

/** `Bearer <ARM token issued by the partner tenant>`, fetched per filing (the credential caches tokens). */
function partnerAuxiliaryAuthorization(credential: TokenCredential, partnerTenantId: string, scope: string): () => Promise<string> {
  const partner = new TenantBoundCredential(credential, partnerTenantId);
  return async () => {
    const token = await partner.getToken(scope);
    if (!token) throw new Error("No partner-tenant access token was issued for x-ms-authorization-auxiliary");
    return `Bearer ${token.token}`;
  };
}

/** Wires the Azure Support adapters (@azure/arm-support) for one partner. */
export function createAzureSupport(settings: AzureSupportSettings): AzureSupportHandle {
  const dispatcher = settings.caCertPem === undefined ? undefined : createCaDispatcher(settings.caCertPem);
  const connection = {
    endpoint: settings.armBaseUrl,
    scope: settings.scope ?? ARM_SCOPE,
    credential: settings.credential,
    timeoutMs: settings.timeoutMs,
    ...(settings.caCertPem === undefined ? {} : { caCertPem: settings.caCertPem }),
    ...(dispatcher === undefined ? {} : { dispatcher }),
    // A GET: retried for the desk (whose SDK calls never retry) as for the catalog reads.
    listingRetry: settings.retry ?? { maxRetries: settings.maxRetries, baseDelayMs: 500, maxDelayMs: 30_000 },
    ...(settings.logger === undefined ? {} : { logger: settings.logger }),
  };
  const writes = new AzureSupportClientProvider({ ...connection, maxRetries: 0 });
  const reads = new AzureSupportClientProvider({ ...connection, maxRetries: settings.maxRetries });
  return {
    desk: new AzureSupportDesk({
      clients: writes,
      contact: settings.contact,
      allowHighestCriticalImpact: settings.allowHighestCriticalImpact,
      ...(settings.auxiliaryToken ? { auxiliaryAuthorization: partnerAuxiliaryAuthorization(settings.credential, settings.partnerTenantId, connection.scope) } : {}),
      ...(settings.customerTenantIds ? { customerTenantIds: settings.customerTenantIds } : {}),
      ...(settings.logger ? { logger: settings.logger } : {}),
    }),
    topics: new AzureSupportTopicsAdapter(reads, settings.partnerTenantId),
    close: async () => {
      await dispatcher?.close();
    },
  };
}
