import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { rolesFor } from "../../auth/access-matrix";
import { adminPortalLinks } from "../../customers/admin-portal-links";
import { summariseHealth } from "../../customers/health-summary";
import type { GraphQLContext } from "../context";
import { pageOfList } from "../pagination";
import {
  AdminPortalLink,
  Customer,
  CustomerConnection,
  CustomerSubscription,
  DelegatedAccess,
  HealthSummary,
  ServiceHealth,
  ServiceIncident,
} from "../types/customer.types";
import { toServiceIncident } from "./service-incident.mapper";

@ArgsType()
class CustomersArgs {
  @Field(() => Int, { nullable: true, defaultValue: 50 })
  first: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => String, { nullable: true, description: "Case-insensitive match on name or domain." })
  search?: string | null;
}

@Resolver(() => Customer)
export class CustomerResolver {
  @Authorized(rolesFor("Query.customers"))
  @Query(() => CustomerConnection, { description: "The partner's customers with their delegated access status." })
  async customers(@Args(() => CustomersArgs) args: CustomersArgs, @Ctx() ctx: GraphQLContext): Promise<CustomerConnection> {
    const all = await ctx.reads.listCustomers();
    const needle = args.search?.trim().toLowerCase();
    const matching = needle
      ? all.filter(
          (customer) =>
            customer.name.toLowerCase().includes(needle) || customer.defaultDomain?.toLowerCase().includes(needle),
        )
      : all;
    return pageOfList("customer", matching, args.first, args.after);
  }

  @Authorized(rolesFor("Query.customer"))
  @Query(() => Customer, { nullable: true, description: "One customer by tenant id, or null when it is not a customer." })
  customer(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Customer | null> {
    return ctx.reads.findCustomer(id);
  }

  @FieldResolver(() => DelegatedAccess)
  delegatedAccess(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<DelegatedAccess> {
    return ctx.reads.delegatedAccess(customer.id);
  }

  @FieldResolver(() => [CustomerSubscription], {
    nullable: true,
    description: "Null with a FORBIDDEN or UPSTREAM_UNAVAILABLE error at this path when it cannot be read for this customer.",
  })
  subscriptions(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<CustomerSubscription[]> {
    return ctx.reads.subscriptions(customer.id);
  }

  @Authorized(rolesFor("Customer.serviceHealth"))
  @FieldResolver(() => [ServiceHealth], {
    nullable: true,
    description: "One row per Microsoft service; null with an error at this path when it cannot be read.",
  })
  async serviceHealth(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<ServiceHealth[]> {
    // One row per tenant and service, so a client cache never merges two customers' rows.
    return (await ctx.reads.health(customer.id)).services.map((service) => ({ ...service, id: `${customer.id}:${service.serviceId}` }));
  }

  @Authorized(rolesFor("Customer.incidents"))
  @FieldResolver(() => [ServiceIncident], { nullable: true, description: "Null with an error at this path when it cannot be read." })
  async incidents(
    @Root() customer: Customer,
    @Arg("activeOnly", () => Boolean, { nullable: true, defaultValue: true }) activeOnly: boolean | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ServiceIncident[]> {
    return (await ctx.reads.incidents(customer.id, activeOnly ?? true)).map(toServiceIncident);
  }

  @Authorized(rolesFor("Customer.healthSummary"))
  @FieldResolver(() => HealthSummary, { nullable: true, description: "Null with an error at this path when it cannot be read." })
  async healthSummary(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): Promise<HealthSummary> {
    const health = await ctx.reads.health(customer.id);
    return summariseHealth(health.services, health.incidents);
  }

  @FieldResolver(() => [AdminPortalLink])
  adminPortals(@Root() customer: Customer, @Ctx() ctx: GraphQLContext): AdminPortalLink[] {
    return adminPortalLinks(ctx.portalHosts, customer);
  }
}
