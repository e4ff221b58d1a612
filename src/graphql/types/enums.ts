import { registerEnumType } from "type-graphql";
import { AGENT_ROLES } from "../../auth/agent";
import {
  DELEGATED_ACCESS_STATUSES,
  INCIDENT_CLASSIFICATIONS,
  PRODUCTS,
  SERVICE_HEALTH_STATUSES,
  SUBSCRIPTION_STATUSES,
} from "../../cloud/cloud-types";

type EnumObject<T extends readonly string[]> = { [K in T[number]]: K };

/** `values` as a GraphQL enum: the `{ NAME: "NAME" }` object fields name as their type, registered with type-graphql. */
export function graphqlEnum<const T extends readonly string[]>(values: T, config: Parameters<typeof registerEnumType<EnumObject<T>>>[1]): EnumObject<T> {
  const object = Object.fromEntries(values.map((value) => [value, value])) as EnumObject<T>;
  registerEnumType(object, config);
  return object;
}

/** Desk roles plus SYSTEM, the role of automatic changes (their actor id names the component). */
export const AgentRoleEnum = graphqlEnum([...AGENT_ROLES, "SYSTEM"] as const, {
  name: "AgentRole",
  valuesConfig: { SYSTEM: { description: "An automatic change; the actor id names the component, e.g. system:escalation-sync." } },
});

export const ProductEnum = graphqlEnum(PRODUCTS, { name: "Product", description: "The Microsoft online service family." });

export const DelegatedAccessStatusEnum = graphqlEnum(DELEGATED_ACCESS_STATUSES, {
  name: "DelegatedAccessStatus",
  description: "Graph's GDAP relationship status in upper case, or NONE when the customer has no relationship.",
});

export const SubscriptionStatusEnum = graphqlEnum(SUBSCRIPTION_STATUSES, { name: "SubscriptionStatus" });

export const ServiceHealthStatusEnum = graphqlEnum(SERVICE_HEALTH_STATUSES, {
  name: "ServiceHealthStatus",
  description: "Graph's serviceHealthStatus in upper snake case; UNKNOWN for values this version does not know.",
});

export const IncidentClassificationEnum = graphqlEnum(INCIDENT_CLASSIFICATIONS, { name: "IncidentClassification" });
