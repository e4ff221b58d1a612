import type { PartnerCustomer } from "../cloud-types";
import { mapPartnerCustomer } from "./customer.mapper";
import type { PartnerCenterClient } from "./partner-center.client";
import type { PartnerCenterCustomer } from "./partner-center-types";

/** Partner Center's page size for customers (it accepts up to 500 per page). */
export const DEFAULT_CUSTOMERS_PAGE_SIZE = 100;

/** The partner's customers from `GET /v1/customers?size=n`, every page, each customer once. */
export class PartnerCenterCustomersAdapter {
  constructor(
    private readonly client: PartnerCenterClient,
    private readonly pageSize: number = DEFAULT_CUSTOMERS_PAGE_SIZE,
  ) {}

  async listCustomers(): Promise<PartnerCustomer[]> {
    const items = await this.client.getAllItems<PartnerCenterCustomer>(`/v1/customers?size=${this.pageSize}`, {
      operation: "listing customers",
    });
    const byId = new Map<string, PartnerCustomer>();
    for (const item of items) {
      const customer = mapPartnerCustomer(item);
      // A customer moved between pages while we read would otherwise appear twice.
      if (customer && !byId.has(customer.id)) byId.set(customer.id, customer);
    }
    return [...byId.values()];
  }
}
