import { Field, ID, InputType, Int, InterfaceType, ObjectType } from "type-graphql";
import { EDITABLE_TICKET_FIELDS, type EditableTicketField, type Product, type Severity, type TicketCategory } from "../../../machines";
import { TICKET_ORDER_FIELDS, type SortDirection, type TicketOrderField } from "../../tickets/ticket-list.query";
import type { TimelineEntryKind } from "../../tickets/ticket-timeline";
import { AgentType } from "./agent.type";
import { connectionType, type ConnectionShape } from "./connection.factory";
import { graphqlEnum, ProductEnum } from "./enums";
import { SeverityEnum, TicketCategoryEnum, TicketEventTypeEnum } from "./ticket-enums";
import type { TicketEventType } from "../../../machines";
import { TicketStateCount } from "./ticket-action.type";

export const TicketOrderFieldEnum = graphqlEnum(TICKET_ORDER_FIELDS, {
  name: "TicketOrderField",
  description: "What a ticket list is sorted by; ties are broken by ticket id, so paging is stable in every order.",
  valuesConfig: {
    SEVERITY: { description: "MINIMAL < MODERATE < CRITICAL." },
    SLA_DUE: { description: "The next SLA deadline: first response until answered, then resolution. Tickets without one (paused, stopped) sort last ascending." },
  },
});

export const SortDirectionEnum = graphqlEnum(["ASC", "DESC"] as const, { name: "SortDirection" });

export const TicketFieldEnum = graphqlEnum(EDITABLE_TICKET_FIELDS.map((field) => field.toUpperCase() as Uppercase<EditableTicketField>), { name: "TicketField", description: "A ticket field an agent may correct (updateTicket)." });

@InputType({ description: "How to sort a ticket list." })
export class TicketOrder {
  @Field(() => TicketOrderFieldEnum)
  field: TicketOrderField;

  @Field(() => SortDirectionEnum, { nullable: true, defaultValue: "DESC" })
  direction: SortDirection | null;
}

@InputType({ description: "Corrections to a ticket; omitted fields stay as they are. Refused in final states." })
export class UpdateTicketInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => SeverityEnum, { nullable: true })
  severity?: Severity | null;

  @Field(() => ProductEnum, { nullable: true })
  product?: Product | null;

  @Field(() => TicketCategoryEnum, { nullable: true })
  category?: TicketCategory | null;
}

@ObjectType()
export class TicketStateValueCount {
  @Field(() => String, { description: 'Full state path, e.g. "escalated.withMicrosoft".' })
  stateValue: string;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: "How many tickets match a filter, per state: one query for a desk's tab bar." })
export class TicketCounts {
  @Field(() => Int)
  total: number;

  @Field(() => [TicketStateCount], { description: "Every top-level state in lifecycle order, zeros included." })
  byState: TicketStateCount[];

  @Field(() => [TicketStateValueCount], { description: "Full state paths that have tickets, in workflow order." })
  byStateValue: TicketStateValueCount[];
}

/** The entry kinds, mapped to their GraphQL object type names (resolveType). */
const ENTRY_TYPE_NAMES: Readonly<Record<TimelineEntryKind, string>> = {
  NOTE: "NoteEntry",
  CUSTOMER_QUESTION: "CustomerQuestionEntry",
  CUSTOMER_REPLY: "CustomerReplyEntry",
  RESOLUTION_PROPOSED: "ResolutionProposedEntry",
  RESOLUTION_REJECTED: "ResolutionRejectedEntry",
  MICROSOFT_MESSAGE: "MicrosoftMessageEntry",
  MICROSOFT_ANSWER: "MicrosoftAnswerEntry",
  ASSIGNMENT: "AssignmentEntry",
  FIELD_CHANGE: "FieldChangeEntry",
  STATE_CHANGE: "StateChangeEntry",
};

@InterfaceType({
  description: "One entry of a ticket's timeline. Ids are stable and unique (`<audit event id>:<part>`).",
  resolveType: (value: { kind: TimelineEntryKind }) => ENTRY_TYPE_NAMES[value.kind],
})
export abstract class TimelineEntry {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: "The audit event (Ticket.history) this entry comes from." })
  eventId: string;

  @Field(() => Int, { description: "That event's sequence in the ticket's history." })
  sequence: number;

  @Field(() => Date)
  at: Date;

  @Field(() => AgentType)
  actor: AgentType;

  kind: TimelineEntryKind;
}

