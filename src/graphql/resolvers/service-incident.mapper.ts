import type { ServiceIncident as DomainIncident } from "../../cloud/cloud-types";
import { customerIncidentId } from "../../customers/incident-id";
import type { ServiceIncident } from "../types/customer.types";

/**
 * The GraphQL view of a domain incident: the tenant id is exposed as `customerId`, Microsoft's id
 * as `incidentId`, and `id` joins both so that it is unique across customers.
 */
export const toServiceIncident = (incident: DomainIncident): ServiceIncident => ({
  ...incident,
  id: customerIncidentId(incident.tenantId, incident.id),
  incidentId: incident.id,
  customerId: incident.tenantId,
});
