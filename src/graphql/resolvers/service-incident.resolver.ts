import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import { rolesFor } from "../../auth/access-matrix";
import { hasUsableAccess } from "../../customers/delegated-access-policy";
import type { GraphQLContext } from "../context";
import { ServiceIncident } from "../types/customer.types";
import { toServiceIncident } from "./service-incident.view";

@Resolver()
export class ServiceIncidentResolver {
  /**
   * Incidents of one customer, or of every customer the partner has usable delegated access to.
   * Over all customers, a tenant whose health cannot be read is left out and logged, so one
   * failing tenant does not hide every other tenant's incidents.
   */
  @Authorized(rolesFor("Query.serviceIncidents"))
  @Query(() => [ServiceIncident])
  async serviceIncidents(
    @Arg("customerId", () => ID, { nullable: true }) customerId: string | null,
    @Arg("activeOnly", () => Boolean, { nullable: true, defaultValue: true }) activeOnly: boolean | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ServiceIncident[]> {
    if (customerId != null) {
      await ctx.reads.getCustomer(customerId);
      return (await ctx.reads.incidents(customerId, activeOnly ?? true)).map(toServiceIncident);
    }
    const customers = await ctx.reads.listCustomers();
    const usable: string[] = [];
    for (const customer of customers) {
      if (hasUsableAccess(await ctx.reads.delegatedAccess(customer.id))) usable.push(customer.id);
    }
    const results = await Promise.allSettled(usable.map((id) => ctx.reads.incidents(id, activeOnly ?? true)));
    const incidents: ServiceIncident[] = [];
    results.forEach((result, index) => {
      if (result.status === "fulfilled") incidents.push(...result.value.map(toServiceIncident));
      else ctx.log.warn({ customerId: usable[index], err: result.reason }, "service incidents of a tenant left out");
    });
    return incidents.sort((a, b) => b.startDateTime.getTime() - a.startDateTime.getTime());
  }
}
