import { registerEnumType } from "type-graphql";
import { AGENT_ROLES } from "../../auth/agent";
import {
  DELEGATED_ACCESS_STATUSES,
  INCIDENT_CLASSIFICATIONS,
  PRODUCTS,
  SERVICE_HEALTH_STATUSES,
  SUBSCRIPTION_STATUSES,
} from "../../cloud/cloud-types";

/** Builds the `{ NAME: "NAME" }` object type-graphql registers as a GraphQL enum. */
export function enumObject<const T extends readonly string[]>(values: T): { [K in T[number]]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T[number]]: K };
}

/** Desk roles plus SYSTEM, the role of automatic changes (their actor id names the component). */
export const AgentRoleEnum = enumObject([...AGENT_ROLES, "SYSTEM"] as const);
registerEnumType(AgentRoleEnum, {
  name: "AgentRole",
  valuesConfig: { SYSTEM: { description: "An automatic change; the actor id names the component, e.g. system:escalation-sync." } },
});

export const ProductEnum = enumObject(PRODUCTS);
registerEnumType(ProductEnum, { name: "Product", description: "The Microsoft online service family." });

export const DelegatedAccessStatusEnum = enumObject(DELEGATED_ACCESS_STATUSES);
registerEnumType(DelegatedAccessStatusEnum, {
  name: "DelegatedAccessStatus",
  description: "Graph's GDAP relationship status in upper case, or NONE when the customer has no relationship.",
});

export const SubscriptionStatusEnum = enumObject(SUBSCRIPTION_STATUSES);
registerEnumType(SubscriptionStatusEnum, { name: "SubscriptionStatus" });

export const ServiceHealthStatusEnum = enumObject(SERVICE_HEALTH_STATUSES);
registerEnumType(ServiceHealthStatusEnum, {
  name: "ServiceHealthStatus",
  description: "Graph's serviceHealthStatus in upper snake case; UNKNOWN for values this version does not know.",
});

export const IncidentClassificationEnum = enumObject(INCIDENT_CLASSIFICATIONS);
registerEnumType(IncidentClassificationEnum, { name: "IncidentClassification" });
