import type { ServiceHealth, ServiceHealthStatus, ServiceIncident } from "../cloud/cloud-types";

/**
 * How bad a status is for a desk, worst first. Statuses of finished or reserved states rank as
 * operational; UNKNOWN ranks just above operational so that it is noticed but never hides an outage.
 */
const SEVERITY_ORDER: readonly ServiceHealthStatus[] = [
  "SERVICE_INTERRUPTION",
  "SERVICE_DEGRADATION",
  "EXTENDED_RECOVERY",
  "RESTORING_SERVICE",
  "INVESTIGATING",
  "VERIFYING_SERVICE",
  "CONFIRMED",
  "REPORTED",
  "UNKNOWN",
];

export function statusSeverity(status: ServiceHealthStatus): number {
  const index = SEVERITY_ORDER.indexOf(status);
  return index === -1 ? 0 : SEVERITY_ORDER.length - index;
}

export interface HealthSummaryValue {
  worstStatus: ServiceHealthStatus;
  activeIncidentCount: number;
  affectedServiceCount: number;
}

/** The worst status over all services and the count of unresolved incidents. */
export function summariseHealth(services: ServiceHealth[], incidents: ServiceIncident[]): HealthSummaryValue {
  let worst: ServiceHealthStatus = "SERVICE_OPERATIONAL";
  for (const service of services) {
    if (statusSeverity(service.status) > statusSeverity(worst)) worst = service.status;
  }
  return {
    worstStatus: worst,
    activeIncidentCount: incidents.filter((incident) => !incident.isResolved).length,
    affectedServiceCount: services.filter((service) => statusSeverity(service.status) > 0).length,
  };
}
