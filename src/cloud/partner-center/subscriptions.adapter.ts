import type { CustomerSubscription } from "../cloud-types";
import type { SubscriptionCatalog } from "../ports";
import type { PartnerCenterClient } from "./partner-center.client";
import type { PartnerCenterSubscription } from "./partner-center-types";
import { mapSubscription } from "./subscription.mapper";

/** A customer's subscriptions from `GET /v1/customers/{id}/subscriptions` (following next links if any). */
export class PartnerCenterSubscriptionsAdapter implements SubscriptionCatalog {
  constructor(private readonly client: PartnerCenterClient) {}

  async listSubscriptions(customerTenantId: string): Promise<CustomerSubscription[]> {
    const items = await this.client.getAllItems<PartnerCenterSubscription>(
      `/v1/customers/${encodeURIComponent(customerTenantId)}/subscriptions`,
      { operation: `listing subscriptions of customer ${customerTenantId}` },
    );
    return items.map(mapSubscription).filter((subscription): subscription is CustomerSubscription => subscription !== null);
  }
}
