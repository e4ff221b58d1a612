import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import type {
  EscalationChannel,
  Product,
  ServiceRequestStatus,
  Severity,
  SupportVehicle,
  TicketCategory,
  TicketEventType,
} from "../../../machines";
import type { TicketStatus } from "../../../machines";
import type { TicketChannel } from "../../tickets/ticket-channel";
import type { TicketNoteKind } from "../../tickets/ticket-notes";
import type { TicketState } from "../../tickets/ticket-state";
import { AgentType } from "./agent.type";
import { ProductEnum } from "./enums";
import { connectionType, type ConnectionShape } from "./connection.factory";
import { JSONScalar } from "./scalars";
import {
  EscalationChannelEnum,
  ServiceRequestStatusEnum,
  SeverityEnum,
  SupportVehicleEnum,
  TicketCategoryEnum,
  TicketEventTypeEnum,
  TicketStateEnum,
} from "./ticket-enums";
import { SupportTopic } from "./customer.types";
import { TicketChannelEnum, TicketNoteKindEnum, TicketStatusEnum } from "./vocabulary.enums";

@ObjectType({ description: "A support ticket, run through the ticket workflow (see ticketWorkflow)." })
export class Ticket {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  title: string;

  @Field(() => String)
  description: string;

  /** Resolved to `customer` by the ticket resolver; not exposed as a field. */
  customerId: string;

  @Field(() => TicketStateEnum, { description: "Top-level state, e.g. DIAGNOSIS." })
  state: TicketState;

  @Field(() => String, { description: 'Full state path, e.g. "escalated.withMicrosoft".', deprecationReason: "Use status." })
  stateValue: string;

  @Field(() => TicketCategoryEnum)
  category: TicketCategory;

  @Field(() => ProductEnum)
  product: Product;

  @Field(() => SeverityEnum)
  severity: Severity;

  @Field(() => String, {
    nullable: true,
    description: "Where the request came in, as given when it was opened (free text).",
    deprecationReason: "Use channelKind (an enum).",
  })
  channel: string | null;

  @Field(() => Int, { description: "Optimistic concurrency token: pass it as expectedVersion." })
  version: number;

  @Field(() => Int, { description: "Version of the ticket machine this ticket's snapshot was made with." })
  machineVersion: number;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date)
  updatedAt: Date;

  /** Set by the service; not fields themselves. */
  assigneeId: string | null;
  snapshot: unknown;
}

@ObjectType({ description: "A note or message on a ticket." })
export class TicketNote {
  @Field(() => ID, { description: "Stable id: the id of the audit event that carries the note." })
  id: string;

  @Field(() => String)
  text: string;

  @Field(() => Date)
  at: Date;

  @Field(() => AgentType)
  author: AgentType;

  @Field(() => TicketNoteKindEnum)
  kind: TicketNoteKind;
}

@ObjectType({ description: "A printable case packet for filing through the Partner Center portal." })
export class CasePacket {
  @Field(() => String)
  title: string;

  @Field(() => String)
  description: string;

  @Field(() => SeverityEnum)
  severity: Severity;

  @Field(() => SupportTopic, { nullable: true })
  supportTopic: SupportTopic | null;

  @Field(() => String, { nullable: true })
  contact: string | null;

  @Field(() => String)
  portalUrl: string;
}

@ObjectType({ description: "The ticket's current escalation to Microsoft." })
export class Escalation {
  @Field(() => SupportVehicleEnum)
  vehicle: SupportVehicle;

  @Field(() => EscalationChannelEnum)
  channel: EscalationChannel;

  @Field(() => String, { nullable: true })
  serviceRequestId: string | null;

  @Field(() => ServiceRequestStatusEnum, { nullable: true })
  serviceRequestStatus: ServiceRequestStatus | null;

  @Field(() => Date, { nullable: true })
  filedAt: Date | null;

  @Field(() => SupportTopic, { nullable: true })
  supportTopic: SupportTopic | null;

  @Field(() => ID)
  supportTopicId: string;

  @Field(() => SeverityEnum)
  severity: Severity;

  @Field(() => Date, { nullable: true })
  lastSyncedAt: Date | null;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => CasePacket, { nullable: true, description: "Set while awaiting filing through the portal." })
  casePacket: CasePacket | null;

  /** The ticket it belongs to (for `messages`); not a field. */
  ticketId?: string;
}

@ObjectType({ description: "One accepted transition in a ticket's append-only, hash-chained audit trail." })
export class TicketEvent {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  ticketId: string;

  @Field(() => ID)
  customerId: string;

  @Field(() => Int)
  sequence: number;

  @Field(() => TicketEventTypeEnum)
  type: TicketEventType;

  @Field(() => String, { description: 'State path before the event; "" for OPEN.', deprecationReason: "Use fromStatus (null for OPEN)." })
  fromState: string;

  @Field(() => String, { description: "State path after the event.", deprecationReason: "Use toStatus." })
  toState: string;

  @Field(() => AgentType)
  actor: AgentType;

  @Field(() => Date)
  at: Date;

  @Field(() => JSONScalar, { nullable: true })
  payload: Record<string, unknown> | null;

  @Field(() => Int)
  machineVersion: number;

  @Field(() => String, { nullable: true })
  previousHash: string | null;

