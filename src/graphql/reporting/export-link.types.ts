import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import type { TicketEventType } from "../../../machines";
import { TicketEventTypeEnum } from "../types/ticket-enums";

export enum ExportKindEnum {
  AUDIT = "audit",
  TICKETS = "tickets",
}
registerEnumType(ExportKindEnum, {
  name: "ExportKind",
  description: "AUDIT: one row per audit event (/exports/audit.*). TICKETS: one row per ticket with its SLA (/exports/tickets.*).",
});

export enum ExportFormatEnum {
  CSV = "csv",
  NDJSON = "ndjson",
}
registerEnumType(ExportFormatEnum, { name: "ExportFormat", description: "RFC 4180 CSV with a header, or one JSON object per line." });

@InputType({ description: "The export a signed link downloads, and its filter (AUDIT takes all fields, TICKETS customerId, assigneeId, from and to)." })
export class ExportLinkInput {
  @Field(() => ExportKindEnum)
  export: ExportKindEnum;

  @Field(() => ExportFormatEnum)
  format: ExportFormatEnum;

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => ID, { nullable: true, description: "AUDIT only." })
  ticketId?: string | null;

  @Field(() => ID, { nullable: true, description: "AUDIT only: agent id, or system:<component>." })
  actorId?: string | null;

  @Field(() => [TicketEventTypeEnum], { nullable: true, description: "AUDIT only." })
  eventTypes?: TicketEventType[] | null;

  @Field(() => ID, { nullable: true, description: "TICKETS only: the current assignee." })
  assigneeId?: string | null;

  @Field(() => Date, { nullable: true, description: "Inclusive (AUDIT: event time; TICKETS: opened)." })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "Exclusive." })
  to?: Date | null;
}

@ObjectType({ description: "A short-lived signed download link: open it without any header (a browser link or fetch)." })
export class ExportLink {
  @Field(() => String, { description: "Absolute URL, carrying a signed token for this one export (never a bearer token)." })
  url: string;

  @Field(() => String, { description: "The same URL relative to the gateway." })
  path: string;

  @Field(() => Date, { description: "The link is refused (401) after this instant." })
  expiresAt: Date;
}
