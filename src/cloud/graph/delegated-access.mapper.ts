import { DELEGATED_ACCESS_STATUSES, isUsableStatus } from "../cloud-types";
import type { DelegatedAccess, DelegatedAccessStatus } from "../cloud-types";
import { parseEnumValue } from "../enum-value.mapper";
import { parseUpstreamDate } from "../upstream-date.mapper";
import type { GraphDelegatedAdminRelationship } from "./graph-types";

/**
 * When a customer has several relationships, the one closest to giving access decides its status:
 * usable ones first, then those on their way to usable, then the ones that are ending or over.
 */
const STATUS_PREFERENCE: readonly DelegatedAccessStatus[] = [
  "ACTIVE",
  "EXPIRING",
  "TERMINATION_REQUESTED",
  "ACTIVATING",
  "APPROVED",
  "APPROVAL_PENDING",
  "CREATED",
  "TERMINATING",
  "EXPIRED",
  "TERMINATED",
  "NONE",
];

/** Graph relationship status (any casing) -> DelegatedAccessStatus; unknown values -> NONE. */
export const parseRelationshipStatus = (status: unknown): DelegatedAccessStatus =>
  parseEnumValue(status, DELEGATED_ACCESS_STATUSES, "NONE");

/**
 * Folds all delegated admin relationships into one DelegatedAccess per customer tenant: the best
 * status wins; roles and end date come from the usable relationships when there are any (the
 * access the partner has now), else from those with the winning status. Relationships without a
 * customer tenant id are ignored.
 */
export function foldDelegatedAccess(relationships: readonly GraphDelegatedAdminRelationship[]): Map<string, DelegatedAccess> {
  const byTenant = new Map<string, GraphDelegatedAdminRelationship[]>();
  for (const relationship of relationships) {
    const tenantId = relationship.customer?.tenantId;
    if (!tenantId) continue;
    const key = tenantId.toLowerCase();
    byTenant.set(key, [...(byTenant.get(key) ?? []), relationship]);
  }
  const result = new Map<string, DelegatedAccess>();
  for (const [, group] of byTenant) {
    const access = foldCustomer(group);
    result.set(access.customerTenantId, access);
  }
  return result;
}

function foldCustomer(relationships: readonly GraphDelegatedAdminRelationship[]): DelegatedAccess {
  const parsed = relationships.map((relationship) => ({ relationship, status: parseRelationshipStatus(relationship.status) }));
  const status = STATUS_PREFERENCE.find((candidate) => parsed.some((entry) => entry.status === candidate)) ?? "NONE";
  const contributing = isUsableStatus(status)
    ? parsed.filter((entry) => isUsableStatus(entry.status))
    : parsed.filter((entry) => entry.status === status);
  const roles = [
    ...new Set(
      contributing.flatMap(({ relationship }) =>
        (relationship.accessDetails?.unifiedRoles ?? [])
          .map((role) => role.roleDefinitionId)
          .filter((id): id is string => typeof id === "string" && id !== ""),
      ),
    ),
  ];
  const endDates = contributing
    .map(({ relationship }) => parseUpstreamDate(relationship.endDateTime))
    .filter((date): date is Date => date !== null);
  const endsAt = endDates.length === 0 ? null : new Date(Math.max(...endDates.map((date) => date.getTime())));
  return {
    customerTenantId: (relationships[0]?.customer?.tenantId ?? "").toLowerCase(),
    status,
    roles,
    endsAt,
  };
}
