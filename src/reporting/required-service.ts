import type { GraphQLContext, RequestServices } from "../graphql/context";

/** A service the composition root wires in every real gateway; a missing one is a wiring bug (INTERNAL). */
export function requiredService<K extends "sla" | "reporting" | "liveEvents" | "liveAccess" | "alerts" | "alertBus" | "alertSender">(ctx: GraphQLContext, name: K): NonNullable<RequestServices[K]> {
  const service = ctx.services[name];
  if (service === undefined) throw new Error(`The ${name} service is not wired into this gateway`);
  return service as NonNullable<RequestServices[K]>;
}
