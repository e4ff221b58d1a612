import type { ServiceIncident as DomainIncident } from "../../cloud/cloud-types";
import type { ServiceIncident } from "../types/customer.types";

/** The GraphQL view of a domain incident (the tenant id is exposed as `customerId`). */
export const toServiceIncident = (incident: DomainIncident): ServiceIncident => ({
  ...incident,
  customerId: incident.tenantId,
});
