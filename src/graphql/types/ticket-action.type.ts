import { Field, Int, ObjectType } from "type-graphql";
import type { AgentEventType } from "../../../machines";
import type { TicketState } from "../../tickets/ticket-state";
import { TicketEventTypeEnum, TicketStateEnum } from "./ticket-enums";

@ObjectType({ description: "Something the caller may do to a ticket now: the event and the mutation that sends it." })
export class TicketAction {
  @Field(() => TicketEventTypeEnum)
  event: Exclude<AgentEventType, "OPEN">;

  @Field(() => String, { description: "Name of the Mutation field that sends the event, e.g. escalateToMicrosoft for ESCALATE." })
  mutation: string;

  @Field(() => String, { description: "A short English button label, e.g. \"Escalate to Microsoft\"." })
  label: string;
}

@ObjectType({ description: "How many tickets are in one top-level state." })
export class TicketStateCount {
  @Field(() => TicketStateEnum)
  state: TicketState;

  @Field(() => Int)
  count: number;
}
