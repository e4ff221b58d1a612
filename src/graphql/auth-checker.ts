import type { AuthChecker } from "type-graphql";
import { isAgentRole } from "../auth/agent";
import type { GraphQLContext } from "./context";

/** `@Authorized(roles)` check: the caller's role must be one the access matrix lists. */
export const authChecker: AuthChecker<GraphQLContext> = ({ context }, roles) =>
  roles.length === 0 || (isAgentRole(context.agent.role) && roles.includes(context.agent.role));
