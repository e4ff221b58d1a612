import type {
  CustomerSubscription,
  DelegatedAccess,
  PartnerCustomer,
  SupportTopic,
  TenantHealth,
} from "./cloud-types";

/**
 * The ports the domain needs from Microsoft. Adapters (graph/, partner-center/) implement them;
 * failures surface as AppError with FORBIDDEN, NOT_FOUND, UPSTREAM_UNAVAILABLE or RATE_LIMITED.
 */

/** The partner's customers (Partner Center) and its delegated access to them (Graph GDAP). */
export interface CustomerDirectory {
  listCustomers(): Promise<PartnerCustomer[]>;
  /** Every customer tenant the partner has at least one GDAP relationship with, keyed by tenant id. */
  listDelegatedAccess(): Promise<Map<string, DelegatedAccess>>;
}

export interface SubscriptionCatalog {
  listSubscriptions(customerTenantId: string): Promise<CustomerSubscription[]>;
}

export interface ServiceHealthFeed {
  /** Health overviews and their issues for one customer tenant, in one upstream round trip. */
  getTenantHealth(customerTenantId: string): Promise<TenantHealth>;
}

export interface SupportTopicCatalog {
  listSupportTopics(): Promise<SupportTopic[]>;
}

/** Everything the gateway reads from the Microsoft cloud, as one injectable bundle. */
export interface MicrosoftCloud {
  customers: CustomerDirectory;
  subscriptions: SubscriptionCatalog;
  health: ServiceHealthFeed;
  supportTopics: SupportTopicCatalog;
}
