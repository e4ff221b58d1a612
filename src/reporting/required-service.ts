/**
 * A service the composition root wires in every real gateway; a missing one is a wiring bug
 * (INTERNAL). Generic over the context, so each feature's resolvers name only the services they use.
 */
export function requiredService<S extends object, K extends keyof S>(ctx: { services: S }, name: K): NonNullable<S[K]> {
  const service = ctx.services[name];
  if (service === undefined || service === null) throw new Error(`The ${String(name)} service is not wired into this gateway`);
  return service as NonNullable<S[K]>;
}
