import { Field, ID, ObjectType } from "type-graphql";
import type { AgentRole } from "../../auth/agent";
import { AgentRoleEnum } from "./enums";

@ObjectType("Agent", { description: "A desk agent (the caller, a ticket's assignee or an audit event's actor)." })
export class AgentType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  displayName: string;

  @Field(() => AgentRoleEnum)
  role: AgentRole | "SYSTEM";
}
