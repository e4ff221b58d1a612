import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { TICKET_STATE_PATHS } from "../../../machines";
import { rolesFor } from "../../auth/access-matrix";
import { badUserInput } from "../../errors";
import { optionalVersion } from "../../tickets/ticket-input.validation";
import { TICKET_STATES, ticketStateOfPath } from "../../tickets/ticket-state";
import { escalationMessagesOf, timelineOf, type TimelineEntryValue } from "../../tickets/ticket-timeline";
import { visibilityOf, type GraphQLContext } from "../context";
import { checkFirst } from "../pagination";
import { decodeCursorValue, encodeCursor } from "../../pagination/opaque-cursor";
import { AgentType } from "../types/agent.type";
import {
  AssignmentEntry,
  EscalationMessage,
  TicketCounts,
  TimelineEntryConnection,
  UpdateTicketInput,
  type TicketFieldChange,
} from "../types/desk.types";
import { Escalation, Ticket, TicketFilter } from "../types/ticket.types";
import { toDeskFilter } from "./desk-filter";
import { toAgent, toTicket } from "./ticket.mapper";

const VERSION_ARG = { nullable: true, description: "The version you read; refused with VERSION_CONFLICT if it moved on." } as const;

@ArgsType()
class TimelineArgs {
  @Field(() => Int, { nullable: true, defaultValue: 50 })
  first: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

/** A ticket's timeline entries as GraphQL sees them (field changes in the enum's spelling). */
function toEntry(entry: TimelineEntryValue): Record<string, unknown> {
  const base = { ...entry, actor: toAgent(entry.actor) };
  if (entry.kind !== "FIELD_CHANGE") return base;
  return { ...base, changes: entry.changes.map((change) => ({ ...change, field: change.field.toUpperCase() as TicketFieldChange["field"] })) };
}

/** The agent with this id from the directory, else one shown by its id. */
function agentNamed(ctx: GraphQLContext, id: string): AgentType {
  return ctx.services.agents.find(id) ?? { id, displayName: id, role: "HELPDESK_AGENT" };
}

/** The desk: counts for tab bars, the agent picker, assignment, corrections and the timeline. */
@Resolver(() => Ticket)
export class DeskResolver {
  @Authorized(rolesFor("Query.ticketCounts"))
  @Query(() => TicketCounts, { description: "Tickets matching the filter per state, within the caller's customers." })
  async ticketCounts(
    @Arg("filter", () => TicketFilter, { nullable: true }) filter: TicketFilter | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<TicketCounts> {
    const counts = await ctx.services.ticketQueries.countByStatePath(visibilityOf(ctx), toDeskFilter(filter));
    const byPath = new Map(counts.map((item) => [item.statePath, item.count]));
    const byState = new Map<string, number>();
    for (const { statePath, count } of counts) {
      const state = ticketStateOfPath(statePath);
      byState.set(state, (byState.get(state) ?? 0) + count);
    }
    return {
      total: counts.reduce((sum, item) => sum + item.count, 0),
      byState: TICKET_STATES.map((state) => ({ state, count: byState.get(state) ?? 0 })),
      byStateValue: TICKET_STATE_PATHS.filter((path) => byPath.has(path)).map((path) => ({ stateValue: path, count: byPath.get(path)! })),
    };
  }

  @Authorized(rolesFor("Query.agents"))
  @Query(() => [AgentType], {
    description: "Agents a ticket can be assigned to: the demo agents (sandbox) or the configured DESK_AGENTS, plus agents seen signing in.",
  })
  agents(@Ctx() ctx: GraphQLContext): AgentType[] {
    return ctx.services.agents.assignable();
  }

  @Authorized(rolesFor("Mutation.assignTicket"))
  @Mutation(() => Ticket, { description: "Assigns, reassigns (or with assigneeId null unassigns) a ticket in any non-final state; audited as ASSIGN with from and to." })
  async assignTicket(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number | null,
    @Arg("assigneeId", () => ID, { nullable: true, description: "null: nobody." }) assigneeId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Ticket> {
    const record = await ctx.services.tickets.assign(ctx.agent, id, optionalVersion("expectedVersion", expectedVersion), assigneeId, ctx.reads);
    return toTicket(record);
  }

  @Authorized(rolesFor("Mutation.updateTicket"))
  @Mutation(() => Ticket, {
    description: "Corrects title, description, severity, product or category; audited as UPDATE_DETAILS with each old and new value. Refused in final states.",
  })
  async updateTicket(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number | null,
    @Arg("input", () => UpdateTicketInput) input: UpdateTicketInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Ticket> {
    const record = await ctx.services.tickets.updateDetails(ctx.agent, id, optionalVersion("expectedVersion", expectedVersion), input, ctx.reads);
    return toTicket(record);
  }

  @FieldResolver(() => TimelineEntryConnection, {
    description: "The conversation and record in one list, oldest first: notes, questions, replies, resolutions, Microsoft messages, assignments, field and state changes.",
  })
  async timeline(@Root() ticket: Ticket, @Args(() => TimelineArgs) args: TimelineArgs, @Ctx() ctx: GraphQLContext): Promise<TimelineEntryConnection> {
    const first = checkFirst(args.first, 50);
    const entries = timelineOf(await ctx.services.ticketStore.allEvents(ticket.id));
    let start = 0;
    if (args.after != null) {
      const afterId = decodeCursorValue("timeline", args.after);
      start = entries.findIndex((entry) => entry.id === afterId) + 1;
      if (start === 0) throw badUserInput("after", "after is not a cursor of this list");
    }
    const page = entries.slice(start, start + first);
    const edges = page.map((entry) => ({ cursor: encodeCursor("timeline", entry.id), node: toEntry(entry) as never }));
    return { edges, pageInfo: { hasNextPage: start + first < entries.length, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: entries.length };
  }
}

@Resolver(() => AssignmentEntry)
export class AssignmentEntryResolver {
  @FieldResolver(() => AgentType, { nullable: true, description: "Who held the ticket before; null: nobody." })
  async from(@Root() entry: AssignmentEntry, @Ctx() ctx: GraphQLContext): Promise<AgentType | null> {
    return entry.fromAgentId === null ? null : agentNamed(ctx, entry.fromAgentId);
  }

  @FieldResolver(() => AgentType, { nullable: true, description: "Who holds it now; null: nobody." })
  async to(@Root() entry: AssignmentEntry, @Ctx() ctx: GraphQLContext): Promise<AgentType | null> {
    return entry.toAgentId === null ? null : agentNamed(ctx, entry.toAgentId);
  }
}

@Resolver(() => Escalation)
export class EscalationMessagesResolver {
  @FieldResolver(() => [EscalationMessage], { description: "Microsoft's messages and the desk's answers on this escalation, oldest first." })
  async messages(@Root() escalation: Escalation, @Ctx() ctx: GraphQLContext): Promise<EscalationMessage[]> {
    if (escalation.ticketId === undefined) return [];
    const events = await ctx.services.ticketStore.allEvents(escalation.ticketId);
    return escalationMessagesOf(timelineOf(events), events).flatMap((entry) =>
      entry.kind === "MICROSOFT_MESSAGE" || entry.kind === "MICROSOFT_ANSWER"
        ? [{ id: entry.id, direction: entry.kind === "MICROSOFT_MESSAGE" ? "FROM_MICROSOFT" : "TO_MICROSOFT", text: entry.text, at: entry.at, author: toAgent(entry.actor) } as const]
        : [],
    );
  }
}
