import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Int, Query, Resolver, Root, Subscription } from "type-graphql";
import { rolesFor } from "../../auth/access-matrix";
import type { GraphQLContext } from "../../graphql/context";
import { checkFirst } from "../../graphql/pagination";
import { toTicketEvent, toTicketEventConnection } from "../../graphql/resolvers/ticket.view";
import { TicketEvent, TicketEventConnection } from "../../graphql/types/ticket.types";
import { hasUsableAccess } from "../../customers/delegated-access-policy";
import type { StoredTicketEvent } from "../../tickets/ticket-store.types";
import { toAuditEventFilter } from "../audit-filter";
import { requiredService } from "../required-service";
import { ticketEventStream } from "../live/ticket-event-stream";
import { AuditFilter, TicketMetrics } from "./reporting.types";

@ArgsType()
class AuditEventsArgs {
  @Field(() => AuditFilter, { nullable: true })
  filter?: AuditFilter | null;

  @Field(() => Int, { nullable: true, defaultValue: 100 })
  first: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@ArgsType()
class TicketEventsArgs {
  @Field(() => ID, { nullable: true, description: "Only this ticket's events." })
  ticketId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only this customer's events." })
  customerId?: string | null;
}

/** How long a subscription trusts its answer on a customer's delegated access. */
const ACCESS_RECHECK_MS = 60_000;

@Resolver()
export class ReportingResolver {
  @Authorized(rolesFor("Query.auditEvents"))
  @Query(() => TicketEventConnection, { description: "Audit events across tickets, newest first." })
  async auditEvents(@Args(() => AuditEventsArgs) args: AuditEventsArgs, @Ctx() ctx: GraphQLContext): Promise<TicketEventConnection> {
    const page = await requiredService(ctx, "reporting").auditEvents(toAuditEventFilter(args.filter), {
      first: checkFirst(args.first, 100),
      afterCursor: args.after,
    });
    return toTicketEventConnection(page);
  }

  @Authorized(rolesFor("Query.ticketMetrics"))
  @Query(() => TicketMetrics, { description: "Lifecycle and SLA metrics of the tickets opened in [from, to)." })
  async ticketMetrics(@Arg("from", () => Date) from: Date, @Arg("to", () => Date) to: Date, @Ctx() ctx: GraphQLContext): Promise<TicketMetrics> {
    const metrics = await requiredService(ctx, "reporting").ticketMetrics(from, to);
    return { from, to, ...metrics, byState: [...metrics.byState], byCategory: [...metrics.byCategory], timeInStateMedians: [...metrics.timeInStateMedians] };
  }

  @Authorized(rolesFor("Subscription.ticketEvents"))
  @Subscription(() => TicketEvent, {
    description: "Ticket events as they are committed (on any gateway instance), for customers the partner has access to.",
    subscribe: async ({ args, context }) => {
      const { ticketId, customerId } = args as TicketEventsArgs;
      const ctx = context as GraphQLContext;
      if (customerId != null) await ctx.reads.requireDelegatedAccess(customerId);
      const checked = new Map<string, { ok: boolean; at: number }>();
      // Tenant filter: the partner must (still) hold usable delegated access to the event's customer.
      const mayReceive = async (event: StoredTicketEvent): Promise<boolean> => {
        if (ticketId != null && event.ticketId !== ticketId) return false;
        if (customerId != null && event.customerId !== customerId) return false;
        const known = checked.get(event.customerId);
        if (known && Date.now() - known.at < ACCESS_RECHECK_MS) return known.ok;
        const ok = hasUsableAccess(await ctx.reads.delegatedAccess(event.customerId));
        checked.set(event.customerId, { ok, at: Date.now() });
        return ok;
      };
      return ticketEventStream(requiredService(ctx, "liveEvents"), mayReceive);
    },
  })
  ticketEvents(@Root() event: StoredTicketEvent, @Args(() => TicketEventsArgs) _args: TicketEventsArgs): TicketEvent {
    return toTicketEvent(event);
  }
}
