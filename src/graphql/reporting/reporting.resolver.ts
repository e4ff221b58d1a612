import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Int, Query, Resolver, Root, Subscription } from "type-graphql";
import { rolesFor } from "../../auth/access-matrix";
import { checkFirst, connectionOf } from "../pagination";
import { toTicketEvent } from "../resolvers/ticket.mapper";
import { TicketEvent, TicketEventConnection } from "../types/ticket.types";
import { forbidden, serviceUnavailable } from "../../errors";
import type { StoredTicketEvent } from "../../tickets/ticket-store.types";
import { toAuditEventFilter } from "../../reporting/audit-filter";
import { requiredService } from "../../reporting/required-service";
import { checkResumePoint, MAX_REPLAYED_EVENTS, replayAfter } from "../../reporting/live/ticket-event-replay";
import type { ReportingContext } from "../../reporting/reporting-context";
import type { MetricsGroup } from "../../reporting/ticket-metrics-breakdown";
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

  @Field(() => Int, {
    nullable: true,
    description:
      `Resume after a reconnect: the globalSequence of the last event received (0: from the first event). ` +
      `The events committed since are replayed from the audit log, in globalSequence order, then live ones follow, ` +
      `with no gap and no duplicate. BAD_USER_INPUT when negative, beyond the newest event, or more than ${MAX_REPLAYED_EVENTS} events behind.`,
  })
  afterSequence?: number | null;
}

@Resolver()
export class ReportingResolver {
  @Authorized(rolesFor("Query.auditEvents"))
  @Query(() => TicketEventConnection, { description: "Audit events across tickets, newest first." })
  async auditEvents(@Args(() => AuditEventsArgs) args: AuditEventsArgs, @Ctx() ctx: ReportingContext): Promise<TicketEventConnection> {
    const page = await requiredService(ctx, "reporting").auditEvents(toAuditEventFilter(args.filter), {
      first: checkFirst(args.first, 100),
      afterCursor: args.after,
    });
    return connectionOf(page, toTicketEvent);
  }

  @Authorized(rolesFor("Query.ticketMetrics"))
  @Query(() => TicketMetrics, { description: "Lifecycle and SLA metrics of the tickets opened in [from, to)." })
  async ticketMetrics(@Arg("from", () => Date) from: Date, @Arg("to", () => Date) to: Date, @Ctx() ctx: ReportingContext): Promise<TicketMetrics> {
    const reporting = requiredService(ctx, "reporting");
    const metrics = await reporting.ticketMetrics(from, to);
    const customerNames = await reporting.customerNameMap();
    const labelled = (groups: readonly MetricsGroup[], label: (key: string) => string | null) => groups.map((group) => ({ ...group, label: label(group.key) }));
    return {
      from,
      to,
      ...metrics,
      byState: [...metrics.byState],
      byCategory: [...metrics.byCategory],
      timeInStateMedians: [...metrics.timeInStateMedians],
      byAgent: labelled(metrics.byAgent, (key) => ctx.services.agents?.find(key)?.displayName ?? null),
      byCustomer: labelled(metrics.byCustomer, (key) => customerNames.get(key) ?? null),
      bySeverity: labelled(metrics.bySeverity, () => null),
      byProduct: labelled(metrics.byProduct, () => null),
      daily: [...metrics.daily],
    };
  }

  @Authorized(rolesFor("Subscription.ticketEvents"))
  @Subscription(() => TicketEvent, {
    description:
      "Ticket events as they are committed (on any gateway instance), for customers the partner has access to; " +
      "with afterSequence, first the ones missed since then (README: live events).",
    subscribe: async ({ args, context }) => {
      const { ticketId, customerId, afterSequence } = args as TicketEventsArgs;
      const ctx = context as ReportingContext;
      const access = requiredService(ctx, "liveAccess");
      const bus = requiredService(ctx, "liveEvents");
      // A subscriber joining while delivery is broken would miss events from its first moment.
      if (!bus.isLive()) throw serviceUnavailable("Live events are interrupted right now; subscribe again shortly", 5);
      if (customerId != null && !(await access.hasUsableAccess(customerId))) throw accessEnded();
      const logFilter = { ...(ticketId != null ? { ticketId } : {}), ...(customerId != null ? { customerId } : {}) };
      const eventLog = afterSequence != null ? requiredService(ctx, "eventLog") : null;
      if (eventLog && afterSequence != null) await checkResumePoint(eventLog, afterSequence, logFilter);
      // A subscription scoped to one ticket or customer ends (FORBIDDEN) when access to it ends;
      // an unscoped one keeps running and withholds that customer's events.
      const scoped = ticketId != null || customerId != null;
      // Tenant filter on every event, with access data at most LIVE_ACCESS_TTL_MS old (never the
      // answer the subscription started with: issue 13).
      const mayReceive = async (event: StoredTicketEvent): Promise<boolean> => {
        if (ticketId != null && event.ticketId !== ticketId) return false;
        if (customerId != null && event.customerId !== customerId) return false;
        let usable: boolean;
        try {
          usable = await access.hasUsableAccess(event.customerId);
        } catch (error) {
          // Access unknown (upstream down): withhold the event, keep the subscription.
          ctx.log.warn({ err: error, ticketId: event.ticketId }, "live event withheld: delegated access could not be read");
          return false;
        }
        if (!usable && scoped) throw accessEnded();
        return usable;
      };
      // A replayed event passes the same tenant filter as a live one: never another customer's.
      return bus.stream(mayReceive, eventLog && afterSequence != null ? () => replayAfter(eventLog, afterSequence, logFilter) : undefined);
    },
  })
  ticketEvents(@Root() event: StoredTicketEvent, @Args(() => TicketEventsArgs) _args: TicketEventsArgs): TicketEvent {
    return toTicketEvent(event);
  }
}

/** Names no tenant: the subscriber knows which ticket or customer it asked for. */
const accessEnded = () => forbidden("The partner holds no usable delegated admin access to this customer");
