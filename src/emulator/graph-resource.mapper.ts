import type { SeedIssue, SeedRelationship, SeedService, SeedTenant } from "./emulator-seed.types";
import { deriveServiceStatus } from "./emulator-world";
import { mixedCase } from "./enum-casing";

/**
 * Seed records -> Graph JSON, applying the deterministic enum casing mix per tenant. Only the
 * properties the v1.0 resource pages list (serviceHealth, serviceHealthIssue,
 * serviceHealthIssuePost, delegatedAdminRelationship); test/contract/graph.contract.test.ts holds
 * every answer to those pages and to Microsoft's published examples.
 */

export function renderIssue(issue: SeedIssue, tenantId: string): Record<string, unknown> {
  const key = `${tenantId}:${issue.id}`;
  return {
    startDateTime: issue.startDateTime,
    endDateTime: issue.endDateTime,
    lastModifiedDateTime: issue.lastModifiedDateTime,
    title: issue.title,
    id: issue.id,
    impactDescription: issue.impactDescription,
    classification: mixedCase(issue.classification, `${key}:classification`),
    origin: mixedCase(issue.origin, `${key}:origin`),
    status: mixedCase(issue.status, `${key}:status`),
    service: issue.service,
    feature: issue.feature,
    featureGroup: issue.featureGroup,
    isResolved: issue.isResolved,
    details: issue.details.map((d) => ({ ...d })),
    posts: issue.posts.map((post, n) => ({
      createdDateTime: post.createdDateTime,
      postType: mixedCase(post.postType, `${key}:post:${n}`),
      description: { contentType: mixedCase(post.description.contentType, `${key}:content:${n}`), content: post.description.content },
    })),
  };
}

export function renderOverview(
  service: SeedService,
  issues: readonly SeedIssue[],
  tenantId: string,
  expandIssues: boolean,
): Record<string, unknown> {
  const status = deriveServiceStatus(service, issues);
  return {
    service: service.service,
    status: mixedCase(status, `${tenantId}:${service.id}:status`),
    id: service.id,
    ...(expandIssues ? { issues: issues.filter((i) => i.service === service.service).map((i) => renderIssue(i, tenantId)) } : {}),
  };
}

export function renderRelationship(relationship: SeedRelationship): Record<string, unknown> {
  return {
    "@odata.type": "#microsoft.graph.delegatedAdminRelationship",
    "@odata.etag": `W/"${Buffer.from(relationship.lastModifiedDateTime).toString("base64")}"`,
    ...structuredClone(relationship),
  };
}

export function renderDelegatedAdminCustomer(tenant: SeedTenant): Record<string, unknown> {
  return {
    "@odata.type": "#microsoft.graph.delegatedAdminCustomer",
    // A weak etag, as the list example shows one per customer.
    "@odata.etag": `W/"${Buffer.from(`${tenant.id}:${tenant.name}`).toString("base64")}"`,
    id: tenant.id,
    tenantId: tenant.id,
    displayName: tenant.name,
  };
}
