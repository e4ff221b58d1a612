/**
 * The emulator's world. Records are kept in Microsoft's wire shapes with the schema's canonical
 * (camelCase) enum values; routes decide the casing they answer with (see enum-casing.ts).
 */

/** Graph delegatedAdminRelationship (MICROSOFT-APIS.md §2). */
export interface SeedRelationship {
  id: string;
  displayName: string;
  duration: string;
  customer: { tenantId: string; displayName: string };
  accessDetails: { unifiedRoles: { roleDefinitionId: string }[] };
  status: string;
  autoExtendDuration: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  activatedDateTime: string | null;
  endDateTime: string | null;
}

/** Partner Center Subscription (MICROSOFT-APIS.md §3). */
export interface SeedSubscription {
  id: string;
  entitlementId: string;
  offerId: string;
  offerName: string;
  friendlyName: string;
  quantity: number;
  unitType: string;
  parentSubscriptionId: string | null;
  consumptionType: string;
  productType: { id: string; displayName: string };
  creationDate: string;
  effectiveStartDate: string;
  commitmentEndDate: string;
  commitmentEndDateTime: string | null;
  cancellationAllowedUntilDate: string | null;
  billingCycleEndDate: string | null;
  billingCycleEndDateTime: string | null;
  status: string;
  autoRenewEnabled: boolean;
  billingType: string;
  billingCycle: string;
  hasPurchasableAddons: boolean;
  isTrial: boolean;
  isMicrosoftProduct: boolean;
  actions: string[];
  termDuration: string | null;
  renewalTermDuration: string | null;
  refundOptions: { type: string; expiresAt: string }[];
  refundableQuantity: { totalQuantity: number; details: unknown[] } | null;
  partnerId: string;
  publisherName: string;
  promotionId: string | null;
  migratedFromSubscriptionId: string | null;
  suspensionReasons: string[];
  contractType: string;
  orderId: string;
}

/** Graph serviceHealthIssuePost. */
export interface SeedIssuePost {
  createdDateTime: string;
  postType: string;
  description: { contentType: string; content: string };
}

/** Graph serviceHealthIssue (MICROSOFT-APIS.md §1). */
export interface SeedIssue {
  id: string;
  title: string;
  startDateTime: string;
  endDateTime: string | null;
  lastModifiedDateTime: string;
  details: { name: string; value: string }[];
  classification: string;
  feature: string;
  featureGroup: string;
  impactDescription: string;
  isResolved: boolean;
  origin: string;
  status: string;
  /** The service display name, as Graph reports it (e.g. "Exchange Online"). */
  service: string;
  posts: SeedIssuePost[];
}

/** One Microsoft service as listed in a tenant's healthOverviews (status is derived from issues). */
export interface SeedService {
  /** Graph serviceHealth id, e.g. "Exchange". */
  id: string;
  /** Display name, e.g. "Exchange Online". */
  service: string;
}

export interface SeedTenant {
  /** Position in the seed; the relationship mix is fixed by index (see seed.generator.ts). */
  index: number;
  /** The customer's Entra tenant id (also its Partner Center customer id). */
  id: string;
  name: string;
  domain: string;
  commerceId: string;
  relationships: SeedRelationship[];
  subscriptions: SeedSubscription[];
  services: SeedService[];
  issues: SeedIssue[];
}

export interface SeedPartner {
  tenantId: string;
  name: string;
  domain: string;
  /** Partner Center partner id (MPN id) stamped on subscriptions. */
  partnerId: string;
  clientId: string;
  clientSecret: string;
}

/** Partner Center SupportTopic. */
export interface SeedSupportTopic {
  id: number;
  name: string;
  description: string;
}

export interface EmulatorSeed {
  seed: number;
  /** The date all generated timestamps are relative to (ISO 8601). */
  asOf: string;
  partner: SeedPartner;
  tenants: SeedTenant[];
  supportTopics: SeedSupportTopic[];
}
