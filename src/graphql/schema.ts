import { buildSchema, type NonEmptyArray } from "type-graphql";
import type { GraphQLSchema } from "graphql";
import { authChecker } from "./auth-checker";
import { checkInputListLengths } from "./input-list-limit";
import { CustomerResolver } from "./resolvers/customer.resolver";
import { MeResolver } from "./resolvers/me.resolver";
import { ServiceIncidentResolver } from "./resolvers/service-incident.resolver";
import { SupportTopicResolver } from "./resolvers/support-topic.resolver";
import { TicketMutationResolver } from "./resolvers/ticket-mutation.resolver";
import { TicketWorkflowResolver } from "./resolvers/ticket-workflow.resolver";
import { CustomerTicketsResolver, TicketResolver } from "./resolvers/ticket.resolver";
import { DateTimeScalar } from "./types/scalars";
import { ReportingResolver } from "../reporting/graphql/reporting.resolver";
import { SUBSCRIBE_FUNCTION_PUBSUB } from "../reporting/live/subscribe-function.pubsub";
import { AlertResolver } from "../alerts/graphql/alert.resolver";
import { SupportOfferingResolver, TicketSlaBreachesResolver, TicketSlaResolver } from "../sla/graphql/sla.resolver";

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS: NonEmptyArray<Function> = [
  MeResolver,
  CustomerResolver,
  ServiceIncidentResolver,
  SupportTopicResolver,
  TicketResolver,
  CustomerTicketsResolver,
  TicketMutationResolver,
  TicketWorkflowResolver,
  TicketSlaResolver,
  TicketSlaBreachesResolver,
  SupportOfferingResolver,
  ReportingResolver,
  AlertResolver,
];

/** Builds the executable schema from the type-graphql classes (the SDL in schema/ is emitted from it). */
export function buildGatewaySchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    authMode: "error",
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    // Every list argument and input field is bounded (BAD_USER_INPUT), see input-list-limit.ts.
    validateFn: checkInputListLengths,
    // Subscriptions bring their own `subscribe` functions; type-graphql still wants a PubSub.
    pubSub: SUBSCRIBE_FUNCTION_PUBSUB,
  });
}
