/**
 * Domain shapes of what the gateway reads from Microsoft. Adapters map upstream JSON into these
 * in pure mapper functions; nothing above src/cloud sees a Graph or Partner Center payload.
 */

export const PRODUCTS = ["AZURE", "MICROSOFT_365", "DYNAMICS_365", "OTHER"] as const;
export type Product = (typeof PRODUCTS)[number];

/** Graph delegatedAdminRelationship status in upper snake case, or NONE when there is none. */
export const DELEGATED_ACCESS_STATUSES = [
  "ACTIVE",
  "EXPIRING",
  "EXPIRED",
  "TERMINATED",
  "TERMINATING",
  "TERMINATION_REQUESTED",
  "APPROVAL_PENDING",
  "APPROVED",
  "ACTIVATING",
  "CREATED",
  "NONE",
] as const;
export type DelegatedAccessStatus = (typeof DELEGATED_ACCESS_STATUSES)[number];

const USABLE_STATUSES: ReadonlySet<DelegatedAccessStatus> = new Set(["ACTIVE", "EXPIRING"]);
/** Whether a status grants the relationship's roles now (expiring is still active). */
export const isUsableStatus = (status: DelegatedAccessStatus): boolean => USABLE_STATUSES.has(status);

/** A Partner Center customer (the id is the customer's Entra tenant id). */
export interface PartnerCustomer {
  id: string;
  name: string;
  defaultDomain: string | null;
  relationshipToPartner: string | null;
}

/** The partner's GDAP access to one customer tenant, folded over all its relationships. */
export interface DelegatedAccess {
  customerTenantId: string;
  status: DelegatedAccessStatus;
  /** Entra role template ids granted by the relationship(s) that give `status`. */
  roles: string[];
  endsAt: Date | null;
}

export const SUBSCRIPTION_STATUSES = [
  "NONE",
  "ACTIVE",
  "PENDING",
  "SUSPENDED",
  "DELETED",
  "EXPIRED",
  "DISABLED",
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export interface CustomerSubscription {
  id: string;
  offerId: string | null;
  offerName: string;
  friendlyName: string | null;
  quantity: number;
  status: SubscriptionStatus;
  product: Product;
  billingCycle: string | null;
  autoRenewEnabled: boolean | null;
  commitmentEndDate: Date | null;
}

/** Graph serviceHealthStatus in upper snake case (UNKNOWN for values this version does not know). */
export const SERVICE_HEALTH_STATUSES = [
  "SERVICE_OPERATIONAL",
  "INVESTIGATING",
  "RESTORING_SERVICE",
  "VERIFYING_SERVICE",
  "SERVICE_RESTORED",
  "POST_INCIDENT_REVIEW_PUBLISHED",
  "SERVICE_DEGRADATION",
  "SERVICE_INTERRUPTION",
  "EXTENDED_RECOVERY",
  "FALSE_POSITIVE",
  "INVESTIGATION_SUSPENDED",
  "RESOLVED",
  "MITIGATED_EXTERNAL",
  "MITIGATED",
  "RESOLVED_EXTERNAL",
  "CONFIRMED",
  "REPORTED",
  "UNKNOWN",
] as const;
export type ServiceHealthStatus = (typeof SERVICE_HEALTH_STATUSES)[number];

export interface ServiceHealth {
  /** Graph's service id, e.g. "Exchange". */
  serviceId: string;
  /** Display name, e.g. "Exchange Online". */
  service: string;
  status: ServiceHealthStatus;
  product: Product;
  activeIncidentCount: number;
}

export const INCIDENT_CLASSIFICATIONS = ["ADVISORY", "INCIDENT", "UNKNOWN"] as const;
export type IncidentClassification = (typeof INCIDENT_CLASSIFICATIONS)[number];

/** Graph's serviceHealthIssuePost.postType in upper case; UNKNOWN for values this version does not know. */
export const INCIDENT_POST_TYPES = ["REGULAR", "QUICK", "STRATEGIC", "UNKNOWN"] as const;
export type IncidentPostType = (typeof INCIDENT_POST_TYPES)[number];

export interface IncidentPost {
  createdAt: Date;
  postType: IncidentPostType;
  content: string;
}

export interface ServiceIncident {
  id: string;
  tenantId: string;
  title: string;
  service: string;
  product: Product;
  feature: string | null;
  classification: IncidentClassification;
  status: ServiceHealthStatus;
  isResolved: boolean;
  impactDescription: string | null;
  startDateTime: Date;
  endDateTime: Date | null;
  lastModifiedDateTime: Date | null;
  posts: IncidentPost[];
}

/** One tenant's health as read in one upstream round trip. */
export interface TenantHealth {
  tenantId: string;
  services: ServiceHealth[];
  incidents: ServiceIncident[];
}

export interface SupportTopic {
  id: string;
  name: string;
  description: string | null;
  product: Product;
}
