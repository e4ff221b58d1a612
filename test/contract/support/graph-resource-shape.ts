import { loadFixture } from "../../fixtures/load-fixture";
import { commonKeys, extraPaths, missingPaths, shapeOf } from "./json-shape";

/**
 * Checks a Graph JSON value against the property sets and enum members transcribed from the v1.0
 * resource pages (test/fixtures/microsoft/graph/resource-pages.json). Enum values may be the
 * schema's camelCase or the PascalCase of Microsoft's published examples ("ServiceRestored"),
 * nothing else. Returns every violation as "path: problem" (empty when the value conforms).
 */
interface ResourcePage {
  properties: string[];
  annotations?: string[];
  navigation?: string[];
  enums?: Record<string, string>;
}

type Pages = Record<string, ResourcePage> & { enumMembers: Record<string, string[]> };

export const GRAPH_PAGES = loadFixture<Pages>("microsoft/graph/resource-pages.json");

/** Nested types by property, as the resource pages link them. */
const NESTED: Record<string, Record<string, string>> = {
  serviceHealth: { issues: "serviceHealthIssue" },
  serviceHealthIssue: { posts: "serviceHealthIssuePost", details: "keyValuePair" },
  serviceHealthIssuePost: { description: "itemBody" },
  delegatedAdminRelationship: { customer: "delegatedAdminRelationshipCustomerParticipant", accessDetails: "delegatedAdminAccessDetails" },
  resellerDelegatedAdminRelationship: { customer: "delegatedAdminRelationshipCustomerParticipant", accessDetails: "delegatedAdminAccessDetails" },
  delegatedAdminAccessDetails: { unifiedRoles: "unifiedRole" },
};

const pascal = (value: string): string => value.charAt(0).toUpperCase() + value.slice(1);

export function graphShapeViolations(value: unknown, type: string, path = type, pages: Pages = GRAPH_PAGES): string[] {
  const page = pages[type] as ResourcePage | undefined;
  if (!page) return [`${path}: no resource page for ${type}`];
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [`${path}: not an object`];
  const allowed = new Set([...page.properties, ...(page.annotations ?? []), ...(page.navigation ?? [])]);
  const problems: string[] = [];
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    if (!allowed.has(key)) {
      problems.push(`${path}.${key}: not a property of ${type}`);
      continue;
    }
    const enumName = page.enums?.[key];
    if (enumName !== undefined && field !== null) {
      const members = pages.enumMembers[enumName] ?? [];
      if (typeof field !== "string" || !members.some((member) => field === member || field === pascal(member))) {
        problems.push(`${path}.${key}: ${JSON.stringify(field)} is not a ${enumName} member`);
      }
    }
    const nested = NESTED[type]?.[key];
    if (nested !== undefined && field !== null) {
      const items = Array.isArray(field) ? field : [field];
      items.forEach((item, n) => problems.push(...graphShapeViolations(item, nested, Array.isArray(field) ? `${path}.${key}[${n}]` : `${path}.${key}`, pages)));
    }
  }
  return problems;
}

/** The relationship type an item names with `@odata.type` (reseller relationships are a subtype). */
export const relationshipType = (item: { "@odata.type"?: string }): string =>
  item["@odata.type"] === "#microsoft.graph.resellerDelegatedAdminRelationship" ? "resellerDelegatedAdminRelationship" : "delegatedAdminRelationship";

/** Microsoft's published Graph error bodies (SOURCES.md, "Graph"): the errors page, an API page's 400, the JSON batching example's 403/405s. */
const GRAPH_ERROR_EXAMPLES = [
  loadFixture("microsoft/graph/error.json"),
  loadFixture("microsoft/graph/error.400.educationassignment-setupresourcesfolder.json"),
  ...loadFixture<{ responses: { status: number; body: unknown }[] }>("microsoft/graph/json-batching.response.json")
    .responses.filter((response) => response.status >= 400)
    .map((response) => response.body),
];

/**
 * A Graph error body against the published examples: only their fields (the union: innerError may
 * name `client-request-id`, `code`, `message`), every field they all show (error.code, message,
 * innerError.request-id, date), the same JSON types. Empty when the body conforms.
 */
export function graphErrorViolations(body: unknown): string[] {
  return [...missingPaths(body, commonKeys(...GRAPH_ERROR_EXAMPLES)), ...extraPaths(body, shapeOf(...GRAPH_ERROR_EXAMPLES))];
}
