import { Authorized, Ctx, Query, Resolver } from "type-graphql";
import { rolesFor } from "../../auth/access-matrix";
import type { GraphQLContext } from "../context";
import { AgentType } from "../types/agent.type";

@Resolver()
export class MeResolver {
  @Authorized(rolesFor("Query.me"))
  @Query(() => AgentType, { description: "The calling agent." })
  me(@Ctx() ctx: GraphQLContext): AgentType {
    return ctx.agent;
  }
}
