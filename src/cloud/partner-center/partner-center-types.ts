/** Partner Center JSON shapes the adapters read (MICROSOFT-APIS.md §3-4). Enums may be strings or integers. */

export interface PartnerCenterLink {
  uri?: string;
  method?: string;
  headers?: Array<{ key?: string; value?: string }>;
}

export interface PartnerCenterCollection<T> {
  totalCount?: number;
  items?: T[];
  links?: { self?: PartnerCenterLink; next?: PartnerCenterLink; previous?: PartnerCenterLink };
  continuationToken?: string;
  attributes?: { objectType?: string };
}

export interface PartnerCenterCustomer {
  id?: string;
  commerceId?: string;
  companyProfile?: {
    tenantId?: string;
    domain?: string | null;
    companyName?: string | null;
  } | null;
  relationshipToPartner?: string | number | null;
  allowDelegatedAccess?: boolean;
  attributes?: { objectType?: string };
}

export interface PartnerCenterSubscription {
  id?: string;
  entitlementId?: string;
  offerId?: string | null;
  offerName?: string | null;
  friendlyName?: string | null;
  quantity?: number | string | null;
  unitType?: string;
  status?: string | number | null;
  billingCycle?: string | number | null;
  autoRenewEnabled?: boolean | null;
  commitmentEndDate?: string | null;
  commitmentEndDateTime?: string | null;
  productType?: { id?: string; displayName?: string } | null;
  publisherName?: string | null;
  isMicrosoftProduct?: boolean;
}

export interface PartnerCenterSupportTopic {
  id?: string | number;
  name?: string;
  description?: string | null;
}
