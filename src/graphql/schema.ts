import { createPubSub } from "@graphql-yoga/subscription";
import { buildSchema, type NonEmptyArray, type PubSub } from "type-graphql";
import type { GraphQLSchema } from "graphql";
import { authChecker } from "./auth-checker";
import { checkInputListLengths } from "./input-list-limit";
import { CustomerResolver } from "./resolvers/customer.resolver";
import { MeResolver } from "./resolvers/me.resolver";
import { IncidentPostResolver, ServiceIncidentResolver } from "./resolvers/service-incident.resolver";
import {
  CustomerSubscriptionVocabularyResolver,
  StateDurationVocabularyResolver,
  StateTimeMedianVocabularyResolver,
  TicketEventVocabularyResolver,
  TicketMetricsVocabularyResolver,
  TicketVocabularyResolver,
} from "./resolvers/ticket-vocabulary.resolver";
import { IncidentBoardResolver } from "./resolvers/incident-board.resolver";
import { SupportTopicResolver } from "./resolvers/support-topic.resolver";
import { TicketMutationResolver } from "./resolvers/ticket-mutation.resolver";
import { TicketWorkflowResolver } from "./resolvers/ticket-workflow.resolver";
import { CustomerTicketsResolver, TicketResolver } from "./resolvers/ticket.resolver";
import { TicketEventResolver } from "./resolvers/ticket-event.resolver";
import { AssignmentEntryResolver, DeskResolver, EscalationMessagesResolver } from "./resolvers/desk.resolver";
import { DateTimeScalar } from "./types/scalars";
import { TIMELINE_ENTRY_TYPES } from "./types/desk.types";
import { ReportingResolver } from "./reporting/reporting.resolver";
import { AlertResolver } from "./alerts/alert.resolver";
import { SupportOfferingResolver, TicketSlaBreachesResolver, TicketSlaResolver } from "./sla/sla.resolver";
import { SlaBreachesResolver } from "./sla/sla-breaches.resolver";
import { ExportLinkResolver } from "./reporting/export-link.resolver";

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS: NonEmptyArray<Function> = [
  MeResolver,
  CustomerResolver,
  ServiceIncidentResolver,
  IncidentPostResolver,
  IncidentBoardResolver,
  SupportTopicResolver,
  TicketResolver,
  CustomerTicketsResolver,
  TicketMutationResolver,
  TicketWorkflowResolver,
  DeskResolver,
  AssignmentEntryResolver,
  EscalationMessagesResolver,
  TicketSlaResolver,
  TicketSlaBreachesResolver,
  SupportOfferingResolver,
  ReportingResolver,
  TicketVocabularyResolver,
  TicketEventVocabularyResolver,
  StateDurationVocabularyResolver,
  StateTimeMedianVocabularyResolver,
  TicketMetricsVocabularyResolver,
  CustomerSubscriptionVocabularyResolver,
  TicketEventResolver,
  SlaBreachesResolver,
  ExportLinkResolver,
  AlertResolver,
];

/**
 * Builds the executable schema from the type-graphql classes (the SDL in schema/ is emitted from it).
 * `pubSub` is the gateway's (LiveTicketEvents.pubSub, Redis-backed with REDIS_URL); an in-process
 * one serves schema emission and tests.
 */
export function buildGatewaySchema(options: { pubSub?: PubSub } = {}): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    authMode: "error",
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    // Timeline entry types are reached only through the TimelineEntry interface.
    orphanedTypes: TIMELINE_ENTRY_TYPES,
    validate: false,
    // Every list argument and input field is bounded (BAD_USER_INPUT), see input-list-limit.ts.
    validateFn: checkInputListLengths,
    // graphql-yoga's PubSub, the one type-graphql is built on; ticketEvents subscribes through
    // LiveTicketEvents.stream (tenant checks, gaps, replay) on top of it.
    pubSub: options.pubSub ?? createPubSub(),
  });
}
