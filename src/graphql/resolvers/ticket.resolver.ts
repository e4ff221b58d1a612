import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { toMermaid, type TicketEventType } from "../../../machines";
import { rolesFor } from "../../auth/access-matrix";
import { suggestsIncidents, ticketContext } from "../../tickets/ticket-read-model";
import { AWAITING_PORTAL_FILING, escalationView, withLastSync } from "../../tickets/escalation-view";
import { diagnosisNotesOf, readTicketNotes } from "../../tickets/ticket-notes";
import { visibilityOf, type GraphQLContext } from "../context";
import { encodeCursor } from "../../pagination/opaque-cursor";
import { checkFirst, connectionOf, cursorOffset } from "../pagination";
import { AgentType } from "../types/agent.type";
import { Customer, ServiceIncident } from "../types/customer.types";
import { TicketEventTypeEnum } from "../types/ticket-enums";
import {
  Escalation,
  Ticket,
  TicketConnection,
  TicketEventConnection,
  TicketFilter,
  TicketNote,
} from "../types/ticket.types";
import { toServiceIncident } from "./service-incident.mapper";
import { TicketOrder } from "../types/desk.types";
import { toDeskFilter, toTicketOrder } from "./desk-filter";
import { toTicketNotes, toAgent, toTicket, toTicketEvent } from "./ticket.mapper";

@ArgsType()
class TicketsArgs {
  @Field(() => TicketFilter, { nullable: true })
  filter?: TicketFilter | null;

  @Field(() => TicketOrder, { nullable: true, description: "Default: UPDATED_AT DESC." })
  orderBy?: TicketOrder | null;

  @Field(() => Int, { nullable: true, defaultValue: 50 })
  first: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@ArgsType()
class CustomerTicketsArgs extends TicketsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20 })
  override first: number | null;
}

