import { Authorized, Ctx, Query, Resolver } from "type-graphql";
import { describeWorkflow, toMermaid } from "../../../machines";
import { rolesFor } from "../../auth/access-matrix";
import type { GraphQLContext } from "../context";
import { SupportVehicleEntitlement, TicketWorkflow } from "../types/ticket.types";

@Resolver()
export class TicketWorkflowResolver {
  @Authorized(rolesFor("Query.ticketWorkflow"))
  @Query(() => TicketWorkflow, { description: "States, events, transitions and the Mermaid diagram of the ticket machine." })
  ticketWorkflow(): TicketWorkflow {
    const workflow = describeWorkflow();
    return {
      version: workflow.version,
      states: [...workflow.states],
      events: [...workflow.events],
      transitions: workflow.transitions.map(({ from, event, to, landsIn, guard, internal, kind }) => ({
        from,
        event,
        to: landsIn,
        declaredTarget: to,
        guard,
        internal,
        system: kind === "SYSTEM",
      })),
      mermaid: toMermaid(),
    };
  }

  @Authorized(rolesFor("Query.supportVehicles"))
  @Query(() => [SupportVehicleEntitlement], { description: "All four support vehicles and whether this partner may escalate through each." })
  supportVehicles(@Ctx() ctx: GraphQLContext): SupportVehicleEntitlement[] {
    return ctx.services.tickets.supportVehicles();
  }
}
