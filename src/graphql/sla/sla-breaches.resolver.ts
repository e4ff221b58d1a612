import { Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { rolesFor } from "../../auth/access-matrix";
import type { GraphQLContext } from "../context";
import { checkFirst, connectionOf } from "../pagination";
import { toTicket } from "../resolvers/ticket.mapper";
import { Ticket } from "../types/ticket.types";
import { requiredService } from "../../reporting/required-service";
import { toSlaBreachFilter } from "../../sla/sla-breach-filter";
import { SlaBreach, SlaBreachConnection, SlaBreachFilter } from "./sla.types";

@ArgsType()
class SlaBreachesArgs {
  @Field(() => SlaBreachFilter, { nullable: true })
  filter?: SlaBreachFilter | null;

  @Field(() => Int, { nullable: true, defaultValue: 50 })
  first: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@Resolver(() => SlaBreach)
export class SlaBreachesResolver {
  @Authorized(rolesFor("Query.slaBreaches"))
  @Query(() => SlaBreachConnection, {
    description: "Recorded SLA breaches across tickets (every customer, like auditEvents), latest deadline first.",
  })
  async slaBreaches(@Args(() => SlaBreachesArgs) args: SlaBreachesArgs, @Ctx() ctx: GraphQLContext): Promise<InstanceType<typeof SlaBreachConnection>> {
    const page = await requiredService(ctx, "reporting").slaBreaches(toSlaBreachFilter(args.filter), {
      first: checkFirst(args.first, 50),
      afterCursor: args.after,
    });
    return connectionOf(page, (breach) => breach);
  }

  @FieldResolver(() => Ticket, { nullable: true, description: "The ticket (null if it can no longer be read)." })
  async ticket(@Root() breach: SlaBreach, @Ctx() ctx: GraphQLContext): Promise<Ticket | null> {
    const record = await ctx.services.ticketStore.findById(breach.ticketId);
    return record ? toTicket(record) : null;
  }
}