@ObjectType({ implements: TimelineEntry, description: "An internal note (never shown to the customer)." })
export class NoteEntry extends TimelineEntry {
  @Field(() => String)
  text: string;
}

@ObjectType({ implements: TimelineEntry, description: "A question the desk asked the customer." })
export class CustomerQuestionEntry extends TimelineEntry {
  @Field(() => String)
  text: string;
}

@ObjectType({ implements: TimelineEntry, description: "The customer's reply, as the agent recorded it." })
export class CustomerReplyEntry extends TimelineEntry {
  @Field(() => String)
  text: string;
}

export const ResolutionSourceEnum = graphqlEnum(["PARTNER", "MICROSOFT"] as const, { name: "ResolutionSource", description: "Who proposed a resolution." });

@ObjectType({ implements: TimelineEntry, description: "A resolution put to the customer (by the desk or from Microsoft's closing note)." })
export class ResolutionProposedEntry extends TimelineEntry {
  @Field(() => String)
  summary: string;

  @Field(() => ResolutionSourceEnum)
  source: "PARTNER" | "MICROSOFT";
}

@ObjectType({ implements: TimelineEntry, description: "The customer turned a proposed resolution down." })
export class ResolutionRejectedEntry extends TimelineEntry {
  @Field(() => String)
  reason: string;
}

@ObjectType({ implements: TimelineEntry, description: "A message from Microsoft on the service request." })
export class MicrosoftMessageEntry extends TimelineEntry {
  @Field(() => String)
  text: string;
}

@ObjectType({ implements: TimelineEntry, description: "The desk's answer to Microsoft on the service request." })
export class MicrosoftAnswerEntry extends TimelineEntry {
  @Field(() => String)
  text: string;
}

@ObjectType({ implements: TimelineEntry, description: "The ticket was assigned, reassigned or unassigned." })
export class AssignmentEntry extends TimelineEntry {
  fromAgentId: string | null;
  toAgentId: string | null;
}

@ObjectType({ description: "One corrected field: old and new value." })
export class TicketFieldChange {
  @Field(() => TicketFieldEnum)
  field: Uppercase<EditableTicketField>;

  @Field(() => String)
  from: string;

  @Field(() => String)
  to: string;
}

@ObjectType({ implements: TimelineEntry, description: "Ticket fields corrected after opening (updateTicket)." })
export class FieldChangeEntry extends TimelineEntry {
  @Field(() => [TicketFieldChange])
  changes: TicketFieldChange[];
}

@ObjectType({ implements: TimelineEntry, description: "The ticket moved to another state." })
export class StateChangeEntry extends TimelineEntry {
  @Field(() => String, { nullable: true, description: "Full state path before; null when the ticket was opened." })
  fromState: string | null;

  @Field(() => String, { description: "Full state path after." })
  toState: string;

  @Field(() => TicketEventTypeEnum)
  eventType: TicketEventType;

  @Field(() => String, { nullable: true, description: "The reason given (cancel, reopen) or the filing error." })
  reason: string | null;
}

/** Every TimelineEntry implementation (the schema must list them: they are not returned by name). */
export const TIMELINE_ENTRY_TYPES = [
  NoteEntry,
  CustomerQuestionEntry,
  CustomerReplyEntry,
  ResolutionProposedEntry,
  ResolutionRejectedEntry,
  MicrosoftMessageEntry,
  MicrosoftAnswerEntry,
  AssignmentEntry,
  FieldChangeEntry,
  StateChangeEntry,
];

export const TimelineEntryConnection = connectionType("TimelineEntry", TimelineEntry as never);
export type TimelineEntryConnection = ConnectionShape<TimelineEntry>;

export const MessageDirectionEnum = graphqlEnum(["FROM_MICROSOFT", "TO_MICROSOFT"] as const, { name: "MessageDirection" });

@ObjectType({ description: "A message exchanged with Microsoft on the current escalation." })
export class EscalationMessage {
  @Field(() => ID, { description: "The same id as the message's timeline entry." })
  id: string;

  @Field(() => MessageDirectionEnum)
  direction: "FROM_MICROSOFT" | "TO_MICROSOFT";

  @Field(() => String)
  text: string;

  @Field(() => Date)
  at: Date;

  @Field(() => AgentType, { description: "The agent who answered, or the sync worker that read Microsoft's message." })
  author: AgentType;
}

