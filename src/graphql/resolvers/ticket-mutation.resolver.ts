import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import { rolesFor } from "../../auth/access-matrix";
import type { AgentCommand } from "../../tickets/ticket.service";
import { optionalVersion } from "../../tickets/ticket-input.validation";
import type { GraphQLContext } from "../context";
import { EscalationInput, OpenTicketInput, Ticket } from "../types/ticket.types";
import { toTicket } from "./ticket.mapper";

const ID_ARG = () => ID;
const VERSION_ARG = { nullable: true, description: "The version you read; refused with VERSION_CONFLICT if it moved on." } as const;

/** A ticket mutation: answers the ticket, open to the roles the access matrix gives "Mutation.ticket". */
function TicketCommand(): MethodDecorator {
  return (target, key, descriptor) => {
    Mutation(() => Ticket)(target, key, descriptor);
    Authorized(rolesFor("Mutation.ticket"))(target, key, descriptor);
  };
}

/** Every ticket mutation is one call into TicketService; the machine decides what is allowed. */
@Resolver(() => Ticket)
export class TicketMutationResolver {
  private async send(ctx: GraphQLContext, id: string, expectedVersion: number | null | undefined, command: AgentCommand): Promise<Ticket> {
    // The caller's token goes with the command: the service keeps it only if the transition is accepted (issue 13).
    const record = await ctx.services.tickets.send(ctx.agent, id, optionalVersion("expectedVersion", expectedVersion), command, ctx.reads, ctx.assertion);
    return toTicket(record);
  }

  @TicketCommand()
  async openTicket(
    @Arg("input", () => OpenTicketInput) input: OpenTicketInput,
    @Arg("idempotencyKey", () => String, { nullable: true }) idempotencyKey: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Ticket> {
    return toTicket(await ctx.services.tickets.openTicket(ctx.agent, input, idempotencyKey, ctx.reads));
  }

  @TicketCommand()
  startDiagnosis(
    @Arg("id", ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number | null,
    @Arg("assigneeId", () => ID, { nullable: true, description: "Defaults to the caller." }) assigneeId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Ticket> {
    return this.send(ctx, id, expectedVersion, { type: "START_DIAGNOSIS", assigneeId });
  }

  @TicketCommand()
  addDiagnosisNote(
    @Arg("id", ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number | null,
    @Arg("note", () => String) note: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Ticket> {
    return this.send(ctx, id, expectedVersion, { type: "ADD_DIAGNOSIS_NOTE", note });
  }

  @TicketCommand()
  async linkIncident(
    @Arg("id", ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number | null,
    @Arg("incidentId", () => ID) incidentId: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Ticket> {
    const record = await ctx.services.tickets.linkIncident(
      ctx.agent,
      id,
      optionalVersion("expectedVersion", expectedVersion),
      incidentId,
      (customerId) => ctx.reads.incidents(customerId, false),
      ctx.reads,
    );
    return toTicket(record);
  }

  @TicketCommand()
  requestCustomerInfo(
    @Arg("id", ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number | null,
    @Arg("question", () => String) question: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Ticket> {
    return this.send(ctx, id, expectedVersion, { type: "REQUEST_CUSTOMER_INFO", question });
  }

  @TicketCommand()
  recordCustomerReply(
    @Arg("id", ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number | null,
    @Arg("reply", () => String) reply: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Ticket> {
    return this.send(ctx, id, expectedVersion, { type: "RECORD_CUSTOMER_REPLY", reply });
  }

  @TicketCommand()
  proposeResolution(
    @Arg("id", ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number | null,
    @Arg("summary", () => String) summary: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Ticket> {
    return this.send(ctx, id, expectedVersion, { type: "PROPOSE_RESOLUTION", summary });
  }

  @TicketCommand()
  confirmResolution(
    @Arg("id", ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Ticket> {
    return this.send(ctx, id, expectedVersion, { type: "CONFIRM_RESOLUTION" });
  }

  @TicketCommand()
  rejectResolution(
    @Arg("id", ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number | null,
    @Arg("reason", () => String) reason: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Ticket> {
    return this.send(ctx, id, expectedVersion, { type: "REJECT_RESOLUTION", reason });
  }

  @TicketCommand()
  async escalateToMicrosoft(
    @Arg("id", ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number | null,
    @Arg("input", () => EscalationInput) input: EscalationInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Ticket> {
    const record = await ctx.services.tickets.escalate(
      ctx.agent,
      id,
      optionalVersion("expectedVersion", expectedVersion),
      input,
      () => ctx.reads.supportTopics(),
      ctx.reads,
      ctx.assertion,
    );
    return toTicket(record);
  }

  @TicketCommand()
  recordServiceRequestNumber(
    @Arg("id", ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number | null,
    @Arg("serviceRequestId", () => String) serviceRequestId: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Ticket> {
    return this.send(ctx, id, expectedVersion, { type: "RECORD_SERVICE_REQUEST_NUMBER", serviceRequestId });
  }

  @TicketCommand()
  retryEscalation(
    @Arg("id", ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Ticket> {
    return this.send(ctx, id, expectedVersion, { type: "RETRY_ESCALATION" });
  }

  @TicketCommand()
  respondToMicrosoft(
    @Arg("id", ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number | null,
    @Arg("note", () => String) note: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Ticket> {
    return this.send(ctx, id, expectedVersion, { type: "RESPOND_TO_MICROSOFT", note });
  }

  @TicketCommand()
  closeTicket(
    @Arg("id", ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Ticket> {
    return this.send(ctx, id, expectedVersion, { type: "CLOSE" });
  }

  @TicketCommand()
  reopenTicket(
    @Arg("id", ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number | null,
    @Arg("reason", () => String) reason: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Ticket> {
    return this.send(ctx, id, expectedVersion, { type: "REOPEN", reason });
  }

  @TicketCommand()
  cancelTicket(
    @Arg("id", ID_ARG) id: string,
    @Arg("expectedVersion", () => Int, VERSION_ARG) expectedVersion: number | null,
    @Arg("reason", () => String) reason: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Ticket> {
    return this.send(ctx, id, expectedVersion, { type: "CANCEL", reason });
  }
}
