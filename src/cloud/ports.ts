import type {
  CustomerSubscription,
  DelegatedAccess,
  PartnerCustomer,
  SupportTopic,
  TenantHealth,
} from "./cloud-types";
import type {
  FileServiceRequestResult,
  OnBehalfOf,
  ServiceRequestDraft,
  ServiceRequestRecord,
} from "./service-request.types";

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
  /**
   * Partner Center documents its topics call as App+User only: pass the signed-in agent when one
   * is at hand; without one the configured topics answer.
   */
  listSupportTopics(user?: OnBehalfOf): Promise<SupportTopic[]>;
}

/**
 * Where the desk files service requests with Microsoft and reads them back (Partner Center for
 * Microsoft 365 / Dynamics 365; another adapter serves Azure). Calls are App+User: each takes the
 * signed-in agent's assertion. Failures are AppError (UPSTREAM_UNAVAILABLE / RATE_LIMITED with
 * retryAfterSeconds are worth retrying; FORBIDDEN with `details.reason = "ASSERTION_EXPIRED"`
 * means the agent must sign in again).
 */
export interface ServiceRequestDesk {
  /** Files a request; `draft.requestId` makes a repeat return the first result. */
  file(draft: ServiceRequestDraft, user: OnBehalfOf): Promise<FileServiceRequestResult>;
  get(serviceRequestId: string, user: OnBehalfOf): Promise<ServiceRequestRecord>;
  /** Adds the partner's note; `requestId` makes a repeat a no-op. */
  addNote(serviceRequestId: string, note: string, requestId: string, user: OnBehalfOf): Promise<ServiceRequestRecord>;
  listByCustomer(customerTenantId: string, user: OnBehalfOf): Promise<ServiceRequestRecord[]>;
  /** The customer's request whose description carries `reference` (crash-safe look-up before re-filing), or null. */
  findByReference(customerTenantId: string, reference: string, user: OnBehalfOf): Promise<ServiceRequestRecord | null>;
}

/** Everything the gateway reads from the Microsoft cloud, as one injectable bundle. */
export interface MicrosoftCloud {
  customers: CustomerDirectory;
  subscriptions: SubscriptionCatalog;
  health: ServiceHealthFeed;
  supportTopics: SupportTopicCatalog;
}
