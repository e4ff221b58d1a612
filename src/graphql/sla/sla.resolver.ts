import { Authorized, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { rolesFor } from "../../auth/access-matrix";
import type { GraphQLContext } from "../context";
import { requiredService } from "../../reporting/required-service";
import { Ticket } from "../types/ticket.types";
import { WEEKDAYS } from "../../sla/support-offering.schema";
import { SlaBreach, SupportOfferingType, TicketSla } from "./sla.types";

@Resolver(() => Ticket)
export class TicketSlaResolver {
  @FieldResolver(() => TicketSla, { description: "First response and resolution targets, breaches and time per state." })
  async sla(@Root() ticket: Ticket, @Ctx() ctx: GraphQLContext): Promise<TicketSla> {
    const sla = await requiredService(ctx, "sla").slaOf(ticket.id);
    return {
      ...sla,
      ticketId: ticket.id,
      resolutionServiceSeconds: sla.resolutionServiceMs / 1000,
      timeInStates: sla.timeInStates.map((item) => ({ state: item.state, seconds: item.ms / 1000, serviceSeconds: item.serviceMs / 1000 })),
    };
  }
}

@Resolver(() => TicketSla)
export class TicketSlaBreachesResolver {
  @FieldResolver(() => [SlaBreach], { description: "Missed targets as recorded by the breach sweeper (each once); empty until a sweep sees them." })
  async breaches(@Root() sla: TicketSla, @Ctx() ctx: GraphQLContext): Promise<SlaBreach[]> {
    const recorded = await requiredService(ctx, "sla").recordedBreaches(sla.ticketId);
    return recorded.map(({ kind, dueAt, detectedAt, ticketId, policyVersion }) => ({ kind, dueAt, detectedAt, ticketId, policyVersion }));
  }
}

@Resolver()
export class SupportOfferingResolver {
  @Authorized(rolesFor("Query.supportOffering"))
  @Query(() => SupportOfferingType, { description: "The partner's support offering: service hours, contact methods, plans and SLA policies." })
  supportOffering(@Ctx() ctx: GraphQLContext): SupportOfferingType {
    const { file, policies } = requiredService(ctx, "sla").offering;
    return {
      partnerName: file.partnerName,
      serviceHours: {
        timeZone: file.serviceHours.timeZone,
        weekly: WEEKDAYS.map((weekday) => ({ weekday, windows: file.serviceHours.weekly[weekday] ?? [] })),
        holidays: file.serviceHours.holidays,
      },
      contactMethods: file.contactMethods.map((method) => ({ ...method, severities: method.severities ?? null })),
      plans: file.plans,
      slaPolicies: policies.map((policy) => ({ ...policy, pausedStates: [...policy.pausedStates], targets: Object.values(policy.targets) })),
    };
  }
}
