import { INCIDENT_CLASSIFICATIONS, INCIDENT_POST_TYPES, SERVICE_HEALTH_STATUSES } from "../cloud-types";
import type {
  IncidentClassification,
  IncidentPost,
  ServiceHealth,
  ServiceHealthStatus,
  ServiceIncident,
  TenantHealth,
} from "../cloud-types";
import { parseEnumValue } from "../enum-value.mapper";
import { productForService } from "../service-product.mapper";
import { parseUpstreamDate } from "../upstream-date.mapper";
import type { GraphServiceHealth, GraphServiceHealthIssue, GraphServiceHealthIssuePost } from "./graph-types";

/** serviceHealthStatus in any casing -> ServiceHealthStatus (UNKNOWN for unknownFutureValue and new values). */
export const parseServiceHealthStatus = (status: unknown): ServiceHealthStatus =>
  parseEnumValue(status, SERVICE_HEALTH_STATUSES, "UNKNOWN");

/** `advisory` / `Advisory` / `incident` -> IncidentClassification. */
export const parseIncidentClassification = (classification: unknown): IncidentClassification =>
  parseEnumValue(classification, INCIDENT_CLASSIFICATIONS, "UNKNOWN");

/**
 * One tenant's `healthOverviews?$expand=issues` pages -> TenantHealth: one ServiceHealth per
 * service and every embedded issue as a ServiceIncident (deduplicated by id). A service's
 * `activeIncidentCount` counts its unresolved issues (incidents and advisories).
 */
export function mapTenantHealth(tenantId: string, overviews: readonly GraphServiceHealth[]): TenantHealth {
  const services: ServiceHealth[] = [];
  const incidents = new Map<string, ServiceIncident>();
  for (const overview of overviews) {
    const serviceId = overview.id ?? overview.service ?? "";
    const serviceName = overview.service ?? overview.id ?? "";
    const issues = overview.issues ?? [];
    services.push({
      serviceId,
      service: serviceName,
      status: parseServiceHealthStatus(overview.status),
      product: productForService(serviceId, serviceName),
      activeIncidentCount: issues.filter((issue) => issue.isResolved !== true).length,
    });
    for (const issue of issues) {
      const incident = mapServiceIncident(tenantId, issue, { serviceId, serviceName });
      if (incident && !incidents.has(incident.id)) incidents.set(incident.id, incident);
    }
  }
  return { tenantId, services, incidents: [...incidents.values()] };
}

/** A Graph serviceHealthIssue -> ServiceIncident, or null without an id. */
export function mapServiceIncident(
  tenantId: string,
  issue: GraphServiceHealthIssue,
  parent: { serviceId: string; serviceName: string },
): ServiceIncident | null {
  if (!issue.id) return null;
  const service = issue.service ?? parent.serviceName;
  const lastModifiedDateTime = parseUpstreamDate(issue.lastModifiedDateTime);
  return {
    id: issue.id,
    tenantId,
    title: issue.title ?? issue.id,
    service,
    product: productForService(parent.serviceId, service),
    feature: issue.feature ?? null,
    classification: parseIncidentClassification(issue.classification),
    status: parseServiceHealthStatus(issue.status),
    isResolved: issue.isResolved === true,
    impactDescription: issue.impactDescription ?? null,
    // startDateTime is required by Graph; fall back rather than drop the incident.
    startDateTime: parseUpstreamDate(issue.startDateTime) ?? lastModifiedDateTime ?? new Date(0),
    endDateTime: parseUpstreamDate(issue.endDateTime),
    lastModifiedDateTime,
    posts: (issue.posts ?? []).map(mapIncidentPost).filter((post): post is IncidentPost => post !== null),
  };
}

function mapIncidentPost(post: GraphServiceHealthIssuePost): IncidentPost | null {
  const createdAt = parseUpstreamDate(post.createdDateTime);
  if (!createdAt) return null;
  return {
    createdAt,
    postType: parseEnumValue(post.postType, INCIDENT_POST_TYPES, "UNKNOWN"),
    content: post.description?.content ?? "",
  };
}