@ArgsType()
class HistoryArgs {
  @Field(() => Int, { nullable: true, defaultValue: 100 })
  first: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@Resolver(() => Ticket)
export class TicketResolver {
  @Authorized(rolesFor("Query.ticket"))
  @Query(() => Ticket, { nullable: true })
  async ticket(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Ticket | null> {
    const record = await ctx.services.ticketQueries.find(visibilityOf(ctx), id);
    return record && toTicket(record);
  }

  @Authorized(rolesFor("Query.tickets"))
  @Query(() => TicketConnection)
  async tickets(@Args(() => TicketsArgs) args: TicketsArgs, @Ctx() ctx: GraphQLContext): Promise<TicketConnection> {
    const page = await ctx.services.ticketQueries.list(visibilityOf(ctx), toDeskFilter(args.filter), toTicketOrder(args.orderBy), {
      first: checkFirst(args.first, 50),
      afterCursor: args.after,
    });
    return connectionOf(page, toTicket);
  }

  @FieldResolver(() => Customer)
  async customer(@Root() ticket: Ticket, @Ctx() ctx: GraphQLContext): Promise<Customer> {
    // A customer that left Partner Center keeps its tickets; show its tenant id as its name.
    return (await ctx.reads.findCustomer(ticket.customerId)) ?? { id: ticket.customerId, name: ticket.customerId, defaultDomain: null };
  }

  @FieldResolver(() => AgentType, { nullable: true })
  async assignee(@Root() ticket: Ticket, @Ctx() ctx: GraphQLContext): Promise<AgentType | null> {
    if (ticket.assigneeId === null) return null;
    const known = ctx.services.agents.find(ticket.assigneeId);
    if (known) return known;
    // An agent the directory no longer lists is shown as its latest event signed it.
    const actor = await ctx.services.ticketStore.latestActorOf(ticket.id, ticket.assigneeId);
    return actor ? toAgent(actor) : { id: ticket.assigneeId, displayName: ticket.assigneeId, role: "HELPDESK_AGENT" };
  }

  @FieldResolver(() => [TicketEventTypeEnum], { description: "The events the caller may send now." })
  availableEvents(@Root() ticket: Ticket, @Ctx() ctx: GraphQLContext): TicketEventType[] {
    // From the snapshot the parent was built from: the same row, not read again.
    return ctx.services.tickets.availableEvents(ticket, ctx.agent);
  }

  @FieldResolver(() => [TicketNote], { description: "Diagnosis notes and the customer conversation, oldest first." })
  async notes(@Root() ticket: Ticket, @Ctx() ctx: GraphQLContext): Promise<TicketNote[]> {
    // Read from the events: the snapshot keeps only counts (machines/ticket-context.types.ts).
    return toTicketNotes(await readTicketNotes(ctx.services.ticketStore, ticket.id));
  }

  @FieldResolver(() => [ServiceIncident], {
    nullable: true,
    description: "Incidents linked to this ticket (still reported by Microsoft); null with an error when health cannot be read.",
  })
  async linkedIncidents(@Root() ticket: Ticket, @Ctx() ctx: GraphQLContext): Promise<ServiceIncident[]> {
    const linked = ticketContext(ticket).linkedIncidentIds;
    if (linked.length === 0) return [];
    const incidents = await ctx.reads.incidents(ticket.customerId, false);
    return incidents.filter((incident) => linked.includes(incident.id)).map(toServiceIncident);
  }

  @FieldResolver(() => [ServiceIncident], {
    nullable: true,
    description:
      "Active Microsoft incidents of the customer for the ticket's product, not yet linked; null with an error when health cannot be read.",
  })
  async suggestedIncidents(@Root() ticket: Ticket, @Ctx() ctx: GraphQLContext): Promise<ServiceIncident[]> {
    if (!suggestsIncidents(ticket.state)) return [];
    const linked = new Set(ticketContext(ticket).linkedIncidentIds);
    const incidents = await ctx.reads.incidents(ticket.customerId, true);
    return incidents
      .filter((incident) => incident.product === ticket.product && !linked.has(incident.id))
      .map(toServiceIncident);
  }

  @FieldResolver(() => Escalation, { nullable: true })
  async escalation(@Root() ticket: Ticket, @Ctx() ctx: GraphQLContext): Promise<Escalation | null> {
    const context = ticketContext(ticket);
    if (!context.escalation) return null;
    const [topics, sync] = await Promise.all([
      ctx.reads.supportTopics().catch(() => []),
      // The poller's bookkeeping: when the service request was last read from Microsoft.
      ctx.services.escalation?.store?.lastSync(ticket.id) ?? null,
    ]);
    const notes =
      ticket.stateValue === AWAITING_PORTAL_FILING ? diagnosisNotesOf(await readTicketNotes(ctx.services.ticketStore, ticket.id)) : [];
    const view = escalationView(context, ticket.stateValue, topics, notes);
    const synced = view && sync && sync.serviceRequestId === view.serviceRequestId ? withLastSync(view, sync.lastSyncedAt) : view;
    return synced && { ...synced, ticketId: ticket.id };
  }

  @FieldResolver(() => TicketEventConnection, { description: "The ticket's audit trail, in sequence order." })
  async history(@Root() ticket: Ticket, @Args(() => HistoryArgs) args: HistoryArgs, @Ctx() ctx: GraphQLContext): Promise<TicketEventConnection> {
    const first = checkFirst(args.first, 100);
    const after = args.after == null ? 0 : cursorOffset("history", args.after);
    const [events, totalCount] = await Promise.all([
      first === 0 ? Promise.resolve([]) : ctx.services.ticketStore.listEvents(ticket.id, { after, limit: first + 1 }),
      ctx.services.ticketStore.countEvents(ticket.id),
    ]);
    const page = events.slice(0, first);
    const edges = page.map((event) => ({ cursor: encodeCursor("history", event.sequence), node: toTicketEvent(event) }));
    return {
      edges,
      pageInfo: { hasNextPage: events.length > first, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount,
    };
  }

  @FieldResolver(() => String, {
    description: "Mermaid diagram of the workflow with the states this ticket passed through highlighted and its current state marked (class current).",
  })
  async diagram(@Root() ticket: Ticket, @Ctx() ctx: GraphQLContext): Promise<string> {
    const visited = await ctx.services.ticketStore.visitedStates(ticket.id);
    return toMermaid({ highlight: [...visited], current: ticket.stateValue });
  }
}

@Resolver(() => Customer)
export class CustomerTicketsResolver {
  @Authorized(rolesFor("Customer.tickets"))
  @FieldResolver(() => TicketConnection, { nullable: true, description: "Null with FORBIDDEN for a role that may not read tickets." })
  async tickets(
    @Root() customer: Customer,
    @Args(() => CustomerTicketsArgs) args: CustomerTicketsArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<TicketConnection> {
    const page = await ctx.services.ticketQueries.listOfCustomer(visibilityOf(ctx), customer.id, toDeskFilter(args.filter, customer.id), toTicketOrder(args.orderBy), {
      first: checkFirst(args.first, 20),
      afterCursor: args.after,
    });
    return connectionOf(page, toTicket);
  }
}