  @Field(() => String, { description: "SHA-256 over the canonical event and the previous hash." })
  hash: string;

  @Field(() => Int, {
    nullable: true,
    description:
      "Place in the one order of all audit events across tickets (1, 2, 3 ... without gaps). " +
      "Resume live events after it with ticketEvents(afterSequence:). Null only for events written before the global chain existed.",
  })
  globalSequence: number | null;
}

export const TicketEventConnection = connectionType("TicketEvent", TicketEvent);
export type TicketEventConnection = ConnectionShape<TicketEvent>;

export const TicketConnection = connectionType("Ticket", Ticket);
export type TicketConnection = ConnectionShape<Ticket>;

@ObjectType()
export class WorkflowTransition {
  @Field(() => String, { description: "State path the transition is declared on (a compound state covers all its children)." })
  from: string;

  @Field(() => TicketEventTypeEnum)
  event: TicketEventType;

  @Field(() => String, {
    description: "The leaf state the ticket lands in (ESCALATE: escalated.filing). For an internal transition, equal to from.",
  })
  to: string;

  @Field(() => String, { description: "The target as declared in the machine (ESCALATE: escalated); equal to from for an internal transition." })
  declaredTarget: string;

  @Field(() => String, { nullable: true, description: "Name of the guard that must pass (null when unguarded), e.g. escalationAllowed; validEvent checks the event's own input." })
  guard: string | null;

  @Field(() => Boolean, { description: "True when the event changes the ticket's context only, never its state." })
  internal: boolean;

  @Field(() => Boolean, { description: "True for events the gateway sends itself (Microsoft sync, incident watch), never an agent." })
  system: boolean;
}

@ObjectType({ description: "The ticket machine itself: the single source of which events are allowed when." })
export class TicketWorkflow {
  @Field(() => Int)
  version: number;

  @Field(() => [String], { description: "Every state path, e.g. escalated.withMicrosoft." })
  states: string[];

  @Field(() => [TicketEventTypeEnum])
  events: TicketEventType[];

  @Field(() => [WorkflowTransition])
  transitions: WorkflowTransition[];

  @Field(() => String, { description: "Mermaid stateDiagram-v2 text (same as machines/support-ticket.mmd)." })
  mermaid: string;
}

@ObjectType({ description: "A support vehicle and whether this partner may escalate through it." })
export class SupportVehicleEntitlement {
  @Field(() => SupportVehicleEnum)
  vehicle: SupportVehicle;

  @Field(() => Boolean)
  entitled: boolean;

  @Field(() => [TicketCategoryEnum])
  categories: TicketCategory[];

  @Field(() => String, { nullable: true, description: "Contract id or competency that grants it." })
  reference: string | null;
}

@InputType()
export class TicketFilter {
  @Field(() => [TicketStateEnum], { nullable: true })
  state?: TicketState[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Full state paths, e.g. "escalated.filingFailed".',
    deprecationReason: "Use status.",
  })
  stateValue?: string[] | null;

  @Field(() => [TicketStatusEnum], { nullable: true, description: "Tickets in any of these statuses (e.g. ESCALATED_FILING_FAILED)." })
  status?: TicketStatus[] | null;

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => ID, { nullable: true })
  assigneeId?: string | null;

  @Field(() => [SeverityEnum], { nullable: true })
  severity?: Severity[] | null;

  @Field(() => [TicketCategoryEnum], { nullable: true })
  category?: TicketCategory[] | null;

  @Field(() => [ProductEnum], { nullable: true })
  product?: Product[] | null;

  @Field(() => String, {
    nullable: true,
    description: "Words that must all occur in title or description (prefix match, case-insensitive; letters and digits only).",
  })
  search?: string | null;

  @Field(() => Date, { nullable: true, description: "Created at or after." })
  createdFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: "Created before." })
  createdTo?: Date | null;

  @Field(() => Date, { nullable: true, description: "Updated at or after." })
  updatedFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: "Updated before." })
  updatedTo?: Date | null;

  @Field(() => Boolean, { nullable: true, description: "true: only tickets with a recorded SLA breach; false: only those without." })
  breached?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "true: only tickets nobody is assigned to; false: only assigned ones. Not with assigneeId." })
  unassigned?: boolean | null;
}

@InputType()
export class OpenTicketInput {
  @Field(() => ID, { description: "The customer's tenant id." })
  customerId: string;

  @Field(() => String)
  title: string;

  @Field(() => String)
  description: string;

  @Field(() => TicketCategoryEnum)
  category: TicketCategory;

  @Field(() => ProductEnum)
  product: Product;

  @Field(() => SeverityEnum)
  severity: Severity;

  @Field(() => String, { nullable: true, description: "Free text (kept for older clients); channelKind wins when both are given." })
  channel?: string | null;

  @Field(() => TicketChannelEnum, { nullable: true, description: "Where the request came in." })
  channelKind?: TicketChannel | null;
}

@InputType()
export class EscalationInput {
  @Field(() => SupportVehicleEnum)
  vehicle: SupportVehicle;

  @Field(() => ID)
  supportTopicId: string;

  @Field(() => SeverityEnum, { nullable: true, description: "Defaults to the ticket's severity." })
  severity?: Severity | null;

  @Field(() => String, { nullable: true, description: "Defaults to the ticket's description and diagnosis notes." })
  description?: string | null;
}
