import type { ReportingContext, ReportingServices } from "./reporting-context";

/** A service the composition root wires in every real gateway; a missing one is a wiring bug (INTERNAL). */
export function requiredService<K extends keyof ReportingServices>(ctx: ReportingContext, name: K): NonNullable<ReportingServices[K]> {
  const service = ctx.services[name];
  if (service === undefined) throw new Error(`The ${name} service is not wired into this gateway`);
  return service as NonNullable<ReportingServices[K]>;
}
