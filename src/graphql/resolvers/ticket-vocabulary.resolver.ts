import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { statusNameOfPath, TICKET_STATUSES, ticketStatusOfPath, type TicketStatus } from "../../../machines";
import type { CustomerSubscription as DomainSubscription } from "../../cloud/cloud-types";
import { StateTimeMedian, TicketMetrics } from "../reporting/reporting.types";
import { StateDuration } from "../sla/sla.types";
import { ticketChannelOf, type TicketChannel } from "../../tickets/ticket-channel";
import { TICKET_STATES, ticketStateOfPath, type TicketState } from "../../tickets/ticket-state";
import type { GraphQLContext } from "../context";
import { ticketActionsFor } from "../ticket-actions";
import { CustomerSubscription } from "../types/customer.types";
import { TicketAction, TicketStateCount } from "../types/ticket-action.type";
import { Ticket, TicketEvent } from "../types/ticket.types";
import { BillingCycleEnum, billingCycleOf, TicketChannelEnum, TicketStatusEnum, type BillingCycle } from "../types/vocabulary.enums";

/** The status of a stored state path, or null for "" (before OPEN) and paths that are not leaves. */
function statusOrNull(statePath: string): TicketStatus | null {
  const name = statusNameOfPath(statePath);
  return (TICKET_STATUSES as readonly string[]).includes(name) ? ticketStatusOfPath(statePath) : null;
}

/** The enum spellings of a ticket's state and channel next to the older strings (issue 16). */
@Resolver(() => Ticket)
export class TicketVocabularyResolver {
  @FieldResolver(() => TicketStatusEnum, { description: "The full state as one enum value, e.g. ESCALATED_WITH_MICROSOFT." })
  status(@Root() ticket: Ticket): TicketStatus {
    return ticketStatusOfPath(ticket.stateValue);
  }

  @FieldResolver(() => TicketChannelEnum, { nullable: true, description: "Where the request came in; OTHER for free text that names none of the channels." })
  channelKind(@Root() ticket: Ticket): TicketChannel | null {
    return ticketChannelOf(ticket.channel);
  }

  @FieldResolver(() => [TicketAction], {
    description: "For each event the caller may send now (availableEvents), the mutation that sends it: buttons without a hand-written map.",
  })
  async availableActions(@Root() ticket: Ticket, @Ctx() ctx: GraphQLContext): Promise<TicketAction[]> {
    const record = await ctx.services.ticketStore.findById(ticket.id);
    return record ? ticketActionsFor(ctx.services.tickets.availableEvents(record, ctx.agent)) : [];
  }
}

@Resolver(() => TicketEvent)
export class TicketEventVocabularyResolver {
  @FieldResolver(() => TicketStatusEnum, { nullable: true, description: "Status before the event; null for OPEN." })
  fromStatus(@Root() event: TicketEvent): TicketStatus | null {
    return statusOrNull(event.fromState);
  }

  @FieldResolver(() => TicketStatusEnum, { description: "Status after the event." })
  toStatus(@Root() event: TicketEvent): TicketStatus {
    return ticketStatusOfPath(event.toState);
  }
}

@Resolver(() => StateDuration)
export class StateDurationVocabularyResolver {
  @FieldResolver(() => TicketStatusEnum, { nullable: true, description: "The state as a TicketStatus; null for a path that is not a leaf." })
  status(@Root() duration: StateDuration): TicketStatus | null {
    return statusOrNull(duration.state);
  }
}

@Resolver(() => StateTimeMedian)
export class StateTimeMedianVocabularyResolver {
  @FieldResolver(() => TicketStatusEnum, { nullable: true, description: "The state as a TicketStatus; null for a path that is not a leaf." })
  status(@Root() median: StateTimeMedian): TicketStatus | null {
    return statusOrNull(median.state);
  }
}

@Resolver(() => TicketMetrics)
export class TicketMetricsVocabularyResolver {
  @FieldResolver(() => [TicketStateCount], {
    description: "byState keyed by the TicketState enum (byState's keys are lower-case machine names), in lifecycle order, zeros included.",
  })
  stateCounts(@Root() metrics: TicketMetrics): TicketStateCount[] {
    const counts = new Map<TicketState, number>();
    for (const { key, count } of metrics.byState) {
      if (key === "") continue;
      const state = ticketStateOfPath(key);
      counts.set(state, (counts.get(state) ?? 0) + count);
    }
    return TICKET_STATES.map((state) => ({ state, count: counts.get(state) ?? 0 }));
  }
}

@Resolver(() => CustomerSubscription)
export class CustomerSubscriptionVocabularyResolver {
  @FieldResolver(() => BillingCycleEnum, { nullable: true, description: "The billing cycle; null when Partner Center gives none." })
  billingCycleKind(@Root() subscription: DomainSubscription): BillingCycle | null {
    return billingCycleOf(subscription.billingCycle);
  }
}
